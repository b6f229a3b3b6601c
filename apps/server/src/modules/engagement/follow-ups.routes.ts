import {
  followUpPageSchema,
  followUpQuerySchema,
  followUpSummaryQuerySchema,
  followUpSummarySchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { presentedOn200, problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { followUpSummary } from './use-cases/follow-up-summary';
import { listFollowUps } from './use-cases/list-follow-ups';

const tags = ['follow-ups'];

/** Follow-ups (回访): who is due for a contact, per person, per team and overall. */
export async function followUpRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/follow-ups',
    {
      schema: {
        tags,
        summary:
          'Due follow-ups, soonest first (keyset pages): view mine|team|all, due overdue|today|week|all (business time zone), narrowed by ownerId, departmentId or grade',
        querystring: followUpQuerySchema,
        response: { 200: followUpPageSchema, ...problems(400, 401, 403) },
      },
      serializerCompiler: presentedOn200,
    },
    async (req) => listFollowUps(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/follow-ups/summary',
    {
      schema: {
        tags,
        summary: 'Counts of overdue, due today and due this week follow-ups, overall and per owner in view',
        querystring: followUpSummaryQuerySchema,
        response: { 200: followUpSummarySchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => followUpSummary(readCtx(req), req.query),
  );
}
