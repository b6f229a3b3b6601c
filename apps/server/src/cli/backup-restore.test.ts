import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError, newId, openDatabase } from '@weixi/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, pgliteDataDir } from '../config';
import { BackupError, backupDatabase, restoreDatabase } from './backup-restore';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'weixi-backup-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function departments(dataDir: string): Promise<string[]> {
  const database = await openDatabase({ dataDir });
  try {
    const rows = await database.db.selectFrom('department').select('name').orderBy('name').execute();
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

async function addDepartment(dataDir: string, name: string, migrate = false) {
  const database = await openDatabase({ dataDir });
  try {
    if (migrate) await (await import('@weixi/db')).migrateToLatest(database.db);
    await database.db
      .insertInto('department')
      .values({ id: newId(), name, created_by: null, updated_by: null })
      .execute();
  } finally {
    await database.close();
  }
}

describe('embedded database backup and restore', () => {
  it('round-trips the data, keeps the replaced directory aside, and needs --yes to replace', async () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    const dataDir = pgliteDataDir(config);
    await addDepartment(dataDir, '备份前的部门', true);

    const backup = await backupDatabase(config, undefined, new Date('2026-11-25T10:00:00Z'));
    expect(backup.engine).toBe('pglite');
    expect(backup.file).toBe(
      path.join(path.resolve(config.DATA_DIR), 'backups', 'weixi-pglite-20261125-100000.tar.gz'),
    );
    expect(backup.bytes).toBeGreaterThan(100_000);

    await addDepartment(dataDir, '备份后的部门');
    expect(await departments(dataDir)).toEqual(['备份前的部门', '备份后的部门'].sort());

    await expect(restoreDatabase(config, backup.file, { force: false })).rejects.toThrow(/--yes/);
    expect(await departments(dataDir)).toHaveLength(2);

    const restored = await restoreDatabase(config, backup.file, {
      force: true,
      now: new Date('2026-11-25T11:00:00Z'),
    });
    expect(restored.keptAside).toBe(`${dataDir}.before-restore-20261125-110000`);
    expect(await departments(dataDir)).toEqual(['备份前的部门']);
    expect(await departments(restored.keptAside!)).toHaveLength(2);
  }, 120_000);

  it('refuses to back up or restore while a server holds the data directory', async () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    const running = await openDatabase({ dataDir: pgliteDataDir(config) });
    try {
      await expect(backupDatabase(config, undefined)).rejects.toBeInstanceOf(DataDirLockedError);
      const fake = path.join(tmp(), 'x.tar.gz');
      writeFileSync(fake, Buffer.from([0x1f, 0x8b, 0, 0]));
      await expect(restoreDatabase(config, fake, { force: true })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await running.close();
    }
  }, 60_000);

  it('rejects files that are not embedded backups and leaves the current database in place', async () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    const dataDir = pgliteDataDir(config);
    await addDepartment(dataDir, '保留的部门', true);
    const dir = tmp();
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    await expect(restoreDatabase(config, text, { force: true })).rejects.toThrow(
      /not a Weixi embedded-database backup/,
    );
    const pgDump = path.join(dir, 'x.dump');
    writeFileSync(pgDump, 'PGDMP....');
    await expect(restoreDatabase(config, pgDump, { force: true })).rejects.toThrow(/PostgreSQL backup/);
    const corrupt = path.join(dir, 'corrupt.tar.gz');
    writeFileSync(corrupt, Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]));
    await expect(restoreDatabase(config, corrupt, { force: true })).rejects.toBeInstanceOf(BackupError);
    expect(await departments(dataDir)).toEqual(['保留的部门']);
    await expect(restoreDatabase(config, path.join(dir, 'missing.tar.gz'), { force: true })).rejects.toThrow(
      /No backup file/,
    );
  }, 120_000);

  it('says so when there is nothing to back up', async () => {
    const config = loadConfig({ DATA_DIR: tmp() });
    await expect(backupDatabase(config, undefined)).rejects.toThrow(/no embedded database/);
  });
});

const baseUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!baseUrl)('PostgreSQL backup and restore (pg_dump / pg_restore)', () => {
  const made: string[] = [];
  const urlFor = (name: string) => {
    const u = new URL(baseUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  async function createDb(): Promise<string> {
    const name = `weixi_bk_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    made.push(name);
    return urlFor(name);
  }
  afterAll(async () => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    for (const n of made) await c.query(`drop database if exists ${n} with (force)`);
    await c.end();
  });

  it('dumps one database and restores it into another, refusing a non-empty target without --yes', async () => {
    const source = await createDb();
    const db1 = await openDatabase({ url: source, poolSize: 1 });
    await (await import('@weixi/db')).migrateToLatest(db1.db);
    await db1.db
      .insertInto('department')
      .values({ id: newId(), name: '华南大区', created_by: null, updated_by: null })
      .execute();
    await db1.close();

    const out = tmp();
    const backup = await backupDatabase(loadConfig({ DATABASE_URL: source }), `${out}/`);
    expect(backup.engine).toBe('postgres');
    expect(existsSync(backup.file)).toBe(true);

    const target = await createDb();
    const targetConfig = loadConfig({ DATABASE_URL: target });
    const first = await restoreDatabase(targetConfig, backup.file, { force: false });
    expect(first.migrationsApplied).toEqual([]);
    await expect(restoreDatabase(targetConfig, backup.file, { force: false })).rejects.toThrow(/--yes/);
    await restoreDatabase(targetConfig, backup.file, { force: true });
    const db2 = await openDatabase({ url: target, poolSize: 1 });
    const rows = await db2.db.selectFrom('department').select('name').execute();
    await db2.close();
    expect(rows.map((r) => r.name)).toEqual(['华南大区']);
  }, 120_000);
});
