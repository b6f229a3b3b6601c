import { emailByDefault, type NotificationPreferences, type NotificationTopic } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { saveChoices } from '../notification-preferences.repository';
import { getNotificationPreferences } from './get-notification-preferences';
import { recordAudit } from './record-audit';

/**
 * Sets, for the topics sent, whether the signed-in person's notices also go by e-mail; topics not
 * sent keep their setting. Anyone may choose, even while the server sends no e-mail (the choice
 * applies once it does). Each person changes only their own.
 */
export async function updateNotificationPreferences(
  ctx: Ctx,
  input: { topics: { topic: NotificationTopic; email: boolean }[] },
): Promise<NotificationPreferences> {
  const seen = new Map<string, number>();
  input.topics.forEach((t, i) => {
    if (seen.has(t.topic))
      throw fieldError(
        `topics.${i}.topic`,
        'duplicate',
        `topic ${t.topic} is already item ${seen.get(t.topic)}`,
      );
    seen.set(t.topic, i);
  });
  const before = await getNotificationPreferences(ctx);
  await saveChoices(
    ctx.db,
    ctx.actor.id,
    input.topics.map((t) => ({ ...t, isDefault: t.email === emailByDefault[t.topic] })),
    ctx.clock.now(),
  );
  const after = await getNotificationPreferences(ctx);
  const email = (p: NotificationPreferences) => Object.fromEntries(p.topics.map((t) => [t.topic, t.email]));
  await recordAudit(ctx, {
    action: 'notification_preferences.update',
    entity: 'user',
    entityId: ctx.actor.id,
    before: email(before),
    after: email(after),
  });
  return after;
}
