import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { housekeepingJob, runHousekeeping } from './housekeeping';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('housekeeping', () => {
  it('purges expired sessions and keeps live ones', async () => {
    const old = await h.signIn('finance');
    h.clock.advance(13 * 3_600_000);
    const fresh = await h.signIn('finance');
    const result = await runHousekeeping(h.database.db, h.clock);
    expect(result.ran).toBe(true);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    const left = await h.database.db.selectFrom('user_session').select('user_id').execute();
    expect(left.map((r) => r.user_id)).toContain(fresh.userId);
    expect(left.map((r) => r.user_id)).not.toContain(old.userId);
    h.clock.advance(-13 * 3_600_000);
  });

  it('runs as a queued job, and drops job_run rows older than pg-boss keeps jobs', async () => {
    const old = '0190d6f0-0000-7000-8000-0000000000aa';
    await h.database.db
      .insertInto('job_run')
      .values({
        id: old,
        name: 'x.y',
        started_by: null,
        created_at: new Date(h.clock.now().getTime() - 31 * 86_400_000),
      })
      .execute();
    const id = await h.jobs.send(housekeepingJob, {});
    const outcomes = await h.runJobs();
    expect(outcomes).toEqual([
      {
        id,
        name: 'platform.housekeeping',
        state: 'completed',
        result: { ran: true, sessions: expect.any(Number) },
      },
    ]);
    const left = await h.database.db.selectFrom('job_run').select('id').where('id', '=', old).execute();
    expect(left).toEqual([]);
  });

  // PGlite has one connection, so two runs can never overlap there; PostgreSQL shows the lock.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'skips while another process holds the housekeeping lock',
    async () => {
      await h.database.db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(74290001)`.execute(trx);
        expect((await runHousekeeping(h.database.db, h.clock)).ran).toBe(false);
      });
      expect((await runHousekeeping(h.database.db, h.clock)).ran).toBe(true);
    },
  );
});
