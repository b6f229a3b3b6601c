import type { DB } from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import { openTicketStatuses } from '@weixi/shared';
import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import { customerScope } from '../customers/customers.repository';
import { escapeLike } from '../identity/identity.repository';

// The only file of tickets (投诉 / 售后工单) that touches the database.

type Db = Kysely<DB>;
type TicketEb = ExpressionBuilder<DB & { t: DB['ticket'] }, 't'>;

/**
 * Who sees which tickets: those of customers in the actor's data scope, those they own, and —
 * for managers (service `view_team`) — those owned by the people they manage (`team`: everyone,
 * these departments, or nobody), so a manager can open every ticket their team queue lists.
 */
export interface TicketReach {
  userId: string;
  scope: DataScope;
  team: 'all' | readonly string[] | null;
}

export interface TicketView {
  id: string;
  number: string;
  customer_id: string;
  customer_name: string;
  customer_grade: string | null;
  customer_email: string;
  contact_id: string | null;
  contact_name: string | null;
  contact_email: string | null;
  channel: string;
  kind: string;
  category_id: string | null;
  category_name: string | null;
  priority: string;
  important: boolean;
  subject: string;
  description: string;
  owner_id: string | null;
  owner_name: string | null;
  status: string;
  stage: string;
  root_cause_id: string | null;
  root_cause_name: string | null;
  resolution: string;
  received_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  reopen_count: number;
  first_response_target_ms: string;
  first_response_mode: string;
  resolution_target_ms: string;
  resolution_mode: string;
  first_response_due_at: Date;
  resolution_due_at: Date;
  next_due_at: Date | null;
  waiting_since: Date | null;
  first_response_breached: boolean;
  resolution_breached: boolean;
  /** next_due_at's deadline has had its warning (the SLA watch marks it). */
  next_warned: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The columns a queue row shows (TicketListItem). */
export type TicketListRow = Pick<
  TicketView,
  | 'id'
  | 'number'
  | 'subject'
  | 'customer_id'
  | 'customer_name'
  | 'customer_grade'
  | 'owner_id'
  | 'owner_name'
  | 'channel'
  | 'kind'
  | 'priority'
  | 'important'
  | 'status'
  | 'stage'
  | 'category_id'
  | 'category_name'
  | 'received_at'
  | 'next_due_at'
  | 'waiting_since'
  | 'first_response_breached'
  | 'resolution_breached'
  | 'next_warned'
>;

/** Whether the deadline that matters now (next_due_at's) has had its warning. */
const nextWarned = sql<boolean>`(case when t.first_response_at is null then t.first_response_warned_at
  else t.resolution_warned_at end) is not null`.as('next_warned');

const listColumns = [
  't.id',
  't.number',
  't.subject',
  't.customer_id',
  'c.name as customer_name',
  'c.grade as customer_grade',
  't.owner_id',
  'o.name as owner_name',
  't.channel',
  't.kind',
  't.priority',
  't.important',
  't.status',
  't.stage',
  't.category_id',
  'cat.name as category_name',
  't.received_at',
  't.next_due_at',
  't.waiting_since',
  't.first_response_breached',
  't.resolution_breached',
] as const;

function listSelect(db: Db) {
  return db
    .selectFrom('ticket as t')
    .innerJoin('customer as c', 'c.id', 't.customer_id')
    .leftJoin('app_user as o', 'o.id', 't.owner_id')
    .leftJoin('ticket_category as cat', 'cat.id', 't.category_id')
    .select(listColumns)
    .select(nextWarned);
}

function detailSelect(db: Db) {
  return listSelect(db)
    .leftJoin('contact as ct', 'ct.id', 't.contact_id')
    .leftJoin('root_cause as rc', 'rc.id', 't.root_cause_id')
    .select([
      'c.email as customer_email',
      't.contact_id',
      'ct.name as contact_name',
      'ct.email as contact_email',
      't.description',
      't.root_cause_id',
      'rc.name as root_cause_name',
      't.resolution',
      't.first_response_at',
      't.resolved_at',
      't.closed_at',
      't.reopen_count',
      't.first_response_target_ms',
      't.first_response_mode',
      't.resolution_target_ms',
      't.resolution_mode',
      't.first_response_due_at',
      't.resolution_due_at',
      't.version',
      't.created_at',
      't.updated_at',
    ]);
}

/** Owners in the actor's team (managers), as a predicate on t.owner_id; null: no team. */
function teamOwners(reach: TicketReach): RawBuilder<SqlBool> | null {
  if (reach.team === 'all') return sql<SqlBool>`true`;
  if (reach.team === null || reach.team.length === 0) return null;
  // `= any(array(…))`: the members are read once, and the index on (owner_id, next_due_at) is
  // probed per member rather than the whole queue filtered.
  return sql<SqlBool>`t.owner_id = any(array(select u.id from app_user u
    where u.department_id = any(${[...reach.team]}::uuid[])))`;
}

/** Visible to the actor: customer in scope, owned by them, or owned by someone they manage. */
function visible(reach: TicketReach) {
  return (eb: TicketEb) => {
    if (reach.scope.kind === 'all' || reach.team === 'all') return sql<SqlBool>`true`;
    const arms: Expression<SqlBool>[] = [
      eb('t.owner_id', '=', reach.userId),
      eb(
        't.customer_id',
        'in',
        eb.selectFrom('customer as c').select('c.id').where(customerScope(reach.scope)),
      ),
    ];
    const team = teamOwners(reach);
    if (team) arms.push(team);
    return eb.or(arms);
  };
}

export async function findTicket(db: Db, reach: TicketReach, id: string): Promise<TicketView | undefined> {
  return (await detailSelect(db).where('t.id', '=', id).where(visible(reach)).executeTakeFirst()) as
    | TicketView
    | undefined;
}

/** Row lock for a change: concurrent writes of one ticket queue instead of interleaving. */
export async function lockTicket(db: Db, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('ticket')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row?.version;
}

export interface TicketFilter {
  view: 'mine' | 'team' | 'all';
  statuses: readonly string[];
  kinds?: readonly string[] | undefined;
  priorities?: readonly string[] | undefined;
  channels?: readonly string[] | undefined;
  categoryId?: string | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
  /** next_due_at in [from, before) */
  dueFrom?: Date | undefined;
  dueBefore?: Date | undefined;
  q?: string | undefined;
}

/** Fixed enum values written as literals: the planner then proves the partial indexes' predicate. */
const literalList = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

function filtered(db: Db, reach: TicketReach, f: TicketFilter) {
  let q = listSelect(db);
  if (f.view === 'mine') q = q.where('t.owner_id', '=', reach.userId);
  else if (f.view === 'team') {
    const team = teamOwners(reach);
    q = q.where(team ?? sql<SqlBool>`t.owner_id = ${reach.userId}`);
  } else q = q.where(visible(reach));
  // Open statuses exactly as the partial indexes ticket_queue(_owner) are defined.
  q = q.where(sql<SqlBool>`t.status in (${literalList(f.statuses)})`);
  if (f.kinds?.length) q = q.where(sql<SqlBool>`t.kind in (${literalList(f.kinds)})`);
  if (f.priorities?.length) q = q.where(sql<SqlBool>`t.priority in (${literalList(f.priorities)})`);
  if (f.channels?.length) q = q.where(sql<SqlBool>`t.channel in (${literalList(f.channels)})`);
  if (f.categoryId) q = q.where('t.category_id', '=', f.categoryId);
  if (f.ownerId) q = q.where('t.owner_id', '=', f.ownerId);
  if (f.customerId) q = q.where('t.customer_id', '=', f.customerId);
  if (f.dueFrom) q = q.where('t.next_due_at', '>=', f.dueFrom);
  if (f.dueBefore) q = q.where('t.next_due_at', '<', f.dueBefore);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = /^\d{1,15}$/.test(f.q)
      ? q.where((eb) => eb.or([eb('t.number', '=', f.q!), eb('t.subject', 'ilike', like)]))
      : q.where('t.subject', 'ilike', like);
  }
  return q;
}

export interface DueCursor {
  dueAt: Date | null;
  id: string;
}

/** The queue's first page as one statement (exported so the benchmark can EXPLAIN what runs). */
export function dueQueueQuery(db: Db, reach: TicketReach, f: TicketFilter, limit: number) {
  return filtered(db, reach, f).orderBy('t.next_due_at').orderBy('t.id').limit(limit);
}

/**
 * A page of the queue. `due`: (next_due_at, id) ascending, no deadline last — the order of the
 * partial indexes, so the first page is an index walk cut at the limit. A later page continues
 * past the cursor with a row comparison the index ranges over; rows without a deadline follow in
 * a second statement only once the dated ones run out (`or next_due_at is null` would turn the
 * range into a filter over the whole queue).
 */
export async function listTickets(
  db: Db,
  reach: TicketReach,
  f: TicketFilter,
  limit: number,
  after: DueCursor | null,
): Promise<TicketListRow[]> {
  const base = filtered(db, reach, f);
  const undated = (n: number, afterId: string | null) => {
    let q = base.where('t.next_due_at', 'is', null);
    if (afterId) q = q.where('t.id', '>', afterId);
    return q.orderBy('t.id').limit(n).execute() as Promise<TicketListRow[]>;
  };
  if (!after) return (await dueQueueQuery(db, reach, f, limit).execute()) as TicketListRow[];
  if (after.dueAt === null) return undated(limit, after.id);
  const dated = (await base
    .where(sql<SqlBool>`(t.next_due_at, t.id) > (${after.dueAt}::timestamptz, ${after.id}::uuid)`)
    .orderBy('t.next_due_at')
    .orderBy('t.id')
    .limit(limit)
    .execute()) as TicketListRow[];
  // A breach window bounds next_due_at: no undated rows can follow.
  if (dated.length >= limit || f.dueFrom || f.dueBefore) return dated;
  return [...dated, ...(await undated(limit - dated.length, null))];
}

/** The newest-first order for the `-received` sort. */
export async function listTicketsByReceived(
  db: Db,
  reach: TicketReach,
  f: TicketFilter,
  limit: number,
  after: { receivedAt: Date; id: string } | null,
): Promise<TicketListRow[]> {
  let q = filtered(db, reach, f);
  if (after)
    q = q.where(sql<SqlBool>`(t.received_at, t.id) < (${after.receivedAt}::timestamptz, ${after.id}::uuid)`);
  return (await q
    .orderBy('t.received_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute()) as TicketListRow[];
}

export async function insertTicket(db: Db, row: Insertable<DB['ticket']>): Promise<void> {
  await db.insertInto('ticket').values(row).execute();
}

export async function updateTicketRow(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<DB['ticket']>,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('ticket')
    .set({ ...patch, version: version + 1, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------- pauses ----------

export interface PauseRow {
  id: string;
  from_at: Date;
  to_at: Date | null;
  reason: string;
}

export async function listPauses(db: Db, ticketId: string): Promise<PauseRow[]> {
  return db
    .selectFrom('ticket_pause')
    .select(['id', 'from_at', 'to_at', 'reason'])
    .where('ticket_id', '=', ticketId)
    .orderBy('from_at')
    .orderBy('id')
    .execute();
}

export async function insertPause(
  db: Db,
  row: { id: string; ticketId: string; from: Date; to: Date | null; reason: string },
): Promise<void> {
  await db
    .insertInto('ticket_pause')
    .values({ id: row.id, ticket_id: row.ticketId, from_at: row.from, to_at: row.to, reason: row.reason })
    .execute();
}

/** Ends the open pause (waiting on the customer) at `at`; false when none was open. */
export async function closeOpenPause(db: Db, ticketId: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('ticket_pause')
    .set({ to_at: at })
    .where('ticket_id', '=', ticketId)
    .where('to_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

// ---------- events ----------

export interface EventRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  visibility: string;
  body: string;
  data: Record<string, unknown>;
}

export async function listEvents(db: Db, ticketId: string): Promise<EventRow[]> {
  return db
    .selectFrom('ticket_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_id',
      'u.name as actor_name',
      'e.kind',
      'e.visibility',
      'e.body',
      'e.data',
    ])
    .where('e.ticket_id', '=', ticketId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

export async function findEvent(db: Db, id: string): Promise<EventRow | undefined> {
  return db
    .selectFrom('ticket_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_id',
      'u.name as actor_name',
      'e.kind',
      'e.visibility',
      'e.body',
      'e.data',
    ])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function insertEvent(
  db: Db,
  row: {
    id: string;
    ticketId: string;
    customerId: string;
    at: Date;
    actorId: string | null;
    kind: string;
    visibility: 'internal' | 'customer';
    body: string;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('ticket_event')
    .values({
      id: row.id,
      ticket_id: row.ticketId,
      customer_id: row.customerId,
      at: row.at,
      actor_id: row.actorId,
      kind: row.kind,
      visibility: row.visibility,
      body: row.body,
      data: JSON.stringify(row.data),
    })
    .execute();
}

// ---------- lookups ----------

/** An active user tickets may be given to. */
export async function findActiveUser(
  db: Db,
  id: string,
): Promise<{ id: string; name: string; role: string; department_id: string | null } | undefined> {
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'role', 'department_id'])
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
}

export async function contactOfCustomer(
  db: Db,
  customerId: string,
  contactId: string,
): Promise<{ id: string; name: string; email: string } | undefined> {
  return db
    .selectFrom('contact')
    .select(['id', 'name', 'email'])
    .where('id', '=', contactId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

export async function findCategory(db: Db, id: string): Promise<{ id: string; active: boolean } | undefined> {
  return db.selectFrom('ticket_category').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function findRootCause(
  db: Db,
  id: string,
): Promise<{ id: string; active: boolean } | undefined> {
  return db.selectFrom('root_cause').select(['id', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function findTemplate(db: Db, id: string): Promise<{ id: string; body: string } | undefined> {
  return db.selectFrom('reply_template').select(['id', 'body']).where('id', '=', id).executeTakeFirst();
}

export const openStatuses: readonly string[] = openTicketStatuses;
