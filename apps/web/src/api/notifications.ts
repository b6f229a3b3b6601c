import {
  markAllReadResponseSchema,
  type NotificationItem,
  notificationPageSchema,
  notificationSchema,
  unreadCountSchema,
} from '@weixi/shared';
import { api } from './client';

export type { NotificationItem };

/** Query keys: every notification query starts with 'notifications', so one invalidation refreshes all. */
export const notificationKeys = {
  all: ['notifications'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
  latest: ['notifications', 'latest'] as const,
  list: (unread: boolean, limit: number, cursor: string | undefined) =>
    ['notifications', 'list', unread, limit, cursor ?? null] as const,
};

export const notificationsApi = {
  list: (query: { unread?: boolean; limit: number; cursor?: string | undefined }) =>
    api.get('/notifications', {
      query: { unread: query.unread ? 'true' : undefined, limit: query.limit, cursor: query.cursor },
      schema: notificationPageSchema,
    }),
  unreadCount: () => api.get('/notifications/unread-count', { schema: unreadCountSchema }),
  markRead: (id: string) => api.post(`/notifications/${id}/read`, { schema: notificationSchema }),
  /** `upTo`: the newest notification the user has seen, so later arrivals stay unread. */
  markAllRead: (upTo?: string) =>
    api.post('/notifications/read-all', { query: { upTo }, schema: markAllReadResponseSchema }),
};
