import { newId } from '@weixi/db';
import type { Task, TaskSource } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findCustomer } from '../../customers/customers.repository';
import { assertCan } from '../engagement.policy';
import { auditTask } from '../tasks.presenter';
import { insertTask } from '../tasks.repository';
import {
  auditTaskChange,
  businessToday,
  checkAssignee,
  customerInactive,
  dateIssue,
  throwIfIssues,
} from '../work-rules';
import { getTask } from './get-task';

export interface TaskDraft {
  title: string;
  description?: string | undefined;
  customerId?: string | null | undefined;
  /** The actor when absent; anyone else needs the actor to manage them. */
  ownerId?: string | undefined;
  dueOn: string;
  source: TaskSource;
  sourceId?: string | null | undefined;
}

/**
 * Creates a task: by hand (POST /tasks), from an interaction's next step, or from a visit report's
 * commitments. `path` prefixes field errors when the task is part of a larger request
 * (`nextStepTask`, `commitments.2`).
 */
export async function createTask(
  ctx: Ctx,
  draft: TaskDraft,
  opts: { path?: string; customerChecked?: boolean } = {},
): Promise<Task> {
  assertCan(ctx.actor, 'manage_tasks');
  const at = (field: string) => (opts.path ? `${opts.path}.${field}` : field);
  const issue = dateIssue(at('dueOn'), draft.dueOn, businessToday(ctx));
  throwIfIssues(issue ? [issue] : []);
  // A visit report's commitments concern the visited customer, which the caller has checked: the
  // visitor may have been sent to a customer outside their own scope.
  if (draft.customerId && !opts.customerChecked) {
    const customer = await findCustomer(ctx.db, await ctx.scope(), draft.customerId);
    if (!customer) throw notFound('Customer');
    if (customer.status !== 'active') throw customerInactive(customer.status);
  }
  const ownerId = draft.ownerId ?? ctx.actor.id;
  if (ownerId !== ctx.actor.id) await checkAssignee(ctx, ownerId, at('ownerId'));

  const id = newId();
  const now = ctx.clock.now();
  await insertTask(ctx.db, {
    id,
    title: draft.title,
    description: draft.description ?? '',
    customer_id: draft.customerId ?? null,
    owner_id: ownerId,
    due_on: draft.dueOn,
    source: draft.source,
    source_id: draft.sourceId ?? null,
    created_at: now,
    updated_at: now,
    created_by: ctx.actor.id,
    updated_by: ctx.actor.id,
  });
  const task = await getTask(ctx, id);
  await auditTaskChange(ctx, 'task.create', null, task, auditTask);
  return task;
}
