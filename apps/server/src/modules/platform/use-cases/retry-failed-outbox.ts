import { newId } from '@weixi/db';
import type { RetryFailedOutboxResponse } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../../engagement/engagement.policy';
import { insertAudits } from '../audit.repository';
import { outboxDeliverJob } from '../outbox.jobs';
import { requeueAllFailed } from '../outbox.repository';

/**
 * Gives every e-mail that failed for good another full round of attempts, as retryOutbox does one
 * (typically after the mail server was down or misconfigured for a while). Each message gets its own
 * audit entry, so the history of one message shows this retry as it would a single one. The list's
 * only filter is the status, and only failed messages can be retried, so this takes no filter.
 */
export async function retryFailedOutbox(ctx: Ctx): Promise<RetryFailedOutboxResponse> {
  assertCan(ctx.actor, 'read_outbox');
  const now = ctx.clock.now();
  const requeued = await requeueAllFailed(ctx.db, now);
  if (requeued.length === 0) return { requeued: 0 };
  await insertAudits(
    ctx.db,
    requeued.map((r) => ({
      id: newId(),
      at: now,
      actor_id: ctx.actor.id,
      action: 'outbox.retry',
      entity: 'outbox',
      entity_id: r.id,
      before: { status: 'failed', attempts: r.attempts, lastError: r.last_error },
      after: { status: 'pending', attempts: 0, nextAttemptAt: now.toISOString(), all: true },
      request_id: ctx.requestId,
      ip: ctx.ip,
    })),
  );
  // One delivery run takes up to 500 messages; the every-minute run sends any beyond that.
  await ctx.jobs?.send(outboxDeliverJob, {}, { db: ctx.db });
  return { requeued: requeued.length };
}
