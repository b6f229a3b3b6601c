import type { JobRun } from '@weixi/shared';
import { AppError, notFound } from '../../../../http/app-error';
import type { Ctx } from '../../../../http/context';
import { recordAudit } from '../../use-cases/record-audit';
import type { JobQueue } from '../job-queue';
import { assertCan } from '../jobs.policy';
import { presentJob } from '../jobs.presenter';
import { findJob } from '../jobs.repository';

/**
 * Gives a failed job one more attempt (administrators). Runs in the request's transaction: the
 * retry and its audit entry commit together.
 */
export async function retryJob(ctx: Ctx, jobs: JobQueue, id: string): Promise<JobRun> {
  assertCan(ctx.actor, 'jobs.manage');
  const row = await findJob(ctx.db, id);
  if (!row) throw notFound('Job');
  if (row.state !== 'failed') {
    throw new AppError('conflict', `Only failed jobs can be retried; this one is ${row.state}`);
  }
  const retried = await jobs.retry(row.name, row.id, { db: ctx.db, archived: row.archived, data: row.data });
  if (!retried) {
    throw new AppError(
      'conflict',
      `Job ${row.name} can no longer run: its definition or payload has changed`,
    );
  }
  await recordAudit(ctx, {
    action: 'job.retry',
    entity: 'job',
    entityId: retried,
    before: { id: row.id, name: row.name, state: row.state },
    after: { id: retried, name: row.name },
  });
  const now = await findJob(ctx.db, retried);
  if (!now) throw notFound('Job');
  return presentJob(now);
}
