import type { DB } from '@weixi/db';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Harness } from './harness';

/**
 * Another connection pool on the harness's PostgreSQL test database, as a second server process
 * (or a wider pool for concurrency tests) would have. Destroy it before the harness closes.
 */
export async function openSecondPool(h: Harness, max: number): Promise<Kysely<DB>> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('openSecondPool needs TEST_DATABASE_URL (PostgreSQL)');
  const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(h.database.db);
  const target = new URL(url);
  target.pathname = `/${rows[0]!.db}`;
  const pool = new pg.Pool({ connectionString: target.toString(), max });
  // pool.end() resolves before every socket has closed; the harness then drops the test database
  // with force, and a connection still closing receives "terminating connection due to
  // administrator command". Unheard, node-pg's pool rethrows that as an uncaught exception, which
  // fails the whole run although every test passed (seen in CI).
  pool.on('error', () => {});
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
