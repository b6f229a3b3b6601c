import { workbenchSchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { workbench } from './use-cases/workbench';

/** My day (工作台): what the signed-in person has to do today. */
export async function workbenchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/workbench',
    {
      schema: {
        tags: ['workbench'],
        summary:
          "Today's business date, your follow-ups (overdue and due today first), today's visits, open tasks and unread notifications",
        response: { 200: workbenchSchema, ...problems(401) },
      },
    },
    async (req) => workbench(readCtx(req)),
  );
}
