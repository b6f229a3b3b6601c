import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  type BusinessCalendar,
  businessCalendarIssues,
  defaultBusinessCalendar,
  elapsedSlaTime,
  type SlaClockMode,
  SlaHorizonError,
  type SlaPause,
  slaDueAt,
  slaStatus,
  type WorkingInterval,
} from './sla';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** A Shanghai wall-clock reading as an instant (the zone has no DST: always +08:00). */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (d: Date) => d.toISOString();

const nineToSix = (): WorkingInterval[] => [{ start: '09:00', end: '18:00' }];
const weekOf = (hours: () => WorkingInterval[]): BusinessCalendar['week'] => ({
  0: [],
  1: hours(),
  2: hours(),
  3: hours(),
  4: hours(),
  5: hours(),
  6: [],
});

// National Day 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked (调休).
const shanghai: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  week: weekOf(nineToSix),
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
};

const withLunch: BusinessCalendar = {
  ...shanghai,
  week: weekOf(() => [
    { start: '09:00', end: '12:00' },
    { start: '13:30', end: '18:00' },
  ]),
};

const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  week: weekOf(nineToSix),
  holidays: [],
  workdays: [],
};

const allDay = (timeZone: string, hours: WorkingInterval[] = [{ start: '00:00', end: '24:00' }]) => ({
  timeZone,
  week: { 0: hours, 1: hours, 2: hours, 3: hours, 4: hours, 5: hours, 6: hours },
  holidays: [],
  workdays: [],
});

describe('addBusinessTime', () => {
  it('carries a ticket opened Friday 17:30 with a 1-hour target to Monday 09:30', () => {
    // 2026-03-06 is a Friday.
    expect(iso(addBusinessTime(sh('2026-03-06T17:30:00'), HOUR, shanghai))).toBe(
      iso(sh('2026-03-09T09:30:00')),
    );
  });

  it('starts counting after a holiday when a ticket is opened on one', () => {
    // Friday 3 October 2025 is National Day; the next working day is Thursday the 9th.
    expect(iso(addBusinessTime(sh('2025-10-03T10:00:00'), 2 * HOUR, shanghai))).toBe(
      iso(sh('2025-10-09T11:00:00')),
    );
  });

  it('starts counting at opening time when a ticket arrives before hours', () => {
    expect(iso(addBusinessTime(sh('2026-03-09T07:15:00'), HOUR, shanghai))).toBe(
      iso(sh('2026-03-09T10:00:00')),
    );
    expect(iso(addBusinessTime(sh('2026-03-09T20:00:00'), HOUR, shanghai))).toBe(
      iso(sh('2026-03-10T10:00:00')),
    );
  });

  it('counts a 调休 weekend day, with Monday’s hours unless others are set', () => {
    // Friday 10 October 2025 is an ordinary workday after the holiday week; Saturday the 11th is a make-up day.
    expect(iso(addBusinessTime(sh('2025-10-10T17:00:00'), 4 * HOUR, shanghai))).toBe(
      iso(sh('2025-10-11T12:00:00')),
    );
    // Saturday 27 September is off, Sunday 28 September is worked.
    expect(iso(addBusinessTime(sh('2025-09-26T17:00:00'), 2 * HOUR, shanghai))).toBe(
      iso(sh('2025-09-28T10:00:00')),
    );
    const lateStart = { ...shanghai, workdayHours: [{ start: '10:00', end: '16:00' }] };
    expect(iso(addBusinessTime(sh('2025-10-10T17:00:00'), 4 * HOUR, lateStart))).toBe(
      iso(sh('2025-10-11T13:00:00')),
    );
  });

  it('excludes the lunch break', () => {
    expect(iso(addBusinessTime(sh('2026-03-09T11:00:00'), 2 * HOUR, withLunch))).toBe(
      iso(sh('2026-03-09T14:30:00')),
    );
    expect(iso(addBusinessTime(sh('2026-03-09T12:15:00'), 30 * MIN, withLunch))).toBe(
      iso(sh('2026-03-09T14:00:00')),
    );
  });

  it('ends at the close of a day rather than the next morning when the target fits exactly', () => {
    expect(iso(addBusinessTime(sh('2026-03-06T17:00:00'), HOUR, shanghai))).toBe(
      iso(sh('2026-03-06T18:00:00')),
    );
  });

  it('answers an email within 24 wall-clock hours in calendar mode, weekends and holidays included', () => {
    expect(iso(addBusinessTime(sh('2026-03-06T17:30:00'), 24 * HOUR, shanghai, 'calendar'))).toBe(
      iso(sh('2026-03-07T17:30:00')),
    );
    expect(iso(addBusinessTime(sh('2025-10-01T08:00:00'), 24 * HOUR, shanghai, 'calendar'))).toBe(
      iso(sh('2025-10-02T08:00:00')),
    );
  });

  it('walks 30 business days day by day', () => {
    // Monday 9 March 2026 09:00 plus six working weeks ends Friday 17 April at closing time.
    expect(iso(addBusinessTime(sh('2026-03-09T09:00:00'), 30 * 9 * HOUR, shanghai))).toBe(
      iso(sh('2026-04-17T18:00:00')),
    );
  });

  it('returns the start itself for a zero target, even outside hours', () => {
    const start = sh('2026-03-07T03:00:00');
    expect(iso(addBusinessTime(start, 0, shanghai))).toBe(iso(start));
  });

  it('refuses negative or non-finite amounts and invalid dates', () => {
    expect(() => addBusinessTime(sh('2026-03-09T09:00:00'), -1, shanghai)).toThrow(RangeError);
    expect(() => addBusinessTime(sh('2026-03-09T09:00:00'), Number.NaN, shanghai)).toThrow(RangeError);
    expect(() => addBusinessTime(new Date('nope'), HOUR, shanghai)).toThrow(/start/);
  });

  it('gives up with a clear error when the calendar has no working time', () => {
    const empty: BusinessCalendar = { ...shanghai, week: weekOf(() => []), workdays: [] };
    expect(() => addBusinessTime(sh('2026-03-09T09:00:00'), HOUR, empty)).toThrow(SlaHorizonError);
    expect(() => addBusinessTime(sh('2026-03-09T09:00:00'), HOUR, empty)).toThrow(/no working time/);
    // Measuring is still fine: nothing counts.
    expect(elapsedSlaTime(sh('2026-03-09T09:00:00'), sh('2026-04-09T09:00:00'), empty)).toBe(0);
  });
});

describe('daylight saving time (America/New_York)', () => {
  it('counts business hours across the spring-forward weekend', () => {
    // Friday 6 March 2026 17:00 EST; clocks go forward on Sunday the 8th; Monday 10:00 is EDT.
    expect(iso(addBusinessTime(new Date('2026-03-06T22:00:00Z'), 2 * HOUR, newYork))).toBe(
      '2026-03-09T14:00:00.000Z',
    );
    expect(elapsedSlaTime(new Date('2026-03-06T14:00:00Z'), new Date('2026-03-09T22:00:00Z'), newYork)).toBe(
      18 * HOUR,
    );
  });

  it('counts the real 23 and 25 hours of the days the clocks change', () => {
    const cal = allDay('America/New_York');
    // Sunday 8 March 2026 runs from 05:00Z to 04:00Z the next day; Sunday 1 November from 04:00Z to 05:00Z.
    expect(elapsedSlaTime(new Date('2026-03-08T05:00:00Z'), new Date('2026-03-09T04:00:00Z'), cal)).toBe(
      23 * HOUR,
    );
    expect(elapsedSlaTime(new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T05:00:00Z'), cal)).toBe(
      25 * HOUR,
    );
    // Saturday noon EST plus 24 real hours is Sunday 13:00 EDT.
    expect(iso(addBusinessTime(new Date('2026-03-07T17:00:00Z'), 24 * HOUR, cal))).toBe(
      '2026-03-08T17:00:00.000Z',
    );
  });

  it('places intervals that touch the skipped or repeated hour', () => {
    const early = allDay('America/New_York', [{ start: '01:00', end: '04:00' }]);
    const day = (d: string) => elapsedSlaTime(new Date(`${d}T00:00:00Z`), new Date(`${d}T23:59:00Z`), early);
    expect(day('2026-03-07')).toBe(3 * HOUR);
    expect(day('2026-03-08')).toBe(2 * HOUR); // 02:00–03:00 never happens
    expect(day('2026-11-01')).toBe(4 * HOUR); // 01:00–02:00 happens twice
    // 02:30 does not exist on 8 March: the interval starts once the clocks have jumped, 03:30 EDT.
    const gap = allDay('America/New_York', [{ start: '02:30', end: '05:00' }]);
    expect(iso(addBusinessTime(new Date('2026-03-08T05:00:00Z'), 1, gap))).toBe('2026-03-08T07:30:00.001Z');
  });
});

describe('elapsedSlaTime', () => {
  it('counts only business time, minus pauses', () => {
    const start = sh('2026-03-06T17:30:00');
    expect(elapsedSlaTime(start, sh('2026-03-09T09:30:00'), shanghai)).toBe(HOUR);
    expect(elapsedSlaTime(start, sh('2026-03-09T09:30:00'), shanghai, 'calendar')).toBe(64 * HOUR);
    expect(
      elapsedSlaTime(start, sh('2026-03-09T12:00:00'), shanghai, 'business', [
        { from: sh('2026-03-09T10:00:00'), to: sh('2026-03-09T11:00:00') },
      ]),
    ).toBe(2.5 * HOUR); // Friday 17:30–18:00 and Monday 09:00–10:00 and 11:00–12:00
  });

  it('is 0 when the end is not after the start', () => {
    expect(elapsedSlaTime(sh('2026-03-09T12:00:00'), sh('2026-03-09T10:00:00'), shanghai)).toBe(0);
    expect(elapsedSlaTime(sh('2026-03-09T12:00:00'), sh('2026-03-09T12:00:00'), shanghai, 'calendar')).toBe(
      0,
    );
  });

  it('merges overlapping pauses, ignores those outside the range and those ending before they start', () => {
    const start = sh('2026-03-09T09:00:00');
    const end = sh('2026-03-09T18:00:00');
    const pauses: SlaPause[] = [
      { from: sh('2026-03-09T10:30:00'), to: sh('2026-03-09T11:30:00') },
      { from: sh('2026-03-09T11:00:00'), to: sh('2026-03-09T12:00:00') },
      { from: sh('2026-03-06T10:00:00'), to: sh('2026-03-06T12:00:00') }, // before the ticket
      { from: sh('2026-03-09T15:00:00'), to: sh('2026-03-09T14:00:00') }, // bad data
    ];
    expect(elapsedSlaTime(start, end, shanghai, 'business', pauses)).toBe(9 * HOUR - 90 * MIN);
    expect(elapsedSlaTime(start, end, shanghai, 'business', [])).toBe(9 * HOUR);
  });

  it('excludes everything after an open pause began', () => {
    expect(
      elapsedSlaTime(sh('2026-03-09T09:00:00'), sh('2026-03-10T18:00:00'), shanghai, 'business', [
        { from: sh('2026-03-09T11:00:00'), to: null },
      ]),
    ).toBe(2 * HOUR);
  });
});

describe('slaDueAt', () => {
  const start = sh('2026-03-09T10:00:00');

  it('moves the deadline by the business time inside a pause', () => {
    const now = sh('2026-03-09T13:00:00');
    expect(iso(slaDueAt(start, 4 * HOUR, shanghai, 'business', [], now))).toBe(
      iso(sh('2026-03-09T14:00:00')),
    );
    const lunchPause = [{ from: sh('2026-03-09T10:30:00'), to: sh('2026-03-09T12:30:00') }];
    expect(iso(slaDueAt(start, 4 * HOUR, shanghai, 'business', lunchPause, now))).toBe(
      iso(sh('2026-03-09T16:00:00')),
    );
    // Only one hour of the 17:00–19:00 wait was business time: the deadline moves one business hour.
    const evening = [{ from: sh('2026-03-09T17:00:00'), to: sh('2026-03-09T19:00:00') }];
    const later = sh('2026-03-09T20:00:00');
    expect(iso(slaDueAt(start, 8 * HOUR, shanghai, 'business', [], later))).toBe(
      iso(sh('2026-03-09T18:00:00')),
    );
    expect(iso(slaDueAt(start, 8 * HOUR, shanghai, 'business', evening, later))).toBe(
      iso(sh('2026-03-10T10:00:00')),
    );
  });

  it('ends open pauses now and ignores what has not happened yet', () => {
    const open = [{ from: sh('2026-03-09T11:00:00'), to: null }];
    expect(iso(slaDueAt(start, 4 * HOUR, shanghai, 'business', open, sh('2026-03-09T12:00:00')))).toBe(
      iso(sh('2026-03-09T15:00:00')),
    );
    const future = [{ from: sh('2026-03-09T12:00:00'), to: sh('2026-03-09T13:00:00') }];
    expect(iso(slaDueAt(start, 4 * HOUR, shanghai, 'business', future, sh('2026-03-09T11:00:00')))).toBe(
      iso(sh('2026-03-09T14:00:00')),
    );
  });

  it('is not moved by a pause that began after the deadline', () => {
    const late = [{ from: sh('2026-03-09T15:00:00'), to: sh('2026-03-09T17:00:00') }];
    expect(iso(slaDueAt(start, 4 * HOUR, shanghai, 'business', late, sh('2026-03-09T17:30:00')))).toBe(
      iso(sh('2026-03-09T14:00:00')),
    );
  });
});

describe('slaStatus', () => {
  const base = {
    startedAt: sh('2026-03-09T10:00:00'),
    targetMs: 4 * HOUR,
    calendar: shanghai,
    mode: 'business' as SlaClockMode,
  };

  it('runs, warns within warnBeforeMs, then breaches', () => {
    expect(slaStatus({ ...base, now: sh('2026-03-09T13:00:00'), warnBeforeMs: 30 * MIN })).toEqual({
      state: 'running',
      elapsedMs: 3 * HOUR,
      remainingMs: HOUR,
      dueAt: sh('2026-03-09T14:00:00'),
    });
    expect(slaStatus({ ...base, now: sh('2026-03-09T13:45:00'), warnBeforeMs: 30 * MIN })).toMatchObject({
      state: 'warning',
      remainingMs: 15 * MIN,
    });
    expect(slaStatus({ ...base, now: sh('2026-03-09T13:45:00') }).state).toBe('running');
    expect(slaStatus({ ...base, now: sh('2026-03-09T15:00:00'), warnBeforeMs: 30 * MIN })).toMatchObject({
      state: 'breached',
      remainingMs: -HOUR,
    });
  });

  it('is breached after a deadline at closing time although no business time has passed since', () => {
    const s = slaStatus({ ...base, startedAt: sh('2026-03-06T14:00:00'), now: sh('2026-03-07T10:00:00') });
    expect(s).toMatchObject({ state: 'breached', remainingMs: 0, dueAt: sh('2026-03-06T18:00:00') });
  });

  it('is paused while waiting on the customer, the deadline projected as if the wait ended now', () => {
    const s = slaStatus({
      ...base,
      now: sh('2026-03-09T12:00:00'),
      pauses: [{ from: sh('2026-03-09T11:00:00'), to: null }],
      warnBeforeMs: 4 * HOUR,
    });
    expect(s).toEqual({
      state: 'paused',
      elapsedMs: HOUR,
      remainingMs: 3 * HOUR,
      dueAt: sh('2026-03-09T15:00:00'),
    });
  });

  it('stays breached when the wait began after the deadline', () => {
    const s = slaStatus({
      ...base,
      now: sh('2026-03-09T16:00:00'),
      pauses: [{ from: sh('2026-03-09T15:00:00'), to: null }],
    });
    expect(s).toMatchObject({ state: 'breached', elapsedMs: 5 * HOUR, dueAt: sh('2026-03-09T14:00:00') });
  });

  it('is met on or before the deadline and breached_met after it', () => {
    const now = sh('2026-03-10T09:00:00');
    expect(slaStatus({ ...base, now, metAt: sh('2026-03-09T13:00:00') })).toMatchObject({
      state: 'met',
      elapsedMs: 3 * HOUR,
      remainingMs: HOUR,
    });
    expect(slaStatus({ ...base, now, metAt: sh('2026-03-09T14:00:00') }).state).toBe('met');
    expect(slaStatus({ ...base, now, metAt: sh('2026-03-09T14:30:00') })).toMatchObject({
      state: 'breached_met',
      elapsedMs: 4.5 * HOUR,
      remainingMs: -30 * MIN,
      dueAt: sh('2026-03-09T14:00:00'),
    });
  });

  it('meets a zero target only at once', () => {
    const zero = { ...base, targetMs: 0, now: sh('2026-03-09T11:00:00') };
    expect(slaStatus({ ...zero, metAt: base.startedAt }).state).toBe('met');
    expect(slaStatus({ ...zero, metAt: sh('2026-03-09T10:00:30') }).state).toBe('breached_met');
    expect(slaStatus(zero)).toMatchObject({ state: 'breached', dueAt: base.startedAt });
  });

  it('answers email in 24 wall-clock hours in calendar mode', () => {
    const s = slaStatus({
      startedAt: sh('2026-03-06T17:30:00'),
      targetMs: 24 * HOUR,
      now: sh('2026-03-07T09:30:00'),
      calendar: shanghai,
      mode: 'calendar',
      warnBeforeMs: 2 * HOUR,
    });
    expect(s).toEqual({
      state: 'running',
      elapsedMs: 16 * HOUR,
      remainingMs: 8 * HOUR,
      dueAt: sh('2026-03-07T17:30:00'),
    });
  });

  it('has not started before startedAt', () => {
    expect(slaStatus({ ...base, now: sh('2026-03-09T08:00:00') })).toMatchObject({
      state: 'running',
      elapsedMs: 0,
    });
  });
});

describe('businessCalendarIssues', () => {
  it('accepts the default and the examples', () => {
    expect(businessCalendarIssues(defaultBusinessCalendar)).toEqual([]);
    expect(businessCalendarIssues(shanghai)).toEqual([]);
    expect(businessCalendarIssues(withLunch)).toEqual([]);
    expect(businessCalendarIssues(allDay('America/New_York'))).toEqual([]);
  });

  it('names the field of each problem', () => {
    const bad: BusinessCalendar = {
      timeZone: 'Mars/Olympus',
      week: {
        ...weekOf(nineToSix),
        1: [
          { start: '09:00', end: '12:00' },
          { start: '11:30', end: '18:00' },
        ],
        2: [{ start: '18:00', end: '09:00' }],
        3: [{ start: '9:00', end: '25:00' }],
        4: [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '18:00' },
        ],
      },
      holidays: ['2025-02-30', '2025-10-01', '2025-10-01'],
      workdays: ['2025-10-01', 'tomorrow'],
      workdayHours: [],
    };
    const issues = businessCalendarIssues(bad).map((i) => `${i.path}:${i.code}`);
    expect(issues).toEqual([
      'timeZone:invalid_time_zone',
      'week.1.1:overlaps',
      'week.2.0.end:not_after_start',
      'week.3.0.start:invalid_time',
      'week.3.0.end:invalid_time',
      'workdayHours:no_working_time',
      'holidays.0:invalid_date',
      'holidays.2:duplicate',
      'workdays.1:invalid_date',
      'workdays.0:also_holiday',
    ]);
  });

  it('rejects a calendar without any weekly working time, and missing days', () => {
    const none = { ...shanghai, week: weekOf(() => []) };
    expect(businessCalendarIssues(none).map((i) => `${i.path}:${i.code}`)).toEqual(['week:no_working_time']);
    const missing = { ...shanghai, week: { 1: nineToSix() } } as unknown as BusinessCalendar;
    expect(businessCalendarIssues(missing).map((i) => i.path)).toEqual([
      'week.0',
      'week.2',
      'week.3',
      'week.4',
      'week.5',
      'week.6',
    ]);
  });
});

describe('properties', () => {
  // 2024–2027, every millisecond.
  const instant = fc
    .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) })
    .map((t) => new Date(t));
  const calendars = fc.constantFrom(shanghai, withLunch, newYork, allDay('America/New_York'));
  const modes = fc.constantFrom<SlaClockMode>('business', 'calendar');
  const amount = fc.integer({ min: 0, max: 200 * HOUR });
  const pausesAfter = (start: Date) =>
    fc
      .array(
        fc.record({
          offset: fc.integer({ min: -2 * DAY, max: 20 * DAY }),
          length: fc.option(fc.integer({ min: -HOUR, max: 3 * DAY }), { nil: null }),
        }),
        { maxLength: 5 },
      )
      .map((list) =>
        list.map(({ offset, length }): SlaPause => {
          const from = start.getTime() + offset;
          return { from: new Date(from), to: length === null ? null : new Date(from + length) };
        }),
      );
  const withPauses = fc
    .tuple(instant, calendars, modes)
    .chain(([start, cal, mode]) =>
      fc.tuple(fc.constant(start), fc.constant(cal), fc.constant(mode), pausesAfter(start)),
    );

  it('measures back exactly the time it added', () => {
    fc.assert(
      fc.property(instant, amount, calendars, modes, (start, ms, cal, mode) => {
        expect(elapsedSlaTime(start, addBusinessTime(start, ms, cal, mode), cal, mode)).toBe(ms);
      }),
    );
  });

  it('never lets a later end reduce the elapsed time, and adds up over consecutive ranges', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 30 * DAY }),
        fc.integer({ min: 0, max: 30 * DAY }),
        calendars,
        modes,
        (start, d1, d2, cal, mode) => {
          const mid = new Date(start.getTime() + d1);
          const end = new Date(mid.getTime() + d2);
          const first = elapsedSlaTime(start, mid, cal, mode);
          const whole = elapsedSlaTime(start, end, cal, mode);
          expect(whole).toBeGreaterThanOrEqual(first);
          expect(first + elapsedSlaTime(mid, end, cal, mode)).toBe(whole);
        },
      ),
    );
  });

  it('never counts more than the wall clock, and exactly the wall clock in calendar mode', () => {
    fc.assert(
      fc.property(instant, instant, calendars, (a, b, cal) => {
        const wall = Math.max(0, b.getTime() - a.getTime());
        expect(elapsedSlaTime(a, b, cal, 'business')).toBeLessThanOrEqual(wall);
        expect(elapsedSlaTime(a, b, cal, 'calendar')).toBe(wall);
      }),
    );
  });

  it('never counts more with pauses, nor brings a deadline forward', () => {
    fc.assert(
      fc.property(
        withPauses,
        fc.integer({ min: 0, max: 30 * DAY }),
        amount,
        ([start, cal, mode, pauses], span, target) => {
          const end = new Date(start.getTime() + span);
          expect(elapsedSlaTime(start, end, cal, mode, pauses)).toBeLessThanOrEqual(
            elapsedSlaTime(start, end, cal, mode),
          );
          const plain = addBusinessTime(start, target, cal, mode);
          expect(slaDueAt(start, target, cal, mode, pauses, end).getTime()).toBeGreaterThanOrEqual(
            plain.getTime(),
          );
        },
      ),
    );
  });

  it('keeps status, elapsed time and deadline consistent', () => {
    fc.assert(
      fc.property(
        withPauses,
        fc.integer({ min: -DAY, max: 30 * DAY }),
        amount,
        ([start, cal, mode, pauses], span, target) => {
          const now = new Date(start.getTime() + span);
          const s = slaStatus({ startedAt: start, targetMs: target, now, calendar: cal, mode, pauses });
          expect(s.remainingMs).toBe(target - s.elapsedMs);
          expect(s.elapsedMs).toBe(
            elapsedSlaTime(
              start,
              now,
              cal,
              mode,
              pauses.map((p) => ({ ...p, to: p.to ?? now })),
            ),
          );
          expect(s.state === 'breached').toBe(now > s.dueAt);
          // A deadline still ahead has exactly the remaining counted time left before it.
          if (s.state !== 'breached') {
            const frozen = pauses.map((p) => ({
              from: p.from,
              to: p.to === null || p.to > now ? now : p.to,
            }));
            expect(elapsedSlaTime(start, s.dueAt, cal, mode, frozen)).toBe(target);
          }
        },
      ),
    );
  });
});
