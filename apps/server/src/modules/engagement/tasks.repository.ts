import type { DB } from '@weixi/db';
import { type Insertable, type Kysely, type SqlBool, sql, type Updateable } from 'kysely';
import type { Reach } from './access';

// The only file of tasks (任务) that touches the database.

type Db = Kysely<DB>;

export interface TaskView {
  id: string;
  title: string;
  description: string;
  customer_id: string | null;
  customer_name: string | null;
  owner_id: string;
  owner_name: string;
  owner_department_id: string | null;
  due_on: string;
  status: string;
  source: string;
  source_id: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  completed_by_name: string | null;
  completion_note: string;
  version: number;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
  updated_at: Date;
}

function taskSelect(db: Db) {
  return db
    .selectFrom('task as t')
    .innerJoin('app_user as o', 'o.id', 't.owner_id')
    .leftJoin('customer as c', 'c.id', 't.customer_id')
    .leftJoin('app_user as cb', 'cb.id', 't.completed_by')
    .leftJoin('app_user as cr', 'cr.id', 't.created_by')
    .select([
      't.id',
      't.title',
      't.description',
      't.customer_id',
      'c.name as customer_name',
      't.owner_id',
      'o.name as owner_name',
      'o.department_id as owner_department_id',
      't.due_on',
      't.status',
      't.source',
      't.source_id',
      't.completed_at',
      't.completed_by',
      'cb.name as completed_by_name',
      't.completion_note',
      't.version',
      't.created_at',
      't.created_by',
      'cr.name as created_by_name',
      't.updated_at',
    ]);
}

/** Owners the actor oversees: themselves, plus their team when they manage one. */
function overseen(reach: Reach) {
  if (reach.team === 'all') return sql<SqlBool>`true`;
  if (reach.team === null) return sql<SqlBool>`t.owner_id = ${reach.userId}`;
  return sql<SqlBool>`(t.owner_id = ${reach.userId}
    or t.owner_id in (select u.id from app_user u where u.department_id = any(${[...reach.team]}::uuid[])))`;
}

/** Who sees a task: its owner, whoever created it, and managers over its owner. */
function visible(reach: Reach) {
  if (reach.team === 'all') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${overseen(reach)} or t.created_by = ${reach.userId})`;
}

export async function findTask(db: Db, reach: Reach, id: string): Promise<TaskView | undefined> {
  return taskSelect(db).where('t.id', '=', id).where(visible(reach)).executeTakeFirst();
}

export async function lockTask(db: Db, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('task')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row?.version;
}

/** The tasks a visit's commitments became, for a page of visits (index task_source). */
export async function tasksFromSources(
  db: Db,
  source: string,
  sourceIds: readonly string[],
): Promise<Map<string, string[]>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('task')
    .select(['id', 'source_id'])
    .where('source', '=', source)
    .where('source_id', 'in', [...sourceIds])
    .orderBy('id')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.source_id!, [...(out.get(r.source_id!) ?? []), r.id]);
  return out;
}

export interface TaskFilter {
  /** Which owners: `mine` only the actor; `team` those they oversee; `all` everything they may see. */
  view: 'mine' | 'team' | 'all';
  statuses: readonly string[];
  ownerId?: string | undefined;
  customerId?: string | undefined;
  sources?: readonly string[] | undefined;
  /** due_on >= dueFrom */
  dueFrom?: string | undefined;
  /** due_on < dueBefore */
  dueBefore?: string | undefined;
}

function filtered(db: Db, reach: Reach, f: TaskFilter) {
  let q = taskSelect(db);
  if (f.view === 'mine') q = q.where('t.owner_id', '=', reach.userId);
  else if (f.view === 'team') q = q.where(overseen(reach));
  else q = q.where(visible(reach));
  if (f.statuses.length) q = q.where('t.status', 'in', [...f.statuses]);
  if (f.ownerId) q = q.where('t.owner_id', '=', f.ownerId);
  if (f.customerId) q = q.where('t.customer_id', '=', f.customerId);
  if (f.sources?.length) q = q.where('t.source', 'in', [...f.sources]);
  if (f.dueFrom) q = q.where('t.due_on', '>=', f.dueFrom);
  if (f.dueBefore) q = q.where('t.due_on', '<', f.dueBefore);
  return q;
}

/**
 * A page of tasks. Open ones are worked through by due date (due_on, id — index task_owner_open);
 * any other selection lists the newest first (ids are time-ordered UUIDv7: index task_owner).
 */
export async function listTasks(
  db: Db,
  reach: Reach,
  f: TaskFilter,
  order: 'due' | 'newest',
  limit: number,
  after: { dueOn: string | null; id: string } | null,
): Promise<TaskView[]> {
  let q = filtered(db, reach, f);
  if (order === 'due') {
    if (after) q = q.where(sql<SqlBool>`(t.due_on, t.id) > (${after.dueOn}::date, ${after.id}::uuid)`);
    q = q.orderBy('t.due_on').orderBy('t.id');
  } else {
    if (after) q = q.where('t.id', '<', after.id);
    q = q.orderBy('t.id', 'desc');
  }
  return q.limit(limit).execute();
}

export async function countTasks(db: Db, reach: Reach, f: TaskFilter, cap: number): Promise<number> {
  const sub = filtered(db, reach, f)
    .clearSelect()
    .select(sql`1`.as('one'))
    .limit(cap + 1);
  const row = await db
    .selectFrom(sub.as('x'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertTask(db: Db, row: Insertable<DB['task']>): Promise<void> {
  await db.insertInto('task').values(row).execute();
}

export async function updateTask(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<DB['task']>,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('task')
    .set({ ...patch, version: version + 1, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A person tasks may be given to: active, with the department managers are judged by. */
export async function findAssignee(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; department_id: string | null } | undefined> {
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'department_id'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}
