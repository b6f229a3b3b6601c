import { AppError, notFound } from '../../../../http/app-error';
import type { Ctx } from '../../../../http/context';
import { recordAudit } from '../../use-cases/record-audit';
import { type AttachmentParent, parentAccess } from '../attachment-parents';
import { removeStored } from '../attachment-store';
import { deleteAttachment as deleteAttachmentRow, findAttachment } from '../attachments.repository';

/**
 * Deletes a file (its uploader, or an administrator) that the actor can still see. The row goes in
 * its own transaction; the bytes only after it committed, so a failure never leaves a row whose
 * file is gone.
 */
export async function deleteAttachment(ctx: Ctx, id: string): Promise<void> {
  const row = await findAttachment(ctx.db, id);
  if (!row) throw notFound('Attachment');
  const { customerId } = await parentAccess(ctx, row.entity as AttachmentParent, row.entity_id, 'read').catch(
    (err: unknown) => {
      throw err instanceof AppError ? notFound('Attachment') : err;
    },
  );
  if (row.created_by !== ctx.actor.id && ctx.actor.role !== 'admin')
    throw new AppError('forbidden', 'Only the person who uploaded a file or an administrator may delete it');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteAttachmentRow(trx, id))) throw notFound('Attachment');
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'attachment.delete',
        entity: 'attachment',
        entityId: id,
        before: {
          fileName: row.file_name,
          contentType: row.content_type,
          size: Number(row.size_bytes),
          sha256: row.sha256,
          record: row.entity,
          recordId: row.entity_id,
          customerId,
        },
      },
    );
  });
  await removeStored(ctx.config, [row.storage_key]);
}
