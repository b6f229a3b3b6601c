import { describe, expect, it } from 'vitest';
import { bestUnit, durationParts, fromMs, toMs } from './durations';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('toMs / fromMs', () => {
  it.each([
    [30, 'minutes', 30 * MINUTE],
    [0.5, 'minutes', 30_000],
    [24, 'hours', 24 * HOUR],
    [1, 'businessDays', 9 * HOUR],
    [3, 'businessDays', 27 * HOUR],
    [1.5, 'hours', 90 * MINUTE],
  ] as const)('%d %s ↔ %d ms', (value, unit, ms) => {
    expect(toMs(value, unit)).toBe(ms);
    expect(fromMs(ms, unit)).toBe(value);
  });

  it('rounds to whole milliseconds', () => {
    expect(Number.isInteger(toMs(1 / 3, 'minutes'))).toBe(true);
  });

  it('reads a business day as nine hours, not twenty-four', () => {
    expect(fromMs(24 * HOUR, 'businessDays')).toBeCloseTo(2.667, 3);
  });
});

describe('bestUnit', () => {
  it('uses business days only for business-time targets', () => {
    expect(bestUnit(27 * HOUR, 'business')).toEqual({ value: 3, unit: 'businessDays' });
    expect(bestUnit(18 * HOUR, 'calendar')).toEqual({ value: 18, unit: 'hours' });
  });
  it('falls back to hours, then minutes', () => {
    expect(bestUnit(4 * HOUR, 'business')).toEqual({ value: 4, unit: 'hours' });
    expect(bestUnit(90 * MINUTE, 'calendar')).toEqual({ value: 90, unit: 'minutes' });
    expect(bestUnit(30_000, 'calendar')).toEqual({ value: 0.5, unit: 'minutes' });
  });
  it('round-trips what it chose', () => {
    for (const ms of [30_000, MINUTE, HOUR, 9 * HOUR, 24 * HOUR, 45 * HOUR, 100 * MINUTE]) {
      for (const mode of ['business', 'calendar'] as const) {
        const { value, unit } = bestUnit(ms, mode);
        expect(toMs(value, unit)).toBe(ms);
      }
    }
  });
});

describe('durationParts', () => {
  it('describes the DOMAIN defaults', () => {
    expect(durationParts(30_000)).toEqual({ key: 'seconds', count: 30 });
    expect(durationParts(24 * HOUR)).toEqual({ key: 'hours', count: 24 });
    expect(durationParts(MINUTE)).toEqual({ key: 'minutes', count: 1 });
    expect(durationParts(27 * HOUR, 'business')).toEqual({ key: 'businessDays', count: 3 });
    expect(durationParts(95 * MINUTE)).toEqual({ key: 'hoursMinutes', hours: 1, minutes: 35 });
  });
});
