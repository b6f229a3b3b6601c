import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { suggestMapping } from '@weixi/domain';
import type { ImportUploadResponse } from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { presentImportFields } from '../customer-import.presenter';
import { insertImport } from '../customer-import.repository';
import { assertCan } from '../customers.policy';
import { listCustomFields } from '../customers.repository';
import { fileProblem, inspectUpload } from '../import/inspect';
import { type ImportLocale, importLocale } from '../import/messages';
import { importMaxFileMb } from './customer-settings';

/** The upload limit in bytes, from the `customerImport.maxFileMb` setting (customer-settings.ts). */
export async function importMaxFileBytes(db: Kysely<DB>): Promise<number> {
  return Math.round((await importMaxFileMb(db)) * 1024 * 1024);
}

export interface UploadedFile {
  fileName: string;
  stream: Readable & { truncated?: boolean };
  maxBytes: number;
}

/** What identifies an upload for Idempotency-Key: its name and a hash of its bytes. */
export interface UploadFingerprint {
  fileName: string;
  size: number;
  sha256: string;
}

/**
 * Runs the registration of a stored file at most once per request identity: the route passes
 * `withIdempotency` with the fingerprint standing in for the (multipart, non-JSON) body.
 */
export type RegisterOnce = (
  fingerprint: UploadFingerprint,
  register: () => Promise<ImportUploadResponse>,
) => Promise<ImportUploadResponse>;

/** Where uploads wait for their import: <DATA_DIR>/imports/<id>. */
export function importDir(ctx: Pick<Ctx, 'config'>): string {
  return path.resolve(ctx.config.DATA_DIR, 'imports');
}

/**
 * Stores an uploaded spreadsheet, works out what it is from its bytes, reads the header and the
 * first rows, and suggests a column mapping. Nothing is imported yet; a refused file is deleted.
 * The file is hashed while it is written, so a retry with the same Idempotency-Key is recognised
 * by its bytes (not only its name) and answered with the first upload's import.
 */
export async function uploadImport(
  ctx: Ctx,
  file: UploadedFile,
  once: RegisterOnce = (_fingerprint, register) => register(),
): Promise<ImportUploadResponse> {
  assertCan(ctx.actor, 'import');
  const locale = importLocale(ctx.actor.locale);
  const id = newId();
  const dir = importDir(ctx);
  await mkdir(dir, { recursive: true });
  const filePath = path.join(dir, id);
  const fileName = path.basename(file.fileName || 'upload').slice(0, 200);
  try {
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(
      file.stream,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      createWriteStream(filePath),
    );
    if (file.stream.truncated)
      throw fileProblem(locale, 'file_too_large', { mb: Math.round(file.maxBytes / 1024 / 1024) });
    const result = await once({ fileName, size, sha256: hash.digest('hex') }, () =>
      registerUpload(ctx, { id, filePath, fileName, size, locale }),
    );
    // A replay answers with the first upload's import: this second copy of the file is not needed.
    if (result.id !== id) await rm(filePath, { force: true });
    return result;
  } catch (err) {
    await rm(filePath, { force: true });
    throw err;
  }
}

async function registerUpload(
  ctx: Ctx,
  file: { id: string; filePath: string; fileName: string; size: number; locale: ImportLocale },
): Promise<ImportUploadResponse> {
  const { id, filePath, fileName, size, locale } = file;
  const info = await inspectUpload(filePath, size, locale);
  if (info.headers.length === 0) throw fileProblem(locale, 'empty_file');
  const custom = await listCustomFields(ctx.db, 'customer', true);
  const contactCustom = await listCustomFields(ctx.db, 'contact', true);
  const suggested = suggestMapping(
    info.headers,
    custom.map((c) => ({ key: c.key, labelZh: c.label_zh, labelEn: c.label_en })),
    contactCustom.map((c) => ({ key: c.key, labelZh: c.label_zh, labelEn: c.label_en })),
  );
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
    fields: presentImportFields(custom, contactCustom),
    totalRows: info.totalRows,
    version: 1,
  };
}
