import type { DB } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { purgeIdempotencyKeys } from '../http/idempotency';
import { purgeExpiredSessions, purgeLoginAttempts } from '../modules/identity/identity.repository';
import { defineJob } from '../modules/platform/jobs/define-job';
import { purgeJobRuns } from '../modules/platform/jobs/jobs.repository';

// Arbitrary but fixed: every process agrees on the lock that makes one of them do the work.
const housekeepingLockKey = 74_290_001;

/**
 * Removes expired sessions, old login attempts, idempotency records and job_run rows past pg-boss's
 * retention. The queue already runs each scheduled job once; the transaction-scoped advisory lock
 * still keeps a manual run (a script, an admin's retry) from overlapping a scheduled one.
 */
export async function runHousekeeping(
  db: Kysely<DB>,
  clock: Clock,
): Promise<{ ran: boolean; sessions: number }> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${housekeepingLockKey}) as locked`.execute(trx);
    if (!rows[0]?.locked) return { ran: false, sessions: 0 };
    const now = clock.now();
    const sessions = await purgeExpiredSessions(trx, now);
    await purgeLoginAttempts(trx, new Date(now.getTime() - 7 * 86_400_000));
    await purgeIdempotencyKeys(trx, new Date(now.getTime() - 86_400_000));
    await purgeJobRuns(trx, new Date(now.getTime() - 30 * 86_400_000));
    return { ran: true, sessions };
  });
}

/**
 * Scheduled every 10 minutes (jobs/catalog.ts) in worker processes, and sent once when a worker
 * starts, as the old in-process loop did. No retries: the next round is ten minutes away.
 */
export const housekeepingJob = defineJob(
  'platform.housekeeping',
  z.object({}),
  async (ctx) => runHousekeeping(ctx.db, ctx.clock),
  { retryLimit: 0, expireInSeconds: 300, policy: 'short' },
);
