import type { DB } from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import { customerScope } from '../customers/customers.repository';
import type { Reach } from './access';

// The only file of visits (拜访) that touches the database.

type Db = Kysely<DB>;
type VisitEb = ExpressionBuilder<DB & { v: DB['visit']; c: DB['customer'] }, 'v' | 'c'>;

export interface VisitView {
  id: string;
  customer_id: string;
  customer_name: string;
  customer_grade: string | null;
  customer_category: string;
  customer_status: string;
  customer_address: string;
  customer_latitude: string | null;
  customer_longitude: string | null;
  visitor_id: string;
  visitor_name: string;
  visitor_department_id: string | null;
  planned_on: string;
  planned_time: string | null;
  stop_order: number | null;
  purpose: string;
  objectives: string;
  materials: string[];
  status: string;
  cancel_reason: string | null;
  check_in_at: Date | null;
  check_in_latitude: string | null;
  check_in_longitude: string | null;
  check_in_accuracy_m: number | null;
  check_in_distance_m: number | null;
  check_in_flag: string | null;
  received_by: unknown[];
  needs: string;
  problems: string;
  objections: string;
  prospects: string;
  competitor_info: string;
  credit_change: string | null;
  credit_change_cause: string;
  report_summary: string;
  reported_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** The list's sort keys: stops without an order, and visits without a time, come last in a day. */
  stop_key: number;
  time_key: string;
}

// Stop orders are 1–99 and times at most 23:59, so these sort the blanks after every real value.
const stopKey = sql<number>`coalesce(v.stop_order, 100)`;
const timeKey = sql<string>`coalesce(v.planned_time, time '24:00')`;

function visitSelect(db: Db) {
  return db
    .selectFrom('visit as v')
    .innerJoin('customer as c', 'c.id', 'v.customer_id')
    .innerJoin('app_user as u', 'u.id', 'v.visitor_id')
    .selectAll('v')
    .select([
      'c.name as customer_name',
      'c.grade as customer_grade',
      'c.category as customer_category',
      'c.status as customer_status',
      'c.address as customer_address',
      'c.latitude as customer_latitude',
      'c.longitude as customer_longitude',
      'u.name as visitor_name',
      'u.department_id as visitor_department_id',
    ])
    .select([stopKey.as('stop_key'), sql<string>`${timeKey}::text`.as('time_key')]);
}

/** Visitors the actor oversees: themselves, plus their team when they manage one. */
function overseen(reach: Reach, alias = 'v') {
  const visitor = sql.ref(`${alias}.visitor_id`);
  if (reach.team === 'all') return sql<SqlBool>`true`;
  if (reach.team === null) return sql<SqlBool>`${visitor} = ${reach.userId}`;
  return sql<SqlBool>`(${visitor} = ${reach.userId}
    or ${visitor} in (select u2.id from app_user u2 where u2.department_id = any(${[...reach.team]}::uuid[])))`;
}

/**
 * Who sees a visit: the visitor, managers over the visitor, and whoever may read the customer. As
 * the union of two index lookups (by visitor: visit_visitor_day; by customer in scope:
 * visit_customer), not an OR tested against every visit.
 */
function visibleTo(db: Db, reach: Reach, scope: DataScope) {
  return (eb: VisitEb): Expression<SqlBool> => {
    if (reach.team === 'all' || scope.kind === 'all') return sql<SqlBool>`true`;
    const byVisitor = db.selectFrom('visit as v2').select('v2.id').where(overseen(reach, 'v2'));
    // Its own `c`, shadowing the outer query's: customerScope names c.owner_id and c.id.
    const customers = db.selectFrom('customer as c').select('c.id').where(customerScope(scope));
    const byCustomer = db.selectFrom('visit as v3').select('v3.id').where('v3.customer_id', 'in', customers);
    return eb('v.id', 'in', byVisitor.union(byCustomer));
  };
}

export async function findVisit(
  db: Db,
  reach: Reach,
  scope: DataScope,
  id: string,
): Promise<VisitView | undefined> {
  return (await visitSelect(db)
    .where('v.id', '=', id)
    .where(visibleTo(db, reach, scope))
    .executeTakeFirst()) as VisitView | undefined;
}

/** Row-locks a visit; its version and customer as they are once the lock is held. */
export async function lockVisit(
  db: Db,
  id: string,
): Promise<{ version: number; customer_id: string } | undefined> {
  return db
    .selectFrom('visit')
    .select(['version', 'customer_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface VisitFilter {
  view: 'mine' | 'team' | 'all';
  visitorId?: string | undefined;
  customerId?: string | undefined;
  statuses?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface VisitCursor {
  plannedOn: string;
  stopKey: number;
  timeKey: string;
  id: string;
}

function filtered(db: Db, reach: Reach, scope: DataScope, f: VisitFilter) {
  let q = visitSelect(db);
  if (f.view === 'mine') q = q.where('v.visitor_id', '=', reach.userId);
  else if (f.view === 'team') q = q.where(overseen(reach));
  else q = q.where(visibleTo(db, reach, scope));
  if (f.visitorId) q = q.where('v.visitor_id', '=', f.visitorId);
  if (f.customerId) q = q.where('v.customer_id', '=', f.customerId);
  if (f.statuses?.length) q = q.where('v.status', 'in', [...f.statuses]);
  if (f.from) q = q.where('v.planned_on', '>=', f.from);
  if (f.to) q = q.where('v.planned_on', '<=', f.to);
  return q;
}

/** A page of visits in the order of the day: date, stop order, time, id (index visit_visitor_day). */
export async function listVisits(
  db: Db,
  reach: Reach,
  scope: DataScope,
  f: VisitFilter,
  limit: number,
  after: VisitCursor | null,
): Promise<VisitView[]> {
  let q = filtered(db, reach, scope, f);
  if (after)
    q = q.where(
      sql<SqlBool>`(v.planned_on, ${stopKey}, ${timeKey}, v.id)
        > (${after.plannedOn}::date, ${after.stopKey}::int, ${after.timeKey}::time, ${after.id}::uuid)`,
    );
  return (await q
    .orderBy('v.planned_on')
    .orderBy(stopKey)
    .orderBy(timeKey)
    .orderBy('v.id')
    .limit(limit)
    .execute()) as VisitView[];
}

export async function countVisits(db: Db, reach: Reach, scope: DataScope, f: VisitFilter, cap: number) {
  const sub = filtered(db, reach, scope, f)
    .clearSelect()
    .select(sql`1`.as('one'))
    .limit(cap + 1);
  const row = await db
    .selectFrom(sub.as('x'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertVisit(db: Db, row: Insertable<DB['visit']>): Promise<void> {
  await db.insertInto('visit').values(row).execute();
}

export async function updateVisit(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<DB['visit']>,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('visit')
    .set({ ...patch, version: version + 1, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
