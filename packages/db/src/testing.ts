import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type Database, migrateToLatest, openDatabase } from './database';
import { migrations } from './migrations/index';
import type { DB } from './schema';

/**
 * initdb costs ~4 s per PGlite instance; loading a dumped, already-migrated data directory
 * ~1 s. The template is keyed by the migrations' source, so changing a migration rebuilds it.
 */
function templatePath(): string {
  const source = Object.entries(migrations)
    .map(([name, m]) => `${name}:${m.up.toString()}`)
    .join('\n');
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  return path.join(os.tmpdir(), `weixi-pglite-template-${hash}.tar`);
}

async function openPgliteFromTemplate(): Promise<Database> {
  const file = templatePath();
  if (!existsSync(file)) {
    const fresh = await openDatabase({ dataDir: 'memory://' });
    await migrateToLatest(fresh.db);
    const dump = await fresh.pglite!.dumpDataDir('none');
    // Written then renamed: parallel test workers never read a half-written template.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, file);
    return fresh;
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(pglite)) }) });
  await migrateToLatest(db);
  return {
    db,
    engine: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database
 * created on the server named by TEST_DATABASE_URL (dropped again on close), so tests never
 * share rows and never depend on order.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  const baseUrl = process.env.TEST_DATABASE_URL;
  // Unmigrated (tests of one migration's upgrade path): a fresh in-memory PGlite, initdb and all.
  if (!baseUrl) return migrate ? openPgliteFromTemplate() : openDatabase({ dataDir: 'memory://' });
  const name = `weixi_t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  if (migrate) await migrateToLatest(database.db);
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
