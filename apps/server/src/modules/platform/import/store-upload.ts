import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { fileProblem, type Inspection, inspectUpload } from '../../customers/import/inspect';
import { type ImportLocale, importMessage } from '../../customers/import/messages';

export interface UploadedFile {
  fileName: string;
  stream: Readable & { truncated?: boolean };
  maxBytes: number;
}

/** Where uploads wait for their import: <DATA_DIR>/imports/<id>. */
export function uploadDir(ctx: Pick<Ctx, 'config'>): string {
  return path.resolve(ctx.config.DATA_DIR, 'imports');
}

/**
 * Stores an uploaded spreadsheet under `id`, works out what it is from its bytes and reads its
 * header and first rows. Then `register` records the job; if anything fails — a file too large,
 * not a spreadsheet, a header that is really data, the job insert — the file is deleted again.
 */
export async function storeUpload<T>(
  ctx: Pick<Ctx, 'config'>,
  id: string,
  file: UploadedFile,
  locale: ImportLocale,
  register: (info: Inspection & { fileName: string; filePath: string; size: number }) => Promise<T>,
): Promise<T> {
  const dir = uploadDir(ctx);
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
    const fileName = path.basename(file.fileName || 'upload').slice(0, 200);
    return await register({ ...info, fileName, filePath, size });
  } catch (err) {
    await rm(filePath, { force: true });
    throw err;
  }
}
