import { serviceSettingsSchema, updateServiceSettingsRequestSchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { expectedVersion, setEtag } from '../../http/concurrency';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { getServiceSettings } from './use-cases/get-service-settings';
import { updateServiceSettings } from './use-cases/update-service-settings';

const tags = ['service settings'];

/** The service standard: business calendar, SLA policies, warning share, reopen window, surveys. */
export async function serviceSettingsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/service/settings',
    {
      schema: {
        tags,
        summary: 'The service settings in force (defaults until an administrator saves them)',
        response: { 200: serviceSettingsSchema, ...problems(401) },
      },
    },
    async (req, reply) => {
      const settings = await getServiceSettings(readCtx(req));
      setEtag(reply, settings.version);
      return settings;
    },
  );

  r.put(
    '/api/v1/service/settings',
    {
      schema: {
        tags,
        summary:
          'Replace the service settings (admin); every invalid field is named, nothing is saved. Needs If-Match or version; a stale one is a 409',
        body: updateServiceSettingsRequestSchema,
        response: { 200: serviceSettingsSchema, ...problems(400, 401, 403, 409, 428) },
      },
    },
    async (req, reply) => {
      const version = expectedVersion(req, req.body.version);
      const settings = await inTransaction(req, (ctx) =>
        updateServiceSettings(ctx, { ...req.body, version }),
      );
      setEtag(reply, settings.version);
      return settings;
    },
  );
}
