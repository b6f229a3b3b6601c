import {
  apiTokenListSchema,
  changePasswordRequestSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  idParamsSchema,
  loginRequestSchema,
  meResponseSchema,
  updateProfileRequestSchema,
  userSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sessionCookie } from '../../http/auth';
import { requireActor } from '../../http/context';
import { withIdempotency } from '../../http/idempotency';
import { noContent, problems } from '../../http/responses';
import { inTransaction, makeAnonCtx, readCtx } from '../../http/transaction';
import { createApiToken, listApiTokens, revokeApiToken } from './use-cases/api-tokens';
import { changePassword } from './use-cases/change-password';
import { getMe } from './use-cases/get-me';
import { login } from './use-cases/login';
import { logout } from './use-cases/logout';
import { actorFromSession } from './use-cases/resolve-actor';
import { updateProfile } from './use-cases/update-profile';

const tags = ['auth'];

export async function identityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/auth/login',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign in; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: meResponseSchema, ...problems(400, 401, 423, 429) },
      },
    },
    async (req, reply) => {
      // Login failures are recorded (attempt counters, lock-out) even though login itself fails,
      // so it runs outside a request-wide transaction.
      const result = await login(makeAnonCtx(req, app.deps.db), req.body);
      const secure = app.deps.config.COOKIE_SECURE ?? req.protocol === 'https';
      reply.setCookie(sessionCookie, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        expires: result.expiresAt,
      });
      const actor = await actorFromSession(
        app.deps.db,
        result.token,
        app.deps.clock.now(),
        app.deps.config.SESSION_TTL_HOURS,
      );
      req.actor = actor;
      return getMe(readCtx(req), app.deps.engine);
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags,
        summary: 'Sign out; ends this session',
        response: { ...noContent, ...problems(401, 403) },
      },
    },
    async (req, reply) => {
      await inTransaction(req, (ctx) => logout(ctx));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: { tags, summary: 'The signed-in user', response: { 200: meResponseSchema, ...problems(401) } },
    },
    async (req) => {
      requireActor(req);
      return getMe(readCtx(req), app.deps.engine);
    },
  );

  r.patch(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'Edit your own name, phone and language',
        body: updateProfileRequestSchema,
        response: { 200: userSchema, ...problems(400, 401, 403, 409) },
      },
    },
    async (req) => inTransaction(req, (ctx) => updateProfile(ctx, req.body)),
  );

  r.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        summary: 'Change your password; other sessions end',
        body: changePasswordRequestSchema,
        response: { ...noContent, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await inTransaction(req, (ctx) => changePassword(ctx, req.body));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/me/tokens',
    { schema: { tags, summary: 'Your API tokens', response: { 200: apiTokenListSchema, ...problems(401) } } },
    async (req) => listApiTokens(readCtx(req)),
  );

  r.post(
    '/api/v1/me/tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (shown once)',
        body: createApiTokenRequestSchema,
        response: { 201: createdApiTokenSchema, ...problems(400, 401, 403) },
      },
    },
    async (req, reply) =>
      withIdempotency(req, reply, 201, () => inTransaction(req, (ctx) => createApiToken(ctx, req.body))),
  );

  r.delete(
    '/api/v1/me/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: idParamsSchema,
        response: { ...noContent, ...problems(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await inTransaction(req, (ctx) => revokeApiToken(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
}
