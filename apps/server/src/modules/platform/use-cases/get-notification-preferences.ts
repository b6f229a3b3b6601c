import type { NotificationPreferences } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { emailConfigured } from '../mailer';
import { presentPreferences } from '../notification-preferences.presenter';
import { choicesOf } from '../notification-preferences.repository';

/** Which notices the signed-in person also gets by e-mail, per topic (the bell gets them all). */
export async function getNotificationPreferences(ctx: Ctx): Promise<NotificationPreferences> {
  return presentPreferences(
    await choicesOf(ctx.db, ctx.actor.id),
    emailConfigured(ctx.config),
    ctx.actor.email.trim() || null,
  );
}
