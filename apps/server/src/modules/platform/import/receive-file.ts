import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../http/app-error';
import type { UploadedFile } from './store-upload';

/**
 * The one `file` part of a multipart upload, streamed (never buffered whole), cut at `maxBytes`.
 * The route's plugin must have registered @fastify/multipart.
 */
export async function receiveFile(req: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', 'Send multipart/form-data with one part named "file"');
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
  if (part?.fieldname !== 'file') {
    throw new AppError('validation_failed', 'Attach the spreadsheet as a part named "file"', {
      errors: [{ path: 'file', code: 'required', message: 'required' }],
    });
  }
  return { fileName: part.filename, stream: part.file, maxBytes };
}
