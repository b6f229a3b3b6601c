import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Attachment } from '@weixi/shared';
import { AppError, notFound } from '../../../../http/app-error';
import type { Ctx } from '../../../../http/context';
import { type AttachmentParent, parentAccess } from '../attachment-parents';
import { storedPath } from '../attachment-store';
import { presentAttachment } from '../attachments.presenter';
import { findAttachment } from '../attachments.repository';

/** A file for download, to whoever may read the record it belongs to (404 for anyone else). */
export async function openAttachment(
  ctx: Ctx,
  id: string,
): Promise<{ attachment: Attachment; stream: Readable }> {
  const row = await findAttachment(ctx.db, id);
  if (!row) throw notFound('Attachment');
  await parentAccess(ctx, row.entity as AttachmentParent, row.entity_id, 'read').catch((err: unknown) => {
    throw err instanceof AppError ? notFound('Attachment') : err;
  });
  const filePath = storedPath(ctx.config, row.storage_key);
  // A file lost from disk (restored database, removed by hand) is a 404, not a broken download.
  const exists = await stat(filePath).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!exists) throw notFound('Attachment file');
  return { attachment: presentAttachment(row), stream: createReadStream(filePath) };
}
