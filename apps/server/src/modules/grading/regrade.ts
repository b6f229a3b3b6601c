import type { DB } from '@weixi/db';
import { type Clock, dateInTimeZone, daysBetween, type RfmBounds, rfmFromBounds } from '@weixi/domain';
import { type GradingRules, gradingRulesSchema } from '@weixi/shared';
import type { Kysely } from 'kysely';
import {
  allowBigSorts,
  anyOrders,
  countActiveCustomers,
  findCurrentRuleSet,
  findScore,
  lockGrading,
  nextBatchEnd,
  readGradingSetting,
  runRegradeStatement,
  runRfmStatement,
  updateRfm,
  writeGradingSetting,
} from './grading.repository';
import { type CustomerSlice, regradeStatement, rfmStatement, type WriteMeta } from './grading-sql';

/**
 * The regrade engine: all customers in id-range batches (the nightly job, an admin's request) or
 * one customer (on demand, after an override, after its orders change). Every batch is one SQL
 * statement (grading-sql.ts); nothing is computed row by row here.
 */

export const rfmBoundsKey = 'grading.rfm_bounds';
export const lastRegradeKey = 'grading.last_regrade';
/**
 * Customers per statement. A batch whose grades mostly change (the first regrade, a new rule set)
 * rewrites wide customer rows and holds their row locks until it commits: 50,000 keeps that under
 * a minute. A batch where few change is cheap per customer, and then each statement's own cost
 * dominates (1,000,000 customers nightly: 78 s of batches at 50,000, 45 s at 250,000), so the next
 * batch grows to 250,000. An explicit `batchSize` is used throughout.
 */
export const defaultBatchSize = 50_000;
export const quietBatchSize = 250_000;
/** "Most change": more than this share of a batch's customers changed grade, category or tier. */
const busyShare = 0.1;

export interface RegradeDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** The business time zone: "today" for recency and the 12-month window. */
  timeZone: string;
}

export interface LastRegrade {
  at: string;
  finishedAt: string;
  /** The business date every score was checked against: score rows not rewritten are still right as of it. */
  asOf: string;
  ruleVersion: number;
  scored: number;
  /** Score rows written because something in them changed. */
  rescored: number;
  changed: number;
  gradeChanges: number;
}

/** The RFM bucket starts of the last full regrade, recency counted to its `asOf`. */
export interface StoredRfmBounds extends RfmBounds {
  asOf: string;
}

export interface RegradeSummary extends LastRegrade {
  batches: number;
}

/** The rules as stored: checked again on read, so a hand-edited row fails loudly, not silently. */
export function parseStoredRules(raw: unknown): GradingRules {
  return gradingRulesSchema.parse(raw);
}

export async function loadCurrentRules(db: Kysely<DB>): Promise<{ version: number; rules: GradingRules }> {
  const row = await findCurrentRuleSet(db);
  return { version: row.version, rules: parseStoredRules(row.rules) };
}

/**
 * Regrades every active customer: batches of `batchSize` customers by id, each in its own short
 * transaction (so requests and overrides interleave), then RFM over the whole population in one
 * statement. Reports progress in customers; checks `signal` between batches.
 */
export async function regradeAll(
  deps: RegradeDeps,
  opts: {
    batchSize?: number;
    /** The adaptive sizes (tests; default 50,000 while most change, 250,000 once few do). */
    batchSizes?: { busy: number; quiet: number };
    progress?: (done: number, total: number) => void;
    signal?: AbortSignal;
    actorId?: string | null;
  } = {},
): Promise<RegradeSummary> {
  const { db, clock } = deps;
  const sizes = opts.batchSizes ?? { busy: defaultBatchSize, quiet: quietBatchSize };
  let batchSize = opts.batchSize ?? sizes.busy;
  const startedAt = clock.now();
  const { version, rules } = await loadCurrentRules(db);
  const asOf = dateInTimeZone(startedAt, deps.timeZone);
  const meta: WriteMeta = {
    ruleVersion: version,
    cause: 'rule',
    actorId: opts.actorId ?? null,
    reason: null,
    at: startedAt,
  };
  const total = await countActiveCustomers(db);
  // RFM ranks everyone at the end: count it as one more batch so the bar does not sit at 100 %.
  const units = total + Math.min(batchSize, Math.max(total, 1));
  opts.progress?.(0, units);

  // Inside a caller's transaction (the demo loader) the batches run in it; otherwise each batch
  // commits on its own so requests and overrides interleave with a long run.
  const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  const sum = { scored: 0, rescored: 0, changed: 0, gradeChanges: 0 };
  let after: string | null = null;
  let batches = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    const upTo: string | null = await nextBatchEnd(db, after, batchSize);
    const slice: CustomerSlice = { kind: 'range', after, upTo };
    const r = await inTransaction(async (trx) => {
      await lockGrading(trx);
      await allowBigSorts(trx);
      return runRegradeStatement(trx, regradeStatement(rules, slice, { asOf }, meta));
    });
    batches++;
    sum.scored += r.scored;
    sum.rescored += r.rescored;
    sum.changed += r.changed;
    sum.gradeChanges += r.gradeChanges;
    if (opts.batchSize === undefined) {
      batchSize = r.changed > r.scored * busyShare ? sizes.busy : sizes.quiet;
    }
    opts.progress?.(Math.min(sum.scored, total), units);
    if (upTo === null) break;
    after = upTo;
  }

  opts.signal?.throwIfAborted();
  await inTransaction(async (trx) => {
    await lockGrading(trx);
    await allowBigSorts(trx);
    const bounds: StoredRfmBounds = { asOf, ...(await runRfmStatement(trx, rfmStatement(asOf))) };
    await writeGradingSetting(trx, rfmBoundsKey, bounds, opts.actorId ?? null, clock.now());
  });
  const last: LastRegrade = {
    at: startedAt.toISOString(),
    finishedAt: clock.now().toISOString(),
    asOf,
    ruleVersion: version,
    ...sum,
  };
  await writeGradingSetting(db, lastRegradeKey, last, opts.actorId ?? null, clock.now());
  opts.progress?.(units, units);
  return { ...last, batches };
}

export interface RegradeOneResult {
  scored: boolean;
  changed: boolean;
  gradeChanged: boolean;
}

/**
 * Regrades one customer inside the caller's transaction (a request's, or the job's): the same
 * statement as a batch, restricted to its id, then RFM placed against the bounds of the last full
 * regrade — the population is not ranked again for one customer. Inactive customers are not
 * graded (scored: false).
 */
export async function regradeCustomerIn(
  trx: Kysely<DB>,
  deps: Omit<RegradeDeps, 'db'>,
  customerId: string,
  meta: Omit<WriteMeta, 'ruleVersion' | 'at'>,
): Promise<RegradeOneResult> {
  await lockGrading(trx);
  const { version, rules } = await loadCurrentRules(trx);
  const at = deps.clock.now();
  const asOf = dateInTimeZone(at, deps.timeZone);
  // One row: always written, so its as_of and computed_at say when it was last looked at.
  const r = await runRegradeStatement(
    trx,
    regradeStatement(
      rules,
      { kind: 'one', id: customerId },
      { asOf },
      { ...meta, ruleVersion: version, at },
      { rewriteAll: true },
    ),
  );
  if (r.scored === 0) return { scored: false, changed: false, gradeChanged: false };
  const score = await findScore(trx, customerId);
  if (score) {
    const bounds = await readGradingSetting<StoredRfmBounds>(trx, rfmBoundsKey);
    const rfm = rfmFromBounds(bounds, {
      id: customerId,
      // Recency as of the bounds' date, so it is ranked against the population as it was then.
      recencyDays: score.last_order_on && bounds ? daysBetween(score.last_order_on, bounds.asOf) : null,
      frequency: score.frequency_12m,
      monetary: Number(score.value_12m_fen),
    });
    await updateRfm(trx, customerId, rfm);
  }
  return { scored: true, changed: r.changed > 0, gradeChanged: r.gradeChanges > 0 };
}

/** One customer in its own transaction (the `grading.regrade-one` job, scripts). */
export function regradeCustomer(
  deps: RegradeDeps,
  customerId: string,
  meta: Omit<WriteMeta, 'ruleVersion' | 'at'> = { cause: 'rule', actorId: null, reason: null },
): Promise<RegradeOneResult> {
  return deps.db.transaction().execute((trx) => regradeCustomerIn(trx, deps, customerId, meta));
}

/**
 * The demo loader's last step: grades from the demo orders, by the nightly regrade. Without any
 * orders (the orders module not loaded yet) it does nothing, so the demo customers keep the grades
 * they were written with instead of all turning D.
 */
export async function regradeDemo(
  trx: Kysely<DB>,
  now: Date,
  timeZone = 'Asia/Shanghai',
): Promise<RegradeSummary | null> {
  if (!(await anyOrders(trx))) return null;
  return regradeAll({ db: trx, clock: { now: () => now }, timeZone });
}
