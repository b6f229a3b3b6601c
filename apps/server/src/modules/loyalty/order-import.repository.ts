import type { DB } from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import { type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import { customerScope } from '../customers/customers.repository';
import { interruptedMessage } from '../platform/import/failure';
import type { NewOrder } from './loyalty.repository';

// The loyalty module's second repository: order import jobs, their rejected rows, and the batch
// lookups an import needs. Order rows are written here too, in the batch's transaction.

type Db = Kysely<DB>;
export type OrderImportRow = Selectable<DB['order_import']> & { created_by_name: string | null };

function importSelect(db: Db) {
  return db
    .selectFrom('order_import as i')
    .leftJoin('app_user as u', 'u.id', 'i.created_by')
    .selectAll('i')
    .select('u.name as created_by_name');
}

export async function insertOrderImport(
  db: Db,
  row: {
    id: string;
    file_name: string;
    format: string;
    encoding: string | null;
    file_path: string;
    sheet_no: string | null;
    headers: string[];
    total_rows: number | null;
    actorId: string;
    now: Date;
  },
): Promise<void> {
  const { actorId, now, headers, ...rest } = row;
  await db
    .insertInto('order_import')
    .values({
      ...rest,
      headers: JSON.stringify(headers),
      created_by: actorId,
      updated_by: actorId,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** A job its creator (or, with `anyone`, an administrator) may see; undefined otherwise (404). */
export async function findOrderImport(
  db: Db,
  id: string,
  viewer: { userId: string; anyone: boolean },
): Promise<OrderImportRow | undefined> {
  let q = importSelect(db).where('i.id', '=', id);
  if (!viewer.anyone) q = q.where('i.created_by', '=', viewer.userId);
  return (await q.executeTakeFirst()) as OrderImportRow | undefined;
}

/** uploaded → running, only from the version the user saw. */
export async function markOrderImportStarted(
  db: Db,
  id: string,
  version: number,
  patch: { mapping: Record<string, string>; default_channel: string; actorId: string; now: Date },
): Promise<boolean> {
  const res = await db
    .updateTable('order_import')
    .set({
      status: 'running',
      mapping: JSON.stringify(patch.mapping),
      default_channel: patch.default_channel,
      started_by: patch.actorId,
      started_at: patch.now,
      heartbeat_at: patch.now,
      updated_at: patch.now,
      updated_by: patch.actorId,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'uploaded')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Running jobs whose heartbeat stopped (their process died) read as interrupted. */
export async function markStaleOrderImports(db: Db, cutoff: Date, now: Date, id?: string): Promise<number> {
  let q = db
    .updateTable('order_import')
    .set({
      status: 'interrupted',
      error: interruptedMessage,
      finished_at: now,
      updated_at: now,
      version: sql`version + 1`,
    })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', cutoff);
  if (id) q = q.where('id', '=', id);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export interface OrderBatchCounts {
  processed: number;
  created: number;
  alreadyImported: number;
  rejected: number;
}

/** Progress after a batch, in the batch's own transaction: counts and commit go together. */
export async function addOrderImportProgress(
  db: Db,
  id: string,
  c: OrderBatchCounts,
  now: Date,
): Promise<void> {
  await db
    .updateTable('order_import')
    .set({
      processed: sql`processed + ${c.processed}`,
      created: sql`created + ${c.created}`,
      already_imported: sql`already_imported + ${c.alreadyImported}`,
      rejected: sql`rejected + ${c.rejected}`,
      heartbeat_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function finishOrderImport(
  db: Db,
  id: string,
  patch: {
    status: 'done' | 'failed' | 'interrupted';
    total_rows: number | null;
    error: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .updateTable('order_import')
    .set({
      status: patch.status,
      ...(patch.total_rows !== null ? { total_rows: patch.total_rows } : {}),
      error: patch.error,
      finished_at: patch.now,
      heartbeat_at: patch.now,
      updated_at: patch.now,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export interface OrderRejectionWrite {
  row_number: number;
  seq: number;
  column_name: string | null;
  code: string;
  message: string;
  raw: string[];
}

export async function insertOrderRejections(
  db: Db,
  importId: string,
  rows: OrderRejectionWrite[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('order_import_rejection')
    .values(rows.map((r) => ({ ...r, import_id: importId, raw: JSON.stringify(r.raw) })))
    .execute();
}

export async function listOrderRejections(
  db: Db,
  importId: string,
  limit: number,
  after: { row: number; seq: number } | null = null,
) {
  let q = db
    .selectFrom('order_import_rejection')
    .select(['row_number', 'seq', 'column_name', 'code', 'message', 'raw'])
    .where('import_id', '=', importId);
  if (after) q = q.where((eb) => eb(eb.refTuple('row_number', 'seq'), '>', eb.tuple(after.row, after.seq)));
  return q.orderBy('row_number').orderBy('seq').limit(limit).execute();
}

// ---------- batch lookups ----------

export interface CustomerCandidate {
  id: string;
  name: string;
  credit_code: string | null;
  name_key: string;
  owner_name: string | null;
  visible: boolean;
}

/**
 * Every non-merged customer a batch's credit codes or name keys point at, in one query (both keys
 * have btree indexes); `visible` says whether the actor's order scope reaches it.
 */
export async function customerCandidates(
  db: Db,
  scope: DataScope,
  keys: { creditCodes: string[]; nameKeys: string[] },
): Promise<CustomerCandidate[]> {
  if (!keys.creditCodes.length && !keys.nameKeys.length) return [];
  return (await db
    .selectFrom('customer as c')
    .leftJoin('app_user as o', 'o.id', 'c.owner_id')
    .select(['c.id', 'c.name', 'c.credit_code', 'c.name_key', 'o.name as owner_name'])
    .select((eb) => sql<boolean>`(${customerScope(scope)(eb)})`.as('visible'))
    .where('c.status', '<>', 'merged')
    .where((eb) => {
      const ors = [];
      if (keys.creditCodes.length) ors.push(sql<SqlBool>`c.credit_code = any(${keys.creditCodes}::text[])`);
      if (keys.nameKeys.length) ors.push(sql<SqlBool>`c.name_key = any(${keys.nameKeys}::text[])`);
      return eb.or(ors);
    })
    .execute()) as CustomerCandidate[];
}

export interface ProductCandidate {
  id: string;
  code: string;
  name: string;
}

/** Products by lower-cased code or name (both indexed); retired products included: history. */
export async function productCandidates(
  db: Db,
  keys: { codes: string[]; names: string[] },
): Promise<ProductCandidate[]> {
  if (!keys.codes.length && !keys.names.length) return [];
  return db
    .selectFrom('product')
    .select(['id', 'code', 'name'])
    .where((eb) => {
      const ors = [];
      if (keys.codes.length) ors.push(sql<SqlBool>`lower(code) = any(${keys.codes}::text[])`);
      if (keys.names.length) ors.push(sql<SqlBool>`lower(name) = any(${keys.names}::text[])`);
      return eb.or(ors);
    })
    .execute();
}

/** Which of these external references orders already carry. */
export async function existingExternalRefs(db: Db, refs: string[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .selectFrom('customer_order')
    .select('external_ref')
    .where(sql<SqlBool>`external_ref = any(${refs}::text[])`)
    .execute();
  return new Set(rows.map((r) => r.external_ref!));
}

/**
 * Inserts a batch's orders; a reference another import committed meanwhile is skipped by the
 * unique index instead of failing the batch. Returns the ids actually inserted.
 */
export async function insertImportedOrders(
  db: Db,
  rows: NewOrder[],
  actorId: string,
  now: Date,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('customer_order')
    .values(
      rows.map((r) => ({ ...r, created_by: actorId, updated_by: actorId, created_at: now, updated_at: now })),
    )
    .onConflict((oc) => oc.column('external_ref').where('external_ref', 'is not', null).doNothing())
    .returning('id')
    .execute();
  return inserted.map((r) => r.id);
}
