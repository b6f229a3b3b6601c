import type { JobRun } from '@weixi/shared';
import { notFound } from '../../../../http/app-error';
import type { Ctx } from '../../../../http/context';
import { can } from '../jobs.policy';
import { presentJob } from '../jobs.presenter';
import { findJob } from '../jobs.repository';

/** One job's status and progress: for the person who started it, and for administrators. */
export async function getJob(ctx: Ctx, id: string): Promise<JobRun> {
  const row = await findJob(ctx.db, id);
  // Someone else's job reads as missing rather than forbidden: its id says nothing then.
  if (!row || (row.started_by !== ctx.actor.id && !can(ctx.actor, 'jobs.manage'))) throw notFound('Job');
  return presentJob(row);
}
