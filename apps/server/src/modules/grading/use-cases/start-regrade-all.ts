import type { Ctx } from '../../../http/context';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { regradeAllJob } from '../grading.jobs';
import { assertCan } from '../grading.policy';

/**
 * Queues a regrade of every customer (administrators). The job is queued in the request's
 * transaction, so it exists exactly when the audit entry does; its starter follows its progress
 * at GET /api/v1/jobs/:id.
 */
export async function startRegradeAll(ctx: Ctx, jobs: JobQueue): Promise<{ jobId: string }> {
  assertCan(ctx.actor, 'regrade_all');
  const jobId = await jobs.send(
    regradeAllJob,
    { actorId: ctx.actor.id },
    { db: ctx.db, startedBy: ctx.actor.id },
  );
  // The definition sets no singleton key, so a send is never suppressed.
  if (!jobId) throw new Error('the regrade job was not queued');
  await recordAudit(ctx, {
    action: 'grading.regrade.start',
    entity: 'job',
    entityId: jobId,
    after: { job: regradeAllJob.name },
  });
  return { jobId };
}
