import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';

// The only file that touches the managed lists: ticket categories and root causes. Both tables
// have the same shape, so one set of queries serves both; the table name comes from this module,
// never from a request.

type Db = Kysely<DB>;

export type ServiceListTable = 'ticket_category' | 'root_cause';

export interface ServiceListRow {
  id: string;
  name: string;
  description: string;
  active: boolean;
  sort_order: number;
  version: number;
}

const columns = ['id', 'name', 'description', 'active', 'sort_order', 'version'] as const;

export async function listEntries(
  db: Db,
  table: ServiceListTable,
  includeInactive: boolean,
): Promise<ServiceListRow[]> {
  let q = db.selectFrom(table).select(columns);
  if (!includeInactive) q = q.where('active', '=', true);
  return q.orderBy('sort_order').orderBy('name').orderBy('id').execute();
}

export async function findEntry(
  db: Db,
  table: ServiceListTable,
  id: string,
): Promise<ServiceListRow | undefined> {
  return db.selectFrom(table).select(columns).where('id', '=', id).executeTakeFirst();
}

/** Another entry with this name, whatever its case (the unique index is on lower(name)). */
export async function nameTaken(
  db: Db,
  table: ServiceListTable,
  name: string,
  exceptId: string | null,
): Promise<boolean> {
  let q = db.selectFrom(table).select('id').where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertEntry(
  db: Db,
  table: ServiceListTable,
  row: { id: string; name: string; description: string; sort_order: number },
  actorId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto(table)
    .values({ ...row, created_at: now, updated_at: now, created_by: actorId, updated_by: actorId })
    .execute();
}

/** Applies the change if the entry is still at `version`; false when someone changed it meanwhile. */
export async function updateEntry(
  db: Db,
  table: ServiceListTable,
  id: string,
  version: number,
  patch: { name?: string; description?: string; active?: boolean; sort_order?: number },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable(table)
    .set({ ...patch, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
