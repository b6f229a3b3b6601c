import { addDays, dateInTimeZone } from './orders';
import { startOfBusinessDay } from './pool';

/**
 * Engagement rules that need no database (DOMAIN §3–4, decision 011): which interactions count as
 * a follow-up, when the next one falls due, the due windows people work from, how far a check-in
 * was from the customer, and the limits on dates people type. `customer_follow_up` (migration
 * 0010) implements `followUpDue` in SQL; a test holds the two equal.
 */

export interface EngagementSettings {
  keyContactDays: number;
  countInbound: boolean;
  reminderLeadDays: number;
  futureToleranceMinutes: number;
  checkInFarMeters: number;
}

export const defaultEngagementSettings: EngagementSettings = {
  // DOMAIN §3: "every owner makes at least one proactive contact per month with each key customer".
  keyContactDays: 30,
  // A customer calling us is service, not our revisit.
  countInbound: false,
  reminderLeadDays: 1,
  // Phones' clocks drift; a visit logged on the doorstep may read a few minutes ahead.
  futureToleranceMinutes: 10,
  // A kilometre: the far side of an industrial park is still the customer; the next town is not.
  checkInFarMeters: 1000,
};

/** Stored settings may predate a key or hold junk: every value falls back to its default. */
export function resolveEngagementSettings(stored: unknown): EngagementSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const int = (v: unknown, fallback: number, min: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? v : fallback;
  const d = defaultEngagementSettings;
  return {
    keyContactDays: int(s.keyContactDays, d.keyContactDays, 1),
    countInbound: typeof s.countInbound === 'boolean' ? s.countInbound : d.countInbound,
    reminderLeadDays: int(s.reminderLeadDays, d.reminderLeadDays, 0),
    futureToleranceMinutes: int(s.futureToleranceMinutes, d.futureToleranceMinutes, 0),
    checkInFarMeters: int(s.checkInFarMeters, d.checkInFarMeters, 1),
  };
}

// ---------- follow-ups ----------

/** Channels where we met the customer: they count whoever asked for the meeting. */
const meetingChannels = new Set(['face_to_face', 'visit', 'event']);

/** Whether an interaction resets the customer's follow-up cadence (decision 011). */
export function qualifiesForFollowUp(
  interaction: { channel: string; direction: string },
  settings: Pick<EngagementSettings, 'countInbound'>,
): boolean {
  if (interaction.direction === 'outbound') return true;
  if (meetingChannels.has(interaction.channel)) return true;
  return settings.countInbound;
}

export interface FollowUpFacts {
  status: string;
  grade: string | null;
  category: string;
  createdAt: Date;
  lastFollowUpAt: Date | null;
  lastOwnerContactAt: Date | null;
}

export type FollowUpReason = 'cadence' | 'key_contact';

const dayMs = 86_400_000;

/**
 * When the customer's next follow-up falls due, and which rule set it: the grade's cadence
 * (`followUpDays`, ungraded customers use D's) after the last qualifying interaction — or its
 * creation — and, for key-category customers, the owner's proactive contact every
 * `keyContactDays`. The earlier wins; a tie is the cadence. Null for customers that are not active.
 */
export function followUpDue(
  c: FollowUpFacts,
  followUpDays: Record<string, number>,
  keyContactDays: number,
): { dueAt: Date; reason: FollowUpReason } | null {
  if (c.status !== 'active') return null;
  const days = followUpDays[c.grade ?? 'D'];
  const cadence =
    days === undefined ? null : new Date((c.lastFollowUpAt ?? c.createdAt).getTime() + days * dayMs);
  const key =
    c.category === 'key'
      ? new Date((c.lastOwnerContactAt ?? c.createdAt).getTime() + keyContactDays * dayMs)
      : null;
  if (cadence && (!key || cadence.getTime() <= key.getTime())) return { dueAt: cadence, reason: 'cadence' };
  if (key) return { dueAt: key, reason: 'key_contact' };
  return null;
}

export interface DueBounds {
  today: string;
  startOfToday: Date;
  startOfTomorrow: Date;
  /** Monday 00:00 of next week: "this week" runs to the end of Sunday (Chinese weeks start Monday). */
  startOfNextWeek: Date;
  /** The end of the reminder lead time: due before this counts as "due soon". */
  leadEnd: Date;
}

export function dueBounds(now: Date, timeZone: string, leadDays = 0): DueBounds {
  const today = dateInTimeZone(now, timeZone);
  // 1 = Monday … 7 = Sunday, for the business date (not the UTC one).
  const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  return {
    today,
    startOfToday: startOfBusinessDay(today, timeZone),
    startOfTomorrow: startOfBusinessDay(addDays(today, 1), timeZone),
    startOfNextWeek: startOfBusinessDay(addDays(today, 8 - weekday), timeZone),
    leadEnd: startOfBusinessDay(addDays(today, leadDays + 1), timeZone),
  };
}

export type DueWindowName = 'overdue' | 'today' | 'week' | 'later';

/** Which list a due time belongs to. "week" includes today and the overdue ones' complement only. */
export function dueWindowOf(dueAt: Date, b: DueBounds): DueWindowName {
  const t = dueAt.getTime();
  if (t < b.startOfToday.getTime()) return 'overdue';
  if (t < b.startOfTomorrow.getTime()) return 'today';
  if (t < b.startOfNextWeek.getTime()) return 'week';
  return 'later';
}

/** Whole business days a due time is past (0 when due today or later). */
export function overdueDays(dueAt: Date, now: Date, timeZone: string): number {
  const due = dateInTimeZone(dueAt, timeZone);
  const today = dateInTimeZone(now, timeZone);
  const diff = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due}T00:00:00Z`)) / dayMs);
  return Math.max(0, diff);
}

// ---------- dates people type ----------

/** An interaction cannot have happened in the future (beyond a little clock skew). */
export function occurredAtProblem(occurredAt: Date, now: Date, toleranceMinutes: number): 'in_future' | null {
  return occurredAt.getTime() > now.getTime() + toleranceMinutes * 60_000 ? 'in_future' : null;
}

/** A task cannot fall due before the day it is created (or rescheduled) on. */
export function dueOnProblem(dueOn: string, today: string): 'before_today' | null {
  return dueOn < today ? 'before_today' : null;
}

// ---------- check-in ----------

export interface Position {
  latitude: number;
  longitude: number;
}

const earthRadiusM = 6_371_008.8;

/** Great-circle distance in metres (haversine), good to a few metres at city scale. */
export function distanceMeters(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type CheckInFlag = 'ok' | 'far' | 'no_location' | 'no_customer_location';

/**
 * How a check-in is judged: without a position it is kept and flagged `no_location`; without the
 * customer's coordinates nothing can be compared; otherwise it is `far` when even the nearest
 * point the browser's accuracy allows is beyond `farMeters`.
 */
export function judgeCheckIn(
  at: (Position & { accuracyM?: number | undefined }) | null,
  customer: Position | null,
  farMeters: number,
): { flag: CheckInFlag; distanceM: number | null } {
  if (!at) return { flag: 'no_location', distanceM: null };
  if (!customer) return { flag: 'no_customer_location', distanceM: null };
  const distanceM = Math.round(distanceMeters(at, customer));
  const nearest = distanceM - Math.min(at.accuracyM ?? 0, farMeters);
  return { flag: nearest > farMeters ? 'far' : 'ok', distanceM };
}

// ---------- notifications ----------

/** The preference topic of a notification kind: its first word (`task.overdue` → `task`). */
export function notificationTopicOf(kind: string): string {
  return kind.split('.')[0] ?? kind;
}
