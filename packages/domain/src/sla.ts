import type { SlaClockMode } from '@weixi/shared';
import { isRealDate } from './import-values';
import { addDays, dateInTimeZone } from './orders';
import { type SettingsIssue, zoneOffsetMs } from './pool';

/**
 * The SLA clock of service tickets (DOMAIN §5): response and resolution targets count either
 * business time — the company's working hours in its time zone, minus public holidays (法定节假日),
 * plus the weekend make-up workdays (调休) — or plain wall-clock time ("email answered within
 * 24 h"). The clock stops while a ticket waits on the customer. Pure: `now`, the calendar and the
 * pauses come in as arguments.
 *
 * Local wall times are turned into instants per day with the zone's own rules, so a clock in a
 * zone with daylight saving counts the real 23 or 25 hours of the days the clocks change.
 */

// ---------- calendar ----------

/** Local wall-clock times 'HH:MM'; `end` may be '24:00', the next midnight. */
export interface WorkingInterval {
  start: string;
  end: string;
}

/** 0 = Sunday … 6 = Saturday, as `Date#getDay` counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const weekdays: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/**
 * Working hours of a company. Treat a calendar as an immutable value: what is derived from it is
 * cached per object, so build a new object when the settings change.
 */
export interface BusinessCalendar {
  /** IANA zone the hours are read in. */
  timeZone: string;
  /** Working intervals per weekday; an empty list is a day off. */
  week: Record<Weekday, WorkingInterval[]>;
  /** Dates (YYYY-MM-DD) off whatever their weekday: public holidays and their bridge days. */
  holidays: string[];
  /** Dates (YYYY-MM-DD) worked whatever their weekday: 调休 make-up days, usually a Saturday or Sunday. */
  workdays: string[];
  /** Hours of a make-up workday; absent: Monday's, since the State Council notices shift a weekday. */
  workdayHours?: WorkingInterval[];
}

const weekdayHours = (): WorkingInterval[] => [{ start: '09:00', end: '18:00' }];

/**
 * Mon–Fri 09:00–18:00 in Shanghai, with no holidays: the holiday lists change every year with the
 * State Council's notice, so an administrator enters them; they cannot be computed.
 */
export const defaultBusinessCalendar: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  week: {
    0: [],
    1: weekdayHours(),
    2: weekdayHours(),
    3: weekdayHours(),
    4: weekdayHours(),
    5: weekdayHours(),
    6: [],
  },
  holidays: [],
  workdays: [],
};

/** 'business': only working hours count; 'calendar': every hour counts (24/7). */
export type { SlaClockMode };

/** The ticket waited on the customer from `from` to `to`; `to` null: it still waits. */
export interface SlaPause {
  from: Date;
  to: Date | null;
}

/**
 * How far ahead a deadline is looked for. No service target is ten years long, so a walk that
 * gets this far means the calendar has (next to) no working time, and an error beats a hang.
 */
export const slaHorizonDays = 3660;

export class SlaHorizonError extends RangeError {
  constructor(start: Date, mode: SlaClockMode) {
    super(
      `no SLA deadline within ${slaHorizonDays} days of ${start.toISOString()}` +
        (mode === 'business' ? ': the business calendar has (next to) no working time' : ''),
    );
    this.name = 'SlaHorizonError';
  }
}

// ---------- calendar validation ----------

const timePattern = /^(\d{2}):(\d{2})$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after midnight, or null; '24:00' is allowed (as an end). */
function parseTime(s: unknown): number | null {
  const m = typeof s === 'string' ? timePattern.exec(s) : null;
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

function isDate(s: unknown): boolean {
  const m = typeof s === 'string' ? datePattern.exec(s) : null;
  return !!m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function intervalIssues(list: unknown, path: string, issues: SettingsIssue[]): number {
  if (!Array.isArray(list)) {
    issues.push({ path, code: 'required', message: 'must be a list of working intervals (empty: day off)' });
    return 0;
  }
  const valid: Array<{ start: number; end: number; i: number; text: string }> = [];
  (list as unknown[]).forEach((item, i) => {
    const iv = (typeof item === 'object' && item !== null ? item : {}) as Partial<
      Record<keyof WorkingInterval, unknown>
    >;
    const start = parseTime(iv.start);
    const end = parseTime(iv.end);
    if (start === null || start === 24 * 60) {
      issues.push({
        path: `${path}.${i}.start`,
        code: 'invalid_time',
        message: 'must be a time HH:MM from 00:00 to 23:59',
      });
    }
    if (end === null) {
      issues.push({
        path: `${path}.${i}.end`,
        code: 'invalid_time',
        message: 'must be a time HH:MM from 00:00 to 24:00',
      });
    }
    if (start === null || end === null) return;
    if (end <= start) {
      issues.push({
        path: `${path}.${i}.end`,
        code: 'not_after_start',
        message: 'must be later than the start',
      });
      return;
    }
    valid.push({ start, end, i, text: `${iv.start}–${iv.end}` });
  });
  valid.sort((a, b) => a.start - b.start);
  let working = 0;
  let prev: (typeof valid)[number] | undefined;
  for (const cur of valid) {
    // Touching intervals (one ends 12:00, the next starts 12:00) are fine; sharing a minute is a typing mistake.
    if (prev && cur.start < prev.end) {
      issues.push({
        path: `${path}.${cur.i}`,
        code: 'overlaps',
        message: `overlaps the interval ${prev.text}`,
      });
    }
    working += cur.end - cur.start;
    if (!prev || cur.end > prev.end) prev = cur;
  }
  return working;
}

function dateListIssues(list: unknown, path: string, issues: SettingsIssue[]): Set<string> {
  const seen = new Set<string>();
  if (!Array.isArray(list)) {
    issues.push({ path, code: 'required', message: 'must be a list of dates YYYY-MM-DD' });
    return seen;
  }
  (list as unknown[]).forEach((d, i) => {
    if (!isDate(d)) {
      issues.push({ path: `${path}.${i}`, code: 'invalid_date', message: 'must be a real date YYYY-MM-DD' });
    } else if (seen.has(d as string)) {
      issues.push({ path: `${path}.${i}`, code: 'duplicate', message: `${d} is listed twice` });
    } else {
      seen.add(d as string);
    }
  });
  return seen;
}

/** What is wrong with a calendar, each issue named by the field a settings form shows it beside. */
export function businessCalendarIssues(cal: BusinessCalendar): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  try {
    zoneOffsetMs(0, cal.timeZone);
  } catch {
    issues.push({
      path: 'timeZone',
      code: 'invalid_time_zone',
      message: 'must be an IANA time zone such as Asia/Shanghai',
    });
  }
  let weekMinutes = 0;
  const week = (typeof cal.week === 'object' && cal.week !== null ? cal.week : {}) as Partial<
    Record<Weekday, unknown>
  >;
  for (const d of weekdays) weekMinutes += intervalIssues(week[d], `week.${d}`, issues);
  if (cal.workdayHours !== undefined) {
    const minutes = intervalIssues(cal.workdayHours, 'workdayHours', issues);
    if (Array.isArray(cal.workdayHours) && minutes === 0) {
      issues.push({
        path: 'workdayHours',
        code: 'no_working_time',
        message: 'a make-up workday needs working hours',
      });
    }
  }
  // Holidays and make-up days are finite lists: without weekly hours a deadline is soon unreachable.
  if (weekMinutes === 0) {
    issues.push({
      path: 'week',
      code: 'no_working_time',
      message: 'at least one weekday needs working hours',
    });
  }
  const holidays = dateListIssues(cal.holidays, 'holidays', issues);
  const workdays = dateListIssues(cal.workdays, 'workdays', issues);
  if (Array.isArray(cal.workdays)) {
    cal.workdays.forEach((d, i) => {
      if (holidays.has(d) && workdays.has(d)) {
        issues.push({
          path: `workdays.${i}`,
          code: 'also_holiday',
          message: `${d} is also listed as a holiday`,
        });
      }
    });
  }
  return issues;
}

// ---------- time zone arithmetic ----------

// formatToParts costs ~4 µs; a deadline walk asks for each day's offset, and a ticket list walks
// the same days for every row, so offsets are kept per zone and date.
const dateOffsets = new Map<string, Map<string, number>>();
const dateOffsetsLimit = 50_000;

/** The zone's offset at an instant shortly before `date` begins anywhere on Earth. */
function offsetBefore(date: string, timeZone: string): number {
  let byDate = dateOffsets.get(timeZone);
  if (!byDate) {
    byDate = new Map();
    dateOffsets.set(timeZone, byDate);
  }
  let o = byDate.get(date);
  if (o === undefined) {
    // Zones run from UTC−12 to UTC+14: 15 h before UTC midnight precedes local midnight everywhere.
    o = zoneOffsetMs(Date.parse(`${date}T00:00:00Z`) - 15 * HOUR, timeZone);
    if (byDate.size >= dateOffsetsLimit) byDate.clear();
    byDate.set(date, o);
  }
  return o;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The instant a wall-clock reading (expressed as if it were UTC) happens in the zone, given the
 * offsets before and after the day. A reading the clocks skip (spring forward) is read on the old
 * offset, landing just after the jump; a reading that happens twice (fall back) is its first time.
 */
function wallToInstant(wall: number, before: number, after: number, timeZone: string): number {
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyValid = zoneOffsetMs(early, timeZone) === before;
  const lateValid = zoneOffsetMs(late, timeZone) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (lateValid) return late;
  return early;
}

// ---------- day plans ----------

/** [from, to) in epoch milliseconds. */
type Span = [number, number];

interface DayPlan {
  /** Working spans of the local date, in order, as instants. */
  spans: Span[];
  /** The instant the next local date begins. */
  end: number;
}

interface CompiledCalendar {
  timeZone: string;
  /** Per weekday, merged working intervals in minutes after midnight. */
  week: Span[][];
  workdayHours: Span[];
  holidays: Set<string>;
  workdays: Set<string>;
  plans: Map<string, DayPlan>;
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>();
const plansLimit = 20_000;

/** Valid intervals in minutes, sorted, overlaps merged: the clock never counts a minute twice. */
function toMinutes(list: readonly WorkingInterval[] | undefined): Span[] {
  const spans: Span[] = [];
  for (const iv of list ?? []) {
    const start = parseTime(iv.start);
    const end = parseTime(iv.end);
    if (start !== null && end !== null && end > start) spans.push([start, end]);
  }
  return mergeSpans(spans);
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function compile(cal: BusinessCalendar): CompiledCalendar {
  let c = compiled.get(cal);
  if (!c) {
    const week = weekdays.map((d) => toMinutes(cal.week[d]));
    c = {
      timeZone: cal.timeZone,
      week,
      workdayHours: cal.workdayHours ? toMinutes(cal.workdayHours) : week[1]!,
      holidays: new Set(cal.holidays),
      workdays: new Set(cal.workdays),
      plans: new Map(),
    };
    compiled.set(cal, c);
  }
  return c;
}

function hoursOn(cal: CompiledCalendar, date: string): Span[] {
  // A date on both lists is rejected by validation; should one slip through, the holiday wins.
  if (cal.holidays.has(date)) return [];
  if (cal.workdays.has(date)) return cal.workdayHours;
  return cal.week[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
}

function dayPlan(cal: CompiledCalendar, date: string): DayPlan {
  const cached = cal.plans.get(date);
  if (cached) return cached;
  const tz = cal.timeZone;
  const midnight = Date.parse(`${date}T00:00:00Z`);
  // Offsets at either side of a three-day window: equal unless the clocks change nearby (no zone
  // changes twice in three days), and then each reading is placed on its own side of the change.
  const before = offsetBefore(date, tz);
  const after = offsetBefore(addDays(date, 3), tz);
  const at = (minutes: number) => wallToInstant(midnight + minutes * MINUTE, before, after, tz);
  const spans: Span[] = [];
  let prevEnd = Number.NEGATIVE_INFINITY;
  for (const [s, e] of hoursOn(cal, date)) {
    // An interval starting in a skipped hour could land before the previous one's end.
    const from = Math.max(at(s), prevEnd);
    const to = at(e);
    if (to > from) spans.push([from, to]);
    prevEnd = Math.max(prevEnd, to);
  }
  const plan = { spans, end: at(24 * 60) };
  if (cal.plans.size >= plansLimit) cal.plans.clear();
  cal.plans.set(date, plan);
  return plan;
}

/** Working spans within [fromMs, untilMs), in order, day by day (never minute by minute). */
function* workingSpans(cal: CompiledCalendar, fromMs: number, untilMs: number): Generator<Span> {
  let date = dateInTimeZone(new Date(fromMs), cal.timeZone);
  for (let day = 0; ; day++) {
    if (day > slaHorizonDays && untilMs === Number.POSITIVE_INFINITY) {
      throw new SlaHorizonError(new Date(fromMs), 'business');
    }
    const plan = dayPlan(cal, date);
    for (const [a, b] of plan.spans) {
      if (b <= fromMs) continue;
      if (a >= untilMs) return;
      yield [Math.max(a, fromMs), Math.min(b, untilMs)];
    }
    if (plan.end >= untilMs) return;
    date = addDays(date, 1);
  }
}

/** Counted spans within [fromMs, untilMs): working (or all) time minus the merged, sorted pauses. */
function* countedSpans(
  cal: BusinessCalendar,
  mode: SlaClockMode,
  fromMs: number,
  untilMs: number,
  pauses: readonly Span[],
): Generator<Span> {
  const base: Iterable<Span> =
    mode === 'calendar' ? [[fromMs, untilMs]] : workingSpans(compile(cal), fromMs, untilMs);
  let p = 0;
  for (const [from, to] of base) {
    let a = from;
    while (p < pauses.length && pauses[p]![1] <= a) p++;
    for (let q = p; q < pauses.length && a < to; q++) {
      const [pa, pb] = pauses[q]!;
      if (pa >= to) break;
      if (pa > a) yield [a, pa];
      a = Math.max(a, pb);
    }
    if (a < to) yield [a, to];
  }
}

/** Pauses clipped to [lo, hi), an open pause lasting to `hi`; sorted, overlaps merged. */
function pauseSpans(pauses: readonly SlaPause[], lo: number, hi: number): Span[] {
  const spans: Span[] = [];
  for (const p of pauses) {
    const from = Math.max(p.from.getTime(), lo);
    const to = Math.min(p.to === null ? Number.POSITIVE_INFINITY : p.to.getTime(), hi);
    // A pause ending before it starts is bad data; it pauses nothing.
    if (to > from) spans.push([from, to]);
  }
  return mergeSpans(spans);
}

function instant(d: Date, name: string): number {
  const t = d.getTime();
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

function checkTarget(ms: number): void {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`SLA time must be a finite non-negative number, got ${ms}`);
}

/** The earliest instant at which `ms` of counted time has passed since `startMs`. */
function walk(
  cal: BusinessCalendar,
  mode: SlaClockMode,
  startMs: number,
  ms: number,
  pauses: readonly Span[],
): number {
  // The earliest such instant for no time at all is the start itself, even outside working hours.
  if (ms === 0) return startMs;
  let left = ms;
  for (const [a, b] of countedSpans(cal, mode, startMs, Number.POSITIVE_INFINITY, pauses)) {
    if (b - a >= left) {
      const due = a + left;
      if (due - startMs > slaHorizonDays * DAY) break;
      return due;
    }
    left -= b - a;
  }
  throw new SlaHorizonError(new Date(startMs), mode);
}

// ---------- the clock ----------

/**
 * The deadline when `ms` of counted time has passed after `start`: in business mode only working
 * hours count, so a deadline falls inside working hours (or at the end of an interval, never the
 * next morning). Throws SlaHorizonError when that is more than `slaHorizonDays` days away.
 */
export function addBusinessTime(
  start: Date,
  ms: number,
  calendar: BusinessCalendar,
  mode: SlaClockMode = 'business',
): Date {
  checkTarget(ms);
  return new Date(walk(calendar, mode, instant(start, 'start'), ms, []));
}

/**
 * Counted milliseconds between `start` and `end`: outside pauses and, in business mode, inside
 * working hours; 0 when `end` is not after `start`. An open pause excludes everything after it began.
 */
export function elapsedSlaTime(
  start: Date,
  end: Date,
  calendar: BusinessCalendar,
  mode: SlaClockMode = 'business',
  pauses: readonly SlaPause[] = [],
): number {
  const s = instant(start, 'start');
  const e = instant(end, 'end');
  if (e <= s) return 0;
  let total = 0;
  for (const [a, b] of countedSpans(calendar, mode, s, e, pauseSpans(pauses, s, e))) total += b - a;
  return total;
}

/**
 * The deadline given the pauses so far: it moves later by the counted time that fell inside
 * them. Pauses are taken as known at `now` — an open one ends now, nothing later is foreseen —
 * and a pause after the deadline passed does not move it back into the future.
 */
export function slaDueAt(
  startedAt: Date,
  targetMs: number,
  calendar: BusinessCalendar,
  mode: SlaClockMode,
  pauses: readonly SlaPause[],
  now: Date,
): Date {
  checkTarget(targetMs);
  const s = instant(startedAt, 'startedAt');
  return new Date(walk(calendar, mode, s, targetMs, pauseSpans(pauses, s, instant(now, 'now'))));
}

export type SlaState = 'met' | 'breached_met' | 'running' | 'warning' | 'breached' | 'paused';

export interface SlaStatusInput {
  startedAt: Date;
  /** The target in counted time (business milliseconds in business mode). */
  targetMs: number;
  now: Date;
  calendar: BusinessCalendar;
  mode: SlaClockMode;
  pauses?: readonly SlaPause[];
  /** When the target was met (answered, resolved); the clock stops there. */
  metAt?: Date | null;
  /** Warn when this much counted time or less is left; 0 or absent: no warning. */
  warnBeforeMs?: number;
}

export interface SlaStatus {
  state: SlaState;
  /** Counted time up to `metAt`, or to `now` while the target is open. */
  elapsedMs: number;
  /** targetMs − elapsedMs: negative once over. */
  remainingMs: number;
  /** The deadline given the pauses so far; while paused, assuming the pause ends now. */
  dueAt: Date;
}

/** What a ticket's timer shows, and whether escalation is due. */
export function slaStatus(input: SlaStatusInput): SlaStatus {
  const { startedAt, targetMs, now, calendar, mode, pauses = [], metAt = null, warnBeforeMs = 0 } = input;
  checkTarget(targetMs);
  const s = instant(startedAt, 'startedAt');
  const nowMs = instant(now, 'now');
  const stop = metAt === null ? nowMs : instant(metAt, 'metAt');
  const paused = pauseSpans(pauses, s, stop);
  let elapsedMs = 0;
  if (stop > s) for (const [a, b] of countedSpans(calendar, mode, s, stop, paused)) elapsedMs += b - a;
  const due = walk(calendar, mode, s, targetMs, paused);
  const remainingMs = targetMs - elapsedMs;
  const status = (state: SlaState): SlaStatus => ({ state, elapsedMs, remainingMs, dueAt: new Date(due) });

  if (metAt !== null) return status(stop <= due ? 'met' : 'breached_met');
  // Breached before pausing stays breached: the wait on the customer began after the deadline.
  if (nowMs > due) return status('breached');
  const pausedNow = pauses.some(
    (p) => p.from.getTime() <= nowMs && (p.to === null || p.to.getTime() > nowMs) && nowMs >= s,
  );
  if (pausedNow) return status('paused');
  if (warnBeforeMs > 0 && remainingMs <= warnBeforeMs) return status('warning');
  return status('running');
}
