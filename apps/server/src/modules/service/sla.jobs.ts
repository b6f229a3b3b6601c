import { z } from 'zod';
import { defineJob } from '../platform/jobs/define-job';
import { watchSla } from './use-cases/watch-sla';

/** Every minute: the shortest targets (phone 30 s, online chat one minute) need nothing coarser. */
export const slaWatchCron = '* * * * *';

/**
 * Warns ticket owners before an SLA deadline and escalates breaches (DOMAIN §5). `stately`: one
 * waiting and one running at most, so a slow run is not stacked up behind; each warning and
 * escalation is sent once however often it runs (conditional updates, see sla-watch.repository.ts).
 */
export const slaWatchJob = defineJob(
  'service.sla-watch',
  z.object({}),
  async (ctx) => ({
    ...(await watchSla({ db: ctx.db, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs })),
  }),
  { retryLimit: 1, retryDelay: 30, expireInSeconds: 300, policy: 'stately' },
);
