import type { DB } from '@weixi/db';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';

// The only file of follow-ups (回访) that touches the database. Due times live in the narrow table
// customer_follow_up (decision 011); every due list and count is served by its index
// customer_follow_up_due (owner_id, due_at, customer_id): one range scan per owner, read from the
// index alone, and the customer table is visited only for the rows of the page. Only the recompute
// job (at the end) reads the whole table, in batches.

type Db = Kysely<DB>;

/**
 * Whose customers a list covers: those owned by `owners`, and — for "everything in my scope" views
 * of people who collaborate on others' customers — those `collaborator` works on.
 */
export interface FollowUpAudience {
  owners: readonly string[];
  collaborator: string | null;
}

/** due_at >= from and < before (either may be open). */
export interface DueRange {
  from: Date | null;
  before: Date | null;
}

export interface FollowUpFilter extends DueRange {
  grades?: readonly string[] | undefined;
}

export interface FollowUpRow {
  id: string;
  name: string;
  grade: string | null;
  category: string;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
  created_at: Date;
  follow_up_due_at: Date;
  last_follow_up_at: Date | null;
  last_owner_contact_at: Date | null;
}

/** Conditions on customer_follow_up f. A due time exists only for active customers. */
function conditions(f: FollowUpFilter, after: { dueAt: Date; id: string } | null): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`f.due_at is not null`];
  if (f.from) parts.push(sql`f.due_at >= ${f.from}`);
  if (f.before) parts.push(sql`f.due_at < ${f.before}`);
  if (f.grades?.length)
    parts.push(sql`exists (select 1 from customer c where c.id = f.customer_id
      and c.grade = any(${[...f.grades]}::text[]))`);
  if (after) parts.push(sql`(f.due_at, f.customer_id) > (${after.dueAt}::timestamptz, ${after.id}::uuid)`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** Customers the collaborator works on whose owner is not already among the audience's owners. */
function collaboratorArm(a: FollowUpAudience) {
  return sql<SqlBool>`f.customer_id = any(array(select cc.customer_id from customer_collaborator cc
      where cc.user_id = ${a.collaborator}))
    and f.owner_id <> all(${[...a.owners]}::uuid[])`;
}

function audience(a: FollowUpAudience) {
  return a.collaborator
    ? sql<SqlBool>`(f.owner_id = any(${[...a.owners]}::uuid[]) or (${collaboratorArm(a)}))`
    : sql<SqlBool>`f.owner_id = any(${[...a.owners]}::uuid[])`;
}

/**
 * A page of due follow-ups ordered by due time and id. Each owner's range is read through the
 * index with its own limit (a lateral join), so a department of fifty reads at most fifty short
 * ranges however many customers they hold; the merge sorts at most fifty short lists of (due, id)
 * and only the page's rows are read from the customer table.
 */
export function followUpPageQuery(
  a: FollowUpAudience,
  f: FollowUpFilter,
  limit: number,
  after: { dueAt: Date; id: string } | null,
) {
  const where = conditions(f, after);
  const owned = sql`select x.* from unnest(${[...a.owners]}::uuid[]) as o(id)
    cross join lateral (
      select f.customer_id, f.due_at from customer_follow_up f
      where f.owner_id = o.id and ${where}
      order by f.due_at, f.customer_id
      limit ${limit}
    ) x`;
  const page = a.collaborator
    ? sql`(${owned}) union all (select f.customer_id, f.due_at from customer_follow_up f
        where ${collaboratorArm(a)} and ${where}
        order by f.due_at, f.customer_id limit ${limit})`
    : owned;
  return sql<FollowUpRow>`select c.id, c.name, c.grade, c.category, c.status, c.owner_id, c.created_at,
      p.due_at as follow_up_due_at, c.last_follow_up_at, c.last_owner_contact_at, u.name as owner_name
    from (select * from (${page}) q order by q.due_at, q.customer_id limit ${limit}) p
    join customer c on c.id = p.customer_id
    left join app_user u on u.id = c.owner_id
    order by p.due_at, p.customer_id`;
}

export async function listFollowUps(
  db: Db,
  a: FollowUpAudience,
  f: FollowUpFilter,
  limit: number,
  after: { dueAt: Date; id: string } | null,
): Promise<FollowUpRow[]> {
  return (await followUpPageQuery(a, f, limit, after).execute(db)).rows;
}

/** How many follow-ups match, counted up to `cap` (index-only over the same ranges). */
export async function countFollowUps(
  db: Db,
  a: FollowUpAudience,
  f: FollowUpFilter,
  cap: number,
): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from (
      select 1 from customer_follow_up f where ${audience(a)} and ${conditions(f, null)} limit ${cap}
    ) x`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export interface OwnerCounts {
  owner_id: string;
  owner_name: string;
  overdue: number;
  today: number;
  week: number;
}

/**
 * Overdue, due today and due this week (today through Sunday) per owner: one range scan per owner
 * up to the end of the week, counted in one pass.
 */
export async function countByOwner(
  db: Db,
  a: FollowUpAudience,
  b: { startOfToday: Date; startOfTomorrow: Date; startOfNextWeek: Date },
): Promise<OwnerCounts[]> {
  const where = conditions({ from: null, before: b.startOfNextWeek }, null);
  const { rows } = await sql<{
    owner_id: string;
    owner_name: string;
    overdue: string;
    today: string;
    week: string;
  }>`
    select f.owner_id, min(u.name) as owner_name,
      count(*) filter (where f.due_at < ${b.startOfToday}) as overdue,
      count(*) filter (where f.due_at >= ${b.startOfToday} and f.due_at < ${b.startOfTomorrow}) as today,
      count(*) filter (where f.due_at >= ${b.startOfToday}) as week
    from customer_follow_up f join app_user u on u.id = f.owner_id
    where ${audience(a)} and ${where}
    group by f.owner_id`.execute(db);
  return rows.map((r) => ({
    owner_id: r.owner_id,
    owner_name: r.owner_name,
    overdue: Number(r.overdue),
    today: Number(r.today),
    week: Number(r.week),
  }));
}

/** Every user (management's team is everyone who can own a customer). */
export async function allUserIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('app_user').select('id').execute()).map((r) => r.id);
}

/** Members of these departments (active or not: a departed colleague's customers are still due). */
export async function membersOf(db: Db, departmentIds: readonly string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  return (
    await db
      .selectFrom('app_user')
      .select('id')
      .where('department_id', 'in', [...departmentIds])
      .execute()
  ).map((r) => r.id);
}

export async function findPerson(
  db: Db,
  id: string,
): Promise<{ id: string; department_id: string | null } | undefined> {
  return db.selectFrom('app_user').select(['id', 'department_id']).where('id', '=', id).executeTakeFirst();
}

// ---------- recomputing due dates (engagement.recompute-follow-ups) ----------

/**
 * Re-derives whether remote inbound interactions (calls, messages, e-mails from the customer)
 * qualify, after the administrator changed `countInbound`. Returns the customers whose
 * interactions changed. Versions are not bumped: the flag is derived, not edited.
 */
export async function requalifyInbound(
  db: Db,
  remoteChannels: readonly string[],
  qualifies: boolean,
): Promise<string[]> {
  const { rows } = await sql<{ customer_id: string }>`with changed as (
      update interaction set qualifies = ${qualifies}
      where direction = 'inbound' and channel = any(${[...remoteChannels]}::text[]) and qualifies <> ${qualifies}
      returning customer_id)
    select distinct customer_id from changed`.execute(db);
  return rows.map((r) => r.customer_id);
}

/**
 * Sets these customers' last follow-up to their latest qualifying interaction (the trigger then
 * moves the due date). Writes only rows that change; returns how many did.
 */
export async function refreshLastFollowUp(db: Db, customerIds: readonly string[]): Promise<number> {
  if (customerIds.length === 0) return 0;
  const result = await sql`update customer c set last_follow_up_at = x.at
    from (select c2.id, (select max(i.occurred_at) from interaction i
                         where i.customer_id = c2.id and i.qualifies) as at
          from customer c2 where c2.id = any(${[...customerIds]}::uuid[])) x
    where c.id = x.id and c.last_follow_up_at is distinct from x.at`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function countCustomers(db: Db): Promise<number> {
  const { n } = await db
    .selectFrom('customer')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Every `size`-th customer id: the upper ends of batches of `size` customers (one index scan). */
export async function batchEnds(db: Db, size: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select id from (
      select id, row_number() over (order by id) as n from customer) x
    where n % ${size} = 0 order by id`.execute(db);
  return rows.map((r) => r.id);
}

/**
 * Recomputes the due times of the customers with ids in (after, upTo], writing only the side rows
 * whose due time changes. The rule is the SQL function follow_up_due() that the customer triggers
 * use too (decision 011), with the standards joined once: it has no lookups of its own, so it is
 * inlined. Only customer_follow_up is written — the wide customer row and its indexes are not
 * touched, which is what makes a cadence change over a million customers cheap.
 */
export async function recomputeDue(db: Db, after: string | null, upTo: string | null): Promise<number> {
  const range = [
    ...(after ? [sql`c.id > ${after}::uuid`] : []),
    ...(upTo ? [sql`c.id <= ${upTo}::uuid`] : []),
  ];
  const result = await sql`update customer_follow_up f set due_at = x.due
    from (select c.id,
            follow_up_due(c.status, c.category, c.created_at, c.last_follow_up_at, c.last_owner_contact_at,
                          s.follow_up_days, k.days) as due
          from customer c
          cross join (select key_contact_days() as days) k
          left join grade_service_standard s on s.grade = coalesce(c.grade, 'D')
          ${range.length ? sql`where ${sql.join(range, sql` and `)}` : sql``}) x
    where f.customer_id = x.id and f.due_at is distinct from x.due`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
