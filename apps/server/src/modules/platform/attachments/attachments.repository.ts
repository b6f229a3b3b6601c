import type { DB } from '@weixi/db';
import type { Insertable, Kysely, Selectable } from 'kysely';

// The only file of attachments that touches the database. The files themselves are on disk
// (attachment-store.ts), one per row, named by the row's storage key.

type Db = Kysely<DB>;

export type AttachmentView = Selectable<DB['attachment']> & { created_by_name: string | null };

function attachmentSelect(db: Db) {
  return db
    .selectFrom('attachment as a')
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .selectAll('a')
    .select('u.name as created_by_name');
}

/** The attachments of a page of records, in one query (oldest first within each record). */
export async function listAttachments(
  db: Db,
  entity: string,
  entityIds: readonly string[],
): Promise<AttachmentView[]> {
  if (entityIds.length === 0) return [];
  return attachmentSelect(db)
    .where('a.entity', '=', entity)
    .where('a.entity_id', 'in', [...new Set(entityIds)])
    .orderBy('a.entity_id')
    .orderBy('a.id')
    .execute();
}

export async function countAttachments(db: Db, entity: string, entityId: string): Promise<number> {
  const row = await db
    .selectFrom('attachment')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentView | undefined> {
  return attachmentSelect(db).where('a.id', '=', id).executeTakeFirst();
}

export async function insertAttachment(db: Db, row: Insertable<DB['attachment']>): Promise<void> {
  await db.insertInto('attachment').values(row).execute();
}

export async function deleteAttachment(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('attachment').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Removes the rows of a record that is being deleted; returns their storage keys. */
export async function deleteAttachmentsOf(db: Db, entity: string, entityId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('attachment')
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .returning('storage_key')
    .execute();
  return rows.map((r) => r.storage_key);
}
