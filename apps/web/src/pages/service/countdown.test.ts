import { describe, expect, it } from 'vitest';
import { countdown, durationParts, formatDuration, queueTone, timerTone } from './countdown';

const zh = { days: '天', hours: '小时', minutes: '分', seconds: '秒', separator: '' };
const en = { days: 'd', hours: 'h', minutes: 'm', seconds: 's', separator: ' ' };
const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('durationParts', () => {
  it('splits a duration into days, hours, minutes and seconds', () => {
    expect(durationParts(2 * D + 3 * H + 4 * M + 5 * S)).toEqual({
      over: false,
      days: 2,
      hours: 3,
      minutes: 4,
      seconds: 5,
    });
  });

  it('marks a negative duration as over and counts its size', () => {
    expect(durationParts(-(1 * H + 30 * M))).toEqual({
      over: true,
      days: 0,
      hours: 1,
      minutes: 30,
      seconds: 0,
    });
  });

  it('drops the milliseconds rather than rounding up to the next second', () => {
    expect(durationParts(59_999).minutes).toBe(0);
    expect(durationParts(59_999).seconds).toBe(59);
  });
});

describe('formatDuration', () => {
  it('shows days and hours when a day or more is left', () => {
    expect(formatDuration(2 * D + 3 * H + 59 * M, zh)).toBe('2天3小时');
    expect(formatDuration(2 * D + 3 * H, en)).toBe('2d 3h');
    expect(formatDuration(1 * D + 20 * M, zh)).toBe('1天');
  });

  it('shows hours and minutes under a day', () => {
    expect(formatDuration(5 * H + 7 * M + 30 * S, zh)).toBe('5小时7分');
    expect(formatDuration(5 * H, en)).toBe('5h');
  });

  it('shows minutes and seconds under an hour, seconds under a minute', () => {
    expect(formatDuration(12 * M + 5 * S, zh)).toBe('12分5秒');
    expect(formatDuration(12 * M, en)).toBe('12m');
    expect(formatDuration(30 * S, zh)).toBe('30秒');
    expect(formatDuration(0, en)).toBe('0s');
  });

  it('formats a negative duration by its size (the caller says "over")', () => {
    expect(formatDuration(-(3 * H + 5 * M), zh)).toBe('3小时5分');
    expect(formatDuration(-(26 * H), en)).toBe('1d 2h');
  });
});

describe('countdown', () => {
  const now = Date.parse('2026-12-04T02:00:00Z');

  it('counts the time left to the deadline', () => {
    expect(countdown('2026-12-04T04:30:00Z', false, now, zh)).toEqual({ kind: 'left', text: '2小时30分' });
  });

  it('counts the time over once the deadline has passed', () => {
    expect(countdown('2026-12-03T23:00:00Z', false, now, zh)).toEqual({ kind: 'over', text: '3小时' });
  });

  it('stands still while the ticket waits on the customer, whatever the deadline', () => {
    expect(countdown('2026-12-03T23:00:00Z', true, now, zh)).toEqual({ kind: 'paused' });
    expect(countdown(null, true, now, zh)).toEqual({ kind: 'paused' });
  });

  it('shows nothing without a deadline (resolved, closed) or with an unreadable one', () => {
    expect(countdown(null, false, now, zh)).toEqual({ kind: 'none' });
    expect(countdown('not a date', false, now, zh)).toEqual({ kind: 'none' });
  });
});

describe('timerTone', () => {
  const now = Date.parse('2026-12-04T02:00:00Z');
  const later = '2026-12-04T05:00:00Z';
  const earlier = '2026-12-04T01:00:00Z';

  it('follows the server state: met green, met late red, paused grey, warning orange, running blue', () => {
    expect(timerTone({ state: 'met', dueAt: earlier }, now)).toBe('green');
    expect(timerTone({ state: 'breached_met', dueAt: earlier }, now)).toBe('red');
    expect(timerTone({ state: 'breached', dueAt: earlier }, now)).toBe('red');
    expect(timerTone({ state: 'paused', dueAt: earlier }, now)).toBe('grey');
    expect(timerTone({ state: 'warning', dueAt: later }, now)).toBe('orange');
    expect(timerTone({ state: 'running', dueAt: later }, now)).toBe('blue');
  });

  it('turns a running or warning clock red as soon as its deadline passes on screen', () => {
    expect(timerTone({ state: 'running', dueAt: earlier }, now)).toBe('red');
    expect(timerTone({ state: 'warning', dueAt: earlier }, now)).toBe('red');
    expect(timerTone({ state: 'running', dueAt: '2026-12-04T02:00:00Z' }, now)).toBe('red');
  });

  it('keeps a met clock green even though its deadline is behind it', () => {
    expect(timerTone({ state: 'met', dueAt: earlier }, now)).toBe('green');
  });
});

describe('queueTone', () => {
  const now = Date.parse('2026-12-04T02:00:00Z');
  const at = (ms: number) => new Date(now + ms).toISOString();
  const row = (
    nextDueAt: string | null,
    extra: { waiting?: boolean; resolutionBreached?: boolean; warned?: boolean } = {},
  ) => ({
    nextDueAt,
    nextWarned: extra.warned ?? false,
    waiting: extra.waiting ?? false,
    resolutionBreached: extra.resolutionBreached ?? false,
  });

  it('is grey while waiting on the customer', () => {
    expect(queueTone(row(null, { waiting: true }), now)).toBe('grey');
    expect(queueTone(row(at(-H), { waiting: true }), now)).toBe('grey');
  });

  it('is red once the deadline has passed, orange once the owner was warned, blue before', () => {
    expect(queueTone(row(at(-M)), now)).toBe('red');
    expect(queueTone(row(at(0)), now)).toBe('red');
    expect(queueTone(row(at(-M), { warned: true }), now)).toBe('red');
    // A business-hours deadline on Monday morning is warned on Friday afternoon: 64 h away.
    expect(queueTone(row(at(64 * H), { warned: true }), now)).toBe('orange');
    expect(queueTone(row(at(30 * M), { warned: true }), now)).toBe('orange');
    expect(queueTone(row(at(30 * M)), now)).toBe('blue');
  });

  it('stays red for a breached resolution, and shows nothing for a finished ticket', () => {
    expect(queueTone(row(at(D), { resolutionBreached: true }), now)).toBe('red');
    expect(queueTone(row(null, { resolutionBreached: true }), now)).toBe('red');
    expect(queueTone(row(null), now)).toBeNull();
  });
});
