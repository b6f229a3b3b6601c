import {
  idParamsSchema,
  listNotificationsQuerySchema,
  markAllReadQuerySchema,
  markAllReadResponseSchema,
  notificationPageSchema,
  notificationSchema,
  unreadCountSchema,
} from '@weixi/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problems } from '../../http/responses';
import { inTransaction, readCtx } from '../../http/transaction';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadNotificationCount,
} from './use-cases/notifications';

const tags = ['notifications'];

export async function notificationRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first (keyset pages); unread=true for unread ones only',
        querystring: listNotificationsQuerySchema,
        response: { 200: notificationPageSchema, ...problems(400, 401) },
      },
    },
    async (req) => listNotifications(readCtx(req), req.query),
  );

  r.get(
    '/api/v1/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many of your notifications are unread (the bell polls this)',
        response: { 200: unreadCountSchema, ...problems(401) },
      },
    },
    async (req) => unreadNotificationCount(readCtx(req)),
  );

  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read (again is harmless)',
        params: idParamsSchema,
        response: { 200: notificationSchema, ...problems(400, 401, 404) },
      },
    },
    async (req) => inTransaction(req, (ctx) => markNotificationRead(ctx, req.params.id)),
  );

  r.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your unread notifications read, or those up to ?upTo=<id> (the newest you saw)',
        querystring: markAllReadQuerySchema,
        response: { 200: markAllReadResponseSchema, ...problems(400, 401) },
      },
    },
    async (req) => inTransaction(req, (ctx) => markAllNotificationsRead(ctx, req.query.upTo)),
  );
}
