import { z } from 'zod';
import { defineJob } from '../platform/jobs/define-job';
import { recomputeFollowUps } from './use-cases/recompute-follow-ups';
import { sendReminders } from './use-cases/send-reminders';

/**
 * Recomputes every active customer's follow-up due date after the rules changed: a grade's
 * follow-up days (grading's service standards), the key-contact days or whether inbound contacts
 * count (engagement settings). Queued by those changes in their own transaction, or by an
 * administrator (POST /api/v1/engagement/recompute-runs). `stately`: one waiting and one running at
 * most — a change made while one waits is picked up by it, one made while it runs queues the next.
 */
export const recomputeFollowUpsJob = defineJob(
  'engagement.recompute-follow-ups',
  z.object({}),
  async (ctx) => ({ ...(await recomputeFollowUps(ctx)) }),
  { retryLimit: 2, retryDelay: 60, expireInSeconds: 3600, policy: 'stately' },
);

/** Cron of the reminders, in the business time zone: hourly, a few minutes past the hour. */
export const remindersCron = '5 * * * *';

/**
 * Reminders of follow-ups and tasks falling due or overdue (DOMAIN §3), hourly. Re-runs and
 * concurrent runs send nothing twice (dedupe keys per person and day, per task and due date).
 */
export const remindersJob = defineJob(
  'engagement.reminders',
  z.object({}),
  async (ctx) => ({
    ...(await sendReminders({
      db: ctx.db,
      clock: ctx.clock,
      timeZone: ctx.config.TZ_BUSINESS,
      config: ctx.config,
      jobs: ctx.jobs,
      signal: ctx.signal,
    })),
  }),
  { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800, policy: 'stately' },
);
