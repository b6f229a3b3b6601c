import { listOutboxQuerySchema, outboxPageSchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { listOutbox } from './use-cases/list-outbox';

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
}
