import type { NotificationItem } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentNotification } from '../notifications.presenter';
import {
  countUnread,
  findNotification,
  listNotifications as listRows,
  markAllRead,
  markRead,
} from '../notifications.repository';

// Everyone has an inbox and sees only their own: every query below is keyed by the actor's id, so
// another person's notification is simply not found. Marking read is personal reading state, not
// a change to business records, so it is not written to the audit log.

export async function listNotifications(
  ctx: Ctx,
  input: { limit: number; cursor?: string | undefined; unread?: boolean | undefined },
) {
  const after = readCursor(input.cursor, 1);
  const { rows, total } = await listRows(
    ctx.db,
    ctx.actor.id,
    { unread: input.unread ?? false },
    input.limit,
    after?.id ?? null,
  );
  return pageOf(rows, input.limit, total, presentNotification, (r) => [r.id]);
}

export async function unreadNotificationCount(ctx: Ctx): Promise<{ count: number }> {
  return { count: await countUnread(ctx.db, ctx.actor.id) };
}

export async function markNotificationRead(ctx: Ctx, id: string): Promise<NotificationItem> {
  await markRead(ctx.db, ctx.actor.id, id, ctx.clock.now());
  const row = await findNotification(ctx.db, ctx.actor.id, id);
  if (!row) throw notFound('Notification');
  return presentNotification(row);
}

export async function markAllNotificationsRead(
  ctx: Ctx,
  upTo: string | undefined,
): Promise<{ updated: number }> {
  return { updated: await markAllRead(ctx.db, ctx.actor.id, ctx.clock.now(), upTo ?? null) };
}
