import { existsSync, readdirSync } from 'node:fs';
import { type Database, type DB, migrateToLatest, openDatabase } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import { BackupError } from './backup-restore';

/**
 * Copies every row of the embedded database (PGlite) into a PostgreSQL database, for teams that
 * outgrow the embedded engine. PGlite's own pg_dump build pins an older PGlite, so the copy is done
 * here, table by table, with the schema read from the catalogs: tables that later migrations add are
 * carried without code changes. The target side is one transaction, so a failure changes nothing.
 */

/** An expected failure with a message for the operator; cliMain prints BackupError's kind as one line. */
export class TransferError extends BackupError {}

export interface ColumnInfo {
  name: string;
  /** format_type(): the type as the target must declare it, e.g. `numeric(9,6)`, `text[]`. */
  type: string;
  generated: boolean;
  /** json/jsonb (or a domain over them): carried as text, see sourceExpression. */
  json: boolean;
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
}

export interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  refTable: string;
  /** Every column may be null, so inserting nulls first and filling them in later is allowed. */
  nullable: boolean;
  /** DEFERRABLE constraints are checked at commit (`set constraints all deferred`): no ordering needed. */
  deferrable: boolean;
}

export interface SequenceInfo {
  name: string;
  /** The column that owns it (serial/bigserial/identity), if any. */
  table: string | null;
  column: string | null;
}

export interface SchemaInfo {
  tables: TableInfo[];
  foreignKeys: ForeignKey[];
  sequences: SequenceInfo[];
  /** Tables with user (non-internal) triggers, which must not fire on copied rows. */
  triggerTables: string[];
}

export interface CopyPlan {
  /** Insertion order: every table after the tables its NOT NULL foreign keys reference. */
  order: string[];
  /** Per table, the nullable foreign-key columns inserted as NULL and filled in by a second pass. */
  deferred: Map<string, string[]>;
}

/** Kysely's own bookkeeping: each side keeps the one its migrations wrote. */
export const migrationTables = ['weixi_migration', 'weixi_migration_lock'];

/**
 * Orders the tables so that rows exist before the rows that reference them. NOT NULL foreign keys
 * must be respected; nullable ones are respected where possible and otherwise (cycles such as
 * department.manager_id ↔ app_user.department_id, and self-references such as
 * department.parent_id) inserted as NULL and filled by a second pass — without superuser rights
 * foreign-key checks cannot be switched off.
 */
export function planCopy(tables: string[], foreignKeys: ForeignKey[]): CopyPlan {
  const names = new Set(tables);
  const fks = foreignKeys.filter((fk) => !fk.deferrable && names.has(fk.table) && names.has(fk.refTable));
  for (const fk of fks)
    if (!fk.nullable && fk.table === fk.refTable)
      throw new TransferError(
        `${fk.table}.${fk.columns.join(',')} references its own table and cannot be null (${fk.name}); ` +
          'such rows cannot be copied without superuser rights. Make the constraint DEFERRABLE or the column nullable.',
      );
  const remaining = new Set([...tables].sort());
  const order: string[] = [];
  const pending = (t: string, nullable: boolean) =>
    fks.filter(
      (fk) => fk.table === t && fk.nullable === nullable && fk.refTable !== t && remaining.has(fk.refTable),
    ).length;
  while (remaining.size > 0) {
    const free = [...remaining].filter((t) => pending(t, false) === 0);
    if (free.length === 0)
      throw new TransferError(
        `The tables ${[...remaining].join(', ')} reference each other through NOT NULL foreign keys; ` +
          'they cannot be copied without superuser rights unless those constraints are DEFERRABLE.',
      );
    // Prefer a table whose nullable references are all satisfied too; in a cycle, the one that
    // leaves the fewest columns for the second pass. Ties go by name, so the plan is stable.
    const next = free.reduce((best, t) => (pending(t, true) < pending(best, true) ? t : best));
    order.push(next);
    remaining.delete(next);
  }
  const position = new Map(order.map((t, i) => [t, i]));
  const deferred = new Map<string, string[]>();
  for (const fk of fks) {
    if (!fk.nullable || position.get(fk.refTable)! < position.get(fk.table)!) continue;
    const cols = deferred.get(fk.table) ?? [];
    for (const c of fk.columns) if (!cols.includes(c)) cols.push(c);
    deferred.set(fk.table, cols);
  }
  return { order, deferred };
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const qualified = (table: string) => `public.${ident(table)}`;

/** Reads tables, columns, keys, sequences and triggers of the public schema from pg_catalog. */
export async function readSchema(db: Kysely<DB>): Promise<SchemaInfo> {
  const cols = await sql<{ table: string; column: string; type: string; generated: boolean; json: boolean }>`
    select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type,
      a.attgenerated <> '' as generated,
      coalesce(nullif(t.typbasetype, 0), t.oid) in ('json'::regtype::oid, 'jsonb'::regtype::oid) as json
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
      and c.relname <> all(${migrationTables}::text[])
    order by c.relname, a.attnum`.execute(db);
  const pks = await sql<{ table: string; column: string }>`
    select c.relname as table, a.attname as column
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = 'public'
    order by c.relname, k.ord`.execute(db);
  const fks = await sql<{
    name: string;
    table: string;
    ref_table: string;
    columns: string[];
    nullable: boolean;
    deferrable: boolean;
  }>`
    select con.conname as name, c.relname as table, rc.relname as ref_table, con.condeferrable as deferrable,
      array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.ord) as columns,
      (select bool_and(not a.attnotnull) from pg_attribute a
        where a.attrelid = con.conrelid and a.attnum = any(con.conkey)) as nullable
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_class rc on rc.oid = con.confrelid
    join pg_namespace rn on rn.oid = rc.relnamespace
    where con.contype = 'f' and n.nspname = 'public' and rn.nspname = 'public'
    order by c.relname, con.conname`.execute(db);
  const seqs = await sql<{ name: string; table: string | null; column: string | null }>`
    select s.relname as name, t.relname as table, a.attname as column
    from pg_class s
    join pg_namespace n on n.oid = s.relnamespace
    left join pg_depend d on d.classid = 'pg_class'::regclass and d.objid = s.oid
      and d.refclassid = 'pg_class'::regclass and d.deptype in ('a', 'i')
    left join pg_class t on t.oid = d.refobjid
    left join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
    where s.relkind = 'S' and n.nspname = 'public'
    order by s.relname`.execute(db);
  const triggers = await sql<{ table: string }>`
    select distinct c.relname as table
    from pg_trigger tg
    join pg_class c on c.oid = tg.tgrelid
    join pg_namespace n on n.oid = c.relnamespace
    where not tg.tgisinternal and n.nspname = 'public'
    order by 1`.execute(db);

  const tables = new Map<string, TableInfo>();
  for (const r of cols.rows) {
    const t = tables.get(r.table) ?? { name: r.table, columns: [], primaryKey: [] };
    t.columns.push({ name: r.column, type: r.type, generated: r.generated, json: r.json });
    tables.set(r.table, t);
  }
  for (const r of pks.rows) tables.get(r.table)?.primaryKey.push(r.column);
  return {
    tables: [...tables.values()],
    foreignKeys: fks.rows.map((r) => ({
      name: r.name,
      table: r.table,
      refTable: r.ref_table,
      columns: r.columns,
      nullable: r.nullable,
      deferrable: r.deferrable,
    })),
    sequences: seqs.rows.filter((s) => !s.table || !migrationTables.includes(s.table)),
    triggerTables: triggers.rows.map((r) => r.table),
  };
}

/** Everything the copy relies on that the target must match; both sides ran the same migrations. */
export function schemaDifferences(source: SchemaInfo, target: SchemaInfo): string[] {
  const problems: string[] = [];
  const targetTables = new Map(target.tables.map((t) => [t.name, t]));
  for (const t of source.tables) {
    const other = targetTables.get(t.name);
    if (!other) {
      problems.push(`table ${t.name} is missing`);
      continue;
    }
    const otherCols = new Map(other.columns.map((c) => [c.name, c]));
    for (const c of t.columns) {
      const o = otherCols.get(c.name);
      if (!o) problems.push(`column ${t.name}.${c.name} is missing`);
      else if (o.type !== c.type) problems.push(`column ${t.name}.${c.name} is ${o.type}, not ${c.type}`);
      else if (o.generated !== c.generated)
        problems.push(`column ${t.name}.${c.name} is ${o.generated ? '' : 'not '}generated`);
    }
  }
  const targetSeqs = new Set(target.sequences.map((s) => s.name));
  for (const s of source.sequences)
    if (!targetSeqs.has(s.name)) problems.push(`sequence ${s.name} is missing`);
  return problems;
}

/**
 * row_to_json carries every type losslessly as JSON text (timestamps with their offset, numeric and
 * bigint digits untouched, bytea as \x hex, arrays as JSON arrays) and json_populate_recordset parses
 * it back with the target's own types — except json itself: a stored JSON `null` would come back as
 * SQL NULL. So json/jsonb values travel as their text, wrapped in a JSON string.
 */
function sourceExpression(c: ColumnInfo): string {
  return c.json ? `to_json(${ident(c.name)}::text) as ${ident(c.name)}` : ident(c.name);
}
function targetExpression(c: ColumnInfo): string {
  return c.json ? `(x.${ident(c.name)} #>> '{}')::${c.type}` : `x.${ident(c.name)}`;
}

const cursorName = 'weixi_transfer_rows';

/**
 * Streams `query`'s rows (one JSON text each) from a server-side cursor in batches, handing each
 * batch as a JSON array to `write`; the next batch is fetched while the previous one is written.
 * Returns the number of rows.
 */
async function streamRows(
  src: Kysely<DB>,
  query: string,
  batchRows: number,
  write: (json: string, rows: number) => Promise<void>,
): Promise<number> {
  await sql.raw(`declare ${cursorName} no scroll cursor for ${query}`).execute(src);
  const fetchBatch = () =>
    sql.raw<{ j: string }>(`fetch forward ${batchRows} from ${cursorName}`).execute(src);
  let total = 0;
  try {
    let next = fetchBatch();
    for (;;) {
      const { rows } = await next;
      if (rows.length === 0) break;
      next = fetchBatch();
      // The prefetch may fail while the write is awaited; it is awaited (and thrown) on the next turn.
      next.catch(() => undefined);
      await write(`[${rows.map((r) => r.j).join(',')}]`, rows.length);
      total += rows.length;
    }
  } finally {
    await sql.raw(`close ${cursorName}`).execute(src);
  }
  return total;
}

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface TransferOptions {
  /** The embedded database's data directory (pgliteDataDir(config)). */
  dataDir: string;
  /** postgres://… of the target database. */
  targetUrl: string;
  /** Empty a target that holds data (--yes); without it such a target is refused. */
  replace: boolean;
  /** Rows per fetch and per insert statement. */
  batchRows?: number;
  /** A progress line every this many rows of a table. */
  progressEvery?: number;
  log?: (line: string) => void;
  /** Milliseconds for the elapsed time (injected in tests). */
  clock?: () => number;
}

export interface TransferResult {
  tables: TableCount[];
  rows: number;
  /** Target tables that held rows and were emptied (--yes). */
  replaced: string[];
  migrationsApplied: { source: string[]; target: string[] };
  ms: number;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

const messageOf = (err: unknown) => {
  const e = err as { message?: string; detail?: string };
  return [e.message ?? String(err), e.detail].filter(Boolean).join(' — ');
};

async function openTarget(url: string): Promise<{ target: Database; migrated: string[] }> {
  const target = await openDatabase({ url, poolSize: 2 });
  try {
    await sql`select 1`.execute(target.db);
  } catch (err) {
    await target.close();
    const missing = (err as { code?: string }).code === '3D000';
    throw new TransferError(
      `Could not connect to the target database ${redactUrl(url)}: ${messageOf(err)}` +
        (missing ? '. Create it first (createdb, or CREATE DATABASE).' : ''),
    );
  }
  try {
    return { target, migrated: await migrateToLatest(target.db) };
  } catch (err) {
    await target.close();
    throw new TransferError(`Could not create Weixi's schema in the target database: ${messageOf(err)}`);
  }
}

const fmt = (n: number) => n.toLocaleString('en-US');

async function countRows(db: Kysely<DB>, tables: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const t of tables) {
    const { rows } = await sql
      .raw<{ n: string }>(`select count(*)::text as n from ${qualified(t)}`)
      .execute(db);
    counts.set(t, Number(rows[0]!.n));
  }
  return counts;
}

/**
 * Checks the target's schema and emptiness; with `replace`, empties every table (the caller's
 * transaction makes that undoable). Returns the tables that held rows.
 */
async function prepareTarget(
  dst: Kysely<DB>,
  source: SchemaInfo,
  target: SchemaInfo,
  replace: boolean,
  log: (line: string) => void,
): Promise<string[]> {
  const problems = schemaDifferences(source, target);
  if (problems.length > 0)
    throw new TransferError(
      `The target database's schema differs from the embedded one: ${problems.join('; ')}.`,
    );
  // Migrations seed some tables with defaults (grading rules, service standards), so "holds data"
  // cannot mean "any row anywhere". A database in use always has its users: migrations never
  // create one, and the first start creates the administrator.
  const occupied: string[] = [];
  for (const t of target.tables) {
    const { rows } = await sql
      .raw<{ e: boolean }>(`select exists (select 1 from ${qualified(t.name)}) as e`)
      .execute(dst);
    if (rows[0]!.e) occupied.push(t.name);
  }
  const inUse = occupied.includes('app_user');
  if (inUse && !replace)
    throw new TransferError(
      `The target database already holds data (in ${occupied.join(', ')}). ` +
        'Add --yes to replace it: its tables are emptied in the same transaction as the copy.',
    );
  if (occupied.length === 0) return occupied;
  // The source's rows replace the target's, seeded defaults included (the source has its own).
  if (inUse)
    log(`The target held data in ${occupied.join(', ')}: emptying all its tables (same transaction).`);
  await sql.raw(`truncate table ${target.tables.map((t) => qualified(t.name)).join(', ')}`).execute(dst);
  return inUse ? occupied : [];
}

interface CopyOptions {
  batchRows: number;
  progressEvery: number;
  log: (line: string) => void;
}

/** Copies one table's rows; the `deferred` columns are inserted as NULL. Returns the row count. */
async function copyTable(
  src: Kysely<DB>,
  dst: Kysely<DB>,
  table: TableInfo,
  deferred: Set<string>,
  total: number,
  { batchRows, progressEvery, log }: CopyOptions,
): Promise<number> {
  const name = table.name;
  const columns = table.columns.filter((c) => !c.generated);
  const sent = columns.filter((c) => !deferred.has(c.name));
  const read = `select row_to_json(r.*)::text as j from (select ${sent.map(sourceExpression).join(', ')} from ${qualified(name)}) r`;
  // Identity columns keep their copied values: OVERRIDING SYSTEM VALUE is a no-op for other tables.
  const insert = sql.raw(
    `insert into ${qualified(name)} (${columns.map((c) => ident(c.name)).join(', ')}) overriding system value ` +
      `select ${columns.map((c) => (deferred.has(c.name) ? 'null' : targetExpression(c))).join(', ')} ` +
      `from json_populate_recordset(null::${qualified(name)}, `,
  );
  if (total >= progressEvery) log(`${name}: copying ${fmt(total)} rows…`);
  let done = 0;
  return withContext(`Copying ${name}`, () =>
    streamRows(src, read, batchRows, async (json, rows) => {
      await sql`${insert}${json}::json) x`.execute(dst);
      const before = done;
      done += rows;
      if (Math.floor(done / progressEvery) > Math.floor(before / progressEvery))
        log(`${name}: ${fmt(done)} / ${fmt(total)} rows`);
    }),
  );
}

/** The second pass: fills the nullable references that could not be inserted in order, by primary key. */
async function fillDeferred(
  src: Kysely<DB>,
  dst: Kysely<DB>,
  table: TableInfo,
  cols: string[],
  batchRows: number,
): Promise<void> {
  const name = qualified(table.name);
  const pk = table.primaryKey;
  const read =
    `select row_to_json(r.*)::text as j from (select ${[...pk, ...cols].map(ident).join(', ')} from ${name} ` +
    `where ${cols.map((c) => `${ident(c)} is not null`).join(' or ')}) r`;
  const update = sql.raw(
    `update ${name} set ${cols.map((c) => `${ident(c)} = x.${ident(c)}`).join(', ')} ` +
      `from json_populate_recordset(null::${name}, `,
  );
  const match = sql.raw(
    `::json) x where ${pk.map((c) => `${name}.${ident(c)} = x.${ident(c)}`).join(' and ')}`,
  );
  await withContext(`Filling ${table.name}.${cols.join(', ')}`, () =>
    streamRows(src, read, batchRows, async (json) => {
      await sql`${update}${json}${match}`.execute(dst);
    }),
  );
}

/** Sequences continue where the source's did, and never below the copied ids. */
async function continueSequences(
  src: Kysely<DB>,
  dst: Kysely<DB>,
  sequences: SequenceInfo[],
  tables: Set<string>,
): Promise<void> {
  for (const s of sequences) {
    const { rows } = await sql
      .raw<{ last: string; called: boolean }>(
        `select last_value::text as last, is_called as called from ${qualified(s.name)}`,
      )
      .execute(src);
    const { last, called } = rows[0]!;
    const max =
      s.table && s.column && tables.has(s.table)
        ? `(select max(${ident(s.column)})::bigint from ${qualified(s.table)})`
        : 'null::bigint';
    await sql`select setval(${qualified(s.name)}::regclass, greatest(${last}::bigint, coalesce(m, ${last}::bigint)),
      ${called}::boolean or coalesce(m >= ${last}::bigint, false)) from (select ${sql.raw(max)} as m) s`.execute(
      dst,
    );
  }
}

/** Copied rows must arrive as they are: user triggers (say, ones stamping updated_at) stay off meanwhile. */
async function setUserTriggers(dst: Kysely<DB>, tables: string[], enabled: boolean): Promise<void> {
  for (const t of tables)
    await sql.raw(`alter table ${qualified(t)} ${enabled ? 'enable' : 'disable'} trigger user`).execute(dst);
}

export async function transferData(options: TransferOptions): Promise<TransferResult> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const copyOptions: CopyOptions = {
    batchRows: options.batchRows ?? 2000,
    progressEvery: options.progressEvery ?? 50_000,
    log: options.log ?? (() => {}),
  };
  if (!/^postgres(ql)?:\/\//.test(options.targetUrl))
    throw new TransferError(`The target must be a postgres:// URL, not ${redactUrl(options.targetUrl)}.`);
  // openDatabase would create an empty database here, and an empty source would empty the target.
  if (!existsSync(options.dataDir) || readdirSync(options.dataDir).length === 0)
    throw new TransferError(
      `There is no embedded database at ${options.dataDir} to transfer (set DATA_DIR to the server's data directory).`,
    );

  // Opening takes the data directory's lock: a running server makes this fail with DataDirLockedError.
  const source = await openDatabase({ dataDir: options.dataDir });
  try {
    const { target, migrated } = await openTarget(options.targetUrl);
    try {
      const sourceMigrated = await migrateToLatest(source.db);
      // One snapshot of the source for the whole copy; nothing else can write to it (we hold its lock).
      return await source.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (src) => {
          await sql`set transaction read only`.execute(src);
          const schema = await readSchema(src);
          const tables = new Map(schema.tables.map((t) => [t.name, t]));
          const counts = await countRows(src, [...tables.keys()]);
          if ([...counts.values()].every((n) => n === 0))
            throw new TransferError(
              `The embedded database at ${options.dataDir} holds no rows; nothing to transfer.`,
            );
          const plan = planCopy([...tables.keys()], schema.foreignKeys);
          for (const [table, cols] of plan.deferred)
            if (tables.get(table)!.primaryKey.length === 0)
              throw new TransferError(
                `${table} has no primary key, but its columns ${cols.join(', ')} must be filled in by a second pass.`,
              );

          try {
            return await target.db.transaction().execute(async (dst) => {
              const targetSchema = await readSchema(dst);
              const replaced = await prepareTarget(
                dst,
                schema,
                targetSchema,
                options.replace,
                copyOptions.log,
              );
              await setUserTriggers(dst, targetSchema.triggerTables, false);
              await sql`set constraints all deferred`.execute(dst);
              const copied = new Map<string, number>();
              for (const name of plan.order) {
                const deferred = new Set(plan.deferred.get(name) ?? []);
                copied.set(
                  name,
                  await copyTable(src, dst, tables.get(name)!, deferred, counts.get(name)!, copyOptions),
                );
              }
              for (const [name, cols] of plan.deferred)
                await fillDeferred(src, dst, tables.get(name)!, cols, copyOptions.batchRows);
              await continueSequences(src, dst, schema.sequences, new Set(tables.keys()));
              await setUserTriggers(dst, targetSchema.triggerTables, true);

              // Verified inside the transaction, so a mismatch commits nothing.
              const targetCounts = await countRows(dst, plan.order);
              const result = plan.order
                .map((table) => ({ table, source: counts.get(table)!, target: targetCounts.get(table)! }))
                .sort((a, b) => a.table.localeCompare(b.table));
              const wrong = result.filter((r) => r.source !== r.target || copied.get(r.table) !== r.source);
              if (wrong.length > 0)
                throw new TransferError(
                  `Row counts differ after the copy: ${wrong.map((r) => `${r.table} ${r.source} → ${r.target}`).join(', ')}.`,
                );
              return {
                tables: result,
                rows: result.reduce((sum, r) => sum + r.target, 0),
                replaced,
                migrationsApplied: { source: sourceMigrated, target: migrated },
                ms: clock() - started,
              };
            });
          } catch (err) {
            if (err instanceof TransferError)
              throw new TransferError(`${err.message} The target database was left as it was.`, {
                cause: err,
              });
            throw err;
          }
        });
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

/** Database errors while copying are the operator's to fix (a changed target, missing rights): say where. */
async function withContext<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof TransferError || !(err as { code?: string }).code) throw err;
    throw new TransferError(`${what} failed: ${messageOf(err)}.`, { cause: err });
  }
}

/** The closing report: counts per table on both sides and the time taken. */
export function formatTransferReport(result: TransferResult): string {
  const width = Math.max(5, ...result.tables.map((t) => t.table.length));
  const numWidth = Math.max(6, ...result.tables.map((t) => fmt(t.source).length));
  const line = (a: string, b: string, c: string) =>
    `${a.padEnd(width)}  ${b.padStart(numWidth)}  ${c.padStart(numWidth)}`;
  return [
    line('table', 'source', 'target'),
    line('-'.repeat(width), '-'.repeat(numWidth), '-'.repeat(numWidth)),
    ...result.tables.map((t) => line(t.table, fmt(t.source), fmt(t.target))),
    '',
    `Copied ${fmt(result.rows)} rows in ${result.tables.length} tables in ${(result.ms / 1000).toFixed(1)} s; ` +
      'the row counts match on both sides.',
  ].join('\n');
}
