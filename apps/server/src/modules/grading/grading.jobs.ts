import { uuidSchema } from '@weixi/shared';
import { z } from 'zod';
import { defineJob } from '../platform/jobs/define-job';
import { regradeAll, regradeCustomer } from './regrade';

/**
 * Regrades every active customer (nightly, and when an administrator asks), reporting progress
 * for the web's progress bar. Runs of it queue one after another (one worker runs one at a time,
 * and batches take the grading lock), so two requests cost time, not correctness.
 */
export const regradeAllJob = defineJob(
  'grading.regrade-all',
  z.object({ actorId: uuidSchema.nullable().optional() }),
  async (ctx, data) => {
    const summary = await regradeAll(
      { db: ctx.db, clock: ctx.clock, timeZone: ctx.config.TZ_BUSINESS },
      { progress: ctx.progress, signal: ctx.signal, actorId: data.actorId ?? null },
    );
    return { ...summary };
  },
  { retryLimit: 1, retryDelay: 300, expireInSeconds: 3 * 3600 },
);

/**
 * Regrades one customer, e.g. after its orders changed. Keyed by customer with the `short`
 * policy: a burst of order changes (an import) leaves one queued regrade per customer. The orders
 * module sends it: `app.jobs.send(regradeOneJob, { customerId }, { db: ctx.db })`.
 */
export const regradeOneJob = defineJob(
  'grading.regrade-one',
  z.object({ customerId: uuidSchema }),
  async (ctx, data) => {
    const r = await regradeCustomer(
      { db: ctx.db, clock: ctx.clock, timeZone: ctx.config.TZ_BUSINESS },
      data.customerId,
    );
    return { ...r };
  },
  { retryLimit: 2, retryDelay: 30, expireInSeconds: 300, policy: 'short', singletonKey: (d) => d.customerId },
);

/** 02:30 in the business time zone: after midnight's orders, before the working day. */
export const nightlyRegradeCron = '30 2 * * *';
