import path from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from '@weixi/db';
import { type Attachment, engagementLimits } from '@weixi/shared';
import { AppError, notFound } from '../../../../http/app-error';
import type { Ctx } from '../../../../http/context';
import { recordAudit } from '../../use-cases/record-audit';
import { type AttachmentParent, lockParent, parentAccess } from '../attachment-parents';
import { removeStored, writeStored } from '../attachment-store';
import { presentAttachment } from '../attachments.presenter';
import { countAttachments, findAttachment, insertAttachment } from '../attachments.repository';
import { judgeFile } from '../file-type';

/** A record keeps at most this many files: a visit's photos and a contract, not an archive. */
const attachmentsPerRecord = 20;

export interface UploadedFile {
  fileName: string;
  stream: Readable & { truncated?: boolean };
  maxBytes: number;
}

/** What identifies an upload for Idempotency-Key (the body is multipart, not JSON). */
export interface UploadFingerprint {
  fileName: string;
  size: number;
  sha256: string;
}

export type RegisterOnce = (
  fingerprint: UploadFingerprint,
  register: () => Promise<Attachment>,
) => Promise<Attachment>;

const tooMany = () =>
  new AppError('conflict', `A record keeps at most ${attachmentsPerRecord} files; delete one first`, {
    errors: [{ path: 'file', code: 'too_many', message: `at most ${attachmentsPerRecord} files per record` }],
  });

/**
 * Stores a file for an interaction or a visit: streamed to disk and hashed on the way, then judged
 * by its bytes and its name; anything too large, of a refused type or beyond the per-record limit
 * is deleted again and refused (413, 415, 409). The row is written in its own transaction, under a
 * lock on the record, once the file is known to be good.
 */
export async function uploadAttachment(
  ctx: Ctx,
  parent: { entity: AttachmentParent; id: string },
  file: UploadedFile,
  once: RegisterOnce = (_fingerprint, register) => register(),
): Promise<Attachment> {
  const { customerId } = await parentAccess(ctx, parent.entity, parent.id, 'write');
  if ((await countAttachments(ctx.db, parent.entity, parent.id)) >= attachmentsPerRecord) throw tooMany();
  const id = newId();
  const fileName = path
    .basename((file.fileName || 'file').replaceAll('\\', '/'))
    .slice(0, engagementLimits.attachmentNameMax);
  try {
    const stored = await writeStored(ctx.config, id, file.stream);
    if (stored.truncated) {
      const mb = Math.round((file.maxBytes / 1024 / 1024) * 10) / 10;
      throw new AppError('payload_too_large', `The file is larger than the ${mb} MB limit`, {
        errors: [{ path: 'file', code: 'too_large', message: `at most ${mb} MB` }],
      });
    }
    if (stored.size === 0)
      throw new AppError('validation_failed', 'The file is empty', {
        errors: [{ path: 'file', code: 'empty', message: 'the file is empty' }],
      });
    const judged = await judgeFile(stored.filePath, stored.size, fileName);
    if (!judged.ok) {
      const message =
        judged.reason === 'name_mismatch'
          ? `The file is ${judged.found}, which its name "${fileName}" does not match`
          : `The file is ${judged.found}; allowed are images (jpg, png, gif, webp), pdf, Office documents, text (txt, csv) and audio or video (mp3, m4a, amr, mp4)`;
      throw new AppError('unsupported_media_type', message, {
        errors: [{ path: 'file', code: judged.reason, message: `found ${judged.found}` }],
      });
    }
    const fingerprint = { fileName, size: stored.size, sha256: stored.sha256 };
    const result = await once(fingerprint, () =>
      ctx.db.transaction().execute(async (trx) => {
        const tx = { ...ctx, db: trx };
        if (!(await lockParent(tx, parent.entity, parent.id))) throw notFound('Record');
        if ((await countAttachments(trx, parent.entity, parent.id)) >= attachmentsPerRecord) throw tooMany();
        await insertAttachment(trx, {
          id,
          entity: parent.entity,
          entity_id: parent.id,
          file_name: fileName,
          content_type: judged.contentType,
          size_bytes: stored.size,
          sha256: stored.sha256,
          storage_key: id,
          created_at: ctx.clock.now(),
          created_by: ctx.actor.id,
        });
        const row = await findAttachment(trx, id);
        const attachment = presentAttachment(row!);
        await recordAudit(tx, {
          action: 'attachment.create',
          entity: 'attachment',
          entityId: id,
          after: {
            ...fingerprint,
            contentType: judged.contentType,
            record: parent.entity,
            recordId: parent.id,
            customerId,
          },
        });
        return attachment;
      }),
    );
    // A replay answers with the first upload: this second copy of the bytes is not needed.
    if (result.id !== id) await removeStored(ctx.config, [id]);
    return result;
  } catch (err) {
    await removeStored(ctx.config, [id]);
    throw err;
  }
}
