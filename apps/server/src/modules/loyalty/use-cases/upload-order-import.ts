import { newId } from '@weixi/db';
import { suggestOrderMapping } from '@weixi/domain';
import type { OrderImportFieldKey, OrderImportUploadResponse } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { importLocale } from '../../customers/import/messages';
import { storeUpload, type UploadedFile } from '../../platform/import/store-upload';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../loyalty.policy';
import { presentOrderImportFields } from '../loyalty.presenter';
import { insertOrderImport } from '../order-import.repository';

/**
 * Stores an uploaded order spreadsheet, reads its header and first rows and suggests a mapping of
 * columns to order fields. Nothing is imported yet; a refused file is deleted.
 */
export async function uploadOrderImport(ctx: Ctx, file: UploadedFile): Promise<OrderImportUploadResponse> {
  assertCan(ctx.actor, 'import_orders');
  const id = newId();
  return storeUpload(ctx, id, file, importLocale(ctx.actor.locale), async (info) => {
    await ctx.db.transaction().execute(async (trx) => {
      await insertOrderImport(trx, {
        id,
        file_name: info.fileName,
        format: info.format,
        encoding: info.encoding,
        file_path: info.filePath,
        sheet_no: info.sheetNo,
        headers: info.headers,
        total_rows: info.totalRows,
        actorId: ctx.actor.id,
        now: ctx.clock.now(),
      });
      await recordAudit(
        { ...ctx, db: trx },
        {
          action: 'order_import.upload',
          entity: 'order_import',
          entityId: id,
          after: { fileName: info.fileName, format: info.format, headers: info.headers, size: info.size },
        },
      );
    });
    const suggested = suggestOrderMapping(info.headers);
    return {
      id,
      fileName: info.fileName,
      format: info.format,
      encoding: info.encoding,
      headers: info.headers,
      preview: info.preview,
      suggestedMapping: Object.fromEntries(
        Object.entries(suggested).map(([k, v]) => [String(k), v as OrderImportFieldKey | null]),
      ),
      fields: presentOrderImportFields(),
      totalRows: info.totalRows,
      version: 1,
    };
  });
}
