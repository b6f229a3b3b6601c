import { rm } from 'node:fs/promises';
import type { DB } from '@weixi/db';
import { type Clock, resolveScope } from '@weixi/domain';
import type { DuplicatePolicy } from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import type { Actor, Ctx } from '../../../http/context';
import { departmentSubtreeIds } from '../../identity/identity.repository';
import {
  activeUserDirectory,
  findImport,
  finishImport,
  flushPendingIndexEntries,
  type ImportRow,
} from '../customer-import.repository';
import { can } from '../customers.policy';
import { listCustomFields } from '../customers.repository';
import { newImportMemory, type ProbedBatch, probeBatch, writeBatch } from '../import/batch-writer';
import type { SheetRow } from '../import/cells';
import { readCsvRows } from '../import/csv';
import { importLocale } from '../import/messages';
import { type Colleague, type ConvertedRow, convertRow, type RowContext } from '../import/row-converter';
import { readXlsxRows, UnreadableWorkbook } from '../import/xlsx';
import { ZipError } from '../import/zip';

export interface ImportRunDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  log: (msg: string, err?: unknown) => void;
}

/** Rows per transaction: large enough to amortise round trips, small enough to commit often. */
export const importBatchSize = 500;

/**
 * Written rows between two flushes of the search index's pending list. Merging the list costs less
 * per row the more it holds (at 1,000,000 customers, measured by hand: 0.40–0.50 ms a row for 500
 * rows, 0.30–0.37 ms for 2,000, 0.18–0.26 ms for 5,000–20,000), because rows share index pages.
 * 2,000 rows are ~400 pages (3 MB), under PostgreSQL's default 4 MB `gin_pending_list_limit`: past
 * that, whoever inserts next merges the list inside their own statement — a colleague saving one
 * customer during the import would wait a second or two for it. Searches scan the list as it
 * grows, which a few hundred pages make a few milliseconds slower, during the import only.
 */
export const searchFlushRows = 2_000;

export function openRows(job: Pick<ImportRow, 'format' | 'file_path' | 'encoding' | 'sheet_no'>) {
  if (job.format === 'xlsx') return readXlsxRows(job.file_path, job.sheet_no ?? '1');
  return readCsvRows(job.file_path, (job.encoding ?? 'utf-8') as Parameters<typeof readCsvRows>[1]);
}

/** A use-case context for work that outlives its request: same actor, scope and clock. */
function jobCtx(deps: ImportRunDeps, actor: Actor, jobId: string): Ctx {
  let scope: ReturnType<Ctx['scope']> | undefined;
  return {
    actor,
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    requestId: `import:${jobId}`,
    ip: '',
    scope() {
      scope ??= (async () =>
        resolveScope(
          actor.dataScope,
          actor.id,
          actor.dataScope === 'department' && actor.departmentId
            ? await departmentSubtreeIds(deps.db, actor.departmentId)
            : [],
        ))();
      return scope;
    },
  };
}

async function rowContext(ctx: Ctx, job: ImportRow): Promise<RowContext> {
  const mapping = new Map<number, string>();
  for (const [col, key] of Object.entries(job.mapping ?? {})) if (key) mapping.set(Number(col), key);
  const custom = new Map((await listCustomFields(ctx.db, 'customer', true)).map((d) => [d.key, d]));
  const contactCustom = new Map((await listCustomFields(ctx.db, 'contact', true)).map((d) => [d.key, d]));
  const colleagues = {
    byId: new Map<string, Colleague>(),
    byEmail: new Map<string, Colleague>(),
    byName: new Map<string, Colleague[]>(),
  };
  for (const u of await activeUserDirectory(ctx.db)) {
    colleagues.byId.set(u.id, u);
    colleagues.byEmail.set(u.email.toLowerCase(), u);
    colleagues.byName.set(u.name, [...(colleagues.byName.get(u.name) ?? []), u]);
  }
  const { actor } = ctx;
  const scope = await ctx.scope();
  // As when creating by hand: an account manager's new customers are theirs; administrators' have no owner.
  const defaultOwnerId = job.default_owner_set
    ? job.default_owner_id
    : actor.role === 'admin' || actor.role === 'executive'
      ? null
      : actor.id;
  return {
    ctx,
    locale: importLocale(actor.locale),
    headers: job.headers,
    mapping,
    custom,
    contactCustom,
    colleagues,
    canAssign: can(actor, 'assign'),
    ownerDepartments: scope.kind === 'department' ? new Set(scope.departmentIds) : null,
    defaultOwnerId,
  };
}

/**
 * Runs a started import to the end, in this process, after `start` has answered 202. Rows stream
 * from the file, are checked one by one and written in batches, each in its own transaction with
 * its progress, so any process can report progress and a crash loses at most the batch in flight
 * (the job then reads as interrupted). A proper job queue arrives with issue 5; until then a
 * restart does not resume an import — the user sees "interrupted" and the counts so far.
 */
export async function runImport(deps: ImportRunDeps, jobId: string, actor: Actor, signal: AbortSignal) {
  const job = await findImport(deps.db, jobId, { userId: actor.id, anyone: true });
  if (job?.status !== 'running') return;
  const ctx = jobCtx(deps, actor, jobId);
  let total = 0;
  let lastRow = 1;
  try {
    const rc = await rowContext(ctx, job);
    const headerOf = new Map<string, string>();
    for (const [col, key] of rc.mapping) headerOf.set(key, job.headers[col] ?? '');
    const batchJob = {
      id: job.id,
      policy: (job.duplicate_policy ?? 'skip') as DuplicatePolicy,
      locale: rc.locale,
      canAssign: rc.canAssign,
      header: (key: string) => headerOf.get(key) ?? null,
    };
    const memory = newImportMemory();
    // After each commit and best effort: a database role that may not maintain the indexes must
    // not fail the import.
    const flush = (index: 'phone' | 'search') =>
      flushPendingIndexEntries(deps.db, index).catch((err: unknown) =>
        deps.log(`customer import: could not flush the ${index} index's GIN pending list`, err),
      );
    // The search index's flush (most of the cost: ~60 entries a row) runs beside the next batches'
    // writes on its own connection, one at a time, every searchFlushRows written rows; nothing in
    // the import reads that index.
    let searchFlush: Promise<unknown> = Promise.resolve();
    let unflushed = 0;
    const flushSearch = async () => {
      unflushed = 0;
      await searchFlush;
      searchFlush = flush('search');
    };
    const write = async (batch: ProbedBatch) => {
      const counts = await deps.db
        .transaction()
        .execute((trx) => writeBatch({ ...ctx, db: trx }, batchJob, memory, batch));
      if (!counts.created && !counts.updated) return;
      // The phone index keeps the next batch's duplicate lookup fast: flushed before it.
      await flush('phone');
      unflushed += counts.created + counts.updated;
      if (unflushed >= searchFlushRows) await flushSearch();
    };

    // Three stages overlap: while batch N is written, batch N+1 is converted (Node's CPU work:
    // validation, pinyin) and then looked up in the archive on another connection. Writes still
    // commit strictly one after another, in file order.
    let writing: Promise<unknown> = Promise.resolve();
    const next = (rows: ConvertedRow[]) => {
      const probing = probeBatch(ctx, batchJob, rows);
      // A failed lookup must not go unobserved while the previous batch is still being written.
      probing.catch(() => undefined);
      writing = writing.then(async () => write(await probing));
      writing.catch(() => undefined);
    };
    let batch: ConvertedRow[] = [];
    const rows: AsyncGenerator<SheetRow> = openRows(job);
    for await (const row of rows) {
      if (row.number === 1) continue;
      total++;
      lastRow = row.number;
      batch.push(await convertRow(row, { ...rc, ctx }));
      if (batch.length >= importBatchSize) {
        // This batch's lookup starts now, beside the previous batch's write; reading goes on once
        // that write is done, so at most two batches wait in memory beside the one being read.
        const previous = writing;
        next(batch);
        batch = [];
        await previous;
        if (signal.aborted) break;
      }
    }
    if (!signal.aborted && batch.length) next(batch);
    await writing;
    // What the last batches left in the list is merged before the import reads as done.
    if (unflushed > 0) await flushSearch();
    await searchFlush;
    if (signal.aborted) {
      await finishImport(deps.db, jobId, {
        status: 'interrupted',
        total_rows: null,
        error: 'The server stopped during the import',
        now: deps.clock.now(),
      });
      return;
    }
    await finishImport(deps.db, jobId, {
      status: 'done',
      total_rows: total,
      error: null,
      now: deps.clock.now(),
    });
    // The rows now live in the archive and the rejections table; the upload is no longer needed.
    await rm(job.file_path, { force: true });
  } catch (err) {
    deps.log(`customer import ${jobId} failed`, err);
    // Batches already committed stay; the message names the last row read so the user knows where.
    const zh = importLocale(actor.locale) === 'zh-CN';
    const reason =
      err instanceof UnreadableWorkbook || err instanceof ZipError
        ? err.message.slice(0, 500)
        : zh
          ? `服务器内部错误（日志标记 import:${jobId}）`
          : `an internal error (server log: import:${jobId})`;
    await finishImport(deps.db, jobId, {
      status: 'failed',
      total_rows: null,
      error: zh ? `读到第 ${lastRow} 行后停止：${reason}` : `Stopped after row ${lastRow}: ${reason}`,
      now: deps.clock.now(),
    }).catch((e: unknown) => deps.log(`customer import ${jobId}: could not record the failure`, e));
  }
}
