import type { Task } from '@weixi/shared';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../engagement.policy';
import { auditTask, presentTask } from '../tasks.presenter';
import { updateTask } from '../tasks.repository';
import { auditTaskChange, businessToday, invalidTransition, taskForChange } from '../work-rules';
import { getTask } from './get-task';

/** Opens a done or cancelled task again (the promise was not kept after all); who completed it is cleared. */
export async function reopenTask(ctx: Ctx, id: string, version: number): Promise<Task> {
  assertCan(ctx.actor, 'manage_tasks');
  const current = await taskForChange(ctx, id, version);
  if (current.status === 'open') throw invalidTransition('task', current.status, 'open');
  const patch = { status: 'open', completed_at: null, completed_by: null, completion_note: '' };
  if (!(await updateTask(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Task', version + 1);
  const after = await getTask(ctx, id);
  await auditTaskChange(ctx, 'task.reopen', presentTask(current, businessToday(ctx)), after, auditTask);
  return after;
}
