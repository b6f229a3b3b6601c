import type { DB } from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { customerScope } from '../customers/customers.repository';

// The only file that touches reply templates (标准服务用语), and the ticket values they are filled with.

type Db = Kysely<DB>;

export interface ReplyTemplateRow {
  id: string;
  title: string;
  category_id: string | null;
  category_name: string | null;
  body: string;
  active: boolean;
  version: number;
}

function templateSelect(db: Db) {
  return db
    .selectFrom('reply_template as rt')
    .leftJoin('ticket_category as tc', 'tc.id', 'rt.category_id')
    .select([
      'rt.id',
      'rt.title',
      'rt.category_id',
      'tc.name as category_name',
      'rt.body',
      'rt.active',
      'rt.version',
    ]);
}

/**
 * Templates by title; with a category, that category's and the general ones (category null), which
 * is what an agent on a ticket of that category may pick from.
 */
export async function listTemplates(
  db: Db,
  filter: { categoryId?: string | undefined; includeInactive: boolean },
): Promise<ReplyTemplateRow[]> {
  let q = templateSelect(db);
  if (!filter.includeInactive) q = q.where('rt.active', '=', true);
  if (filter.categoryId)
    q = q.where((eb) =>
      eb.or([eb('rt.category_id', '=', filter.categoryId!), eb('rt.category_id', 'is', null)]),
    );
  return q.orderBy('rt.title').orderBy('rt.id').execute();
}

export async function findTemplate(db: Db, id: string): Promise<ReplyTemplateRow | undefined> {
  return templateSelect(db).where('rt.id', '=', id).executeTakeFirst();
}

export async function categoryState(db: Db, id: string): Promise<{ active: boolean } | undefined> {
  return db.selectFrom('ticket_category').select('active').where('id', '=', id).executeTakeFirst();
}

export async function insertTemplate(
  db: Db,
  row: { id: string; title: string; category_id: string | null; body: string; active: boolean },
  actorId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('reply_template')
    .values({ ...row, created_at: now, updated_at: now, created_by: actorId, updated_by: actorId })
    .execute();
}

export async function updateTemplate(
  db: Db,
  id: string,
  version: number,
  patch: { title?: string; category_id?: string | null; body?: string; active?: boolean },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('reply_template')
    .set({ ...patch, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface TicketReplyValues {
  number: string;
  customer_name: string;
  contact_name: string | null;
}

/**
 * What a reply is filled with, for a ticket the actor may see: its customer is in the actor's
 * data scope, or the actor owns the ticket (a complaint handed to an agent outside the customer's
 * team). Undefined otherwise, so the caller answers 404 and nothing about the ticket leaks.
 */
export async function ticketReplyValues(
  db: Db,
  scope: DataScope,
  actorId: string,
  ticketId: string,
): Promise<TicketReplyValues | undefined> {
  return db
    .selectFrom('ticket as t')
    .innerJoin('customer as c', 'c.id', 't.customer_id')
    .leftJoin('contact as ct', 'ct.id', 't.contact_id')
    .select([sql<string>`t.number::text`.as('number'), 'c.name as customer_name', 'ct.name as contact_name'])
    .where('t.id', '=', ticketId)
    .where((eb) => eb.or([customerScope(scope)(eb), sql<SqlBool>`t.owner_id = ${actorId}`]))
    .executeTakeFirst();
}
