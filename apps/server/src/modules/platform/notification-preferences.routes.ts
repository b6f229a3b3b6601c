import { notificationPreferencesSchema, updateNotificationPreferencesRequestSchema } from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import { getNotificationPreferences } from './use-cases/get-notification-preferences';
import { updateNotificationPreferences } from './use-cases/update-notification-preferences';

const tags = ['notifications'];

/** Each person's choice of which notices also come by e-mail. */
export async function notificationPreferenceRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary:
          'Your e-mail choice per notification topic, your address, and whether this server sends e-mail',
        response: { 200: notificationPreferencesSchema, ...problems(401) },
      },
    },
    async (req) => getNotificationPreferences(readCtx(req)),
  );

  r.put(
    '/api/v1/me/notification-preferences',
    {
      schema: {
        tags,
        summary:
          'Turn e-mail on or off for the topics sent (others keep their setting); in-app notices always arrive',
        body: updateNotificationPreferencesRequestSchema,
        response: { 200: notificationPreferencesSchema, ...problems(400, 401) },
      },
    },
    async (req) => inTransaction(req, (ctx) => updateNotificationPreferences(ctx, req.body)),
  );
}
