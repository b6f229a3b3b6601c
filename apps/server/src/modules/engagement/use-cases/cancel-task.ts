import type { Task } from '@weixi/shared';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../engagement.policy';
import { auditTask, presentTask } from '../tasks.presenter';
import { updateTask } from '../tasks.repository';
import { auditTaskChange, businessToday, invalidTransition, taskForChange } from '../work-rules';
import { getTask } from './get-task';

/**
 * Drops an open task with a reason (its owner, creator or a manager over the owner). The reason is
 * kept as the task's closing note, with who closed it and when, like a completion.
 */
export async function cancelTask(ctx: Ctx, id: string, version: number, reason: string): Promise<Task> {
  assertCan(ctx.actor, 'manage_tasks');
  const current = await taskForChange(ctx, id, version);
  if (current.status !== 'open') throw invalidTransition('task', current.status, 'cancelled');
  const now = ctx.clock.now();
  const patch = {
    status: 'cancelled',
    completed_at: now,
    completed_by: ctx.actor.id,
    completion_note: reason,
  };
  if (!(await updateTask(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Task', version + 1);
  const after = await getTask(ctx, id);
  await auditTaskChange(ctx, 'task.cancel', presentTask(current, businessToday(ctx)), after, auditTask);
  return after;
}
