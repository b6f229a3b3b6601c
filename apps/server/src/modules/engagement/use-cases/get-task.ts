import type { Task } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { reachOf } from '../access';
import { presentTask } from '../tasks.presenter';
import { findTask } from '../tasks.repository';
import { businessToday } from '../work-rules';

/** One task the actor may see (owner, creator, manager over the owner); anything else is a 404. */
export async function getTask(ctx: Ctx, id: string): Promise<Task> {
  const row = await findTask(ctx.db, reachOf(ctx.actor, await ctx.scope()), id);
  if (!row) throw notFound('Task');
  return presentTask(row, businessToday(ctx));
}
