import { engineVersion, ping } from '@weixi/db';
import { aboutResponseSchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { requireActor } from '../../http/context';
import { problems } from '../../http/responses';
import { appVersion } from '../../version';

export async function systemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const health = z.object({ status: z.literal('ok') });

  r.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'Process is up', response: { 200: health } } },
    async () => ({
      status: 'ok' as const,
    }),
  );

  r.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'Database reachable',
        response: { 200: health, ...problems(503) },
      },
    },
    async () => {
      try {
        await ping(app.deps.db);
      } catch {
        throw new AppError('unavailable', 'The database is unreachable');
      }
      return { status: 'ok' as const };
    },
  );

  let cachedEngineVersion: string | undefined;
  r.get(
    '/api/v1/about',
    {
      schema: {
        tags: ['system'],
        summary: 'Version and database engine',
        response: { 200: aboutResponseSchema, ...problems(401) },
      },
    },
    async (req) => {
      requireActor(req);
      cachedEngineVersion ??= await engineVersion(app.deps.db);
      return {
        name: 'Weixi' as const,
        version: appVersion,
        engine: app.deps.engine,
        engineVersion: cachedEngineVersion,
        embedded: app.deps.engine === 'pglite',
        businessTimeZone: app.deps.config.TZ_BUSINESS,
        node: process.version,
      };
    },
  );

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
