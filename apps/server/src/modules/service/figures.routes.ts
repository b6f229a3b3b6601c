import {
  rootCauseReportQuerySchema,
  rootCauseReportSchema,
  serviceFiguresQuerySchema,
  serviceFiguresSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { readCtx } from '../../http/transaction';
import { rootCauseReport } from './use-cases/root-cause-report';
import { serviceFigures } from './use-cases/service-figures';

const tags = ['service figures'];

/** Service figures and the root-cause report: your own tickets, your team's, or everyone's. */
export async function serviceFiguresRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/service/figures',
    {
      schema: {
        tags,
        summary:
          'Tickets, median response and resolution times, breach and reopen rates, CSAT and NPS per agent, team, category or month',
        querystring: serviceFiguresQuerySchema,
        response: { 200: serviceFiguresSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => serviceFigures(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/service/root-cause-report',
    {
      schema: {
        tags,
        summary: 'Closed tickets per root cause and month or week, most frequent cause first',
        querystring: rootCauseReportQuerySchema,
        response: { 200: rootCauseReportSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => rootCauseReport(readCtx(req), req.query),
  );
}
