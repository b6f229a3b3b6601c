import type { AuditLogRow, DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';

type Db = Kysely<DB>;

export interface AuditInsert {
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
}

export async function insertAudit(db: Db, entry: AuditInsert): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      ...entry,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/**
 * Many entries in one statement (a bulk action audits each record it changed): the columns are
 * sent as arrays, so the number of bind parameters stays fixed however many rows there are.
 */
export async function insertAudits(db: Db, entries: readonly AuditInsert[]): Promise<void> {
  if (entries.length === 0) return;
  const col = <T>(f: (e: AuditInsert) => T) => entries.map(f);
  const json = (v: Record<string, unknown> | null) => (v === null ? null : JSON.stringify(v));
  await sql`
    insert into audit_log (id, at, actor_id, action, entity, entity_id, before, after, request_id, ip)
    select * from unnest(
      ${col((e) => e.id)}::uuid[], ${col((e) => e.at.toISOString())}::timestamptz[],
      ${col((e) => e.actor_id)}::uuid[], ${col((e) => e.action)}::text[], ${col((e) => e.entity)}::text[],
      ${col((e) => e.entity_id)}::text[], ${col((e) => json(e.before))}::jsonb[],
      ${col((e) => json(e.after))}::jsonb[], ${col((e) => e.request_id)}::text[], ${col((e) => e.ip)}::text[]
    )`.execute(db);
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
