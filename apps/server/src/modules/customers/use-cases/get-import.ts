import { type ImportJob, type ImportJobSummary, importLimits } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentImportJob, presentImportSummary } from '../customer-import.presenter';
import {
  findImport,
  type ImportRow,
  listImports as listImportRows,
  listRejections,
  markStaleInterrupted,
} from '../customer-import.repository';
import { importViewer } from './start-import';
import { importMaxFileBytes } from './upload-import';

/** A running job that has not written progress for this long lost its process. */
export const importHeartbeatMs = 60_000;

/** Marks the job interrupted when its heartbeat stopped; returns the row as it now is. */
async function withLiveness(ctx: Ctx, row: ImportRow): Promise<ImportRow> {
  const now = ctx.clock.now();
  const beat = row.heartbeat_at ? new Date(row.heartbeat_at).getTime() : 0;
  if (row.status !== 'running' || now.getTime() - beat <= importHeartbeatMs) return row;
  await markStaleInterrupted(ctx.db, new Date(now.getTime() - importHeartbeatMs), now, row.id);
  return (await findImport(ctx.db, row.id, { userId: ctx.actor.id, anyone: true })) ?? row;
}

export async function getImport(ctx: Ctx, id: string): Promise<ImportJob> {
  const found = await findImport(ctx.db, id, importViewer(ctx));
  if (!found) throw notFound('Import');
  const row = await withLiveness(ctx, found);
  const rejections = await listRejections(ctx.db, id, importLimits.rejectionsShown);
  return presentImportJob(
    row,
    rejections.map((r) => ({ row: r.row_number, column: r.column_name, code: r.code, message: r.message })),
  );
}

/** The caller's own imports, newest first. */
export async function listImports(ctx: Ctx, input: { limit: number; cursor?: string | undefined }) {
  const cursor = readCursor(input.cursor, 1);
  const { rows, total } = await listImportRows(ctx.db, ctx.actor.id, input.limit, cursor ? cursor.id : null);
  const live = await Promise.all(rows.map((r) => withLiveness(ctx, r)));
  const page = pageOf<ImportRow, ImportJobSummary>(live, input.limit, total, presentImportSummary, (r) => [
    r.id,
  ]);
  return { ...page, maxFileBytes: await importMaxFileBytes(ctx.db) };
}
