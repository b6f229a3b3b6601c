import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { mayEditInteraction, reachOf } from '../../engagement/access';
import { can, managesPerson } from '../../engagement/engagement.policy';
import { findInteraction, lockInteraction } from '../../engagement/interactions.repository';
import { findVisit, lockVisit } from '../../engagement/visits.repository';

/** The records that take attachments (the `entity` column). */
export type AttachmentParent = 'interaction' | 'visit';

/**
 * Whether the actor may read (download) or change (upload to, delete from) a record's attachments:
 * reading follows the record's own visibility; changing, who may change the record — an
 * interaction's author or a manager over its customer, a visit's visitor or their manager. A
 * record out of sight is a 404 whatever the purpose.
 */
export async function parentAccess(
  ctx: Ctx,
  entity: AttachmentParent,
  id: string,
  purpose: 'read' | 'write',
): Promise<{ customerId: string }> {
  const scope = await ctx.scope();
  if (entity === 'interaction') {
    const row = await findInteraction(ctx.db, scope, id);
    if (!row) throw notFound('Interaction');
    if (purpose === 'write' && !(can(ctx.actor, 'log_interaction') && mayEditInteraction(ctx.actor, row)))
      throw new AppError(
        'forbidden',
        'Only the person who logged the interaction or a manager may change its files',
      );
    return { customerId: row.customer_id };
  }
  const row = await findVisit(ctx.db, reachOf(ctx.actor, scope), scope, id);
  if (!row) throw notFound('Visit');
  if (
    purpose === 'write' &&
    !(
      can(ctx.actor, 'plan_visit') &&
      managesPerson(ctx.actor, scope, { id: row.visitor_id, departmentId: row.visitor_department_id })
    )
  )
    throw new AppError('forbidden', 'Only the visitor or their manager may change the files of a visit');
  return { customerId: row.customer_id };
}

/** Serialises uploads to one record, so two at once cannot pass the per-record limit together. */
export async function lockParent(ctx: Ctx, entity: AttachmentParent, id: string): Promise<boolean> {
  const version =
    entity === 'interaction' ? await lockInteraction(ctx.db, id) : (await lockVisit(ctx.db, id))?.version;
  return version !== undefined;
}
