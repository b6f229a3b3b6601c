import {
  idParamsSchema,
  jobQueueListSchema,
  jobRunPageSchema,
  jobRunSchema,
  listJobsQuerySchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../../http/responses';
import { inTransaction, readCtx } from '../../../http/transaction';
import type { JobQueue } from './job-queue';
import { getJob } from './use-cases/get-job';
import { listJobQueues, listJobs } from './use-cases/list-jobs';
import { retryJob } from './use-cases/retry-job';

declare module 'fastify' {
  interface FastifyInstance {
    /** The process's job queue: `app.jobs.send(job, data, { db: ctx.db })` from a route. */
    jobs: JobQueue;
  }
}

const tags = ['jobs'];

export async function jobRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/jobs',
    {
      schema: {
        tags,
        summary: 'Recent background jobs, newest first (admin); filter by name and state',
        querystring: listJobsQuerySchema,
        response: { 200: jobRunPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listJobs(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/jobs/queues',
    {
      schema: {
        tags,
        summary: 'Job queues with their schedules and counts by state (admin)',
        response: { 200: jobQueueListSchema, ...problems(401, 403) },
      },
    },
    async (req) => listJobQueues(readCtx(req)),
  );

  r.get(
    '/api/v1/jobs/:id',
    {
      schema: {
        tags,
        summary: 'Status, progress, result or error of one job (its starter or an admin); poll while it runs',
        params: idParamsSchema,
        response: { 200: jobRunSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => getJob(readCtx(req), req.params.id),
  );

  r.post(
    '/api/v1/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Give a failed job one more attempt (admin)',
        params: idParamsSchema,
        response: { 200: jobRunSchema, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => retryJob(ctx, app.jobs, req.params.id)),
  );
}
