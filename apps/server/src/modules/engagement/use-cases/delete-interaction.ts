import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { removeStored } from '../../platform/attachments/attachment-store';
import { deleteAttachmentsOf } from '../../platform/attachments/attachments.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { mayDeleteInteraction } from '../access';
import { assertCan } from '../engagement.policy';
import { auditInteraction } from '../interactions.presenter';
import {
  deleteInteraction as deleteInteractionRow,
  findInteraction,
  lockCustomerForLog,
  lockInteraction,
  recomputeFollowUpFacts,
} from '../interactions.repository';
import { interactionDetails } from './interaction-details';

/**
 * Deletes an interaction logged by mistake (its author, or an administrator); the audit entry keeps
 * all of it. The customer's follow-up facts are derived again from what remains. A visit report's
 * interaction stays: it is the report's record, and goes only with the visit.
 */
export async function deleteInteraction(ctx: Ctx, id: string, version: number): Promise<void> {
  assertCan(ctx.actor, 'log_interaction');
  const current = await findInteraction(ctx.db, await ctx.scope(), id);
  if (!current) throw notFound('Interaction');
  if (!mayDeleteInteraction(ctx.actor, current))
    throw new AppError(
      'forbidden',
      'Only the person who logged it or an administrator may delete an interaction',
    );
  if (current.visit_id)
    throw new AppError(
      'conflict',
      'This interaction is the record of a visit report and cannot be deleted on its own',
      {
        errors: [{ path: 'visitId', code: 'visit_report', message: 'made by a visit report' }],
      },
    );
  await lockCustomerForLog(ctx.db, current.customer_id);
  const locked = await lockInteraction(ctx.db, id);
  if (locked !== version) throw staleVersion('Interaction', locked ?? current.version);

  const [before] = await interactionDetails(ctx.db, [current]);
  const files = await deleteAttachmentsOf(ctx.db, 'interaction', id);
  if (!(await deleteInteractionRow(ctx.db, id, version))) throw staleVersion('Interaction', version + 1);
  await recomputeFollowUpFacts(ctx.db, current.customer_id);
  await recordAudit(ctx, {
    action: 'interaction.delete',
    entity: 'customer',
    entityId: current.customer_id,
    before: { ...auditInteraction(before!), attachments: before!.attachments.map((a) => a.fileName) },
  });
  // Last, so a refusal above keeps the files; should the commit still fail, the row points at a
  // file that is gone, and the download answers 404 rather than serving anything else.
  await removeStored(ctx.config, files);
}
