import {
  cancelRequestSchema,
  completeTaskRequestSchema,
  createTaskRequestSchema,
  idParamsSchema,
  listTasksQuerySchema,
  reopenTaskRequestSchema,
  taskPageSchema,
  taskSchema,
  updateTaskRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { cancelTask } from './use-cases/cancel-task';
import { completeTask } from './use-cases/complete-task';
import { createTask } from './use-cases/create-task';
import { getTask } from './use-cases/get-task';
import { listTasks } from './use-cases/list-tasks';
import { reopenTask } from './use-cases/reopen-task';
import { updateTask } from './use-cases/update-task';

const tags = ['tasks'];

/** Tasks (任务): commitments from visits, next steps from interactions, and work given by hand. */
export async function taskRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary: 'Create a task for yourself, or (managers) for someone in your team; due today or later',
        body: createTaskRequestSchema,
        response: { 201: taskSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const task = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createTask(ctx, { ...req.body, source: 'manual' })),
      );
      setEtag(reply, task.version);
      return task;
    },
  );

  r.get(
    '/api/v1/tasks',
    {
      schema: {
        tags,
        summary:
          'My tasks, my team’s (managers) or all I may see; open ones by due date, filtered by due window',
        querystring: listTasksQuerySchema,
        response: { 200: taskPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listTasks(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary: 'One task (its owner, its creator, or a manager over the owner)',
        params: idParamsSchema,
        response: { 200: taskSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const task = await getTask(readCtx(req), req.params.id);
      setEtag(reply, task.version);
      return task;
    },
  );

  r.patch(
    '/api/v1/tasks/:id',
    {
      schema: {
        tags,
        summary:
          'Change an open task: title, description, owner (managers), due date; needs If-Match or version',
        params: idParamsSchema,
        body: updateTaskRequestSchema,
        response: { 200: taskSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const task = await inTransaction(req, (ctx) => updateTask(ctx, req.params.id, version, req.body));
      setEtag(reply, task.version);
      return task;
    },
  );

  r.post(
    '/api/v1/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Mark an open task done, with an optional note (its owner or their manager)',
        params: idParamsSchema,
        body: completeTaskRequestSchema,
        response: { 200: taskSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const task = await inTransaction(req, (ctx) =>
        completeTask(ctx, req.params.id, version, req.body.note),
      );
      setEtag(reply, task.version);
      return task;
    },
  );

  r.post(
    '/api/v1/tasks/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Open a done or cancelled task again',
        params: idParamsSchema,
        body: reopenTaskRequestSchema,
        response: { 200: taskSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const task = await inTransaction(req, (ctx) => reopenTask(ctx, req.params.id, version));
      setEtag(reply, task.version);
      return task;
    },
  );

  r.post(
    '/api/v1/tasks/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel an open task with a reason',
        params: idParamsSchema,
        body: cancelRequestSchema,
        response: { 200: taskSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const task = await inTransaction(req, (ctx) =>
        cancelTask(ctx, req.params.id, version, req.body.reason),
      );
      setEtag(reply, task.version);
      return task;
    },
  );
}
