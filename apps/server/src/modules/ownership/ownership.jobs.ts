import { z } from 'zod';
import { defineJob } from '../platform/jobs/define-job';
import { runPoolRecycling } from './use-cases/run-recycling';

/**
 * The public pool's daily recycling and warnings (jobs/catalog.ts schedules it at 01:30 business
 * time; an administrator may also start it: POST /api/v1/pool/recycle-runs). `stately`: at most one
 * queued and one running, so a manual run and the nightly one never overlap; the run is idempotent
 * anyway, so a retry after a failed batch picks up where the committed batches ended.
 */
export const poolRecycleJob = defineJob(
  'pool.recycle',
  z.object({}),
  async (ctx) => {
    const result = await runPoolRecycling({
      db: ctx.db,
      clock: ctx.clock,
      timeZone: ctx.config.TZ_BUSINESS,
      progress: ctx.progress,
      signal: ctx.signal,
      config: ctx.config,
      jobs: ctx.jobs,
    });
    return { ...result };
  },
  { retryLimit: 2, retryDelay: 300, expireInSeconds: 3600, policy: 'stately' },
);
