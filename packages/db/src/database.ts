import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { migrations } from './migrations/index';
import type { DB } from './schema';

// Return timestamps as Date and int8/numeric as string: the defaults would lose precision silently.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// Calendar dates stay 'YYYY-MM-DD': a Date at local midnight shifts days across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Present in embedded mode: backups and raw scripts need the instance itself. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when absent the embedded PGlite engine is used. */
  url?: string | undefined;
  /** PGlite data directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  poolSize?: number;
  /** Embedded only: start from this data-directory archive (a restore), into an empty dataDir. */
  loadDataDir?: Blob;
  /**
   * An idle pooled connection that the server closes (restart, failover, `pg_terminate_backend`)
   * raises an error on the pool; unheard, node-pg's pool rethrows it and the process dies. The pool
   * drops that connection and opens a new one on the next query, so reporting it is enough.
   */
  onIdleConnectionError?: (err: Error) => void;
}

function reportIdleConnectionError(err: Error): void {
  process.stderr.write(
    `${JSON.stringify({ level: 40, time: Date.now(), msg: 'idle database connection closed', err: err.message })}\n`,
  );
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', options.onIdleConnectionError ?? reportIdleConnectionError);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (err) {
    unlock();
    throw err;
  }
  const pool = new pg.Pool(createPgConfig(pglite));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // Most starts find nothing to do. One read says so; the Migrator would first create its tables
  // if missing, take its lock in a transaction and read the list — eight statements, a few hundred
  // milliseconds of a PGlite cold start. Anything missing (or no table yet) goes the full way.
  if (await allApplied(db)) return [];
  return applied(await migrator(db).migrateToLatest());
}

/** Up to and including one migration (tests of a later migration's upgrade path). */
export async function migrateTo(db: Kysely<DB>, name: string): Promise<string[]> {
  return applied(await migrator(db).migrateTo(name));
}

function migrator(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'weixi_migration',
    migrationLockTableName: 'weixi_migration_lock',
  });
}

function applied({ error, results }: MigrationResultSet): string[] {
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function allApplied(db: Kysely<DB>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from weixi_migration`.execute(db);
    const applied = new Set(rows.map((r) => r.name));
    return Object.keys(migrations).every((name) => applied.has(name));
  } catch {
    return false; // a new database: the table does not exist yet
  }
}

export async function engineVersion(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db);
  return rows[0]?.v ?? 'unknown';
}

export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
