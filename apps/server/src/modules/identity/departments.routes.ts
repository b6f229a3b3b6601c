import {
  createDepartmentRequestSchema,
  departmentPageSchema,
  departmentSchema,
  idParamsSchema,
  listDepartmentsQuerySchema,
  updateDepartmentRequestSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { noContent, problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createDepartment } from './use-cases/create-department';
import { deleteDepartment } from './use-cases/delete-department';
import { getDepartment } from './use-cases/get-department';
import { listDepartments } from './use-cases/list-departments';
import { updateDepartment } from './use-cases/update-department';

const tags = ['departments'];

export async function departmentRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/departments',
    {
      schema: {
        tags,
        summary: 'List departments (any signed-in user)',
        querystring: listDepartmentsQuerySchema,
        response: { 200: departmentPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listDepartments(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/departments',
    {
      schema: {
        tags,
        summary: 'Create a department (admin); honours Idempotency-Key',
        body: createDepartmentRequestSchema,
        response: { 201: departmentSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const d = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createDepartment(ctx, req.body)),
      );
      setEtag(reply, d.version);
      return d;
    },
  );

  r.get(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: 'One department',
        params: idParamsSchema,
        response: { 200: departmentSchema, ...problems(400, 401, 404) },
      },
    },
    async (req, reply) => {
      const d = await getDepartment(readCtx(req), req.params.id);
      setEtag(reply, d.version);
      return d;
    },
  );

  r.patch(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: 'Rename, move or set the manager (admin); needs If-Match or version',
        params: idParamsSchema,
        body: updateDepartmentRequestSchema,
        response: { 200: departmentSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const d = await inTransaction(req, (ctx) => updateDepartment(ctx, req.params.id, version, req.body));
      setEtag(reply, d.version);
      return d;
    },
  );

  r.delete(
    '/api/v1/departments/:id',
    {
      schema: {
        tags,
        summary: 'Delete an empty department (admin); needs If-Match',
        params: idParamsSchema,
        response: { ...noContent, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, undefined);
      await inTransaction(req, (ctx) => deleteDepartment(ctx, req.params.id, version));
      return reply.status(204).send(null);
    },
  );
}
