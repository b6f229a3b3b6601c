import type { AuditLogRow, DB } from '@weixi/db';
import type { Kysely } from 'kysely';

type Db = Kysely<DB>;

export async function insertAudit(
  db: Db,
  entry: {
    id: string;
    at: Date;
    actor_id: string | null;
    action: string;
    entity: string;
    entity_id: string | null;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    request_id: string | null;
    ip: string | null;
  },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      ...entry,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export type AuditRowWithActor = AuditLogRow & { actor_name: string | null };

export async function listAudit(
  db: Db,
  filter: {
    entity?: string | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    action?: string | undefined;
  },
  limit: number,
  beforeId: string | null,
): Promise<{ rows: AuditRowWithActor[]; total: number }> {
  let q = db.selectFrom('audit_log as a').leftJoin('app_user as u', 'u.id', 'a.actor_id');
  if (filter.entity) q = q.where('a.entity', '=', filter.entity);
  if (filter.entityId) q = q.where('a.entity_id', '=', filter.entityId);
  if (filter.actorId) q = q.where('a.actor_id', '=', filter.actorId);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll('a').select('u.name as actor_name');
  if (beforeId) page = page.where('a.id', '<', beforeId);
  const rows = await page
    .orderBy('a.id', 'desc')
    .limit(limit + 1)
    .execute();
  return { rows, total: Number(n) };
}
