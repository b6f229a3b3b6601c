import fastifyMultipart from '@fastify/multipart';
import { attachmentSchema, idParamsSchema } from '@weixi/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../http/app-error';
import { withIdempotency } from '../../../http/idempotency';
import { noContent, problems } from '../../../http/responses';
import { readCtx } from '../../../http/transaction';
import type { AttachmentParent } from './attachment-parents';
import { contentDisposition } from './attachments.presenter';
import { deleteAttachment } from './use-cases/delete-attachment';
import { openAttachment } from './use-cases/open-attachment';
import { uploadAttachment } from './use-cases/upload-attachment';

const tags = ['attachments'];

/** Files of interactions and visits: upload (multipart, one `file` part), download, delete. */
export async function attachmentRoutes(app: FastifyInstance) {
  // Multipart only in this plugin; the size limit is set per request from ATTACHMENT_MAX_BYTES.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 5, parts: 6 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  const upload =
    (entity: AttachmentParent) =>
    async (req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      const ctx = readCtx(req);
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Send multipart/form-data with one part named "file"');
      const maxBytes = ctx.config.ATTACHMENT_MAX_BYTES;
      const part = await req.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
      if (part?.fieldname !== 'file')
        throw new AppError('validation_failed', 'Attach the file as a part named "file"', {
          errors: [{ path: 'file', code: 'required', message: 'required' }],
        });
      return uploadAttachment(
        ctx,
        { entity, id: req.params.id },
        { fileName: part.filename, stream: part.file, maxBytes },
        (fingerprint, register) => withIdempotency(req, reply, 201, register, { fingerprint }),
      );
    };
  const uploadSchema = (what: string) => ({
    tags,
    summary: `Attach a file to ${what} (multipart, one part named "file"); type judged by its bytes and name`,
    description:
      'Allowed: jpg, png, gif, webp, pdf, docx, xlsx, pptx, doc, xls, ppt, txt and csv (UTF-8 or GB18030), ' +
      'mp3, m4a, amr, mp4; at most ATTACHMENT_MAX_BYTES and 20 files per record. Accepts Idempotency-Key.',
    consumes: ['multipart/form-data'],
    params: idParamsSchema,
    response: { 201: attachmentSchema, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
  });

  r.post(
    '/api/v1/interactions/:id/attachments',
    { schema: uploadSchema('an interaction') },
    upload('interaction'),
  );
  r.post('/api/v1/visits/:id/attachments', { schema: uploadSchema('a visit') }, upload('visit'));

  r.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Download a file (whoever may read its interaction or visit)',
        params: idParamsSchema,
        response: {
          200: z.unknown().describe('The file, with its own Content-Type'),
          ...problems(400, 401, 404),
        },
      },
    },
    async (req, reply) => {
      const { attachment, stream } = await openAttachment(readCtx(req), req.params.id);
      return reply
        .header('content-type', attachment.contentType)
        .header('content-length', attachment.sizeBytes)
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  r.delete(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Delete a file (whoever uploaded it, or an administrator)',
        params: idParamsSchema,
        response: { ...noContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteAttachment(readCtx(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
}
