// Benchmark data generator: a realistic customer archive (1,000,000 customers on PostgreSQL,
// 100,000 on PGlite) with departments, account managers, contacts and collaborators, and search
// data computed by the application's own code. A generated database carries a marker row and is
// reused by later runs while the marker matches this generator.
//
//   npx tsx bench/generate.ts [--engine postgres|pglite|all] [--pg-customers N]
//                             [--pglite-customers N] [--force]
import { type ChildProcess, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DB, migrateToLatest, newId, openDatabase } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { searchDataFor } from '../apps/server/src/modules/customers/customer-input';
import { hashPassword } from '../apps/server/src/modules/identity/passwords';
import {
  type BatchResult,
  type ContactColumn,
  type CustomerColumn,
  contactColumns,
  customerColumns,
  type WorkerInit,
} from './lib/dataset-batch';
import { departmentPlan, personName } from './lib/names';
import { Rng } from './lib/random';

/** Bump when the generated data changes shape; a stored archive with another version is rebuilt. */
export const generatorVersion = 2;
export const benchPassword = 'Bench-password-2026';
const seed = 20261125;
const batchSize = 2000;

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pgHost = process.env.BENCH_PG_HOST ?? '127.0.0.1:5432';
export const pgAdminUrl = `postgres://postgres@${pgHost}/postgres`;

export interface DatasetTarget {
  engine: 'postgres' | 'pglite';
  customers: number;
  /** PostgreSQL database name. */
  database?: string;
  /** PGlite: the server's DATA_DIR; the engine's files live in <dataDir>/pglite. */
  dataDir?: string;
}

export function pgTarget(customers = 1_000_000): DatasetTarget {
  return { engine: 'postgres', customers, database: 'weixi_bench' };
}

export function pgliteTarget(customers = 100_000): DatasetTarget {
  return {
    engine: 'pglite',
    customers,
    dataDir: path.join(repoRoot, 'data', 'bench', `pglite-${customers}`),
  };
}

export function pgUrl(database: string): string {
  return `postgres://postgres@${pgHost}/${database}`;
}

export interface BenchUser {
  id: string;
  email: string;
  name: string;
  role: string;
  departmentId: string | null;
  departmentName: string | null;
  parentDepartmentId: string | null;
}

export interface DatasetMarker {
  generatorVersion: number;
  fingerprint: string;
  customers: number;
  contacts: number;
  generatedAt: string;
  seconds: number;
  phases: Record<string, number>;
}

export interface DatasetInfo {
  target: DatasetTarget;
  marker: DatasetMarker;
  reused: boolean;
  users: BenchUser[];
}

type Log = (msg: string) => void;

/**
 * Changes when the application's search lexemes change: searches would then measure an index the
 * app no longer builds, so the archive is regenerated.
 */
export function datasetFingerprint(): string {
  const sample = searchDataFor(
    { name: '宁波怡信电子科技有限公司', short_name: '怡信电子', phone: '0574-87654321', credit_code: null },
    [{ name: '陈国华', phone: '13905740001' }],
  );
  return createHash('sha256').update(JSON.stringify({ generatorVersion, sample })).digest('hex').slice(0, 16);
}

async function readMarker(db: Kysely<DB>): Promise<DatasetMarker | null> {
  try {
    const { rows } = await sql<{
      marker: DatasetMarker;
    }>`select marker from bench_dataset where id = 1`.execute(db);
    return rows[0]?.marker ?? null;
  } catch {
    return null;
  }
}

function markerMatches(m: DatasetMarker | null, target: DatasetTarget): m is DatasetMarker {
  return (
    m !== null &&
    m.generatorVersion === generatorVersion &&
    m.fingerprint === datasetFingerprint() &&
    m.customers === target.customers
  );
}

export async function readUsers(db: Kysely<DB>): Promise<BenchUser[]> {
  const { rows } = await sql<BenchUser>`
    select u.id, u.email, u.name, u.role, u.department_id as "departmentId",
      d.name as "departmentName", d.parent_id as "parentDepartmentId"
    from app_user u left join department d on d.id = u.department_id
    where u.status = 'active' order by u.email`.execute(db);
  return rows;
}

async function openTarget(target: DatasetTarget) {
  return target.engine === 'postgres'
    ? openDatabase({ url: pgUrl(target.database!), poolSize: 2 })
    : openDatabase({ dataDir: path.join(target.dataDir!, 'pglite') });
}

async function pgDatabaseExists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    const res = await admin.query('select 1 from pg_database where datname = $1', [name]);
    return res.rowCount === 1;
  } finally {
    await admin.end();
  }
}

/** Runs statements on the maintenance database (create/drop database cannot run in a transaction). */
export async function pgAdmin(statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    for (const s of statements) await admin.query(s);
  } finally {
    await admin.end();
  }
}

/** The archive for a target: reused when its marker matches, generated otherwise. */
export async function ensureDataset(
  target: DatasetTarget,
  opts: { force?: boolean; log?: Log } = {},
): Promise<DatasetInfo> {
  const log = opts.log ?? (() => {});
  const exists =
    target.engine === 'postgres'
      ? await pgDatabaseExists(target.database!)
      : existsSync(path.join(target.dataDir!, 'pglite', 'PG_VERSION'));
  if (exists && !opts.force) {
    const database = await openTarget(target);
    try {
      const marker = await readMarker(database.db);
      if (markerMatches(marker, target)) {
        // Migrations added since generation (new indexes) are applied here, not inside a timed
        // start. One that cannot apply (other work renumbered migrations meanwhile) means a rebuild.
        const applied = await migrateToLatest(database.db).catch((err: unknown) => {
          log(`  migrating the stored archive failed (${(err as Error).message}): regenerating`);
          return null;
        });
        if (applied) {
          if (applied.length) {
            log(`  applied migrations to the stored archive: ${applied.join(', ')}`);
            // A migration that rewrote rows leaves dead ones that later scans would wade through.
            await sql`vacuum analyze`.execute(database.db);
          }
          return { target, marker, reused: true, users: await readUsers(database.db) };
        }
      } else {
        log(`  stored ${target.engine} archive does not match generator ${generatorVersion}: regenerating`);
      }
    } finally {
      await database.close();
    }
  }
  return generate(target, log);
}

async function generate(target: DatasetTarget, log: Log): Promise<DatasetInfo> {
  const started = performance.now();
  const phases: Record<string, number> = {};
  let phaseStart = started;
  const phase = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - phaseStart) / 1000;
    phaseStart = now;
  };

  if (target.engine === 'postgres') {
    const name = target.database!;
    await pgAdmin([`drop database if exists ${name} with (force)`, `create database ${name}`]);
  } else {
    rmSync(target.dataDir!, { recursive: true, force: true });
  }
  log(`  generating ${target.customers.toLocaleString('en')} customers on ${target.engine}…`);
  const database = await openTarget(target);
  try {
    const db = database.db;
    await migrateToLatest(db);
    await sql`create table bench_dataset (id integer primary key, marker jsonb not null)`.execute(db);
    const users = await insertOrganisation(db);
    phase('organisation');

    // Bulk load without the secondary indexes, then build each once: much faster than
    // maintaining a GIN index row by row. Definitions are read back from the catalogue, so the
    // rebuilt indexes are exactly the migrations' (primary keys stay: they are constraints).
    const { rows: indexes } = await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes
      where schemaname = 'public' and tablename in ('customer', 'contact', 'customer_collaborator')
        and indexname not in (select conname from pg_constraint)`.execute(db);
    for (const ix of indexes) await sql`drop index ${sql.ref(ix.name)}`.execute(db);

    const counts = await loadCustomers(db, target, users, log);
    phase('customers');

    log(`  building ${indexes.length} indexes…`);
    await db.connection().execute(async (conn) => {
      await sql`set maintenance_work_mem = '512MB'`.execute(conn);
      for (const ix of indexes) await sql.raw(ix.def).execute(conn);
    });
    phase('indexes');
    await sql`vacuum analyze`.execute(db);
    if (target.engine === 'pglite') await sql`checkpoint`.execute(db);
    phase('vacuum');

    const marker: DatasetMarker = {
      generatorVersion,
      fingerprint: datasetFingerprint(),
      customers: target.customers,
      contacts: counts.contacts,
      generatedAt: new Date().toISOString(),
      seconds: Math.round(performance.now() - started) / 1000,
      phases,
    };
    await sql`insert into bench_dataset (id, marker) values (1, ${JSON.stringify(marker)}::jsonb)`.execute(
      db,
    );
    log(
      `  generated ${target.customers.toLocaleString('en')} customers and ${counts.contacts.toLocaleString('en')} contacts in ${marker.seconds} s (${Object.entries(
        phases,
      )
        .map(([k, v]) => `${k} ${v} s`)
        .join(', ')})`,
    );
    return { target, marker, reused: false, users: await readUsers(db) };
  } finally {
    await database.close();
  }
}

/** Departments (regions with branches), their managers, ~200 account managers and a few others. */
async function insertOrganisation(
  db: Kysely<DB>,
): Promise<{ adminId: string; owners: WorkerInit['owners'] }> {
  const rng = new Rng(seed);
  const passwordHash = await hashPassword(benchPassword);
  const usedNames = new Set<string>();
  const uniqueName = () => {
    for (;;) {
      const n = personName(rng);
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const departments: { id: string; name: string; parent_id: string | null }[] = [];
  const branches: string[] = [];
  for (const region of departmentPlan) {
    const rid = newId();
    departments.push({ id: rid, name: region.name, parent_id: null });
    for (const b of region.branches) {
      const id = newId();
      departments.push({ id, name: b, parent_id: rid });
      branches.push(id);
    }
  }
  await db.insertInto('department').values(departments).execute();

  type NewUser = {
    id: string;
    email: string;
    role: string;
    data_scope: string;
    department_id: string | null;
  };
  const users: NewUser[] = [];
  const add = (email: string, role: string, dataScope: string, departmentId: string | null) => {
    const u = { id: newId(), email, role, data_scope: dataScope, department_id: departmentId };
    users.push(u);
    return u;
  };
  const admin = add('admin@bench.weixi.local', 'admin', 'all', null);
  add('exec01@bench.weixi.local', 'executive', 'all', null);
  add('exec02@bench.weixi.local', 'executive', 'all', null);
  const managers: { departmentId: string; userId: string }[] = [];
  departments.forEach((d, i) => {
    const m = add(
      `dm${String(i + 1).padStart(2, '0')}@bench.weixi.local`,
      'department_manager',
      'department',
      d.id,
    );
    managers.push({ departmentId: d.id, userId: m.id });
  });
  const owners: WorkerInit['owners'] = [];
  for (let i = 0; i < 200; i++) {
    const dept = branches[i % branches.length]!;
    const u = add(`am${String(i + 1).padStart(3, '0')}@bench.weixi.local`, 'account_manager', 'own', dept);
    owners.push({ id: u.id, departmentId: dept });
  }
  for (let i = 0; i < 8; i++)
    add(`cs${String(i + 1).padStart(2, '0')}@bench.weixi.local`, 'service_agent', 'own', branches[i]!);
  for (let i = 0; i < 2; i++)
    add(`fin${String(i + 1).padStart(2, '0')}@bench.weixi.local`, 'finance', 'own', null);

  await db
    .insertInto('app_user')
    .values(
      users.map((u) => ({
        ...u,
        name: uniqueName(),
        password_hash: passwordHash,
        phone: '',
        locale: 'zh-CN',
      })),
    )
    .execute();
  for (const m of managers)
    await db
      .updateTable('department')
      .set({ manager_id: m.userId })
      .where('id', '=', m.departmentId)
      .execute();
  return { adminId: admin.id, owners };
}

const customerTypes: Record<CustomerColumn, string> = {
  id: 'uuid',
  kind: 'text',
  name: 'text',
  short_name: 'text',
  credit_code: 'text',
  industry: 'text',
  scale: 'text',
  province_code: 'text',
  city_code: 'text',
  district_code: 'text',
  address: 'text',
  phone: 'text',
  email: 'text',
  wechat: 'text',
  website: 'text',
  source: 'text',
  founded_on: 'date',
  signed_on: 'date',
  tags: 'list',
  owner_id: 'uuid',
  category: 'text',
  grade: 'text',
  value_tier: 'text',
  lifecycle: 'text',
  status: 'text',
  invalid_reason: 'text',
  invalidated_at: 'timestamptz',
  invalidated_by: 'uuid',
  verified_at: 'timestamptz',
  verified_by: 'uuid',
  name_key: 'text',
  pinyin_key: 'text',
  phone_keys: 'list',
  // The lexemes travel as a list and are stored as the vector the row keeps (migration 0014).
  search: 'lexemes',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  created_by: 'uuid',
  updated_by: 'uuid',
};

const contactTypes: Record<ContactColumn, string> = {
  id: 'uuid',
  customer_id: 'uuid',
  name: 'text',
  position: 'text',
  phone: 'text',
  phone_key: 'text',
  decision_role: 'text',
  has_decision_authority: 'boolean',
  is_key: 'boolean',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  created_by: 'uuid',
  updated_by: 'uuid',
};

/**
 * INSERT … SELECT FROM unnest(one array parameter per column): one statement per batch whatever
 * its size. Array-valued columns travel as \x1f-joined text (unnest cannot take ragged arrays).
 */
function unnestInsert<C extends string>(
  table: string,
  columns: readonly C[],
  types: Record<C, string>,
  data: Record<C, (string | null)[]>,
) {
  // 'list' and 'lexemes' columns travel as joined text; 'lexemes' is stored as a vector.
  const joined = (c: C) => types[c] === 'list' || types[c] === 'lexemes';
  const column = (c: C) => {
    const value = joined(c) ? `string_to_array(u.${c}, chr(31))` : `u.${c}`;
    return sql.raw(types[c] === 'lexemes' ? `array_to_tsvector(${value})` : value);
  };
  const params = columns.map((c) => sql`${data[c]}::${sql.raw(joined(c) ? 'text' : types[c])}[]`);
  const selects = columns.map(column);
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(selects)} from unnest(${sql.join(params)}) as u(${sql.join(columns.map((c) => sql.ref(c)))})`;
}

async function loadCustomers(
  db: Kysely<DB>,
  target: DatasetTarget,
  org: { adminId: string; owners: WorkerInit['owners'] },
  log: Log,
): Promise<{ contacts: number }> {
  const batches = Math.ceil(target.customers / batchSize);
  const init: WorkerInit = { seed, nowMs: Date.now(), adminId: org.adminId, owners: org.owners };
  const workerFile = fileURLToPath(new URL('./lib/generate-worker.ts', import.meta.url));
  const workerCount = Math.max(1, Math.min(2, os.cpus().length));
  const workers: ChildProcess[] = [];
  const ready = new Map<number, BatchResult>();
  let waiting: { batch: number; resolve: (r: BatchResult) => void } | null = null;
  let failed: Error | null = null;
  let requested = 0;
  const requestNext = (w: ChildProcess) => {
    if (requested >= batches) return;
    const batch = requested++;
    w.send({ request: { batch, count: Math.min(batchSize, target.customers - batch * batchSize) } });
  };
  for (let i = 0; i < workerCount; i++) {
    const w = fork(workerFile, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced' });
    w.on('message', (r: BatchResult) => {
      if (waiting?.batch === r.batch) {
        const wake = waiting;
        waiting = null;
        wake.resolve(r);
      } else ready.set(r.batch, r);
      requestNext(w);
    });
    w.on('exit', (code) => {
      if (code !== 0 && code !== null) failed = new Error(`generator worker exited with ${code}`);
    });
    w.send({ init });
    workers.push(w);
  }
  // Two batches in flight per worker: they never wait for the inserting process, and memory stays flat.
  for (const w of workers) {
    requestNext(w);
    requestNext(w);
  }

  let contacts = 0;
  const started = performance.now();
  try {
    await db.connection().execute(async (conn) => {
      // The archive can be regenerated: no need to wait for each batch to reach the disk.
      if (target.engine === 'postgres') await sql`set synchronous_commit = off`.execute(conn);
      for (let b = 0; b < batches; b++) {
        if (failed) throw failed;
        const r =
          ready.get(b) ??
          (await new Promise<BatchResult>((resolve) => {
            waiting = { batch: b, resolve };
          }));
        ready.delete(b);
        await unnestInsert('customer', customerColumns, customerTypes, r.customers).execute(conn);
        await unnestInsert('contact', contactColumns, contactTypes, r.contacts).execute(conn);
        contacts += r.contacts.id.length;
        if (r.collaborators.customer_id.length) {
          await sql`insert into customer_collaborator (customer_id, user_id, created_by)
            select c, u, u from unnest(${r.collaborators.customer_id}::uuid[], ${r.collaborators.user_id}::uuid[]) as t(c, u)
            on conflict do nothing`.execute(conn);
        }
        const done = Math.min(target.customers, (b + 1) * batchSize);
        if ((b + 1) % 50 === 0 || b === batches - 1) {
          const s = (performance.now() - started) / 1000;
          log(
            `    ${done.toLocaleString('en')} customers (${Math.round(done / s).toLocaleString('en')}/s, ${Math.round(process.memoryUsage().rss / 1048576)} MB RSS)`,
          );
        }
      }
    });
  } finally {
    for (const w of workers) w.kill();
  }
  return { contacts };
}

async function main() {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const engine = value('--engine') ?? 'all';
  const force = args.includes('--force');
  const log = (m: string) => process.stdout.write(`${m}\n`);
  if (engine === 'postgres' || engine === 'all') {
    const info = await ensureDataset(pgTarget(Number(value('--pg-customers') ?? 1_000_000)), { force, log });
    log(`postgres: ${info.reused ? 'reused' : 'generated'} ${JSON.stringify(info.marker)}`);
  }
  if (engine === 'pglite' || engine === 'all') {
    const info = await ensureDataset(pgliteTarget(Number(value('--pglite-customers') ?? 100_000)), {
      force,
      log,
    });
    log(`pglite: ${info.reused ? 'reused' : 'generated'} ${JSON.stringify(info.marker)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
