import type { DB } from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import { type Insertable, type Kysely, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import { customerScope } from '../customers/customers.repository';

// The only file of interactions (沟通记录) that touches the database, including the follow-up
// facts they keep on the customer (last_follow_up_at, last_owner_contact_at, last_interaction_at).

type Db = Kysely<DB>;

export interface InteractionView {
  id: string;
  customer_id: string;
  channel: string;
  direction: string;
  occurred_at: Date;
  /** occurred_at to the microsecond, for cursors (a Date keeps milliseconds only). */
  occurred_exact: string;
  summary: string;
  needs_found: string;
  next_step: string;
  guide_business: boolean;
  guide_needs: boolean;
  guide_rapport: boolean;
  guide_value: boolean;
  visit_id: string | null;
  qualifies: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  logger_name: string | null;
  customer_name: string;
  customer_grade: string | null;
  customer_category: string;
}

const exact = sql<string>`to_char(i.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function interactionSelect(db: Db) {
  return db
    .selectFrom('interaction as i')
    .innerJoin('customer as c', 'c.id', 'i.customer_id')
    .leftJoin('app_user as lg', 'lg.id', 'i.created_by')
    .select([
      'i.id',
      'i.customer_id',
      'i.channel',
      'i.direction',
      'i.occurred_at',
      'i.summary',
      'i.needs_found',
      'i.next_step',
      'i.guide_business',
      'i.guide_needs',
      'i.guide_rapport',
      'i.guide_value',
      'i.visit_id',
      'i.qualifies',
      'i.version',
      'i.created_at',
      'i.updated_at',
      'i.created_by',
      'lg.name as logger_name',
      'c.name as customer_name',
      'c.grade as customer_grade',
      'c.category as customer_category',
    ])
    .select(exact.as('occurred_exact'));
}

/** One interaction whose customer is in the actor's scope; undefined otherwise (callers 404). */
export async function findInteraction(
  db: Db,
  scope: DataScope,
  id: string,
): Promise<InteractionView | undefined> {
  return interactionSelect(db).where('i.id', '=', id).where(customerScope(scope)).executeTakeFirst();
}

export async function findInteractionOfVisit(db: Db, visitId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('interaction')
    .select('id')
    .where('visit_id', '=', visitId)
    .executeTakeFirst();
  return row?.id;
}

/** The interactions that visit reports produced, for a page of visits. */
export async function interactionsOfVisits(
  db: Db,
  visitIds: readonly string[],
): Promise<Map<string, string>> {
  if (visitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('interaction')
    .select(['id', 'visit_id'])
    .where('visit_id', 'in', [...visitIds])
    .execute();
  return new Map(rows.map((r) => [r.visit_id!, r.id]));
}

export async function lockInteraction(db: Db, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('interaction')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row?.version;
}

export interface InteractionFilter {
  customerId?: string | undefined;
  loggedBy?: string | undefined;
  channels?: readonly string[] | undefined;
  /** occurred_at >= from */
  from?: Date | undefined;
  /** occurred_at < before */
  before?: Date | undefined;
}

export interface InteractionCursor {
  at: string;
  id: string;
}

function filtered(db: Db, f: InteractionFilter) {
  let q = interactionSelect(db);
  if (f.customerId) q = q.where('i.customer_id', '=', f.customerId);
  if (f.loggedBy) q = q.where('i.created_by', '=', f.loggedBy);
  if (f.channels?.length) q = q.where('i.channel', 'in', [...f.channels]);
  if (f.from) q = q.where('i.occurred_at', '>=', f.from);
  if (f.before) q = q.where('i.occurred_at', '<', f.before);
  return q;
}

/**
 * Up to this many customers in scope, a list goes customer by customer; beyond it, down the
 * time index (interaction_occurred) keeping the rows whose customer is in scope. An account
 * manager's few hundred customers are a few hundred short index ranges; a department's tens of
 * thousands are better found by walking the newest interactions, of which many are theirs.
 */
const perCustomerMax = 2000;

/** Whether the list goes customer by customer: a narrow scope and no narrower index to follow. */
async function goPerCustomer(db: Db, scope: DataScope, f: InteractionFilter): Promise<boolean> {
  if (f.customerId || f.loggedBy || scope.kind === 'all') return false;
  const row = await db
    .selectFrom(
      db
        .selectFrom('customer as c')
        .select('c.id')
        .where(customerScope(scope))
        .limit(perCustomerMax + 1)
        .as('s'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) <= perCustomerMax;
}

/**
 * For each customer in scope, up to `limit` of its interactions matching the filter, newest first:
 * one range of interaction_customer per customer, read from the index alone (id, occurred_at).
 */
function scopedByCustomer(
  db: Db,
  scope: DataScope,
  f: InteractionFilter,
  limit: number,
  below: RawBuilder<SqlBool>,
) {
  const inScope = db
    .selectFrom('customer as c')
    .select('c.id')
    .where(customerScope(scope))
    .where('c.status', '<>', 'merged');
  return db.selectFrom(inScope.as('sc')).innerJoinLateral(
    (eb) =>
      eb
        .selectFrom('interaction as i')
        .select(['i.id', 'i.occurred_at'])
        .whereRef('i.customer_id', '=', 'sc.id')
        .where(below)
        .$call((s) => (f.channels?.length ? s.where('i.channel', 'in', [...f.channels]) : s))
        .$call((s) => (f.from ? s.where('i.occurred_at', '>=', f.from) : s))
        .$call((s) => (f.before ? s.where('i.occurred_at', '<', f.before) : s))
        .orderBy('i.occurred_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(limit)
        .as('x'),
    (join) => join.onTrue(),
  );
}

/**
 * A page of interactions newest first (occurred_at, id), limited to customers in scope. A
 * customer's list follows interaction_customer, a logger's interaction_logger, a narrow scope goes
 * customer by customer, anything wider walks interaction_occurred (5 million rows: never a sort
 * of the whole table).
 */
export async function listInteractions(
  db: Db,
  scope: DataScope,
  f: InteractionFilter,
  limit: number,
  after: InteractionCursor | null,
): Promise<InteractionView[]> {
  const below = after
    ? sql<SqlBool>`(i.occurred_at, i.id) < (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql<SqlBool>`true`;
  let q = filtered(db, f).where(below);
  // Per customer, the candidates are merged and cut to the page before any row is read by id.
  q = (await goPerCustomer(db, scope, f))
    ? q.where(
        'i.id',
        'in',
        scopedByCustomer(db, scope, f, limit, below)
          .select('x.id')
          .orderBy('x.occurred_at', 'desc')
          .orderBy('x.id', 'desc')
          .limit(limit),
      )
    : q.where(customerScope(scope));
  return q.orderBy('i.occurred_at', 'desc').orderBy('i.id', 'desc').limit(limit).execute();
}

/** Matching interactions up to `cap` + 1: enough to say "1,000+" without counting millions. */
export async function countInteractions(db: Db, scope: DataScope, f: InteractionFilter, cap: number) {
  const sub = (await goPerCustomer(db, scope, f))
    ? scopedByCustomer(db, scope, f, cap + 1, sql<SqlBool>`true`)
        .select('x.id')
        .limit(cap + 1)
    : filtered(db, f)
        .where(customerScope(scope))
        .clearSelect()
        .select('i.id')
        .limit(cap + 1);
  const row = await db
    .selectFrom(sub.as('t'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---------- participants ----------

export interface Participants {
  contacts: Map<string, { id: string; name: string; position: string }[]>;
  staff: Map<string, { id: string; name: string }[]>;
}

/** Contacts and staff of a page of interactions: one query each. */
export async function participantsOf(db: Db, ids: readonly string[]): Promise<Participants> {
  const out: Participants = { contacts: new Map(), staff: new Map() };
  if (ids.length === 0) return out;
  const [contacts, staff] = await Promise.all([
    db
      .selectFrom('interaction_contact as ic')
      .innerJoin('contact as ct', 'ct.id', 'ic.contact_id')
      .select(['ic.interaction_id', 'ct.id', 'ct.name', 'ct.position'])
      .where('ic.interaction_id', 'in', [...ids])
      .orderBy('ct.name')
      .orderBy('ct.id')
      .execute(),
    db
      .selectFrom('interaction_staff as st')
      .innerJoin('app_user as u', 'u.id', 'st.user_id')
      .select(['st.interaction_id', 'u.id', 'u.name'])
      .where('st.interaction_id', 'in', [...ids])
      .orderBy('u.name')
      .orderBy('u.id')
      .execute(),
  ]);
  for (const { interaction_id, ...c } of contacts) {
    const list = out.contacts.get(interaction_id) ?? [];
    list.push(c);
    out.contacts.set(interaction_id, list);
  }
  for (const { interaction_id, ...s } of staff) {
    const list = out.staff.get(interaction_id) ?? [];
    list.push(s);
    out.staff.set(interaction_id, list);
  }
  return out;
}

/** Which of `ids` are contacts of the customer. */
export async function contactsOfCustomer(
  db: Db,
  customerId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('contact')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function replaceContacts(
  db: Db,
  interactionId: string,
  contactIds: readonly string[],
): Promise<void> {
  await db.deleteFrom('interaction_contact').where('interaction_id', '=', interactionId).execute();
  const ids = [...new Set(contactIds)];
  if (ids.length)
    await db
      .insertInto('interaction_contact')
      .values(ids.map((contact_id) => ({ interaction_id: interactionId, contact_id })))
      .execute();
}

export async function replaceStaff(db: Db, interactionId: string, userIds: readonly string[]): Promise<void> {
  await db.deleteFrom('interaction_staff').where('interaction_id', '=', interactionId).execute();
  const ids = [...new Set(userIds)];
  if (ids.length)
    await db
      .insertInto('interaction_staff')
      .values(ids.map((user_id) => ({ interaction_id: interactionId, user_id })))
      .execute();
}

// ---------- writes ----------

export async function insertInteraction(db: Db, row: Insertable<DB['interaction']>): Promise<void> {
  await db.insertInto('interaction').values(row).execute();
}

export async function updateInteraction(
  db: Db,
  id: string,
  version: number,
  patch: Updateable<DB['interaction']>,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('interaction')
    .set({ ...patch, version: version + 1, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteInteraction(db: Db, id: string, version: number): Promise<boolean> {
  const res = await db
    .deleteFrom('interaction')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

// ---------- the customer's follow-up facts ----------

/**
 * Locks the customer an interaction is logged for and reads what the log needs: whether it may take
 * one, and who owns it now (their outbound contact keeps a key customer's monthly clock).
 */
export async function lockCustomerForLog(
  db: Db,
  id: string,
): Promise<{ status: string; owner_id: string | null } | undefined> {
  return db
    .selectFrom('customer')
    .select(['status', 'owner_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * A new interaction moves the customer's clocks forward, never back (an interaction logged late
 * for last week must not undo yesterday's). The customer_follow_up trigger then recomputes
 * follow_up_due_at. The customer's version is untouched: these are derived facts, and a colleague
 * editing the customer's form meanwhile must not get a conflict because someone made a call.
 */
export async function advanceCustomerClocks(
  db: Db,
  customerId: string,
  at: Date,
  opts: { followUp: boolean; ownerContact: boolean },
): Promise<void> {
  await db
    .updateTable('customer')
    .set({
      last_interaction_at: sql`greatest(last_interaction_at, ${at}::timestamptz)`,
      ...(opts.followUp ? { last_follow_up_at: sql`greatest(last_follow_up_at, ${at}::timestamptz)` } : {}),
      ...(opts.ownerContact
        ? { last_owner_contact_at: sql`greatest(last_owner_contact_at, ${at}::timestamptz)` }
        : {}),
    })
    .where('id', '=', customerId)
    .execute();
}

/**
 * After an interaction was changed or deleted (or a merge brought another customer's), the two
 * follow-up facts are derived again from the interactions that remain: the latest qualifying one,
 * and the latest outbound one the current owner took part in. The pool's last_interaction_at
 * stays: work did happen, and the recycling clock only moves forward.
 */
export async function recomputeFollowUpFacts(db: Db, customerId: string): Promise<void> {
  await sql`update customer c set
      last_follow_up_at = (select max(i.occurred_at) from interaction i
        where i.customer_id = c.id and i.qualifies),
      last_owner_contact_at = (select max(i.occurred_at) from interaction i
        where i.customer_id = c.id and i.direction = 'outbound' and c.owner_id is not null
          and exists (select 1 from interaction_staff st where st.interaction_id = i.id and st.user_id = c.owner_id))
    where c.id = ${customerId}`.execute(db);
}
