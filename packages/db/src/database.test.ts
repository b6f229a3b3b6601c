import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { engineVersion, migrateToLatest } from './database';
import { newId } from './ids';
import { openTestDatabase } from './testing';

describe(`database on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('runs on the engine the environment asks for', async () => {
    expect(database.engine).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
    expect(await engineVersion(database.db)).toMatch(/^\d+/);
  });

  it('migrations are idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('round-trips rows, defaults and timestamps through the same query code', async () => {
    const id = newId();
    await database.db
      .insertInto('department')
      .values({ id, name: '客户服务部', created_by: null, updated_by: null })
      .execute();
    const row = await database.db
      .selectFrom('department')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('客户服务部');
    expect(row.version).toBe(1);
    expect(row.created_at).toBeInstanceOf(Date);
  });

  it('maps unique violations to driver code 23505 on both engines', async () => {
    await database.db
      .insertInto('department')
      .values({ id: newId(), name: 'Dup', created_by: null, updated_by: null })
      .execute();
    const err = await database.db
      .insertInto('department')
      .values({ id: newId(), name: 'dup', created_by: null, updated_by: null })
      .execute()
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('23505');
  });

  it('uuidv7 ids sort by creation time', async () => {
    const a = newId();
    await new Promise((r) => setTimeout(r, 2));
    const b = newId();
    const { rows } = await sql<{ lt: boolean }>`select ${a}::uuid < ${b}::uuid as lt`.execute(database.db);
    expect(rows[0]?.lt).toBe(true);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a pooled connection closed by the server', () => {
  it('is reported, not thrown, and the next query opens a new one', async () => {
    const heard: Error[] = [];
    const url = process.env.TEST_DATABASE_URL as string;
    const { openDatabase } = await import('./database');
    const database = await openDatabase({ url, poolSize: 2, onIdleConnectionError: (e) => heard.push(e) });
    try {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
      const pid = rows[0]?.pid;
      const admin = await openDatabase({ url, poolSize: 1 });
      await sql`select pg_terminate_backend(${pid})`.execute(admin.db);
      await admin.close();
      for (let i = 0; i < 50 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(heard[0]?.message).toMatch(/terminat/);
      const again = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await database.close();
    }
  });
});
