import {
  engagementSettingsSchema,
  recomputeRunSchema,
  updateEngagementSettingsRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion } from '../../http/concurrency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { getEngagementSettings } from './use-cases/get-engagement-settings';
import { startRecomputeRun } from './use-cases/start-recompute-run';
import { updateEngagementSettings } from './use-cases/update-engagement-settings';

const tags = ['engagement settings'];

/** The rules of follow-ups, reminders and check-ins, and the recompute of every due date. */
export async function engagementSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/engagement/settings',
    {
      schema: {
        tags,
        summary:
          'Key-contact days, whether inbound contacts count, reminder lead time, future tolerance, check-in distance',
        response: { 200: engagementSettingsSchema, ...problems(401) },
      },
    },
    async (req) => getEngagementSettings(readCtx(req)),
  );

  r.patch(
    '/api/v1/engagement/settings',
    {
      schema: {
        tags,
        summary:
          'Change engagement settings (admin); only the values sent change. A stale version is a 409. Changing keyContactDays or countInbound recomputes every due date (recomputeJobId)',
        body: updateEngagementSettingsRequestSchema,
        response: { 200: engagementSettingsSchema, ...problems(400, 401, 403, 409, 428) },
      },
    },
    async (req) =>
      inTransaction(req, (ctx) =>
        updateEngagementSettings(
          ctx,
          { ...req.body, version: expectedVersion(req, req.body.version) },
          app.jobs,
        ),
      ),
  );

  r.post(
    '/api/v1/engagement/recompute-runs',
    {
      schema: {
        tags,
        summary:
          'Recompute every active customer’s follow-up due date now (admin); follow the job at GET /api/v1/jobs/:id',
        response: { 202: recomputeRunSchema, ...problems(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const run = await inTransaction(req, (ctx) => startRecomputeRun(ctx, app.jobs));
      return reply.status(202).send(run);
    },
  );
}
