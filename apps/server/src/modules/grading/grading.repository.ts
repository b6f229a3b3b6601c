import type { DB } from '@weixi/db';
import type { DataScope, RfmBounds } from '@weixi/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { customerScope } from '../customers/customers.repository';
import type { PreviewRow, RegradeCounts } from './grading-sql';

// The only file of the grading module that touches the database. The big statements are built in
// grading-sql.ts; they run here.

type Db = Kysely<DB>;

// Arbitrary but fixed: every process agrees on the lock that serialises grading writes.
const gradingLockKey = 74_290_008;

/**
 * Serialises everything that writes grades (a regrade batch, one customer's regrade, an override)
 * until the transaction ends. A batch's history rows compare against the grade it read at the
 * start of its statement: two writers on the same customer at once would log one change twice.
 */
export async function lockGrading(trx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${gradingLockKey})`.execute(trx);
}

/**
 * More sort and hash memory for this transaction only: a batch materialises 50,000 customers'
 * values and RFM sorts the whole population three times; with the 4 MB default both spill to disk.
 */
export async function allowBigSorts(trx: Db): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(trx);
}

// ── rule sets ──────────────────────────────────────────────────────────────────────────────────

export interface RuleSetRow {
  id: string;
  version: number;
  rules: unknown;
  note: string;
  is_current: boolean;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

function ruleSetSelect(db: Db) {
  return db
    .selectFrom('grading_rule_set as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.version',
      'r.rules',
      'r.note',
      'r.is_current',
      'r.created_at',
      'r.created_by',
      'u.name as created_by_name',
    ]);
}

export async function findCurrentRuleSet(db: Db, opts: { forUpdate?: boolean } = {}): Promise<RuleSetRow> {
  let q = ruleSetSelect(db).where('r.is_current', '=', true);
  if (opts.forUpdate) q = q.forUpdate('r');
  const row = await q.executeTakeFirst();
  // Migration 0008 inserts version 1 and a save always moves the mark: there is always one.
  if (!row) throw new Error('no current grading rule set');
  return row;
}

export async function findRuleSetByVersion(db: Db, version: number): Promise<RuleSetRow | undefined> {
  return ruleSetSelect(db).where('r.version', '=', version).executeTakeFirst();
}

export async function insertRuleSet(
  db: Db,
  row: { id: string; version: number; rules: unknown; note: string; actorId: string; at: Date },
): Promise<void> {
  await db
    .updateTable('grading_rule_set')
    .set({ is_current: false })
    .where('is_current', '=', true)
    .execute();
  await db
    .insertInto('grading_rule_set')
    .values({
      id: row.id,
      version: row.version,
      rules: JSON.stringify(row.rules),
      note: row.note,
      is_current: true,
      created_at: row.at,
      created_by: row.actorId,
    })
    .execute();
}

export async function listRuleSets(
  db: Db,
  limit: number,
  beforeVersion: number | null,
): Promise<{ rows: RuleSetRow[]; total: number }> {
  let q = ruleSetSelect(db)
    .orderBy('r.version', 'desc')
    .limit(limit + 1);
  if (beforeVersion !== null) q = q.where('r.version', '<', beforeVersion);
  const [rows, count] = await Promise.all([
    q.execute(),
    db
      .selectFrom('grading_rule_set')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

// ── regrade ────────────────────────────────────────────────────────────────────────────────────

export async function anyOrders(db: Db): Promise<boolean> {
  return (await db.selectFrom('customer_order').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export async function countActiveCustomers(db: Db): Promise<number> {
  const row = await db
    .selectFrom('customer')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The id that ends the next batch of `size` active customers after `after` (keyset over the
 * status index), or null when fewer remain: the last batch is open-ended.
 */
export async function nextBatchEnd(db: Db, after: string | null, size: number): Promise<string | null> {
  let q = db
    .selectFrom('customer')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('id')
    .offset(size - 1)
    .limit(1);
  if (after) q = q.where('id', '>', after);
  return (await q.executeTakeFirst())?.id ?? null;
}

export async function runRegradeStatement(
  db: Db,
  statement: RawBuilder<RegradeCounts>,
): Promise<{ scored: number; rescored: number; changed: number; gradeChanges: number }> {
  const { rows } = await statement.execute(db);
  const r = rows[0];
  return {
    scored: r?.scored ?? 0,
    rescored: r?.rescored ?? 0,
    changed: r?.changed ?? 0,
    gradeChanges: r?.grade_changes ?? 0,
  };
}

export async function runRfmStatement(
  db: Db,
  statement: RawBuilder<{ dim: 'r' | 'f' | 'm'; bucket: number; value: string; id: string }>,
): Promise<RfmBounds> {
  const { rows } = await statement.execute(db);
  const bounds: RfmBounds = { r: [], f: [], m: [] };
  for (const row of rows) bounds[row.dim].push({ bucket: row.bucket, value: Number(row.value), id: row.id });
  for (const list of Object.values(bounds)) list.sort((a, b) => a.bucket - b.bucket);
  return bounds;
}

export async function runPreviewStatement(db: Db, statement: RawBuilder<PreviewRow>): Promise<PreviewRow[]> {
  return (await statement.execute(db)).rows;
}

export async function updateRfm(
  db: Db,
  customerId: string,
  rfm: { r: number; f: number; m: number } | null,
): Promise<void> {
  await db
    .updateTable('customer_score')
    .set({ rfm_r: rfm?.r ?? null, rfm_f: rfm?.f ?? null, rfm_m: rfm?.m ?? null })
    .where('customer_id', '=', customerId)
    .execute();
}

// ── settings kept by grading (RFM bounds, last full regrade) ───────────────────────────────────

export async function readGradingSetting<T>(db: Db, key: string): Promise<T | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return (row?.value as T | undefined) ?? null;
}

export async function writeGradingSetting(
  db: Db,
  key: string,
  value: unknown,
  actorId: string | null,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ key, value: json, updated_by: actorId, updated_at: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        value: json,
        updated_by: actorId,
        updated_at: now,
        version: eb(eb.ref('setting.version'), '+', 1),
      })),
    )
    .execute();
}

// ── one customer's score ───────────────────────────────────────────────────────────────────────

export interface ScoredCustomerRow {
  id: string;
  status: string;
  grade: string | null;
  category: string;
  value_tier: string | null;
}

/** The customer's grading columns if it is inside the actor's scope; undefined otherwise (404). */
export async function findCustomerInScope(
  db: Db,
  scope: DataScope,
  id: string,
): Promise<ScoredCustomerRow | undefined> {
  return db
    .selectFrom('customer as c')
    .select(['c.id', 'c.status', 'c.grade', 'c.category', 'c.value_tier'])
    .where('c.id', '=', id)
    .where('c.status', '<>', 'merged')
    .where(customerScope(scope))
    .executeTakeFirst();
}

export type ScoreRow = Awaited<ReturnType<typeof findScore>>;

export async function findScore(db: Db, customerId: string) {
  return db.selectFrom('customer_score').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
}

export interface OverrideRow {
  customer_id: string;
  field: string;
  value: string;
  reason: string;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

export async function listOverrides(db: Db, customerId: string): Promise<OverrideRow[]> {
  return db
    .selectFrom('grade_override as g')
    .leftJoin('app_user as u', 'u.id', 'g.created_by')
    .select([
      'g.customer_id',
      'g.field',
      'g.value',
      'g.reason',
      'g.created_at',
      'g.created_by',
      'u.name as created_by_name',
    ])
    .where('g.customer_id', '=', customerId)
    .orderBy('g.field')
    .execute();
}

/** Sets (or replaces) an override; returns the one it replaced. */
export async function upsertOverride(
  db: Db,
  row: { customerId: string; field: string; value: string; reason: string; actorId: string; at: Date },
): Promise<{ value: string; reason: string } | undefined> {
  const before = await db
    .selectFrom('grade_override')
    .select(['value', 'reason'])
    .where('customer_id', '=', row.customerId)
    .where('field', '=', row.field)
    .forUpdate()
    .executeTakeFirst();
  const values = { value: row.value, reason: row.reason, created_by: row.actorId, created_at: row.at };
  await db
    .insertInto('grade_override')
    .values({ customer_id: row.customerId, field: row.field, ...values })
    .onConflict((oc) => oc.columns(['customer_id', 'field']).doUpdateSet(values))
    .execute();
  return before;
}

export async function deleteOverride(
  db: Db,
  customerId: string,
  field: string,
): Promise<{ value: string; reason: string } | undefined> {
  return db
    .deleteFrom('grade_override')
    .where('customer_id', '=', customerId)
    .where('field', '=', field)
    .returning(['value', 'reason'])
    .executeTakeFirst();
}

export interface HistoryRow {
  id: string;
  from_grade: string | null;
  to_grade: string | null;
  cause: string;
  rule_version: number | null;
  reason: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
}

export async function listGradeHistory(db: Db, customerId: string, limit: number): Promise<HistoryRow[]> {
  return db
    .selectFrom('grade_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.actor_id')
    .select([
      sql<string>`h.id::text`.as('id'),
      'h.from_grade',
      'h.to_grade',
      'h.cause',
      'h.rule_version',
      'h.reason',
      'h.actor_id',
      'u.name as actor_name',
      'h.at',
    ])
    .where('h.customer_id', '=', customerId)
    .orderBy('h.id', 'desc')
    .limit(limit)
    .execute();
}

// ── service standards ─────────────────────────────────────────────────────────────────────────

export interface StandardRow {
  grade: string;
  follow_up_days: number;
  service_model: string;
  hospitality_tier: string;
  queue_priority: number;
  version: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

export async function listStandards(db: Db, opts: { forUpdate?: boolean } = {}): Promise<StandardRow[]> {
  let q = db
    .selectFrom('grade_service_standard as s')
    .leftJoin('app_user as u', 'u.id', 's.updated_by')
    .select([
      's.grade',
      's.follow_up_days',
      's.service_model',
      's.hospitality_tier',
      's.queue_priority',
      's.version',
      's.updated_at',
      's.updated_by',
      'u.name as updated_by_name',
    ])
    .orderBy('s.grade');
  if (opts.forUpdate) q = q.forUpdate('s');
  return q.execute();
}

/** Optimistic update of one grade's standard: false when the version moved on. */
export async function updateStandard(
  db: Db,
  grade: string,
  version: number,
  values: { follow_up_days: number; service_model: string; hospitality_tier: string; queue_priority: number },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('grade_service_standard')
    .set((eb) => ({
      ...values,
      version: eb(eb.ref('version'), '+', 1),
      updated_by: actorId,
      updated_at: now,
    }))
    .where('grade', '=', grade)
    .where('version', '=', version)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

// ── distribution ──────────────────────────────────────────────────────────────────────────────

export interface DistributionRow {
  dim: 'grade' | 'category' | 'value_tier';
  value: string | null;
  count: number;
}

/** Active customers in scope counted by grade, category and value tier in one pass. */
export async function gradeDistribution(db: Db, scope: DataScope): Promise<DistributionRow[]> {
  const rows = await db
    .selectFrom('customer as c')
    .select([
      sql<DistributionRow['dim']>`case when grouping(c.grade) = 0 then 'grade'
        when grouping(c.category) = 0 then 'category' else 'value_tier' end`.as('dim'),
      sql<string | null>`coalesce(case when grouping(c.grade) = 0 then c.grade end,
        case when grouping(c.category) = 0 then c.category end, c.value_tier)`.as('value'),
      sql<number>`count(*)::int`.as('count'),
    ])
    .where('c.status', '=', 'active')
    .where(customerScope(scope))
    .groupBy(sql`grouping sets ((c.grade), (c.category), (c.value_tier))`)
    .execute();
  return rows;
}
