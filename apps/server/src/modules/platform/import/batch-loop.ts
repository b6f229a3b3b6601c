import type { SheetRow } from '../../customers/import/cells';

export interface BatchLoopState {
  /** Data rows read so far (the header excluded). */
  total: number;
  /** Row number (as Excel shows it) of the last row read: failure messages name it. */
  lastRow: number;
}

/**
 * Streams a sheet's data rows, converts each, and hands them to `write` in batches. One batch
 * converts while the previous one is written, so Node's CPU work (parsing cells) overlaps the
 * database's, and batches still commit strictly one after another. Stops after the batch in
 * flight when `signal` aborts; returns whether it did. A failed write rejects the loop.
 */
export async function runInBatches<T>(opts: {
  rows: AsyncIterable<SheetRow>;
  convert: (row: SheetRow) => T | Promise<T>;
  write: (batch: T[]) => Promise<void>;
  batchSize: number;
  signal: AbortSignal;
  state: BatchLoopState;
}): Promise<{ aborted: boolean }> {
  const { state } = opts;
  let writing: Promise<unknown> = Promise.resolve();
  let batch: T[] = [];
  for await (const row of opts.rows) {
    if (row.number === 1) continue;
    state.total++;
    state.lastRow = row.number;
    batch.push(await opts.convert(row));
    if (batch.length >= opts.batchSize) {
      await writing;
      writing = opts.write(batch);
      // A failed write must not go unobserved while the next batch converts.
      writing.catch(() => undefined);
      batch = [];
      if (opts.signal.aborted) break;
    }
  }
  await writing;
  if (opts.signal.aborted) return { aborted: true };
  if (batch.length) await opts.write(batch);
  return { aborted: false };
}
