import { z } from 'zod';
import { defineJob } from './jobs/define-job';
import { deliverOutbox } from './use-cases/deliver-outbox';

/**
 * Sends due e-mails from the outbox. notify() queues it when it writes a message; it also runs
 * every minute (jobs/catalog.ts) to pick up retries whose back-off has passed. `short`: at most one
 * waiting at a time (any number of notices fold into it); several may run at once in different
 * workers, which claim different rows. No job retries: a failed run's messages are due again and
 * the next run takes them.
 */
export const outboxDeliverJob = defineJob(
  'outbox.deliver',
  z.object({}),
  async (ctx) => ({ ...(await deliverOutbox(ctx)) }),
  { policy: 'short', retryLimit: 0, expireInSeconds: 1800 },
);
