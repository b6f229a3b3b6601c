import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrateTo, migrateToLatest } from '../database';
import { newId } from '../ids';
import { openTestDatabase } from '../testing';

// An archive written before 0014 keeps its search: the vector the index reads is what was there.
describe(`migration 0014 on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let database: Database;
  const before = newId();
  beforeAll(async () => {
    database = await openTestDatabase({ migrate: false });
    await migrateTo(database.db, '0013-owner-status-grade');
    await sql`insert into customer (id, name, name_key, search_lexemes)
      values (${before}, '宁波怡信电子科技有限公司', '宁波怡信电子科技', array['宁波', '科技', 'nbyx'])`.execute(
      database.db,
    );
    expect(await migrateToLatest(database.db)).toEqual(['0014-search-vector-only']);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('keeps the vector of rows written before it, searchable through the index as before', async () => {
    const { rows } = await sql<{ id: string; lexemes: string[] }>`
      select id, tsvector_to_array(search) as lexemes from customer where search @@ 'nbyx'::tsquery`.execute(
      database.db,
    );
    expect(rows).toEqual([{ id: before, lexemes: ['nbyx', '宁波', '科技'] }]);
  });

  it('drops the array, and a row written without lexemes gets an empty vector', async () => {
    const { rows: cols } = await sql<{
      name: string;
    }>`select column_name as name from information_schema.columns
      where table_name = 'customer' and column_name like 'search%'`.execute(database.db);
    expect(cols.map((c) => c.name)).toEqual(['search']);
    const id = newId();
    await database.db.insertInto('customer').values({ id, name: '无名', name_key: '无名' }).execute();
    const { rows } = await sql<{ empty: boolean }>`select search = ''::tsvector as empty from customer
      where id = ${id}`.execute(database.db);
    expect(rows).toEqual([{ empty: true }]);
  });
});
