import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { type Clock, notificationTopicOf } from '@weixi/domain';
import {
  emailByDefault,
  type Locale,
  locales,
  type NotificationTopic,
  notificationEmailText,
  notificationKindSchema,
  notificationParamsSchema,
  notificationTopics,
  renderNotification,
} from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { JobQueue } from './jobs/job-queue';
import { emailConfigured } from './mailer';
import { activeUserIds, insertNotifications } from './notifications.repository';
import { outboxDeliverJob } from './outbox.jobs';
import { emailRecipients, insertOutbox } from './outbox.repository';

export interface NotifyInput {
  /** Recipients; duplicates and disabled accounts are skipped. */
  userIds: readonly string[];
  /** The message key, e.g. `ownership.transferred`: the catalogue in @weixi/shared has its words. */
  kind: string;
  /** Values the message interpolates (names, counts, dates as text), as they are now. */
  params?: Record<string, string | number>;
  /** In-app path the notification opens, e.g. `/customers/<id>`. */
  link?: string | null;
  /** What it is about, for later filtering. */
  entity?: string | null;
  entityId?: string | null;
  /** Who caused it (null: the system, e.g. a nightly job). */
  actorId?: string | null;
  /**
   * Makes a repeat for the same person a no-op, for senders that may run twice (jobs run at least
   * once), e.g. `pool.recycle_warning:<customerId>:<date>`. A repeat sends no e-mail either.
   */
  dedupeKey?: string | null;
}

/**
 * What notify needs: the transaction and clock always; the configuration (SMTP_URL, PUBLIC_URL)
 * to send e-mail at all, and the job queue to have it sent at once rather than by the next
 * minute's delivery run. A use case's ctx and a job's ctx carry all four.
 */
export interface NotifyCtx {
  db: Kysely<DB>;
  clock: Clock;
  config?: Pick<Config, 'SMTP_URL' | 'PUBLIC_URL'> | undefined;
  jobs?: Pick<JobQueue, 'send'> | undefined;
}

function localeOf(value: string): Locale {
  return (locales as readonly string[]).includes(value) ? (value as Locale) : 'zh-CN';
}

function wantsEmail(topic: string, choice: boolean | null): boolean {
  if (choice !== null) return choice;
  return (
    (notificationTopics as readonly string[]).includes(topic) && emailByDefault[topic as NotificationTopic]
  );
}

/**
 * Sends a notification to each of `userIds`, inside the caller's transaction: it exists only if
 * the change it announces commits. The in-app row is always written (the bell is the record);
 * recipients whose preference for the kind's topic is e-mail and who have an address also get an
 * outbox message in their own language, from the same words the bell shows, when the server has
 * SMTP_URL. Returns how many in-app rows were added.
 */
export async function notify(ctx: NotifyCtx, input: NotifyInput): Promise<number> {
  // Wrong kinds or params are programming errors, caught by the sender's tests, not user input.
  const kind = notificationKindSchema.parse(input.kind);
  const params = notificationParamsSchema.parse(input.params ?? {});
  if (input.link != null && !input.link.startsWith('/'))
    throw new Error(`notification link must be a path: ${input.link}`);
  const recipients = await activeUserIds(ctx.db, [...new Set(input.userIds)]);
  const at = ctx.clock.now();
  const added = await insertNotifications(
    ctx.db,
    recipients.map((userId) => ({ id: newId(), userId })),
    {
      kind,
      params,
      link: input.link ?? null,
      entity: input.entity ?? null,
      entityId: input.entityId ?? null,
      actorId: input.actorId ?? null,
      dedupeKey: input.dedupeKey ?? null,
      at,
    },
  );
  if (added.length > 0 && ctx.config && emailConfigured(ctx.config)) {
    await queueEmails(ctx, ctx.config, added, { kind, params, link: input.link ?? null, at });
  }
  return added.length;
}

async function queueEmails(
  ctx: NotifyCtx,
  config: Pick<Config, 'PUBLIC_URL'>,
  added: readonly { id: string; userId: string }[],
  n: { kind: string; params: Record<string, string | number>; link: string | null; at: Date },
): Promise<void> {
  const topic = notificationTopicOf(n.kind);
  const notificationOf = new Map(added.map((a) => [a.userId, a.id]));
  const people = await emailRecipients(ctx.db, [...notificationOf.keys()], topic);
  const messages = people
    .filter((p) => p.email.trim() !== '' && wantsEmail(topic, p.choice))
    .map((p) => {
      const locale = localeOf(p.locale);
      const { title, body } = renderNotification(locale, n.kind, n.params);
      const words = notificationEmailText[locale];
      const link = n.link && config.PUBLIC_URL ? `\n\n${words.open}${config.PUBLIC_URL}${n.link}` : '';
      return {
        id: newId(),
        notificationId: notificationOf.get(p.id) ?? null,
        recipient: p.email,
        subject: title,
        body: `${title}\n\n${body}${link}\n\n--\n${words.footer}\n`,
      };
    });
  if (messages.length === 0) return;
  await insertOutbox(ctx.db, messages, n.at);
  // Queued in the same transaction; when one is already waiting it takes these too.
  await ctx.jobs?.send(outboxDeliverJob, {}, { db: ctx.db });
}
