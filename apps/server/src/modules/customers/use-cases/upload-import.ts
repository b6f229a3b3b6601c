import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { suggestMapping } from '@weixi/domain';
import { type ImportUploadResponse, importLimits } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentImportFields } from '../customer-import.presenter';
import { insertImport } from '../customer-import.repository';
import { assertCan } from '../customers.policy';
import { listCustomFields, readSetting } from '../customers.repository';
import { fileProblem, inspectUpload } from '../import/inspect';
import { importLocale, importMessage } from '../import/messages';

/** The upload limit: the `customerImport` setting's maxFileMb, 50 MB unless an administrator changed it. */
export async function importMaxFileBytes(db: Kysely<DB>): Promise<number> {
  const stored = await readSetting<{ maxFileMb?: number }>(db, 'customerImport');
  const mb =
    typeof stored?.maxFileMb === 'number' && stored.maxFileMb > 0
      ? stored.maxFileMb
      : importLimits.maxFileMbDefault;
  return Math.round(mb * 1024 * 1024);
}

export interface UploadedFile {
  fileName: string;
  stream: Readable & { truncated?: boolean };
  maxBytes: number;
}

/** Where uploads wait for their import: <DATA_DIR>/imports/<id>. */
export function importDir(ctx: Pick<Ctx, 'config'>): string {
  return path.resolve(ctx.config.DATA_DIR, 'imports');
}

/**
 * Stores an uploaded spreadsheet, works out what it is from its bytes, reads the header and the
 * first rows, and suggests a column mapping. Nothing is imported yet; a refused file is deleted.
 */
export async function uploadImport(ctx: Ctx, file: UploadedFile): Promise<ImportUploadResponse> {
  assertCan(ctx.actor, 'import');
  const locale = importLocale(ctx.actor.locale);
  const id = newId();
  const dir = importDir(ctx);
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, id);
  try {
    await pipeline(file.stream, createWriteStream(filePath));
    if (file.stream.truncated) {
      const mb = Math.round(file.maxBytes / 1024 / 1024);
      const message = importMessage(locale, 'file_too_large', { mb });
      throw new AppError('payload_too_large', message, {
        errors: [{ path: 'file', code: 'file_too_large', message }],
      });
    }
    const { size } = await stat(filePath);
    const info = await inspectUpload(filePath, size, locale);
    if (info.headers.length === 0) throw fileProblem(locale, 'empty_file');
    const custom = await listCustomFields(ctx.db, 'customer', true);
    const suggested = suggestMapping(
      info.headers,
      custom.map((c) => ({ key: c.key, labelZh: c.label_zh, labelEn: c.label_en })),
    );
    const fileName = path.basename(file.fileName || 'upload').slice(0, 200);
    await ctx.db.transaction().execute(async (trx) => {
      await insertImport(trx, {
        id,
        file_name: fileName,
        format: info.format,
        encoding: info.encoding,
        file_path: filePath,
        sheet_no: info.sheetNo,
        headers: info.headers,
        total_rows: info.totalRows,
        actorId: ctx.actor.id,
        now: ctx.clock.now(),
      });
      await recordAudit(
        { ...ctx, db: trx },
        {
          action: 'customer_import.upload',
          entity: 'customer_import',
          entityId: id,
          after: { fileName, format: info.format, encoding: info.encoding, headers: info.headers, size },
        },
      );
    });
    return {
      id,
      fileName,
      format: info.format,
      encoding: info.encoding,
      headers: info.headers,
      preview: info.preview,
      suggestedMapping: Object.fromEntries(Object.entries(suggested).map(([k, v]) => [String(k), v])),
      fields: presentImportFields(custom),
      totalRows: info.totalRows,
      version: 1,
    };
  } catch (err) {
    await rm(filePath, { force: true });
    throw err;
  }
}
