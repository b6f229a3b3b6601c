import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { deleteSession } from '../identity.repository';

export async function logout(ctx: Ctx): Promise<void> {
  if (ctx.actor.sessionId) await deleteSession(ctx.db, ctx.actor.sessionId);
  await recordAudit(ctx, { action: 'session.logout', entity: 'user', entityId: ctx.actor.id });
}
