import { qualifiesForFollowUp } from '@weixi/domain';
import type { FieldIssue, Interaction, UpdateInteractionRequest } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { mayEditInteraction } from '../access';
import { assertCan } from '../engagement.policy';
import { auditInteraction } from '../interactions.presenter';
import {
  advanceCustomerClocks,
  findInteraction,
  lockCustomerForLog,
  lockInteraction,
  recomputeFollowUpFacts,
  replaceContacts,
  replaceStaff,
  updateInteraction as updateInteractionRow,
} from '../interactions.repository';
import { occurredAtIssue, participantIssues, throwIfIssues } from '../work-rules';
import { getInteraction } from './get-interaction';
import { interactionDetails } from './interaction-details';
import { readEngagementSettings } from './read-engagement-settings';

/**
 * Corrects an interaction (the person who logged it, or a manager whose scope covers the customer).
 * Whether it qualifies is judged again when its channel or direction changes, and the customer's
 * follow-up facts are derived again from all its interactions: moving one back in time, or making
 * it inbound, must be able to move the due date back as well.
 */
export async function updateInteraction(
  ctx: Ctx,
  id: string,
  version: number,
  input: Omit<UpdateInteractionRequest, 'version'>,
): Promise<Interaction> {
  assertCan(ctx.actor, 'log_interaction');
  const current = await findInteraction(ctx.db, await ctx.scope(), id);
  if (!current) throw notFound('Interaction');
  if (!mayEditInteraction(ctx.actor, current))
    throw new AppError('forbidden', 'Only the person who logged it or a manager may change an interaction');
  await lockCustomerForLog(ctx.db, current.customer_id);
  const locked = await lockInteraction(ctx.db, id);
  if (locked !== version) throw staleVersion('Interaction', locked ?? current.version);

  const settings = await readEngagementSettings(ctx);
  const occurredAt = input.occurredAt !== undefined ? new Date(input.occurredAt) : undefined;
  const issues: FieldIssue[] = [];
  const whenIssue =
    occurredAt && occurredAtIssue(occurredAt, ctx.clock.now(), settings.futureToleranceMinutes);
  if (whenIssue) issues.push(whenIssue);
  issues.push(
    ...(await participantIssues(ctx, current.customer_id, input.contactIds ?? [], input.staffIds ?? [])),
  );
  throwIfIssues(issues);

  const channel = input.channel ?? current.channel;
  const direction = input.direction ?? current.direction;
  const guide = input.guide ?? {};
  const patch = {
    ...(input.channel !== undefined ? { channel } : {}),
    ...(input.direction !== undefined ? { direction } : {}),
    ...(occurredAt ? { occurred_at: occurredAt } : {}),
    ...(input.summary !== undefined ? { summary: input.summary } : {}),
    ...(input.needsFound !== undefined ? { needs_found: input.needsFound } : {}),
    ...(input.nextStep !== undefined ? { next_step: input.nextStep } : {}),
    ...(guide.business !== undefined ? { guide_business: guide.business } : {}),
    ...(guide.needs !== undefined ? { guide_needs: guide.needs } : {}),
    ...(guide.rapport !== undefined ? { guide_rapport: guide.rapport } : {}),
    ...(guide.value !== undefined ? { guide_value: guide.value } : {}),
    ...(input.channel !== undefined || input.direction !== undefined
      ? { qualifies: qualifiesForFollowUp({ channel, direction }, settings) }
      : {}),
  };
  const [before] = await interactionDetails(ctx.db, [current]);
  if (!(await updateInteractionRow(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Interaction', version + 1);
  if (input.contactIds !== undefined) await replaceContacts(ctx.db, id, input.contactIds);
  // The person who logged it stays a participant whatever the list says.
  if (input.staffIds !== undefined)
    await replaceStaff(
      ctx.db,
      id,
      current.created_by ? [current.created_by, ...input.staffIds] : input.staffIds,
    );
  if (occurredAt)
    await advanceCustomerClocks(ctx.db, current.customer_id, occurredAt, {
      followUp: false,
      ownerContact: false,
    });
  await recomputeFollowUpFacts(ctx.db, current.customer_id);

  const after = await getInteraction(ctx, id);
  await recordAudit(ctx, {
    action: 'interaction.update',
    entity: 'customer',
    entityId: current.customer_id,
    before: auditInteraction(before!),
    after: auditInteraction(after),
  });
  return after;
}
