import type { DB } from '@weixi/db';
import type { Kysely, Selectable } from 'kysely';

type Db = Kysely<DB>;

export type NotificationRow = Selectable<DB['notification']> & { actor_name: string | null };

export interface NewNotification {
  kind: string;
  params: Record<string, string | number>;
  link: string | null;
  entity: string | null;
  entityId: string | null;
  actorId: string | null;
  dedupeKey: string | null;
  at: Date;
}

/** Active users among these ids: a disabled account's inbox is never read. */
export async function activeUserIds(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [...ids])
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/** One row per recipient; a repeated dedupe key for the same person adds nothing. Returns the rows added. */
export async function insertNotifications(
  db: Db,
  rows: { id: string; userId: string }[],
  n: NewNotification,
): Promise<{ id: string; userId: string }[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        id: r.id,
        user_id: r.userId,
        kind: n.kind,
        params: JSON.stringify(n.params),
        link: n.link,
        entity: n.entity,
        entity_id: n.entityId,
        actor_id: n.actorId,
        dedupe_key: n.dedupeKey,
        created_at: n.at,
      })),
    )
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .returning(['id', 'user_id'])
    .execute();
  return inserted.map((r) => ({ id: r.id, userId: r.user_id }));
}

function mine(db: Db, userId: string) {
  return db
    .selectFrom('notification as n')
    .leftJoin('app_user as a', 'a.id', 'n.actor_id')
    .where('n.user_id', '=', userId);
}

export async function listNotifications(
  db: Db,
  userId: string,
  filter: { unread: boolean },
  limit: number,
  beforeId: string | null,
): Promise<{ rows: NotificationRow[]; total: number }> {
  let q = mine(db, userId);
  if (filter.unread) q = q.where('n.read_at', 'is', null);
  const { n } = await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll('n').select('a.name as actor_name');
  if (beforeId) page = page.where('n.id', '<', beforeId);
  const rows = await page
    .orderBy('n.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { rows, total: Number(n) };
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findNotification(db: Db, userId: string, id: string): Promise<NotificationRow | null> {
  const row = await mine(db, userId)
    .selectAll('n')
    .select('a.name as actor_name')
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** Marks one of the user's notifications read; already-read ones keep their first read time. */
export async function markRead(db: Db, userId: string, id: string, at: Date): Promise<void> {
  await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export async function markAllRead(db: Db, userId: string, at: Date, upToId: string | null): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (upToId) q = q.where('id', '<=', upToId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
