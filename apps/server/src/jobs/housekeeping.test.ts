import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { runHousekeeping } from './housekeeping';

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
