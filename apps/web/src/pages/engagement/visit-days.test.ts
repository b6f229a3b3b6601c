import { describe, expect, it } from 'vitest';
import { addDays, compareStops, groupByDay, weekDays, weekday, weekStart } from './visit-days';

const visit = (id: string, plannedOn: string, stopOrder: number | null, plannedTime: string | null) => ({
  id,
  plannedOn,
  stopOrder,
  plannedTime,
});

describe('week arithmetic', () => {
  it('starts weeks on Monday and crosses months and years', () => {
    expect(weekday('2026-12-03')).toBe(4); // a Thursday
    expect(weekStart('2026-12-03')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30'); // Sunday belongs to the week before
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(weekDays('2026-12-28')).toEqual([
      '2026-12-28',
      '2026-12-29',
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
    ]);
  });
});

describe('a day of stops', () => {
  it('orders by stop number, then time, unnumbered and untimed last', () => {
    const list = [
      visit('e', '2026-12-03', null, null),
      visit('d', '2026-12-03', null, '09:00'),
      visit('c', '2026-12-03', 2, '08:00'),
      visit('a', '2026-12-03', 1, '15:00'),
      visit('b', '2026-12-03', 2, null),
    ];
    expect([...list].sort(compareStops).map((v) => v.id)).toEqual(['a', 'c', 'b', 'd', 'e']);
  });

  it('groups a week by day, every day present and in order', () => {
    const days = weekDays('2026-11-30');
    const groups = groupByDay(
      [
        visit('x', '2026-12-02', 2, null),
        visit('y', '2026-12-02', 1, null),
        visit('z', '2026-11-30', null, null),
      ],
      days,
    );
    expect(groups.map((g) => g.day)).toEqual(days);
    expect(groups[0]?.visits.map((v) => v.id)).toEqual(['z']);
    expect(groups[2]?.visits.map((v) => v.id)).toEqual(['y', 'x']);
    expect(groups[1]?.visits).toEqual([]);
  });
});
