import { idParamsSchema, timelinePageSchema, timelineQuerySchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentedOn200, problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { customerTimeline } from './use-cases/customer-timeline';

const tags = ['engagement'];

/** The customer timeline (信息共享台账): one feed of everything that happened with a customer. */
export async function timelineRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/customers/:id/timeline',
    {
      schema: {
        tags,
        summary:
          'Interactions, visits, tasks, orders, grade and owner changes and edits of a customer, newest first; filter by kind',
        params: idParamsSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelinePageSchema, ...problems(400, 401, 404) },
      },
      serializerCompiler: presentedOn200,
    },
    async (req) => customerTimeline(readCtx(req), req.params.id, req.query),
  );
}
