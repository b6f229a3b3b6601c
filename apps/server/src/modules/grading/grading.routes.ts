import {
  customerScoreSchema,
  gradeDistributionSchema,
  gradeOverrideParamsSchema,
  gradeOverrideRequestSchema,
  gradingPreviewSchema,
  gradingRuleSetPageSchema,
  gradingRuleSetSchema,
  idParamsSchema,
  listRuleVersionsQuerySchema,
  previewGradingRulesRequestSchema,
  regradeRequestSchema,
  regradeStartedSchema,
  saveGradingRulesRequestSchema,
  serviceStandardListSchema,
  updateServiceStandardsRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { getCustomerScore } from './use-cases/get-customer-score';
import { getRules } from './use-cases/get-rules';
import { getGradeDistribution } from './use-cases/grade-distribution';
import { listRuleVersions } from './use-cases/list-rule-versions';
import { previewRules } from './use-cases/preview-rules';
import { regradeOneCustomer } from './use-cases/regrade-one-customer';
import { removeGradeOverride } from './use-cases/remove-grade-override';
import { saveRules } from './use-cases/save-rules';
import { serviceStandards, updateServiceStandards } from './use-cases/service-standards';
import { setGradeOverride } from './use-cases/set-grade-override';
import { startRegradeAll } from './use-cases/start-regrade-all';

const tags = ['grading'];

export async function gradingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/grading/rules',
    {
      schema: {
        tags,
        summary: 'The grading rules in force (ETag = their version)',
        response: { 200: gradingRuleSetSchema, ...problems(401) },
      },
    },
    async (req, reply) => {
      const rules = await getRules(readCtx(req));
      setEtag(reply, rules.version);
      return rules;
    },
  );

  r.put(
    '/api/v1/grading/rules',
    {
      schema: {
        tags,
        summary: 'Save new grading rules as the next version (admin; If-Match the current version)',
        body: saveGradingRulesRequestSchema,
        response: { 200: gradingRuleSetSchema, ...problems(400, 401, 403, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const saved = await inTransaction(req, (ctx) => saveRules(ctx, version, req.body));
      setEtag(reply, saved.version);
      return saved;
    },
  );

  r.get(
    '/api/v1/grading/rules/versions',
    {
      schema: {
        tags,
        summary: 'Every saved version of the grading rules, newest first',
        querystring: listRuleVersionsQuerySchema,
        response: { 200: gradingRuleSetPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listRuleVersions(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/grading/rules/preview',
    {
      schema: {
        tags,
        summary: 'How many customers a draft would move between grades, categories and value tiers (admin)',
        body: previewGradingRulesRequestSchema,
        response: { 200: gradingPreviewSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => previewRules(readCtx(req), req.body.rules),
  );

  r.post(
    '/api/v1/grading/regrade',
    {
      schema: {
        tags,
        summary:
          'Regrade everyone in a background job (admin; 202 with the job id) or one customer now (managers; its new score)',
        body: regradeRequestSchema,
        response: {
          200: customerScoreSchema,
          202: regradeStartedSchema,
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const { customerId } = req.body;
      if (customerId) return inTransaction(req, (ctx) => regradeOneCustomer(ctx, customerId));
      const started = await inTransaction(req, (ctx) => startRegradeAll(ctx, app.jobs));
      return reply.status(202).send(started);
    },
  );

  r.get(
    '/api/v1/customers/:id/score',
    {
      schema: {
        tags,
        summary: 'A customer’s score: breakdown, proposal, overrides, RFM and grade history',
        params: idParamsSchema,
        response: { 200: customerScoreSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => getCustomerScore(readCtx(req), req.params.id),
  );

  r.post(
    '/api/v1/customers/:id/grade-override',
    {
      schema: {
        tags,
        summary: 'Override the grade, category or value tier with a reason (managers; audited)',
        params: idParamsSchema,
        body: gradeOverrideRequestSchema,
        response: { 200: customerScoreSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => setGradeOverride(ctx, req.params.id, req.body)),
  );

  r.delete(
    '/api/v1/customers/:id/grade-override/:field',
    {
      schema: {
        tags,
        summary: 'Remove an override: the rule’s proposal applies again (managers; audited)',
        params: gradeOverrideParamsSchema,
        response: { 200: customerScoreSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req) => inTransaction(req, (ctx) => removeGradeOverride(ctx, req.params.id, req.params.field)),
  );

  r.get(
    '/api/v1/grading/service-standards',
    {
      schema: {
        tags,
        summary:
          'The service standard of each grade: follow-up cadence, service model, hospitality, priority',
        response: { 200: serviceStandardListSchema, ...problems(401) },
      },
    },
    async (req) => {
      readCtx(req);
      return { items: await serviceStandards(req.server.deps) };
    },
  );

  r.put(
    '/api/v1/grading/service-standards',
    {
      schema: {
        tags,
        summary: 'Change service standards (admin); each item carries the version it replaces',
        body: updateServiceStandardsRequestSchema,
        response: { 200: serviceStandardListSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (req) => ({
      items: await inTransaction(req, (ctx) => updateServiceStandards(ctx, req.body, app.jobs)),
    }),
  );

  r.get(
    '/api/v1/grading/distribution',
    {
      schema: {
        tags,
        summary: 'Active customers in your scope by grade, category and value tier',
        response: { 200: gradeDistributionSchema, ...problems(401) },
      },
    },
    async (req) => getGradeDistribution(readCtx(req)),
  );
}
