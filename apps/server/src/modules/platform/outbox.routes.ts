import {
  idParamsSchema,
  listOutboxQuerySchema,
  outboxItemSchema,
  outboxPageSchema,
  retryFailedOutboxResponseSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { listOutbox } from './use-cases/list-outbox';
import { retryFailedOutbox } from './use-cases/retry-failed-outbox';
import { retryOutbox } from './use-cases/retry-outbox';

/** The e-mail outbox: what was sent, what waits for a retry, what failed for good. */
export async function outboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/outbox',
    {
      schema: {
        tags: ['notifications'],
        summary: 'E-mails sent and pending, newest first (admin; keyset pages); status=pending,sent,failed',
        querystring: listOutboxQuerySchema,
        response: { 200: outboxPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listOutbox(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/outbox/retry-failed',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Put every failed e-mail back to be sent now, each with a fresh set of attempts (admin)',
        response: { 200: retryFailedOutboxResponseSchema, ...problems(401, 403) },
      },
    },
    async (req) => inTransaction(req, (ctx) => retryFailedOutbox(ctx)),
  );

  r.post(
    '/api/v1/outbox/:id/retry',
    {
      schema: {
        tags: ['notifications'],
        summary:
          'Put one failed e-mail back to be sent now, with a fresh set of attempts (admin); 409 outbox_not_failed unless it failed',
        params: idParamsSchema,
        response: { 200: outboxItemSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => retryOutbox(ctx, req.params.id)),
  );
}
