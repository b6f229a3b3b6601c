import { rm } from 'node:fs/promises';
import type { OrderImportFieldKey } from '@weixi/shared';
import type { Actor } from '../../../http/context';
import { importLocale } from '../../customers/import/messages';
import { type BatchLoopState, runInBatches } from '../../platform/import/batch-loop';
import { importFailureMessage, interruptedMessage } from '../../platform/import/failure';
import { type BackgroundDeps, backgroundCtx } from '../../platform/import/job-ctx';
import { openRows } from '../../platform/import/open-rows';
import { newOrderImportMemory, writeOrderBatch } from '../import/order-batch-writer';
import { convertOrderRow } from '../import/order-row';
import { findOrderImport, finishOrderImport } from '../order-import.repository';
import { businessToday } from '../order-input';

/** Rows per transaction: large enough to amortise round trips, small enough to commit often. */
export const orderImportBatchSize = 500;

/**
 * Runs a started order import to the end, in this process, after `start` has answered 202. Rows
 * stream from the file and are written in batches, each in its own transaction with its progress,
 * so any process can report progress and a crash loses at most the batch in flight (the job then
 * reads as interrupted; re-running the file adds only what is missing, thanks to the references).
 */
export async function runOrderImport(deps: BackgroundDeps, jobId: string, actor: Actor, signal: AbortSignal) {
  const job = await findOrderImport(deps.db, jobId, { userId: actor.id, anyone: true });
  if (job?.status !== 'running') return;
  const ctx = backgroundCtx(deps, actor, `order-import:${jobId}`);
  const locale = importLocale(actor.locale);
  const state: BatchLoopState = { total: 0, lastRow: 1 };
  try {
    const mapping = new Map<number, OrderImportFieldKey>();
    const headerOf = new Map<string, string>();
    for (const [col, key] of Object.entries(job.mapping ?? {})) {
      if (!key) continue;
      mapping.set(Number(col), key as OrderImportFieldKey);
      headerOf.set(key, job.headers[Number(col)] ?? '');
    }
    const rc = {
      locale,
      headers: job.headers,
      mapping,
      // Fixed at the start: a long import that runs past midnight judges every row by one day.
      today: businessToday(ctx),
      defaultChannel: job.default_channel ?? 'direct',
    };
    const batchJob = { id: job.id, locale, header: (key: string) => headerOf.get(key) ?? null };
    const memory = newOrderImportMemory();
    const { aborted } = await runInBatches({
      rows: openRows(job),
      convert: (row) => convertOrderRow(row, rc),
      write: async (rows) => {
        await deps.db
          .transaction()
          .execute((trx) => writeOrderBatch({ ...ctx, db: trx }, batchJob, memory, rows));
      },
      batchSize: orderImportBatchSize,
      signal,
      state,
    });
    await finishOrderImport(deps.db, jobId, {
      status: aborted ? 'interrupted' : 'done',
      total_rows: aborted ? null : state.total,
      error: aborted ? interruptedMessage : null,
      now: deps.clock.now(),
    });
    // The rows now live in the orders and rejections tables; the upload is no longer needed.
    if (!aborted) await rm(job.file_path, { force: true });
  } catch (err) {
    deps.log(`order import ${jobId} failed`, err);
    await finishOrderImport(deps.db, jobId, {
      status: 'failed',
      total_rows: null,
      error: importFailureMessage(err, state.lastRow, locale === 'zh-CN', `order-import:${jobId}`),
      now: deps.clock.now(),
    }).catch((e: unknown) => deps.log(`order import ${jobId}: could not record the failure`, e));
  }
}
