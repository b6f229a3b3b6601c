import type { DB } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import { emailConfigured, sendEmail } from '../mailer';
import { claimDue, markAttemptFailed, markSent } from '../outbox.repository';

export interface DeliverCtx {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'SMTP_URL' | 'SMTP_FROM'>;
  signal?: AbortSignal;
}

export interface DeliverResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** Waits after the 1st … 5th failed attempt; the 6th failure is final. */
export const retryDelaysMinutes = [1, 5, 30, 120, 720] as const;
export const maxAttempts = retryDelaysMinutes.length + 1;
/** Claimed at a time: a slow server holds back only a few messages from other workers. */
const batchSize = 10;
/** Long enough for a batch against a slow server; a worker that died mid-send is retried after it. */
const leaseMs = 10 * 60_000;
const errorMax = 1000;

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, errorMax);
  const code = (err as Error & { responseCode?: number }).responseCode;
  return (code ? `${code} ${err.message}` : err.message).slice(0, errorMax);
}

/**
 * Sends the e-mails that are due (the outbox.deliver job): claims a few at a time — no other
 * worker can claim them meanwhile — sends each over SMTP and records the outcome: sent, or the
 * error with the next attempt backed off (1 min, 5 min, 30 min, 2 h, 12 h), failed for good after
 * the 6th attempt. Messages are sent at least once: only a worker dying between the server's
 * acceptance and the record of it sends one twice. Without SMTP_URL nothing is sent (rows wait).
 */
export async function deliverOutbox(ctx: DeliverCtx, { maxMessages = 500 } = {}): Promise<DeliverResult> {
  const result: DeliverResult = { sent: 0, retrying: 0, failed: 0 };
  if (!emailConfigured(ctx.config)) return result;
  while (result.sent + result.retrying + result.failed < maxMessages) {
    ctx.signal?.throwIfAborted();
    const now = ctx.clock.now();
    const claimed = await claimDue(ctx.db, now, new Date(now.getTime() + leaseMs), batchSize);
    if (claimed.length === 0) break;
    for (const row of claimed) {
      try {
        await sendEmail(ctx.config, { to: row.recipient, subject: row.subject, text: row.body });
        await markSent(ctx.db, row.id, ctx.clock.now());
        result.sent += 1;
      } catch (err) {
        const delay = retryDelaysMinutes[row.attempts - 1];
        const retryAt =
          row.attempts < maxAttempts && delay !== undefined
            ? new Date(ctx.clock.now().getTime() + delay * 60_000)
            : null;
        await markAttemptFailed(ctx.db, row.id, describe(err), retryAt);
        if (retryAt) result.retrying += 1;
        else result.failed += 1;
      }
    }
  }
  return result;
}
