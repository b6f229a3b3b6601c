import type { NotificationItem } from '@weixi/shared';
import type { NotificationRow } from './notifications.repository';

export function presentNotification(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    params: row.params,
    link: row.link,
    entity: row.entity,
    entityId: row.entity_id,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
  };
}
