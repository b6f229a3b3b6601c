import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { recomputeFollowUpsJob } from '../engagement.jobs';
import { assertCan } from '../engagement.policy';

/**
 * Recomputes every active customer's follow-up due date now (administrators), as a change of the
 * standards or settings does by itself. Returns the job to follow at GET /api/v1/jobs/:id.
 */
export async function startRecomputeRun(ctx: Ctx, jobs: JobQueue): Promise<{ jobId: string }> {
  assertCan(ctx.actor, 'manage_settings');
  const jobId = await jobs.send(recomputeFollowUpsJob, {}, { db: ctx.db, startedBy: ctx.actor.id });
  if (!jobId) throw new AppError('conflict', 'A recompute is already waiting to start; follow that one');
  await recordAudit(ctx, { action: 'engagement.recompute_run', entity: 'job', entityId: jobId });
  return { jobId };
}
