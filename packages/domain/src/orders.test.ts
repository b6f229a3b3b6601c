import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateInTimeZone, orderDateProblem, twelveMonthsStart } from './orders';

describe('dateInTimeZone', () => {
  it('is the calendar date in the business time zone, not in UTC', () => {
    const morning = new Date('2026-11-24T23:30:00Z'); // 07:30 on the 25th in Shanghai
    expect(dateInTimeZone(morning, 'Asia/Shanghai')).toBe('2026-11-25');
    expect(dateInTimeZone(morning, 'UTC')).toBe('2026-11-24');
  });
});

describe('orderDateProblem', () => {
  const today = '2026-11-25';
  it('accepts today and the past back to 1990', () => {
    expect(orderDateProblem('2026-11-25', today)).toBeNull();
    expect(orderDateProblem('2024-02-29', today)).toBeNull();
    expect(orderDateProblem('1990-01-01', today)).toBeNull();
  });
  it('refuses impossible dates, dates after today and typing mistakes from long ago', () => {
    expect(orderDateProblem('2026-02-30', today)).toBe('impossible');
    expect(orderDateProblem('2026-11-5', today)).toBe('impossible');
    expect(orderDateProblem('2026-11-26', today)).toBe('in_future');
    expect(orderDateProblem('1926-11-25', today)).toBe('too_old');
  });
  it('allows a tolerance of days ahead when configured', () => {
    expect(orderDateProblem('2026-11-26', today, 1)).toBeNull();
    expect(orderDateProblem('2026-11-27', today, 1)).toBe('in_future');
  });
});

describe('twelveMonthsStart', () => {
  it('starts the day after the same date a year before', () => {
    expect(twelveMonthsStart('2026-11-25')).toBe('2025-11-26');
    expect(twelveMonthsStart('2026-01-01')).toBe('2025-01-02');
    expect(twelveMonthsStart('2026-12-31')).toBe('2026-01-01');
    expect(twelveMonthsStart('2028-02-29')).toBe('2027-03-01');
  });
  it('always spans 365 or 366 days including today', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1995-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        (d) => {
          const today = d.toISOString().slice(0, 10);
          const start = twelveMonthsStart(today);
          const days = (Date.parse(today) - Date.parse(start)) / 86_400_000 + 1;
          expect([365, 366]).toContain(days);
          expect(addDays(start, days - 1)).toBe(today);
        },
      ),
    );
  });
});
