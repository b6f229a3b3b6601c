import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { type DB, lockDataDir, migrateToLatest, openDatabase } from '@weixi/db';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Config, pgliteDataDir } from '../config';

/**
 * Backups of both engines. The embedded engine is backed up physically (a gzipped archive of its
 * data directory, which PGlite can load back); PostgreSQL logically with the server's own pg_dump in
 * its custom format. Restores never delete: the directory or schema they replace is kept aside.
 */

export class BackupError extends Error {}

export interface BackupResult {
  engine: 'pglite' | 'postgres';
  file: string;
  bytes: number;
  ms: number;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-');

function resolveOut(config: Config, out: string | undefined, fileName: string): string {
  const target = out ? path.resolve(out) : path.resolve(config.DATA_DIR, 'backups');
  if (existsSync(target) && statSync(target).isDirectory()) return path.join(target, fileName);
  if (!out || out.endsWith('/')) {
    mkdirSync(target, { recursive: true });
    return path.join(target, fileName);
  }
  mkdirSync(path.dirname(target), { recursive: true });
  return target;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new BackupError(
          err.code === 'ENOENT'
            ? `${cmd} was not found. Install PostgreSQL's client tools (Debian: apt-get install postgresql-client) in the version of your server or newer.`
            : err.message,
        ),
      ),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (exit ${code}):\n${stderr.trim()}`)),
    );
  });
}

export async function backupDatabase(
  config: Config,
  out: string | undefined,
  now = new Date(),
): Promise<BackupResult> {
  const started = Date.now();
  if (config.DATABASE_URL) {
    const file = resolveOut(config, out, `weixi-postgres-${stamp(now)}.dump`);
    const tmp = `${file}.partial`;
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${tmp}`,
      config.DATABASE_URL,
    ]);
    renameSync(tmp, file);
    return { engine: 'postgres', file, bytes: statSync(file).size, ms: Date.now() - started };
  }
  const dataDir = pgliteDataDir(config);
  if (!existsSync(dataDir)) throw new BackupError(`There is no embedded database at ${dataDir} to back up.`);
  // Opening takes the data directory's lock, so a running server makes this fail cleanly.
  const database = await openDatabase({ dataDir });
  try {
    const file = resolveOut(config, out, `weixi-pglite-${stamp(now)}.tar.gz`);
    const archive = await database.pglite!.dumpDataDir('gzip');
    const tmp = `${file}.partial`;
    await writeFile(tmp, Buffer.from(await archive.arrayBuffer()));
    renameSync(tmp, file);
    return { engine: 'pglite', file, bytes: statSync(file).size, ms: Date.now() - started };
  } finally {
    await database.close();
  }
}

function head(file: string, n: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const read = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export interface RestoreResult {
  engine: 'pglite' | 'postgres';
  /** Where the replaced data was kept (embedded: the old directory), if there was any. */
  keptAside: string | null;
  migrationsApplied: string[];
  ms: number;
}

export async function restoreDatabase(
  config: Config,
  file: string,
  opts: { force: boolean; now?: Date },
): Promise<RestoreResult> {
  const started = Date.now();
  if (!existsSync(file)) throw new BackupError(`No backup file at ${file}.`);
  const magic = head(file, 5);
  const isGzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const isPgDump = magic.toString('latin1') === 'PGDMP';
  const now = opts.now ?? new Date();

  if (config.DATABASE_URL) {
    if (!isPgDump)
      throw new BackupError(
        isGzip
          ? 'This is a backup of the embedded database; restore it without DATABASE_URL. To move embedded data to PostgreSQL see docs/operations.md.'
          : 'This file is not a Weixi PostgreSQL backup (pg_dump custom format).',
      );
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 1 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(db);
      if ((rows[0]?.n ?? 0) > 0 && !opts.force)
        throw new BackupError(
          'The database is not empty. Add --yes to replace its contents with the backup.',
        );
      await run('pg_restore', [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${config.DATABASE_URL}`,
        file,
      ]);
      const migrationsApplied = await migrateToLatest(db);
      return { engine: 'postgres', keptAside: null, migrationsApplied, ms: Date.now() - started };
    } finally {
      await db.destroy();
    }
  }

  if (!isGzip)
    throw new BackupError(
      isPgDump
        ? 'This is a PostgreSQL backup; restore it with DATABASE_URL set to the target server.'
        : 'This file is not a Weixi embedded-database backup (.tar.gz).',
    );
  const dataDir = pgliteDataDir(config);
  const release = lockDataDir(dataDir);
  let keptAside: string | null = null;
  try {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      if (!opts.force)
        throw new BackupError(
          `${dataDir} already holds a database. Add --yes to replace it (it is kept aside, not deleted).`,
        );
      keptAside = `${dataDir}.before-restore-${stamp(now)}`;
      renameSync(dataDir, keptAside);
    }
    mkdirSync(dataDir, { recursive: true });
    try {
      const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
      const db = new Kysely<DB>({
        dialect: new PostgresDialect({ pool: new pg.Pool(createPgConfig(pglite)) }),
      });
      try {
        const migrationsApplied = await migrateToLatest(db);
        return { engine: 'pglite', keptAside, migrationsApplied, ms: Date.now() - started };
      } finally {
        await db.destroy();
        await pglite.close();
      }
    } catch (err) {
      // A bad archive must not leave the user without their previous database.
      rmSync(dataDir, { recursive: true, force: true });
      if (keptAside) renameSync(keptAside, dataDir);
      keptAside = null;
      throw err instanceof BackupError
        ? err
        : new BackupError(`The backup could not be loaded: ${(err as Error).message}`);
    }
  } finally {
    release();
  }
}
