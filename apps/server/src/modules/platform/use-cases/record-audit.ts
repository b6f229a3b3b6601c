import { newId } from '@weixi/db';
import type { AnonCtx, Ctx } from '../../../http/context';
import { insertAudit } from '../audit.repository';

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** For writes without a signed-in actor (login, bootstrap): who it concerns. */
  actorId?: string | null;
}

/**
 * Every write calls this inside its own transaction, so the audit row commits or rolls back
 * with the change it describes.
 */
export async function recordAudit(ctx: Ctx | AnonCtx, input: AuditInput): Promise<void> {
  const actorId = input.actorId !== undefined ? input.actorId : 'actor' in ctx ? ctx.actor.id : null;
  await insertAudit(ctx.db, {
    id: newId(),
    at: ctx.clock.now(),
    actor_id: actorId,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    before: input.before ?? null,
    after: input.after ?? null,
    request_id: ctx.requestId,
    ip: ctx.ip,
  });
}
