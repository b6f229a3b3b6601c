import fastifyMultipart from '@fastify/multipart';
import {
  idParamsSchema,
  orderImportJobSchema,
  orderImportUploadResponseSchema,
  startOrderImportRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/context';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { importMaxFileBytes } from '../customers/use-cases/upload-import';
import { backgroundRuns } from '../platform/import/background-runs';
import { importHeartbeatMs } from '../platform/import/failure';
import { receiveFile } from '../platform/import/receive-file';
import { contentDisposition } from '../platform/import/rejections-csv';
import { assertCan } from './loyalty.policy';
import { markStaleOrderImports } from './order-import.repository';
import { getOrderImport } from './use-cases/get-order-import';
import { orderImportRejectionsCsv } from './use-cases/order-import-rejections';
import { runOrderImport } from './use-cases/run-order-import';
import { startOrderImport } from './use-cases/start-order-import';
import { uploadOrderImport } from './use-cases/upload-order-import';

const tags = ['order imports'];

export async function orderImportRoutes(app: FastifyInstance) {
  // Multipart only in this plugin; the upload limit is the customer import's setting (one limit
  // for every spreadsheet a user uploads).
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 20, parts: 25 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, clock, config } = app.deps;
  const runs = backgroundRuns(app);
  // Jobs another process left running when it died read as interrupted from the start.
  app.addHook('onReady', async () => {
    const now = clock.now();
    await markStaleOrderImports(db, new Date(now.getTime() - importHeartbeatMs), now);
  });

  r.post(
    '/api/v1/order-imports',
    {
      schema: {
        tags,
        summary:
          'Upload an .xlsx or .csv of order lines (multipart, one `file` part): header, preview, suggested mapping',
        consumes: ['multipart/form-data'],
        response: { 201: orderImportUploadResponseSchema, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (req, reply) => {
      const ctx = readCtx(req);
      assertCan(ctx.actor, 'import_orders');
      const file = await receiveFile(req, await importMaxFileBytes(db));
      return reply.status(201).send(await uploadOrderImport(ctx, file));
    },
  );

  r.post(
    '/api/v1/order-imports/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the import with a column mapping; runs in the background (poll GET)',
        params: idParamsSchema,
        body: startOrderImportRequestSchema,
        response: { 202: orderImportJobSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const job = await inTransaction(req, (ctx) => startOrderImport(ctx, req.params.id, req.body));
      // After the commit and the 202: the job row says "running" before any row is read.
      runs.run((signal) =>
        runOrderImport(
          { db, clock, config, log: (msg, err) => req.log.error({ err }, msg) },
          job.id,
          actor,
          signal,
        ),
      );
      return reply.status(202).send(job);
    },
  );

  r.get(
    '/api/v1/order-imports/:id',
    {
      schema: {
        tags,
        summary: 'Progress and the first rejected rows of an order import (poll while running)',
        params: idParamsSchema,
        response: { 200: orderImportJobSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => getOrderImport(readCtx(req), req.params.id),
  );

  r.get(
    '/api/v1/order-imports/:id/rejections.csv',
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
      const { fileName, body } = await orderImportRejectionsCsv(readCtx(req), req.params.id);
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store');
      return reply.send(body);
    },
  );
}
