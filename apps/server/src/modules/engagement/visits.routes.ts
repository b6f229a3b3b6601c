import {
  cancelRequestSchema,
  checkInRequestSchema,
  createVisitRequestSchema,
  idParamsSchema,
  listVisitsQuerySchema,
  updateVisitRequestSchema,
  visitPageSchema,
  visitReportRequestSchema,
  visitSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { cancelVisit } from './use-cases/cancel-visit';
import { checkInVisit } from './use-cases/check-in-visit';
import { getVisit } from './use-cases/get-visit';
import { listVisits } from './use-cases/list-visits';
import { planVisit } from './use-cases/plan-visit';
import { reportVisit } from './use-cases/report-visit';
import { updateVisit } from './use-cases/update-visit';

const tags = ['visits'];

/** Visits (拜访): plan → check-in → report, or cancelled. Attachments are in platform/attachments. */
export async function visitRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/visits',
    {
      schema: {
        tags,
        summary:
          'Plan a visit to an active customer, for yourself or (managers) someone in your team; today or later',
        body: createVisitRequestSchema,
        response: { 201: visitSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const visit = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => planVisit(ctx, req.body)),
      );
      setEtag(reply, visit.version);
      return visit;
    },
  );

  r.get(
    '/api/v1/visits',
    {
      schema: {
        tags,
        summary: 'Visits in the order of the day: mine, my team’s (managers), or all I may see',
        querystring: listVisitsQuerySchema,
        response: { 200: visitPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listVisits(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/visits/:id',
    {
      schema: {
        tags,
        summary: 'One visit with its check-in, report and attachments',
        params: idParamsSchema,
        response: { 200: visitSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const visit = await getVisit(readCtx(req), req.params.id);
      setEtag(reply, visit.version);
      return visit;
    },
  );

  r.patch(
    '/api/v1/visits/:id',
    {
      schema: {
        tags,
        summary: 'Change a planned visit (the visitor or their manager); needs If-Match or version',
        params: idParamsSchema,
        body: updateVisitRequestSchema,
        response: { 200: visitSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _v, ...changes } = req.body;
      const visit = await inTransaction(req, (ctx) => updateVisit(ctx, req.params.id, version, changes));
      setEtag(reply, visit.version);
      return visit;
    },
  );

  r.post(
    '/api/v1/visits/:id/check-in',
    {
      schema: {
        tags,
        summary:
          'Check in (the visitor): time and, when the browser gives one, position — without one it is recorded and flagged',
        params: idParamsSchema,
        body: checkInRequestSchema,
        response: { 200: visitSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _v, ...position } = req.body;
      const visit = await inTransaction(req, (ctx) => checkInVisit(ctx, req.params.id, version, position));
      setEtag(reply, visit.version);
      return visit;
    },
  );

  r.post(
    '/api/v1/visits/:id/report',
    {
      schema: {
        tags,
        summary:
          'Report on your own visit: logs it as an interaction and turns each commitment into a task (403 for anyone else)',
        params: idParamsSchema,
        body: visitReportRequestSchema,
        response: { 200: visitSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const { version: _v, ...report } = req.body;
      const visit = await inTransaction(req, (ctx) => reportVisit(ctx, req.params.id, version, report));
      setEtag(reply, visit.version);
      return visit;
    },
  );

  r.post(
    '/api/v1/visits/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a visit that is not yet reported, with a reason',
        params: idParamsSchema,
        body: cancelRequestSchema,
        response: { 200: visitSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const visit = await inTransaction(req, (ctx) =>
        cancelVisit(ctx, req.params.id, version, req.body.reason),
      );
      setEtag(reply, visit.version);
      return visit;
    },
  );
}
