import type { DB } from '@weixi/db';
import { CompiledQuery, type Kysely } from 'kysely';
import type PgBoss from 'pg-boss';

/**
 * pg-boss's SQL goes through our Kysely pool (or a transaction of it) instead of a pool of its own.
 *
 * - On PGlite this is what makes it safe: PGlite is one session, and the pool's single connection
 *   is what serialises its users. SQL sent to the PGlite instance directly (`pglite.exec/query`)
 *   would run *inside* whatever transaction a request has open on that session — a job inserted
 *   there vanished with the request's rollback, and pg-boss's own `BEGIN … COMMIT` maintenance
 *   scripts would commit a request's transaction halfway (docs/decisions/008-job-queue.md).
 * - On PostgreSQL it shares the server's pool (DATABASE_POOL_SIZE), so a process opens no extra
 *   connections for jobs.
 * - Given a transaction, pg-boss's statements join it: a job sent there is queued only if the
 *   business change commits.
 *
 * pg-boss sends multi-statement scripts without parameters (schema creation, maintenance): node-pg
 * runs a query without parameters through the simple protocol, which accepts several statements.
 */
export function bossDb(db: Kysely<DB>): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}
