import { addDays, dateInTimeZone } from './orders';

/**
 * Rules of ownership and the public pool (公海池), DOMAIN §2: claim limits, automatic recycling of
 * customers nobody has contacted for N days (with a warning N days before), the reclaim cooldown
 * and the 3–5 key customers an executive personally holds. Pure: the clock, the business time zone
 * and the administrator's settings come in as arguments.
 *
 * Days are counted in business-calendar days (TZ_BUSINESS), not in 24-hour periods: a customer last
 * contacted on 3 February with 90 recycle days returns to the pool on 4 May whatever the hour, as a
 * person counting on a calendar expects.
 */

/** Roles that may hold customers and so may have a claim limit; finance and reception never do. */
export const poolRoles = [
  'admin',
  'executive',
  'department_manager',
  'account_manager',
  'service_agent',
] as const;
export type PoolRole = (typeof poolRoles)[number];

/** Grades plus `none` for customers not graded yet. */
export const recycleGradeKeys = ['A', 'B', 'C', 'D', 'none'] as const;
export type RecycleGradeKey = (typeof recycleGradeKeys)[number];

export interface PoolSettings {
  /** Most active customers a person of the role may hold and still claim; 0: the role does not claim. */
  claimLimits: Record<PoolRole, number>;
  /** Days without interaction before a customer of the grade returns to the pool; 0: never. */
  recycleDays: Record<RecycleGradeKey, number>;
  /** The owner is warned this many days before; 0: no warning (and none required). */
  warnDays: number;
  /** A person cannot reclaim a customer they released (or lost to recycling) for this many days. */
  cooldownDays: number;
  /** Key-category (重点) customers stay with their owner however long the silence. */
  exemptKeyCategory: boolean;
  /** An executive personally holds at least / at most this many key customers. */
  executiveKeyMin: number;
  executiveKeyMax: number;
}

export const defaultPoolSettings: PoolSettings = {
  // Account managers build their book from the pool; department managers hold customers too.
  // Executives hold their key customers through the sponsor flag, administrators and service
  // agents serve customers without owning new ones from the pool.
  claimLimits: { admin: 0, executive: 0, department_manager: 50, account_manager: 50, service_agent: 0 },
  recycleDays: { A: 90, B: 90, C: 90, D: 90, none: 90 },
  warnDays: 7,
  // A month: long enough that releasing and reclaiming cannot reset the recycle clock, short
  // enough that a customer someone gave up on can come back to them next quarter.
  cooldownDays: 30,
  exemptKeyCategory: false,
  executiveKeyMin: 3,
  executiveKeyMax: 5,
};

/** Stored settings may predate a key or hold junk: every value falls back to its default. */
export function resolvePoolSettings(stored: unknown): PoolSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const int = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : fallback;
  const map = <K extends string>(keys: readonly K[], v: unknown, fallback: Record<K, number>) => {
    const o = (typeof v === 'object' && v !== null ? v : {}) as Record<string, unknown>;
    return Object.fromEntries(keys.map((k) => [k, int(o[k], fallback[k])])) as Record<K, number>;
  };
  const d = defaultPoolSettings;
  return {
    claimLimits: map(poolRoles, s.claimLimits, d.claimLimits),
    recycleDays: map(recycleGradeKeys, s.recycleDays, d.recycleDays),
    warnDays: int(s.warnDays, d.warnDays),
    cooldownDays: int(s.cooldownDays, d.cooldownDays),
    exemptKeyCategory: typeof s.exemptKeyCategory === 'boolean' ? s.exemptKeyCategory : d.exemptKeyCategory,
    executiveKeyMin: int(s.executiveKeyMin, d.executiveKeyMin),
    executiveKeyMax: int(s.executiveKeyMax, d.executiveKeyMax),
  };
}

export interface SettingsIssue {
  path: string;
  code: string;
  message: string;
}

/** Combinations that cannot work, each named by the field a form shows it beside. */
export function poolSettingsIssues(s: PoolSettings): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  if (s.warnDays > 0) {
    for (const g of recycleGradeKeys) {
      const days = s.recycleDays[g];
      if (days > 0 && days <= s.warnDays) {
        issues.push({
          path: `recycleDays.${g}`,
          code: 'not_after_warning',
          message: `must be more than the ${s.warnDays} warning days (or 0: never recycle)`,
        });
      }
    }
  }
  if (s.executiveKeyMin > s.executiveKeyMax) {
    issues.push({
      path: 'executiveKeyMin',
      code: 'above_max',
      message: `must not exceed the maximum (${s.executiveKeyMax})`,
    });
  }
  return issues;
}

export function claimLimitFor(settings: PoolSettings, role: string): number {
  return (poolRoles as readonly string[]).includes(role) ? settings.claimLimits[role as PoolRole] : 0;
}

// ---------- business calendar ----------

/** The calendar date (YYYY-MM-DD) at `instant` in `timeZone`. */
export const businessDate = dateInTimeZone;

// One formatter per zone for the process: building one costs ~0.1 ms, and due lists compute
// business-day bounds on every request.
const partsFormatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** Milliseconds `timeZone` is ahead of UTC at `instant`. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = partsFormatter(timeZone).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant local midnight begins on `date` in `timeZone` (correct across DST changes too). */
export function startOfBusinessDay(date: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  let guess = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  // A second pass settles days on which the offset changes.
  guess = midnightUtc - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
}

// ---------- recycling ----------

export interface RecycleCutoffs {
  /** Per grade: customers last contacted before this instant are due to be recycled (null: never). */
  recycleBefore: Record<RecycleGradeKey, Date | null>;
  /** Per grade: customers last contacted before this instant are due a warning (null: never). */
  warnBefore: Record<RecycleGradeKey, Date | null>;
  /**
   * A due customer is recycled only once its owner was warned before this instant, i.e. at least
   * `warnDays` calendar days ago; null when no warning is required (warnDays = 0).
   */
  warnedBefore: Date | null;
}

/**
 * The instants the recycling job compares `last_interaction_at` with, today. "N days without
 * interaction" means: today is at least N calendar days after the day of the last interaction,
 * i.e. the interaction happened before the start of day (today − N + 1).
 */
export function recycleCutoffs(now: Date, timeZone: string, s: PoolSettings): RecycleCutoffs {
  const today = businessDate(now, timeZone);
  const before = (days: number) => startOfBusinessDay(addDays(today, -days + 1), timeZone);
  const recycleBefore = {} as Record<RecycleGradeKey, Date | null>;
  const warnBefore = {} as Record<RecycleGradeKey, Date | null>;
  for (const g of recycleGradeKeys) {
    const days = s.recycleDays[g];
    recycleBefore[g] = days > 0 ? before(days) : null;
    warnBefore[g] = days > 0 && s.warnDays > 0 ? before(Math.max(1, days - s.warnDays)) : null;
  }
  return { recycleBefore, warnBefore, warnedBefore: s.warnDays > 0 ? before(s.warnDays) : null };
}

export type RecycleExemption = 'unowned' | 'inactive' | 'executive_key' | 'key_category' | 'never_for_grade';

export interface RecycleOutlook {
  exemption: RecycleExemption | null;
  /** The business date the customer returns to the pool if nobody contacts it (null when exempt). */
  dueOn: string | null;
  /** The business date its owner is (or was) warned. */
  warnOn: string | null;
}

/** When a customer would return to the pool, or why it never does: shown on its page. */
export function recycleOutlook(
  c: {
    ownerId: string | null;
    status: string;
    grade: string | null;
    category: string;
    executiveSponsorId: string | null;
    lastInteractionAt: Date;
  },
  s: PoolSettings,
  timeZone: string,
): RecycleOutlook {
  const exempt = (exemption: RecycleExemption): RecycleOutlook => ({ exemption, dueOn: null, warnOn: null });
  if (c.status !== 'active') return exempt('inactive');
  if (!c.ownerId) return exempt('unowned');
  if (c.executiveSponsorId) return exempt('executive_key');
  if (s.exemptKeyCategory && c.category === 'key') return exempt('key_category');
  const days = s.recycleDays[gradeKey(c.grade)];
  if (days <= 0) return exempt('never_for_grade');
  const last = businessDate(c.lastInteractionAt, timeZone);
  return {
    exemption: null,
    dueOn: addDays(last, days),
    warnOn: s.warnDays > 0 ? addDays(last, Math.max(1, days - s.warnDays)) : null,
  };
}

export function gradeKey(grade: string | null): RecycleGradeKey {
  return grade === 'A' || grade === 'B' || grade === 'C' || grade === 'D' ? grade : 'none';
}

// ---------- reclaim cooldown ----------

/** Releases at or after this instant still block the releaser from reclaiming (null: no cooldown). */
export function cooldownCutoff(now: Date, timeZone: string, cooldownDays: number): Date | null {
  if (cooldownDays <= 0) return null;
  return startOfBusinessDay(addDays(businessDate(now, timeZone), -cooldownDays + 1), timeZone);
}

/** The first business date the releaser may claim the customer again. */
export function cooldownEndsOn(releasedAt: Date, timeZone: string, cooldownDays: number): string {
  return addDays(businessDate(releasedAt, timeZone), cooldownDays);
}

// ---------- executives' key customers ----------

export type KeyCustomerStanding = 'below_min' | 'ok' | 'at_max';

/** DOMAIN §2: management personally holds 3–5 key customers. */
export function keyCustomerStanding(
  count: number,
  s: Pick<PoolSettings, 'executiveKeyMin' | 'executiveKeyMax'>,
) {
  const standing: KeyCustomerStanding =
    count < s.executiveKeyMin ? 'below_min' : count >= s.executiveKeyMax ? 'at_max' : 'ok';
  return { standing, canAdd: count < s.executiveKeyMax };
}
