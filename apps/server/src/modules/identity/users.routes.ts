import {
  createUserRequestSchema,
  idParamsSchema,
  listStaffQuerySchema,
  listUsersQuerySchema,
  staffPageSchema,
  updateUserRequestSchema,
  userPageSchema,
  userSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { withIdempotency } from '../../http/idempotency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { createUser } from './use-cases/create-user';
import { disableUser } from './use-cases/disable-user';
import { getUser } from './use-cases/get-user';
import { listStaff } from './use-cases/list-staff';
import { listUsers } from './use-cases/list-users';
import { updateUser } from './use-cases/update-user';

const tags = ['users'];

export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users (admin)',
        querystring: listUsersQuerySchema,
        response: { 200: userPageSchema, ...problems(400, 401, 403) },
      },
    },
    async (req) => listUsers(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/staff',
    {
      schema: {
        tags,
        summary: 'Active colleagues by name (any signed-in user): for owner and collaborator pickers',
        querystring: listStaffQuerySchema,
        response: { 200: staffPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listStaff(readCtx(req), req.query),
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (admin); honours Idempotency-Key',
        body: createUserRequestSchema,
        response: { 201: userSchema, ...problems(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const user = await withIdempotency(req, reply, 201, () =>
        inTransaction(req, (ctx) => createUser(ctx, req.body)),
      );
      setEtag(reply, user.version);
      return user;
    },
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'One user (admin)',
        params: idParamsSchema,
        response: { 200: userSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const user = await getUser(readCtx(req), req.params.id);
      setEtag(reply, user.version);
      return user;
    },
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Update a user (admin); needs If-Match or version',
        params: idParamsSchema,
        body: updateUserRequestSchema,
        response: { 200: userSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const user = await inTransaction(req, (ctx) => updateUser(ctx, req.params.id, version, req.body));
      setEtag(reply, user.version);
      return user;
    },
  );

  r.delete(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Disable a user (admin); history keeps their name. Needs If-Match',
        params: idParamsSchema,
        response: { 200: userSchema, ...problems(400, 401, 403, 404, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, undefined);
      const user = await inTransaction(req, (ctx) => disableUser(ctx, req.params.id, version));
      setEtag(reply, user.version);
      return user;
    },
  );
}
