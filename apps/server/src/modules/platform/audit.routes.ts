import { auditPageSchema, listAuditQuerySchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { listAudit } from './use-cases/list-audit';

export async function auditRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first (admin); filter by entity, entityId, actorId, action',
        querystring: listAuditQuerySchema,
        response: { 200: auditPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listAudit(readCtx(req), req.query),
  );
}
