import type { DB } from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import type { OrderSort } from '@weixi/shared';
import { type ExpressionBuilder, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { customerScope } from '../customers/customers.repository';
import { escapeLike } from '../identity/identity.repository';

// The only file of the loyalty module that touches the database (order imports have their own,
// order-import.repository.ts, as the customers module does).

type Db = Kysely<DB>;
/**
 * The customers module's scope rule (owner, collaborators, department, all), applied through the
 * order's customer, which every query here joins as `c`.
 */
const visible = customerScope;

/** Postgres unique-violation on a given index: a race past the pre-check, reported on its field. */
export function isUniqueViolation(err: unknown, index: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown };
  return e?.code === '23505' && e.constraint === index;
}

// ---------- product categories ----------

export type CategoryRow = Selectable<DB['product_category']> & { product_count: number };

export async function listCategories(db: Db, active?: boolean): Promise<CategoryRow[]> {
  let q = db
    .selectFrom('product_category as pc')
    .selectAll('pc')
    .select(
      sql<number>`(select count(*)::int from product p where p.category_id = pc.id)`.as('product_count'),
    );
  if (active !== undefined) q = q.where('pc.active', '=', active);
  return q.orderBy('pc.position').orderBy('pc.name').orderBy('pc.id').execute();
}

export async function findCategory(db: Db, id: string): Promise<CategoryRow | undefined> {
  return db
    .selectFrom('product_category as pc')
    .selectAll('pc')
    .select(
      sql<number>`(select count(*)::int from product p where p.category_id = pc.id)`.as('product_count'),
    )
    .where('pc.id', '=', id)
    .executeTakeFirst();
}

export async function categoryNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('product_category').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertCategory(
  db: Db,
  row: { id: string; name: string; position: number; active: boolean },
  actorId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('product_category')
    .values({ ...row, created_by: actorId, updated_by: actorId, created_at: now, updated_at: now })
    .execute();
}

export async function updateCategory(
  db: Db,
  id: string,
  version: number,
  patch: { name?: string; position?: number; active?: boolean },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('product_category')
    .set({ ...patch, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------- products ----------

export type ProductRow = Selectable<DB['product']> & { category_name: string };

function productSelect(db: Db) {
  return db
    .selectFrom('product as p')
    .innerJoin('product_category as pc', 'pc.id', 'p.category_id')
    .selectAll('p')
    .select('pc.name as category_name');
}

export async function findProduct(db: Db, id: string): Promise<ProductRow | undefined> {
  return productSelect(db).where('p.id', '=', id).executeTakeFirst();
}

export async function productCodeTaken(db: Db, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('product').select('id').where(sql<SqlBool>`lower(code) = lower(${code})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface ProductFilter {
  q?: string | undefined;
  categoryId?: string | undefined;
  active?: boolean | undefined;
}

/** The catalog is small (hundreds of products): a contains-match on code or name is enough. */
export async function listProducts(
  db: Db,
  f: ProductFilter,
  limit: number,
  after: { code: string; id: string } | null,
): Promise<{ rows: ProductRow[]; total: number }> {
  const where = (eb: ExpressionBuilder<DB & { p: DB['product'] }, 'p'>) => {
    const conds = [];
    if (f.q) {
      const like = `%${escapeLike(f.q)}%`;
      conds.push(eb.or([eb('p.code', 'ilike', like), eb('p.name', 'ilike', like)]));
    }
    if (f.categoryId) conds.push(eb('p.category_id', '=', f.categoryId));
    if (f.active !== undefined) conds.push(eb('p.active', '=', f.active));
    return eb.and(conds);
  };
  let q = productSelect(db).where(where);
  if (after) q = q.where(sql<SqlBool>`(lower(p.code), p.id) > (lower(${after.code}), ${after.id}::uuid)`);
  const rows = await q
    .orderBy(sql`lower(p.code)`)
    .orderBy('p.id')
    .limit(limit + 1)
    .execute();
  const { n } = await db
    .selectFrom('product as p')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(where)
    .executeTakeFirstOrThrow();
  return { rows, total: n };
}

export interface ProductWrite {
  code?: string;
  name?: string;
  category_id?: string;
  unit?: string;
  list_price_fen?: number | null;
  active?: boolean;
}

export async function insertProduct(
  db: Db,
  row: ProductWrite & { id: string; code: string; name: string; category_id: string },
  actorId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('product')
    .values({ ...row, created_by: actorId, updated_by: actorId, created_at: now, updated_at: now })
    .execute();
}

export async function updateProduct(
  db: Db,
  id: string,
  version: number,
  patch: ProductWrite,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('product')
    .set({ ...patch, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------- customers as orders see them ----------

export interface OrderCustomer {
  id: string;
  name: string;
  status: string;
  merged_into_id: string | null;
}

/** A customer inside the scope, or undefined (unknown and out of scope look the same). */
export async function findOrderCustomer(
  db: Db,
  scope: DataScope,
  id: string,
): Promise<OrderCustomer | undefined> {
  return db
    .selectFrom('customer as c')
    .select(['c.id', 'c.name', 'c.status', 'c.merged_into_id'])
    .where('c.id', '=', id)
    .where(visible(scope))
    .executeTakeFirst();
}

// ---------- orders ----------

export interface OrderView {
  id: string;
  customer_id: string;
  customer_name: string;
  owner_id: string | null;
  owner_name: string | null;
  ordered_on: string;
  product_id: string;
  product_code: string;
  product_name: string;
  product_unit: string;
  category_id: string;
  category_name: string;
  quantity: string;
  amount_fen: string;
  channel: string;
  external_ref: string | null;
  notes: string;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

function orderSelect(db: Db) {
  return db
    .selectFrom('customer_order as o')
    .innerJoin('customer as c', 'c.id', 'o.customer_id')
    .innerJoin('product as p', 'p.id', 'o.product_id')
    .innerJoin('product_category as pc', 'pc.id', 'p.category_id')
    .leftJoin('app_user as ow', 'ow.id', 'c.owner_id')
    .leftJoin('app_user as cb', 'cb.id', 'o.created_by')
    .select([
      'o.id',
      'o.customer_id',
      'c.name as customer_name',
      'c.owner_id',
      'ow.name as owner_name',
      'o.ordered_on',
      'o.product_id',
      'p.code as product_code',
      'p.name as product_name',
      'p.unit as product_unit',
      'pc.id as category_id',
      'pc.name as category_name',
      'o.quantity',
      'o.amount_fen',
      'o.channel',
      'o.external_ref',
      'o.notes',
      'o.created_by',
      'cb.name as created_by_name',
      'o.created_at',
      'o.updated_at',
      'o.version',
    ]);
}

/** One order whose customer is in scope; undefined otherwise (callers 404). */
export async function findOrder(db: Db, scope: DataScope, id: string): Promise<OrderView | undefined> {
  return (await orderSelect(db).where('o.id', '=', id).where(visible(scope)).executeTakeFirst()) as
    | OrderView
    | undefined;
}

/** Row lock for writes: concurrent edits of one order queue instead of interleaving. */
export async function lockOrder(db: Db, id: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('customer_order')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row?.version;
}

export async function externalRefTaken(db: Db, ref: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('customer_order').select('id').where('external_ref', '=', ref);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export interface OrderWrite {
  customer_id?: string;
  ordered_on?: string;
  product_id?: string;
  quantity?: string;
  amount_fen?: number;
  channel?: string;
  external_ref?: string | null;
  notes?: string;
}

export type NewOrder = Required<Omit<OrderWrite, 'external_ref' | 'notes' | 'channel'>> &
  OrderWrite & { id: string };

export async function insertOrders(db: Db, rows: NewOrder[], actorId: string, now: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('customer_order')
    .values(
      rows.map((r) => ({ ...r, created_by: actorId, updated_by: actorId, created_at: now, updated_at: now })),
    )
    .execute();
}

export async function updateOrder(
  db: Db,
  id: string,
  version: number,
  patch: OrderWrite,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('customer_order')
    .set({ ...patch, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteOrder(db: Db, id: string, version: number): Promise<boolean> {
  const res = await db
    .deleteFrom('customer_order')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

export interface OrderFilter {
  customerId?: string | undefined;
  productId?: string | undefined;
  categoryId?: string | undefined;
  channel?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  ownerId?: string | undefined;
}

type OrderListEb = ExpressionBuilder<
  DB & { o: DB['customer_order']; c: DB['customer']; p: DB['product'] },
  'o' | 'c' | 'p'
>;

function orderWhere(scope: DataScope, f: OrderFilter) {
  return (eb: OrderListEb) => {
    const conds = [visible(scope)(eb)];
    if (f.customerId) conds.push(eb('o.customer_id', '=', f.customerId));
    if (f.productId) conds.push(eb('o.product_id', '=', f.productId));
    if (f.categoryId) conds.push(eb('p.category_id', '=', f.categoryId));
    if (f.channel?.length) conds.push(eb('o.channel', 'in', f.channel));
    if (f.from) conds.push(eb('o.ordered_on', '>=', f.from));
    if (f.to) conds.push(eb('o.ordered_on', '<=', f.to));
    if (f.ownerId) conds.push(eb('c.owner_id', '=', f.ownerId));
    return eb.and(conds);
  };
}

const sortSql: Record<OrderSort, { order: string; cmp: '<' | '>'; key: string; cast: string }> = {
  '-orderedOn': { order: 'o.ordered_on desc, o.id desc', cmp: '<', key: 'o.ordered_on', cast: 'date' },
  orderedOn: { order: 'o.ordered_on, o.id', cmp: '>', key: 'o.ordered_on', cast: 'date' },
  '-amount': { order: 'o.amount_fen desc, o.id desc', cmp: '<', key: 'o.amount_fen', cast: 'bigint' },
  amount: { order: 'o.amount_fen, o.id', cmp: '>', key: 'o.amount_fen', cast: 'bigint' },
};

/** Counting stops here unless exact totals are asked for (they sum every match anyway). */
export const orderCountCap = 10_000;

export async function listOrders(
  db: Db,
  scope: DataScope,
  f: OrderFilter,
  sort: OrderSort,
  limit: number,
  after: [string, string] | null,
): Promise<OrderView[]> {
  const s = sortSql[sort];
  let q = orderSelect(db).where(orderWhere(scope, f));
  if (after)
    q = q.where(
      sql<SqlBool>`(${sql.ref(s.key)}, o.id) ${sql.raw(s.cmp)} (${after[0]}::${sql.raw(s.cast)}, ${after[1]}::uuid)`,
    );
  return (await q
    .orderBy(sql.raw(s.order))
    .limit(limit + 1)
    .execute()) as OrderView[];
}

/** Matching orders up to the cap, for the page's `total` when no exact totals were asked for. */
export async function countOrders(db: Db, scope: DataScope, f: OrderFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (${db
    .selectFrom('customer_order as o')
    .innerJoin('customer as c', 'c.id', 'o.customer_id')
    .innerJoin('product as p', 'p.id', 'o.product_id')
    .select(sql`1`.as('one'))
    .where(orderWhere(scope, f))
    .limit(orderCountCap)}) t`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Exact count and sum of every matching order. */
export async function orderTotals(
  db: Db,
  scope: DataScope,
  f: OrderFilter,
): Promise<{ count: number; amountFen: number }> {
  const row = await db
    .selectFrom('customer_order as o')
    .innerJoin('customer as c', 'c.id', 'o.customer_id')
    .innerJoin('product as p', 'p.id', 'o.product_id')
    .select([sql<number>`count(*)::int`.as('n'), sql<string>`coalesce(sum(o.amount_fen), 0)`.as('sum')])
    .where(orderWhere(scope, f))
    .executeTakeFirstOrThrow();
  return { count: row.n, amountFen: Number(row.sum) };
}

/** A customer's whole history in one index range scan (customer_order_customer). */
export async function customerOrderTotals(db: Db, customerId: string, from12: string, today: string) {
  const { rows } = await sql<{
    n: number;
    sum: string;
    first: string | null;
    last: string | null;
    n12: number;
    sum12: string;
  }>`select count(*)::int as n, coalesce(sum(amount_fen), 0) as sum,
      min(ordered_on) as first, max(ordered_on) as last,
      (count(*) filter (where ordered_on between ${from12} and ${today}))::int as n12,
      coalesce(sum(amount_fen) filter (where ordered_on between ${from12} and ${today}), 0) as sum12
    from customer_order where customer_id = ${customerId}`.execute(db);
  return rows[0]!;
}
