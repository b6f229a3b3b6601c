import type { DB } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import { type Kysely, sql } from 'kysely';
import { purgeIdempotencyKeys } from '../http/idempotency';
import { purgeExpiredSessions, purgeLoginAttempts } from '../modules/identity/identity.repository';

// Arbitrary but fixed: every process agrees on the lock that makes one of them do the work.
const housekeepingLockKey = 74_290_001;

/**
 * Removes expired sessions, old login attempts and idempotency records. Runs in every worker
 * process; a transaction-scoped advisory lock makes exactly one of them do it each round.
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
    return { ran: true, sessions };
  });
}

export function startHousekeeping(
  db: Kysely<DB>,
  clock: Clock,
  log: (msg: string, err?: unknown) => void,
  everyMs = 10 * 60_000,
) {
  const tick = () => runHousekeeping(db, clock).catch((err: unknown) => log('housekeeping failed', err));
  void tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
