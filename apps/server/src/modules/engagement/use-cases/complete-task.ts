import type { Task } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan, managesPerson } from '../engagement.policy';
import { auditTask, presentTask } from '../tasks.presenter';
import { updateTask } from '../tasks.repository';
import { auditTaskChange, businessToday, invalidTransition, taskForChange } from '../work-rules';
import { getTask } from './get-task';

/** Marks an open task done: its owner does, or a manager over the owner (not merely its creator). */
export async function completeTask(ctx: Ctx, id: string, version: number, note: string): Promise<Task> {
  assertCan(ctx.actor, 'manage_tasks');
  const current = await taskForChange(ctx, id, version);
  const owner = { id: current.owner_id, departmentId: current.owner_department_id };
  if (!managesPerson(ctx.actor, await ctx.scope(), owner))
    throw new AppError('forbidden', 'Only the owner of the task or their manager may complete it');
  if (current.status !== 'open') throw invalidTransition('task', current.status, 'done');
  const now = ctx.clock.now();
  const patch = { status: 'done', completed_at: now, completed_by: ctx.actor.id, completion_note: note };
  if (!(await updateTask(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Task', version + 1);
  const after = await getTask(ctx, id);
  await auditTaskChange(ctx, 'task.complete', presentTask(current, businessToday(ctx)), after, auditTask);
  return after;
}
