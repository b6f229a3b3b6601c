import type { Task } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../engagement.policy';
import { auditTask, presentTask } from '../tasks.presenter';
import { updateTask as updateTaskRow } from '../tasks.repository';
import {
  auditTaskChange,
  businessToday,
  checkAssignee,
  dateIssue,
  taskForChange,
  throwIfIssues,
} from '../work-rules';
import { getTask } from './get-task';

export interface TaskChanges {
  title?: string | undefined;
  description?: string | undefined;
  ownerId?: string | undefined;
  dueOn?: string | undefined;
}

/**
 * Edits an open task (its owner, its creator, or a manager over its owner). Handing it to someone
 * else needs the actor to manage them; a new due date cannot be in the past, while an unchanged
 * one that has since passed may stay.
 */
export async function updateTask(ctx: Ctx, id: string, version: number, input: TaskChanges): Promise<Task> {
  assertCan(ctx.actor, 'manage_tasks');
  const current = await taskForChange(ctx, id, version);
  if (current.status !== 'open')
    throw new AppError('conflict', `The task is ${current.status}; reopen it to change it`, {
      errors: [{ path: 'status', code: 'not_open', message: `the task is ${current.status}` }],
    });
  const today = businessToday(ctx);
  const issue =
    input.dueOn !== undefined && input.dueOn !== current.due_on
      ? dateIssue('dueOn', input.dueOn, today)
      : null;
  throwIfIssues(issue ? [issue] : []);
  if (input.ownerId !== undefined && input.ownerId !== current.owner_id)
    await checkAssignee(ctx, input.ownerId, 'ownerId');

  const patch = {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    ...(input.dueOn !== undefined ? { due_on: input.dueOn } : {}),
  };
  if (!(await updateTaskRow(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Task', version + 1);
  const after = await getTask(ctx, id);
  await auditTaskChange(ctx, 'task.update', presentTask(current, today), after, auditTask);
  return after;
}
