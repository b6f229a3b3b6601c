import fastifyMultipart from '@fastify/multipart';
import {
  idParamsSchema,
  importJobPageSchema,
  importJobSchema,
  importUploadResponseSchema,
  listImportsQuerySchema,
  startImportRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { requireActor } from '../../http/context';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { markStaleInterrupted } from './customer-import.repository';
import { assertCan } from './customers.policy';
import { getImport, importHeartbeatMs, listImports } from './use-cases/get-import';
import { importRejectionsCsv } from './use-cases/import-rejections';
import { runImport } from './use-cases/run-import';
import { startImport } from './use-cases/start-import';
import { importMaxFileBytes, uploadImport } from './use-cases/upload-import';

const tags = ['customer imports'];

export async function customerImportRoutes(app: FastifyInstance) {
  // Multipart only here: the rest of the API takes JSON. The size limit is set per request from
  // the `customerImport` setting; one file part per request.
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 20, parts: 25 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;

  // Imports run in this process (issue 5 brings a job queue); stopping the server stops them
  // after their current batch and marks them interrupted.
  const stopping = new AbortController();
  const running = new Set<Promise<void>>();
  app.addHook('onClose', async () => {
    stopping.abort();
    await Promise.allSettled([...running]);
  });
  // Jobs another process left running when it died read as interrupted from the start.
  app.addHook('onReady', async () => {
    const now = clock.now();
    await markStaleInterrupted(db, new Date(now.getTime() - importHeartbeatMs), now);
  });

  r.post(
    '/api/v1/customer-imports',
    {
      schema: {
        tags,
        summary:
          'Upload an .xlsx or .csv file (multipart, one `file` part): header, preview and suggested mapping',
        description:
          'Accepts Idempotency-Key: a retry with the same key and the same file (name and bytes) ' +
          'answers with the first upload instead of storing the file again.',
        consumes: ['multipart/form-data'],
        response: { 201: importUploadResponseSchema, ...problems(400, 401, 403, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const ctx = readCtx(req);
      assertCan(ctx.actor, 'import');
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', 'Send multipart/form-data with one part named "file"');
      const maxBytes = await importMaxFileBytes(db);
      const part = await req.file({ limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });
      if (part?.fieldname !== 'file') {
        throw new AppError('validation_failed', 'Attach the spreadsheet as a part named "file"', {
          errors: [{ path: 'file', code: 'required', message: 'required' }],
        });
      }
      // The body is multipart, not JSON: the key's request hash covers the file's name and bytes.
      const job = await uploadImport(
        ctx,
        { fileName: part.filename, stream: part.file, maxBytes },
        (fingerprint, register) => withIdempotency(req, reply, 201, register, { fingerprint }),
      );
      return reply.status(201).send(job);
    },
  );

  r.get(
    '/api/v1/customer-imports',
    {
      schema: {
        tags,
        summary: 'Your recent imports, newest first (keyset pages), and the upload size limit',
        querystring: listImportsQuerySchema,
        response: { 200: importJobPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listImports(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/customer-imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the import with a column mapping and a duplicate policy; runs in the background',
        params: idParamsSchema,
        body: startImportRequestSchema,
        response: { 202: importJobSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const job = await inTransaction(req, (ctx) => startImport(ctx, req.params.id, req.body));
      // After the commit and the 202: the job row says "running" before any row is read.
      const run = runImport(
        { db, clock, config, log: (msg, err) => req.log.error({ err }, msg) },
        job.id,
        actor,
        stopping.signal,
      ).finally(() => running.delete(run));
      running.add(run);
      return reply.status(202).send(job);
    },
  );

  r.get(
    '/api/v1/customer-imports/:id',
    {
      schema: {
        tags,
        summary: 'Progress and the first rejected rows of an import (poll while running)',
        params: idParamsSchema,
        response: { 200: importJobSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => getImport(readCtx(req), req.params.id),
  );

  r.get(
    '/api/v1/customer-imports/:id/rejections.csv',
    {
      schema: {
        tags,
        summary:
          'Every rejected row with its row number, column and reason, then its original cells (CSV, UTF-8 BOM)',
        params: idParamsSchema,
        produces: ['text/csv'],
        response: { 200: z.unknown().describe('text/csv'), ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const { fileName, body } = await importRejectionsCsv(readCtx(req), req.params.id);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store');
      return reply.send(body);
    },
  );
}

/** attachment with an ASCII fallback and the real (Chinese) name per RFC 5987. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
