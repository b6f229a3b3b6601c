import type { Readable } from 'node:stream';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { importLocale } from '../../customers/import/messages';
import { rejectionsCsv } from '../../platform/import/rejections-csv';
import { findOrderImport, listOrderRejections } from '../order-import.repository';
import { orderImportViewer } from './start-order-import';

/** Every rejected row with its reasons and original cells, to fix in Excel and import again. */
export async function orderImportRejectionsCsv(
  ctx: Ctx,
  id: string,
): Promise<{ fileName: string; body: Readable }> {
  const job = await findOrderImport(ctx.db, id, orderImportViewer(ctx));
  if (!job) throw notFound('Import');
  const zh = importLocale(ctx.actor.locale) === 'zh-CN';
  const body = rejectionsCsv({
    headers: job.headers,
    zh,
    page: (after, limit) => listOrderRejections(ctx.db, id, limit, after),
  });
  const base = job.file_name.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-${zh ? '未导入的行' : 'rejected-rows'}.csv`, body };
}
