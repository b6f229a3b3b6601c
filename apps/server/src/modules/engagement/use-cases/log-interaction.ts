import { newId } from '@weixi/db';
import { qualifiesForFollowUp } from '@weixi/domain';
import type { createInteractionRequestSchema, FieldIssue, Interaction } from '@weixi/shared';
import type { z } from 'zod';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findCustomer } from '../../customers/customers.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../engagement.policy';
import { auditInteraction } from '../interactions.presenter';
import {
  advanceCustomerClocks,
  insertInteraction,
  lockCustomerForLog,
  replaceContacts,
  replaceStaff,
} from '../interactions.repository';
import {
  businessToday,
  customerInactive,
  dateIssue,
  occurredAtIssue,
  participantIssues,
  throwIfIssues,
} from '../work-rules';
import { createTask } from './create-task';
import { getInteraction } from './get-interaction';
import { readEngagementSettings } from './read-engagement-settings';

export type LogInteractionInput = z.output<typeof createInteractionRequestSchema>;

/**
 * Logs an interaction with an active customer the actor may read, and moves the customer's clocks
 * in the same transaction: the pool's last interaction always; the follow-up cadence when it
 * qualifies; a key customer's monthly owner contact when it was outbound with the owner taking
 * part. The customer_follow_up trigger recomputes the due date from them. Visit reports log theirs
 * through here too (`visitId`), so a visit counts exactly like any other meeting.
 */
export async function logInteraction(
  ctx: Ctx,
  input: LogInteractionInput,
  opts: { visitId?: string } = {},
): Promise<Interaction> {
  assertCan(ctx.actor, 'log_interaction');
  const customer = await findCustomer(ctx.db, await ctx.scope(), input.customerId);
  if (!customer) throw notFound('Customer');
  const locked = await lockCustomerForLog(ctx.db, customer.id);
  if (!locked) throw notFound('Customer');
  if (locked.status !== 'active') throw customerInactive(locked.status);

  const settings = await readEngagementSettings(ctx);
  const occurredAt = new Date(input.occurredAt);
  const issues: FieldIssue[] = [];
  const whenIssue = occurredAtIssue(occurredAt, ctx.clock.now(), settings.futureToleranceMinutes);
  if (whenIssue) issues.push(whenIssue);
  issues.push(...(await participantIssues(ctx, customer.id, input.contactIds, input.staffIds)));
  const task = input.nextStepTask;
  const taskTitle = task ? (task.title || input.nextStep).slice(0, 200) : '';
  if (task && !taskTitle)
    issues.push({
      path: 'nextStepTask.title',
      code: 'required',
      message: 'give the task a title or write a next step',
    });
  const dueIssue = task ? dateIssue('nextStepTask.dueOn', task.dueOn, businessToday(ctx)) : null;
  if (dueIssue) issues.push(dueIssue);
  throwIfIssues(issues);

  const id = newId();
  const now = ctx.clock.now();
  const qualifies = qualifiesForFollowUp(input, settings);
  await insertInteraction(ctx.db, {
    id,
    customer_id: customer.id,
    channel: input.channel,
    direction: input.direction,
    occurred_at: occurredAt,
    summary: input.summary,
    needs_found: input.needsFound,
    next_step: input.nextStep,
    guide_business: input.guide.business ?? false,
    guide_needs: input.guide.needs ?? false,
    guide_rapport: input.guide.rapport ?? false,
    guide_value: input.guide.value ?? false,
    visit_id: opts.visitId ?? null,
    qualifies,
    created_at: now,
    updated_at: now,
    created_by: ctx.actor.id,
    updated_by: ctx.actor.id,
  });
  const staffIds = [...new Set([ctx.actor.id, ...input.staffIds])];
  await replaceContacts(ctx.db, id, input.contactIds);
  await replaceStaff(ctx.db, id, staffIds);
  await advanceCustomerClocks(ctx.db, customer.id, occurredAt, {
    followUp: qualifies,
    ownerContact:
      input.direction === 'outbound' && locked.owner_id !== null && staffIds.includes(locked.owner_id),
  });

  const nextStepTask = task
    ? await createTask(
        ctx,
        {
          title: taskTitle,
          customerId: customer.id,
          ownerId: task.ownerId,
          dueOn: task.dueOn,
          source: 'interaction',
          sourceId: id,
        },
        { path: 'nextStepTask' },
      )
    : null;
  const created = await getInteraction(ctx, id);
  await recordAudit(ctx, {
    action: 'interaction.create',
    entity: 'customer',
    entityId: customer.id,
    after: { ...auditInteraction(created), nextStepTaskId: nextStepTask?.id ?? null },
  });
  return { ...created, nextStepTaskId: nextStepTask?.id ?? null };
}
