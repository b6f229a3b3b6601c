import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { poolRecycleJob } from '../ownership.jobs';
import { assertCan } from '../ownership.policy';

/**
 * Runs the recycling now (an administrator, e.g. after changing the recycle days), as the nightly
 * job does. Returns the job id to follow at GET /api/v1/jobs/:id (progress, then the counts).
 */
export async function startRecycleRun(ctx: Ctx, jobs: JobQueue): Promise<{ jobId: string }> {
  assertCan(ctx.actor, 'run_recycling');
  const jobId = await jobs.send(poolRecycleJob, {}, { db: ctx.db, startedBy: ctx.actor.id });
  if (!jobId) throw new AppError('conflict', 'A recycling run is already waiting to start; follow that one');
  await recordAudit(ctx, { action: 'pool.recycle_run', entity: 'job', entityId: jobId });
  return { jobId };
}
