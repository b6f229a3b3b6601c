import type { outboxItemSchema } from '@weixi/shared';
import type { z } from 'zod';
import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../../engagement/engagement.policy';
import { outboxDeliverJob } from '../outbox.jobs';
import { presentOutboxItem } from '../outbox.presenter';
import { findOutbox, requeueFailed } from '../outbox.repository';
import { recordAudit } from './record-audit';

/**
 * Gives one e-mail that failed for good another full round of attempts (administrators, once the
 * address or the mail server is fixed), and queues delivery so it goes out now rather than with the
 * next minute's run. Its last error stays visible until the next attempt replaces it; who retried
 * it, and the attempts and error it had, go to the audit log — the table has no column for either,
 * and the audit log is where the history of every write is read anyway.
 */
export async function retryOutbox(ctx: Ctx, id: string): Promise<z.infer<typeof outboxItemSchema>> {
  // Retrying needs nothing beyond seeing the outbox: whoever can tell a message failed may resend it.
  assertCan(ctx.actor, 'read_outbox');
  const before = await findOutbox(ctx.db, id);
  if (!before) throw notFound('Outbox message');
  const notFailed = (state: string) =>
    new AppError('outbox_not_failed', `Only a failed message can be retried; this one is ${state}`);
  if (before.status !== 'failed') throw notFailed(before.status);
  const now = ctx.clock.now();
  const row = await requeueFailed(ctx.db, id, now);
  // Someone else retried it between the read and the update: the caller's view is stale.
  if (!row) throw notFailed('already requeued');
  await recordAudit(ctx, {
    action: 'outbox.retry',
    entity: 'outbox',
    entityId: id,
    before: { status: before.status, attempts: before.attempts, lastError: before.last_error },
    after: { status: row.status, attempts: row.attempts, nextAttemptAt: now.toISOString() },
  });
  // In the request's transaction: the job exists only if the requeue commits.
  await ctx.jobs?.send(outboxDeliverJob, {}, { db: ctx.db });
  return presentOutboxItem(row);
}
