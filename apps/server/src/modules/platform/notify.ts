import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import { notificationKindSchema, notificationParamsSchema } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { activeUserIds, insertNotifications } from './notifications.repository';

export interface NotifyInput {
  /** Recipients; duplicates and disabled accounts are skipped. */
  userIds: readonly string[];
  /** The message key, e.g. `ownership.transferred`: the web renders `notifications.kinds.<kind>`. */
  kind: string;
  /** Values the message interpolates (names, counts, dates as text), as they are now. */
  params?: Record<string, string | number>;
  /** In-app path the notification opens, e.g. `/customers/<id>`. */
  link?: string | null;
  /** What it is about, for later filtering and for the outbox (issue 5). */
  entity?: string | null;
  entityId?: string | null;
  /** Who caused it (null: the system, e.g. a nightly job). */
  actorId?: string | null;
  /**
   * Makes a repeat for the same person a no-op, for senders that may run twice (jobs run at least
   * once), e.g. `pool.recycle_warning:<customerId>:<date>`.
   */
  dedupeKey?: string | null;
}

/**
 * Sends an in-app notification to each of `userIds`, inside the caller's transaction: it exists
 * only if the change it announces commits. Takes any ctx with `db` and `clock` — a use case's ctx
 * or a job's. Returns how many rows were added. Channel-agnostic: the row is the message; e-mail or
 * WeCom delivery (issue 5's outbox) will be added per row, with per-user preferences, here.
 */
export async function notify(ctx: { db: Kysely<DB>; clock: Clock }, input: NotifyInput): Promise<number> {
  // Wrong kinds or params are programming errors, caught by the sender's tests, not user input.
  const kind = notificationKindSchema.parse(input.kind);
  const params = notificationParamsSchema.parse(input.params ?? {});
  if (input.link != null && !input.link.startsWith('/'))
    throw new Error(`notification link must be a path: ${input.link}`);
  const recipients = await activeUserIds(ctx.db, [...new Set(input.userIds)]);
  return insertNotifications(
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
      at: ctx.clock.now(),
    },
  );
}
