import { importLimits, type OrderImportJob } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { importHeartbeatMs } from '../../platform/import/failure';
import { presentOrderImport } from '../loyalty.presenter';
import { findOrderImport, listOrderRejections, markStaleOrderImports } from '../order-import.repository';
import { orderImportViewer } from './start-order-import';

/** Progress and the first rejected rows; a job whose heartbeat stopped reads as interrupted. */
export async function getOrderImport(ctx: Ctx, id: string): Promise<OrderImportJob> {
  let row = await findOrderImport(ctx.db, id, orderImportViewer(ctx));
  if (!row) throw notFound('Import');
  const now = ctx.clock.now();
  const beat = row.heartbeat_at ? new Date(row.heartbeat_at).getTime() : 0;
  if (row.status === 'running' && now.getTime() - beat > importHeartbeatMs) {
    await markStaleOrderImports(ctx.db, new Date(now.getTime() - importHeartbeatMs), now, id);
    row = (await findOrderImport(ctx.db, id, orderImportViewer(ctx))) ?? row;
  }
  const rejections = await listOrderRejections(ctx.db, id, importLimits.rejectionsShown);
  return presentOrderImport(
    row,
    rejections.map((r) => ({ row: r.row_number, column: r.column_name, code: r.code, message: r.message })),
  );
}
