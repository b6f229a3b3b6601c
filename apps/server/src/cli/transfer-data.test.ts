import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirLockedError, type DB, migrateToLatest, newId, openDatabase } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../demo/demo-data';
import {
  type ForeignKey,
  formatTransferReport,
  planCopy,
  readSchema,
  TransferError,
  transferData,
} from './transfer-data';

const fk = (table: string, columns: string[], refTable: string, nullable: boolean): ForeignKey => ({
  name: `${table}_${columns.join('_')}_fk`,
  table,
  columns,
  refTable,
  nullable,
  deferrable: false,
});

describe('planCopy', () => {
  it('puts referenced tables first and defers only the nullable references a cycle or self-reference needs', () => {
    const plan = planCopy(
      ['contact', 'customer', 'department', 'app_user', 'user_session'],
      [
        fk('department', ['parent_id'], 'department', true),
        fk('department', ['manager_id'], 'app_user', true),
        fk('app_user', ['department_id'], 'department', true),
        fk('user_session', ['user_id'], 'app_user', false),
        fk('customer', ['owner_id'], 'app_user', true),
        fk('customer', ['department_id'], 'department', true),
        fk('customer', ['merged_into_id'], 'customer', true),
        fk('contact', ['customer_id'], 'customer', false),
      ],
    );
    expect(plan.order).toEqual(['app_user', 'department', 'customer', 'contact', 'user_session']);
    // customer.owner_id/department_id point backwards in the order: inserted directly, no second pass.
    expect(Object.fromEntries(plan.deferred)).toEqual({
      app_user: ['department_id'],
      department: ['parent_id'],
      customer: ['merged_into_id'],
    });
  });

  it('never defers a NOT NULL reference, whatever the names', () => {
    const plan = planCopy(
      ['a_child', 'b_parent'],
      [
        fk('a_child', ['parent_id'], 'b_parent', false),
        fk('b_parent', ['favourite_child_id'], 'a_child', true),
      ],
    );
    expect(plan.order).toEqual(['b_parent', 'a_child']);
    expect(Object.fromEntries(plan.deferred)).toEqual({ b_parent: ['favourite_child_id'] });
  });

  it('ignores deferrable constraints and references to tables it does not copy', () => {
    const deferrable = { ...fk('a', ['b_id'], 'b', false), deferrable: true };
    const plan = planCopy(
      ['a', 'b'],
      [deferrable, fk('b', ['a_id'], 'a', false), fk('a', ['x_id'], 'x', false)],
    );
    expect(plan.order).toEqual(['a', 'b']);
    expect(plan.deferred.size).toBe(0);
  });

  it('refuses cycles of NOT NULL references and NOT NULL self-references, naming them', () => {
    expect(() =>
      planCopy(['a', 'b'], [fk('a', ['b_id'], 'b', false), fk('b', ['a_id'], 'a', false)]),
    ).toThrow(/a, b reference each other/);
    expect(() => planCopy(['node'], [fk('node', ['parent_id'], 'node', false)])).toThrow(
      /node\.parent_id references its own table/,
    );
  });
});

const baseUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!baseUrl)('transferData (embedded → PostgreSQL)', () => {
  const dirs: string[] = [];
  const made: string[] = [];
  let dataDir: string;

  const urlFor = (name: string) => {
    const u = new URL(baseUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  async function createTarget(): Promise<string> {
    const name = `weixi_tr_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    made.push(name);
    return urlFor(name);
  }
  async function onTarget<T>(url: string, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const database = await openDatabase({ url, poolSize: 1 });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }
  async function onSource<T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const database = await openDatabase({ dataDir });
    try {
      return await fn(database.db);
    } finally {
      await database.close();
    }
  }

  // A table a later migration might add, with every column type the copy must carry, a column named
  // like the copy's row alias, generated columns, an identity column and a nullable self-reference.
  const probeTable = sql`create table transfer_probe (
    id bigserial primary key,
    r text,
    x text,
    u uuid not null,
    at timestamptz,
    on_day date,
    doc jsonb,
    doc_json json,
    labels text[],
    big bigint,
    amount numeric(14,2),
    ratio numeric,
    blob bytea,
    flag boolean,
    customer_id uuid not null references customer(id),
    parent_id bigint references transfer_probe(id),
    seq_no integer generated always as identity,
    r_upper text generated always as (upper(r)) stored
  )`;

  /** Every copied table's rows in primary-key order, as JSON and as record text (which tells a JSON null from NULL). */
  async function snapshot(db: Kysely<DB>): Promise<Record<string, string[]>> {
    return db.connection().execute(async (c) => {
      await sql`set timezone = 'UTC'`.execute(c);
      const schema = await readSchema(c);
      const out: Record<string, string[]> = {};
      for (const t of schema.tables) {
        const order = t.primaryKey.length ? t.primaryKey.map((k) => `"${k}"`).join(', ') : '1';
        const { rows } = await sql
          .raw<{ j: string; t: string }>(
            `select row_to_json(r.*)::text as j, (r.*)::text as t from public."${t.name}" r order by ${order}`,
          )
          .execute(c);
        out[t.name] = rows.map((r) => `${r.j}\n${r.t}`);
      }
      return out;
    });
  }

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'weixi-transfer-test-'));
    dirs.push(dir);
    dataDir = path.join(dir, 'pglite');
    await onSource(async (db) => {
      await migrateToLatest(db);
      await loadDemoData(db, new Date('2026-11-25T02:00:00Z'));
      await probeTable.execute(db);
      const customers = await db.selectFrom('customer').select('id').orderBy('id').limit(2).execute();
      const [kept, merged] = [customers[0]!.id, customers[1]!.id];
      await db
        .updateTable('customer')
        .set({ status: 'merged', merged_into_id: kept })
        .where('id', '=', merged)
        .execute();
      const users = await db.selectFrom('app_user').select(['id', 'department_id']).orderBy('id').execute();
      await sql`insert into customer_collaborator (customer_id, user_id) values (${kept}, ${users[0]!.id})
        on conflict do nothing`.execute(db);
      // A third level of departments, managed by someone.
      const sales1 = await db
        .selectFrom('department')
        .select('id')
        .where('name', '=', '销售一部')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('department')
        .values({
          id: newId(),
          name: '华东组',
          parent_id: sales1.id,
          manager_id: users[1]!.id,
          created_by: null,
          updated_by: null,
        })
        .execute();
      await sql`insert into login_attempt (ip, email, at, success) values
        ('10.0.0.1', 'admin@weixi.local', '2026-11-25 10:00:00+08', true),
        ('10.0.0.2', 'nobody@weixi.local', '2026-11-25 10:00:01.5+08', false),
        ('10.0.0.3', 'gone@weixi.local', now(), false)`.execute(db);
      await sql`delete from login_attempt where ip = '10.0.0.3'`.execute(db);
      await sql`insert into audit_log (id, at, actor_id, action, entity, entity_id, before, after) values
        (${newId()}, now(), ${users[0]!.id}, 'create', 'customer', ${kept}, null, '{"name":"甲","tags":["a"]}'),
        (${newId()}, now(), null, 'update', 'setting', 'x', 'null'::jsonb, '"just a string"'),
        (${newId()}, now(), null, 'update', 'setting', 'y', '[]', '{"deep":{"n":1.10,"z":null}}')`.execute(
        db,
      );
      await sql`insert into transfer_probe (r, x, u, at, on_day, doc, doc_json, labels, big, amount, ratio, blob, flag, customer_id) values
        (${'行 "引号", 逗号\n换行 \\ 反斜杠'}, 'x', ${newId()}, '2026-03-01 08:15:30.123456+08', '2024-02-29',
         '{"a":[1,"二",null,{"b":true}],"n":1.50}', '{"keep":  "spacing", "dup": 1, "dup": 2}',
         array['a,b', 'c"d', null, '{}', 'NULL', ''], 9223372036854775807, 123456789012.34,
         0.000000000000000000012345678901234567890, '\\x00ff7f80'::bytea, true, ${kept}),
        (null, null, ${newId()}, '1970-01-01 00:00:00+00', '0001-01-01', 'null', 'null', '{}', -9223372036854775808,
         -0.01, -1e-30, '\\x'::bytea, false, ${merged}),
        (null, null, ${newId()}, null, null, null, null, null, null, null, null, null, null, ${kept}),
        ('gone', null, ${newId()}, null, null, null, null, null, null, null, null, null, null, ${kept})`.execute(
        db,
      );
      // A forward self-reference (row 1 → row 3) and a sequence that has moved past max(id).
      await sql`update transfer_probe set parent_id = (select max(id) - 1 from transfer_probe) where big > 0`.execute(
        db,
      );
      await sql`update transfer_probe set parent_id = (select min(id) from transfer_probe) where big < 0`.execute(
        db,
      );
      await sql`delete from transfer_probe where r = 'gone'`.execute(db);
    });
  }, 120_000);

  afterAll(async () => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    for (const n of made) await c.query(`drop database if exists ${n} with (force)`);
    await c.end();
  });

  /** A new database holding Weixi's schema plus the probe table (as a later migration would add it). */
  async function preparedTarget(): Promise<string> {
    const url = await createTarget();
    await onTarget(url, async (db) => {
      await migrateToLatest(db);
      await probeTable.execute(db);
    });
    return url;
  }

  it('copies every table row for row, every column type included, and continues the sequences', async () => {
    const url = await preparedTarget();
    // A user trigger on the target must not rewrite copied rows, and must work again afterwards.
    await onTarget(url, async (db) => {
      await sql`create function transfer_probe_stamp() returns trigger language plpgsql as $$
        begin new.x := 'trigger fired'; return new; end $$`.execute(db);
      await sql`create trigger transfer_probe_stamp before insert or update on transfer_probe
        for each row execute function transfer_probe_stamp()`.execute(db);
    });
    const lines: string[] = [];
    let tick = 1_000;
    const result = await transferData({
      dataDir,
      targetUrl: url,
      replace: false,
      batchRows: 7,
      progressEvery: 5,
      log: (l) => lines.push(l),
      clock: () => (tick += 1_500),
    });

    const source = await onSource(snapshot);
    const target = await onTarget(url, snapshot);
    expect(Object.keys(target).sort()).toEqual(Object.keys(source).sort());
    for (const table of Object.keys(source))
      expect({ table, rows: target[table] }).toEqual({ table, rows: source[table] });
    expect(Object.keys(source)).not.toContain('weixi_migration');

    // The counts the report shows are the real ones, on both sides.
    expect(result.tables.map((t) => t.table).sort()).toEqual(Object.keys(source).sort());
    for (const t of result.tables) {
      expect(t.source).toBe(source[t.table]!.length);
      expect(t.target).toBe(t.source);
    }
    expect(result.tables.find((t) => t.table === 'transfer_probe')).toEqual({
      table: 'transfer_probe',
      source: 3,
      target: 3,
    });
    expect(result.replaced).toEqual([]);
    expect(result.ms).toBe(1_500);
    const customers = result.tables.find((t) => t.table === 'customer')!.source;
    // Batches of 7 rows, a progress line each time a multiple of 5 rows is passed.
    expect(customers).toBeGreaterThan(7);
    expect(lines).toEqual(
      expect.arrayContaining([`customer: copying ${customers} rows…`, `customer: 7 / ${customers} rows`]),
    );
    const report = formatTransferReport(result);
    expect(report).toMatch(new RegExp(`customer\\s+${customers}\\s+${customers}`));
    expect(report).toContain('in 1.5 s');

    // Spot checks that make the comparison above meaningful.
    const probe = source.transfer_probe!.join('\n');
    expect(probe).toContain('"blob":"\\\\x00ff7f80"');
    expect(probe).toContain('"big":9223372036854775807');
    expect(probe).toContain('"ratio":0.000000000000000000012345678901234567890');
    expect(probe).toContain('"at":"2026-03-01T00:15:30.123456+00:00"');
    expect(source.customer!.join('\n')).toContain('"status":"merged"');
    await onTarget(url, async (db) => {
      const merged = await db
        .selectFrom('customer')
        .select('merged_into_id')
        .where('status', '=', 'merged')
        .execute();
      expect(merged).toHaveLength(1);
      expect(merged[0]!.merged_into_id).not.toBeNull();
      const jsonNull = await sql<{ n: number }>`
        select count(*)::int as n from audit_log where before is not null and before = 'null'::jsonb`.execute(
        db,
      );
      expect(jsonNull.rows[0]!.n).toBe(1);
      // Sequences continue after the source's last value (4, its last row deleted), not from 1.
      const { rows } = await sql<{ id: string; seq_no: number }>`
        insert into transfer_probe (u, customer_id) select ${newId()}, id from customer limit 1
        returning id, seq_no`.execute(db);
      expect(rows[0]).toEqual({ id: '5', seq_no: 5 });
      const stamped = await sql<{ x: string }>`select x from transfer_probe where id = 5`.execute(db);
      expect(stamped.rows[0]!.x).toBe('trigger fired');
      const attempt = await sql<{ id: string }>`
        insert into login_attempt (ip, email, at, success) values ('1', 'a', now(), true) returning id`.execute(
        db,
      );
      expect(attempt.rows[0]!.id).toBe('4');
    });
  }, 180_000);

  it('refuses a target that holds data unless told to replace it, and then replaces it all', async () => {
    const url = await preparedTarget();
    await transferData({ dataDir, targetUrl: url, replace: false });
    await onTarget(url, async (db) => {
      await db.deleteFrom('contact').where('is_key', '=', false).execute();
      await db
        .insertInto('department')
        .values({ id: newId(), name: '只在目标库', created_by: null, updated_by: null })
        .execute();
    });
    const before = await onTarget(url, snapshot);

    const refused = transferData({ dataDir, targetUrl: url, replace: false });
    await expect(refused).rejects.toBeInstanceOf(TransferError);
    await expect(refused).rejects.toThrow(/already holds data \(in .*app_user.*\)\. Add --yes/);
    expect(await onTarget(url, snapshot)).toEqual(before);

    const lines: string[] = [];
    const result = await transferData({ dataDir, targetUrl: url, replace: true, log: (l) => lines.push(l) });
    expect(result.replaced).toEqual(
      expect.arrayContaining(['app_user', 'contact', 'customer', 'department']),
    );
    expect(lines.join('\n')).toMatch(/emptying all its tables/);
    expect(await onTarget(url, snapshot)).toEqual(await onSource(snapshot));
  }, 180_000);

  it('leaves the target exactly as it was when the copy fails part-way', async () => {
    const url = await preparedTarget();
    await transferData({ dataDir, targetUrl: url, replace: false });
    await onTarget(url, async (db) => {
      await db.deleteFrom('customer_collaborator').execute();
      // Incompatible from now on: every contact the copy inserts is rejected, after other tables were copied.
      await sql`alter table contact add constraint transfer_test_reject check (name = '') not valid`.execute(
        db,
      );
    });
    const before = await onTarget(url, snapshot);
    const failed = transferData({ dataDir, targetUrl: url, replace: true });
    await expect(failed).rejects.toBeInstanceOf(TransferError);
    await expect(failed).rejects.toThrow(/Copying contact failed: .*transfer_test_reject.*left as it was/s);
    expect(await onTarget(url, snapshot)).toEqual(before);
  }, 180_000);

  it('refuses a target whose schema differs, naming the difference', async () => {
    const url = await createTarget(); // Weixi's schema, but without the probe table the source has
    await expect(transferData({ dataDir, targetUrl: url, replace: false })).rejects.toThrow(
      /schema differs.*table transfer_probe is missing/,
    );
    await onTarget(url, async (db) => {
      expect(await db.selectFrom('app_user').select('id').execute()).toEqual([]);
    });
  }, 120_000);

  it('fails cleanly while the server holds the embedded database, or when there is nothing to read or nowhere to write', async () => {
    const url = await preparedTarget();
    const running = await openDatabase({ dataDir });
    try {
      await expect(transferData({ dataDir, targetUrl: url, replace: true })).rejects.toBeInstanceOf(
        DataDirLockedError,
      );
    } finally {
      await running.close();
    }
    const empty = mkdtempSync(path.join(os.tmpdir(), 'weixi-transfer-empty-'));
    dirs.push(empty);
    await expect(
      transferData({ dataDir: path.join(empty, 'pglite'), targetUrl: url, replace: true }),
    ).rejects.toThrow(/no embedded database at/);
    await expect(transferData({ dataDir, targetUrl: 'mysql://x', replace: true })).rejects.toThrow(
      /must be a postgres:\/\/ URL/,
    );
    await expect(
      transferData({ dataDir, targetUrl: 'postgres://weixi:secret@127.0.0.1:1/weixi', replace: true }),
    ).rejects.toThrow(
      /Could not connect to the target database postgres:\/\/weixi:\*\*\*@127\.0\.0\.1:1\/weixi/,
    );
    await onTarget(url, async (db) => {
      expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);
    });
  }, 120_000);
});
