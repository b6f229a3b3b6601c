import type { DB } from '@weixi/db';
import type { RecycleGradeKey } from '@weixi/domain';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';

// The only file of the ownership module that touches the database. Every function takes the
// connection or transaction it must run in. Writes that touch many customers are single set-based
// statements (arrays in, `unnest` or `= any(…)`), never one statement per customer.

type Db = Kysely<DB>;

export interface UserRef {
  id: string;
  name: string;
}

// Arbitrary but fixed advisory-lock classes: every process agrees on them.
const claimLockClass = 74_290_101;
const sponsorLockClass = 74_290_102;

/**
 * Serialises one person's claims (or one executive's key-customer changes) until the transaction
 * ends: two parallel claims by the same person then count their holdings one after the other and
 * cannot together pass the limit. Other people's claims do not wait.
 */
export async function lockPerson(db: Db, purpose: 'claim' | 'sponsor', userId: string): Promise<void> {
  const cls = purpose === 'claim' ? claimLockClass : sponsorLockClass;
  await sql`select pg_advisory_xact_lock(${cls}::int, hashtext(${userId}))`.execute(db);
}

export async function findUsers(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; name: string; role: string; status: string; department_id: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'role', 'status', 'department_id'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Active customers the person owns: what the claim limit counts. */
export async function countHeld(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('customer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_id', '=', userId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface LockedCustomer {
  id: string;
  name: string;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
  owner_department_id: string | null;
  last_interaction_at: Date;
}

/** Row-locks the customers (in id order, so two overlapping transfers cannot deadlock). */
export async function lockCustomers(db: Db, ids: readonly string[]): Promise<LockedCustomer[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LockedCustomer>`
    select c.id, c.name, c.status, c.owner_id, o.name as owner_name, o.department_id as owner_department_id,
      c.last_interaction_at
    from customer c left join app_user o on o.id = c.owner_id
    where c.id = any(${[...ids]}::uuid[])
    order by c.id
    for update of c`.execute(db);
  return rows;
}

/** The same facts without a lock: a claim reads them only to explain why it failed. */
export async function peekCustomers(db: Db, ids: readonly string[]): Promise<LockedCustomer[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<LockedCustomer>`
    select c.id, c.name, c.status, c.owner_id, o.name as owner_name, o.department_id as owner_department_id,
      c.last_interaction_at
    from customer c left join app_user o on o.id = c.owner_id
    where c.id = any(${[...ids]}::uuid[])`.execute(db);
  return rows;
}

/**
 * The claim itself: takes the customers that are still unowned and active at the moment of the
 * update. Under concurrent claims PostgreSQL re-checks `owner_id is null` on the row each waiter
 * finally sees, so exactly one claimer gets each customer; the others get fewer rows back.
 */
export async function takeUnowned(
  db: Db,
  ids: readonly string[],
  userId: string,
  now: Date,
): Promise<{ id: string; name: string }[]> {
  const { rows } = await sql<{ id: string; name: string }>`
    update customer set owner_id = ${userId}, last_interaction_at = ${now}, recycle_warned_at = null,
      version = version + 1, updated_at = ${now}, updated_by = ${userId}
    where id = any(${[...ids]}::uuid[]) and owner_id is null and status = 'active'
    returning id, name`.execute(db);
  return rows;
}

/** Gives already-locked customers a new owner (or none: back to the pool). */
export async function setOwner(
  db: Db,
  ids: readonly string[],
  ownerId: string | null,
  actorId: string | null,
  now: Date,
): Promise<number> {
  if (ids.length === 0) return 0;
  // A new owner gets a fresh clock; an unowned customer has none to keep (the trigger of migration
  // 0009 would also do it, this says so where it happens).
  const res = await sql`
    update customer set owner_id = ${ownerId}, recycle_warned_at = null,
      last_interaction_at = ${ownerId === null ? sql`last_interaction_at` : sql`greatest(last_interaction_at, ${now})`},
      version = version + 1, updated_at = ${now}, updated_by = ${actorId}
    where id = any(${[...ids]}::uuid[])`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Removes collaborators (all, or only `userIds`) from the customers; returns who was removed. */
export async function removeCollaborators(
  db: Db,
  customerIds: readonly string[],
  userIds?: readonly string[],
): Promise<{ customer_id: string; user_id: string }[]> {
  if (customerIds.length === 0) return [];
  const { rows } = await sql<{ customer_id: string; user_id: string }>`
    delete from customer_collaborator
    where customer_id = any(${[...customerIds]}::uuid[])
      ${userIds ? sql`and user_id = any(${[...userIds]}::uuid[])` : sql``}
    returning customer_id, user_id`.execute(db);
  return rows;
}

export interface HistoryInsert {
  id: string;
  customerId: string;
  kind: string;
  fromUserId: string | null;
  toUserId: string | null;
  reason: string;
  actorId: string | null;
  at: Date;
}

export async function insertHistory(db: Db, rows: readonly HistoryInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: HistoryInsert) => T) => rows.map(f);
  await sql`
    insert into ownership_history (id, customer_id, kind, from_user_id, to_user_id, reason, actor_id, at)
    select * from unnest(
      ${col((r) => r.id)}::uuid[], ${col((r) => r.customerId)}::uuid[], ${col((r) => r.kind)}::text[],
      ${col((r) => r.fromUserId)}::uuid[], ${col((r) => r.toUserId)}::uuid[], ${col((r) => r.reason)}::text[],
      ${col((r) => r.actorId)}::uuid[], ${col((r) => r.at.toISOString())}::timestamptz[])`.execute(db);
}

export interface AuditInsert {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
}

/**
 * One audit entry per customer, written in one statement: a transfer of 500 customers or a night's
 * recycling stays a handful of statements, and each customer's history tab still shows its entry.
 */
export async function insertCustomerAudits(db: Db, rows: readonly AuditInsert[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(f: (r: AuditInsert) => T) => rows.map(f);
  await sql`
    insert into audit_log (id, at, actor_id, action, entity, entity_id, before, after, request_id, ip)
    select u.id, u.at, u.actor_id, u.action, 'customer', u.entity_id, u.before, u.after, u.request_id, u.ip
    from unnest(
      ${col((r) => r.id)}::uuid[], ${col((r) => r.at.toISOString())}::timestamptz[], ${col((r) => r.actorId)}::uuid[],
      ${col((r) => r.action)}::text[], ${col((r) => r.entityId)}::text[],
      ${col((r) => (r.before ? JSON.stringify(r.before) : null))}::jsonb[],
      ${col((r) => (r.after ? JSON.stringify(r.after) : null))}::jsonb[],
      ${col((r) => r.requestId)}::text[], ${col((r) => r.ip)}::text[]
    ) as u(id, at, actor_id, action, entity_id, before, after, request_id, ip)`.execute(db);
}

// ---------- cooldown and the pool page ----------

/** This person's latest release or recycle of each of the customers since `since`. */
export async function recentReleasesBy(
  db: Db,
  userId: string,
  customerIds: readonly string[],
  since: Date,
): Promise<Map<string, Date>> {
  if (customerIds.length === 0) return new Map();
  const { rows } = await sql<{ customer_id: string; at: Date }>`
    select customer_id, max(at) as at from ownership_history
    where from_user_id = ${userId} and customer_id = any(${[...customerIds]}::uuid[])
      and kind in ('release', 'recycle') and at >= ${since}
    group by customer_id`.execute(db);
  return new Map(rows.map((r) => [r.customer_id, new Date(r.at)]));
}

/** How each customer last left an owner, for the pool page ("recycled from 张伟 on …"). */
export async function lastDepartures(
  db: Db,
  customerIds: readonly string[],
): Promise<Map<string, { kind: 'release' | 'recycle'; at: Date; from: UserRef | null }>> {
  if (customerIds.length === 0) return new Map();
  const { rows } = await sql<{
    customer_id: string;
    kind: 'release' | 'recycle';
    at: Date;
    from_user_id: string | null;
    from_name: string | null;
  }>`
    select distinct on (h.customer_id) h.customer_id, h.kind, h.at, h.from_user_id, u.name as from_name
    from ownership_history h left join app_user u on u.id = h.from_user_id
    where h.customer_id = any(${[...customerIds]}::uuid[]) and h.kind in ('release', 'recycle')
    order by h.customer_id, h.at desc, h.id desc`.execute(db);
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        kind: r.kind,
        at: new Date(r.at),
        from: r.from_user_id ? { id: r.from_user_id, name: r.from_name ?? '' } : null,
      },
    ]),
  );
}

// ---------- recycling ----------

export interface DueRule {
  /** Per grade: last interaction before this instant matches (null: the grade never matches). */
  before: Record<RecycleGradeKey, Date | null>;
  exemptKeyCategory: boolean;
}

/**
 * Owned, active customers that are not an executive's, last worked on before their grade's cutoff.
 * Matches the partial index customer_recycle_clock; the plain `<` on the latest cutoff lets the
 * index range-scan before the per-grade test.
 */
function dueWhere(rule: DueRule): RawBuilder<SqlBool> {
  const cutoffs = Object.values(rule.before).filter((d): d is Date => d !== null);
  if (cutoffs.length === 0) return sql<SqlBool>`false`;
  const latest = new Date(Math.max(...cutoffs.map((d) => d.getTime())));
  const at = (g: RecycleGradeKey) => sql`${rule.before[g]}::timestamptz`;
  return sql<SqlBool>`(c.owner_id is not null and c.status = 'active' and c.executive_sponsor_id is null
    ${rule.exemptKeyCategory ? sql`and c.category <> 'key'` : sql``}
    and c.last_interaction_at < ${latest}
    and c.last_interaction_at < (case c.grade when 'A' then ${at('A')} when 'B' then ${at('B')}
      when 'C' then ${at('C')} when 'D' then ${at('D')} else ${at('none')} end))`;
}

/** Not yet warned about the current silence. */
const unwarned = sql<SqlBool>`(c.recycle_warned_at is null or c.recycle_warned_at < c.last_interaction_at)`;

/** Warned about the current silence before `warnedBefore` (or no warning required). */
function warnedLongEnough(warnedBefore: Date | null): RawBuilder<SqlBool> {
  if (!warnedBefore) return sql<SqlBool>`true`;
  return sql<SqlBool>`(c.recycle_warned_at >= c.last_interaction_at and c.recycle_warned_at < ${warnedBefore})`;
}

export type RecyclePhase =
  | { kind: 'warn'; rule: DueRule }
  | { kind: 'recycle'; rule: DueRule; warnedBefore: Date | null };

function phaseWhere(phase: RecyclePhase): RawBuilder<SqlBool> {
  return phase.kind === 'warn'
    ? sql<SqlBool>`${dueWhere(phase.rule)} and ${unwarned}`
    : sql<SqlBool>`${dueWhere(phase.rule)} and ${warnedLongEnough(phase.warnedBefore)}`;
}

export async function countPhase(db: Db, phase: RecyclePhase): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from customer c where ${phaseWhere(phase)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * The next owners (after `afterOwner`, in id order) with customers due in this phase. The job works
 * owner by owner so each owner gets one summary per run, however many customers they lose.
 */
export async function nextDueOwners(
  db: Db,
  phase: RecyclePhase,
  afterOwner: string | null,
  limit: number,
): Promise<string[]> {
  const { rows } = await sql<{ owner_id: string }>`
    select distinct c.owner_id from customer c
    where ${phaseWhere(phase)} ${afterOwner ? sql`and c.owner_id > ${afterOwner}::uuid` : sql``}
    order by c.owner_id limit ${limit}`.execute(db);
  return rows.map((r) => r.owner_id);
}

export interface DueCustomer {
  id: string;
  name: string;
  owner_id: string;
  grade: string | null;
  last_interaction_at: Date;
}

/**
 * Locks the owners' customers due in this phase. SKIP LOCKED: a customer someone is editing right
 * now is left for the next run rather than making the job wait (or recycling it mid-edit); the
 * conditions are evaluated again on the locked row, so a claim or contact that just committed wins.
 */
export async function lockDue(
  db: Db,
  phase: RecyclePhase,
  owners: readonly string[],
): Promise<DueCustomer[]> {
  if (owners.length === 0) return [];
  const { rows } = await sql<DueCustomer>`
    select c.id, c.name, c.owner_id, c.grade, c.last_interaction_at from customer c
    where ${phaseWhere(phase)} and c.owner_id = any(${[...owners]}::uuid[])
    order by c.owner_id, c.id
    for update of c skip locked`.execute(db);
  return rows;
}

export async function markWarned(db: Db, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  // Bookkeeping only: no version bump, so nobody's open edit form goes stale because of it.
  await sql`update customer set recycle_warned_at = ${now} where id = any(${[...ids]}::uuid[])`.execute(db);
}

/** The person's customers in their warning period (or overdue): the pool page's "at risk" list. */
export async function atRiskOf(
  db: Db,
  userId: string,
  rule: DueRule,
  limit: number,
): Promise<
  { id: string; name: string; grade: string | null; category: string; last_interaction_at: Date }[]
> {
  const { rows } = await sql<{
    id: string;
    name: string;
    grade: string | null;
    category: string;
    last_interaction_at: Date;
  }>`
    select c.id, c.name, c.grade, c.category, c.last_interaction_at from customer c
    where ${dueWhere(rule)} and c.owner_id = ${userId}
    order by c.last_interaction_at, c.id limit ${limit}`.execute(db);
  return rows;
}

export async function countAtRisk(db: Db, userId: string, rule: DueRule): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from customer c where ${dueWhere(rule)} and c.owner_id = ${userId}`.execute(db);
  return rows[0]?.n ?? 0;
}

// ---------- one customer's ownership ----------

export interface OwnershipFacts {
  id: string;
  name: string;
  status: string;
  grade: string | null;
  category: string;
  owner_id: string | null;
  owner_name: string | null;
  owner_department_id: string | null;
  executive_sponsor_id: string | null;
  sponsor_name: string | null;
  last_interaction_at: Date;
  version: number;
}

export async function ownershipFacts(db: Db, id: string): Promise<OwnershipFacts | undefined> {
  const { rows } = await sql<OwnershipFacts>`
    select c.id, c.name, c.status, c.grade, c.category, c.owner_id, o.name as owner_name,
      o.department_id as owner_department_id, c.executive_sponsor_id, s.name as sponsor_name,
      c.last_interaction_at, c.version
    from customer c left join app_user o on o.id = c.owner_id left join app_user s on s.id = c.executive_sponsor_id
    where c.id = ${id}`.execute(db);
  return rows[0];
}

export interface HistoryRow {
  id: string;
  kind: string;
  from_user_id: string | null;
  from_name: string | null;
  to_user_id: string | null;
  to_name: string | null;
  reason: string;
  actor_id: string | null;
  actor_name: string | null;
  at: Date;
}

export async function listHistory(
  db: Db,
  customerId: string,
  limit: number,
  beforeId: string | null,
): Promise<{ rows: HistoryRow[]; total: number }> {
  const [{ rows: count }, { rows }] = await Promise.all([
    sql<{
      n: number;
    }>`select count(*)::int as n from ownership_history where customer_id = ${customerId}`.execute(db),
    sql<HistoryRow>`
      select h.id, h.kind, h.from_user_id, f.name as from_name, h.to_user_id, t.name as to_name, h.reason,
        h.actor_id, a.name as actor_name, h.at
      from ownership_history h
        left join app_user f on f.id = h.from_user_id
        left join app_user t on t.id = h.to_user_id
        left join app_user a on a.id = h.actor_id
      where h.customer_id = ${customerId} ${beforeId ? sql`and h.id < ${beforeId}::uuid` : sql``}
      order by h.id desc limit ${limit + 1}`.execute(db),
  ]);
  return { rows, total: count[0]?.n ?? 0 };
}

// ---------- executives' key customers ----------

export interface SponsoredRow {
  id: string;
  name: string;
  grade: string | null;
  category: string;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
  last_interaction_at: Date;
}

export async function listSponsored(db: Db, executiveId: string): Promise<SponsoredRow[]> {
  const { rows } = await sql<SponsoredRow>`
    select c.id, c.name, c.grade, c.category, c.status, c.owner_id, o.name as owner_name, c.last_interaction_at
    from customer c left join app_user o on o.id = c.owner_id
    where c.executive_sponsor_id = ${executiveId} and c.status <> 'merged'
    order by c.name, c.id`.execute(db);
  return rows;
}

export async function setSponsor(
  db: Db,
  customerId: string,
  executiveId: string | null,
  actorId: string,
  now: Date,
): Promise<void> {
  await sql`update customer set executive_sponsor_id = ${executiveId}, version = version + 1,
    updated_at = ${now}, updated_by = ${actorId} where id = ${customerId}`.execute(db);
}

/** Moves the row lock of one customer: a sponsor change queues behind an edit of the same customer. */
export async function lockOne(db: Db, id: string): Promise<void> {
  await sql`select 1 from customer where id = ${id} for update`.execute(db);
}

/** After a merge the survivor was last worked on when either of the two was. */
export async function carryInteractionClock(db: Db, fromId: string, toId: string): Promise<void> {
  await sql`update customer s set last_interaction_at = greatest(s.last_interaction_at, m.last_interaction_at)
    from customer m where s.id = ${toId} and m.id = ${fromId}`.execute(db);
}

/** Sets a customer's recycling clock directly: demo data that must look weeks old on day one. */
export async function setInteractionClock(
  db: Db,
  id: string,
  at: Date,
  warnedAt: Date | null,
): Promise<void> {
  await sql`update customer set last_interaction_at = ${at}, recycle_warned_at = ${warnedAt} where id = ${id}`.execute(
    db,
  );
}

/** Flags a customer as an executive's key customer, by name (demo data). */
export async function sponsorByName(db: Db, name: string, executiveId: string): Promise<void> {
  await sql`update customer set executive_sponsor_id = ${executiveId} where name = ${name}`.execute(db);
}
