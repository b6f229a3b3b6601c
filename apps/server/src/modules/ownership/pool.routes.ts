import {
  atRiskListSchema,
  claimRequestSchema,
  claimResultSchema,
  poolMeSchema,
  poolPageSchema,
  poolQuerySchema,
  poolSettingsSchema,
  recycleRunSchema,
  releaseRequestSchema,
  releaseResultSchema,
  updatePoolSettingsSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { claimCustomers } from './use-cases/claim-customers';
import { listPool } from './use-cases/list-pool';
import { getPoolSettings, updatePoolSettings } from './use-cases/pool-settings';
import { atRiskCustomers, poolStatus } from './use-cases/pool-status';
import { releaseCustomer } from './use-cases/release-customer';
import { startRecycleRun } from './use-cases/start-recycle-run';

const tags = ['pool'];

/** The public pool (公海池): list, claim, release, my standing, settings and the recycling run. */
export async function poolRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/pool',
    {
      schema: {
        tags,
        summary: 'Unowned active customers, with the customer list filters (keyset pages; contacts masked)',
        querystring: poolQuerySchema,
        response: { 200: poolPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listPool(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/pool/claims',
    {
      schema: {
        tags,
        summary:
          'Claim one or more pool customers (all or nothing). 409 already_owned, reclaim_cooldown (availableOn) or claim_limit_reached (limit, held)',
        body: claimRequestSchema,
        response: { 200: claimResultSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => claimCustomers(ctx, req.body)),
  );

  r.post(
    '/api/v1/pool/releases',
    {
      schema: {
        tags,
        summary: 'Return a customer to the pool with a reason (its owner, or a manager over the owner)',
        body: releaseRequestSchema,
        response: { 200: releaseResultSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => releaseCustomer(ctx, req.body)),
  );

  r.get(
    '/api/v1/pool/me',
    {
      schema: {
        tags,
        summary:
          'How many customers you hold, your claim limit, and how many of yours are about to be recycled',
        response: { 200: poolMeSchema, ...problems(401, 403) },
      },
    },
    async (req) => poolStatus(readCtx(req)),
  );

  r.get(
    '/api/v1/pool/at-risk',
    {
      schema: {
        tags,
        summary: 'Your customers in their warning period before recycling (up to 200, oldest silence first)',
        response: { 200: atRiskListSchema, ...problems(401, 403) },
      },
    },
    async (req) => atRiskCustomers(readCtx(req)),
  );

  r.get(
    '/api/v1/pool/settings',
    {
      schema: {
        tags,
        summary:
          'Pool rules: claim limits per role, recycle days per grade, warning, cooldown, key customers',
        response: { 200: poolSettingsSchema, ...problems(401) },
      },
    },
    async (req) => getPoolSettings(readCtx(req)),
  );

  r.patch(
    '/api/v1/pool/settings',
    {
      schema: {
        tags,
        summary: 'Change pool rules (admin); only the values sent change',
        body: updatePoolSettingsSchema,
        response: { 200: poolSettingsSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => inTransaction(req, (ctx) => updatePoolSettings(ctx, req.body)),
  );

  r.post(
    '/api/v1/pool/recycle-runs',
    {
      schema: {
        tags,
        summary: 'Run the recycling now (admin); follow the job at GET /api/v1/jobs/:id',
        response: { 202: recycleRunSchema, ...problems(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const run = await inTransaction(req, (ctx) => startRecycleRun(ctx, app.jobs));
      return reply.status(202).send(run);
    },
  );
}
