import { type DB, newId } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import type { OwnershipKind } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { insertCustomerAudits, insertHistory, type UserRef } from '../ownership.repository';

export interface OwnershipChange {
  customerId: string;
  from: UserRef | null;
  to: UserRef | null;
  /** More facts for the audit entry's `before` (e.g. the collaborators a recycle dropped). */
  before?: Record<string, unknown>;
}

/** What writing records needs: a use case's ctx, or a job's (no request, no actor). */
export interface RecordCtx {
  db: Kysely<DB>;
  clock: Clock;
  requestId?: string | null;
  ip?: string | null;
}

/**
 * The two records every change of owner leaves, in set-based statements: a history row (the
 * customer's ownership history, and for releases and recycles the reclaim cooldown) and an audit
 * entry per customer (its history tab and the audit log), in the caller's transaction.
 */
export async function recordOwnershipChanges(
  ctx: RecordCtx,
  kind: OwnershipKind,
  changes: readonly OwnershipChange[],
  opts: { reason: string; actorId: string | null; audit?: boolean },
): Promise<void> {
  if (changes.length === 0) return;
  const at = ctx.clock.now();
  await insertHistory(
    ctx.db,
    changes.map((c) => ({
      id: newId(),
      customerId: c.customerId,
      kind,
      fromUserId: c.from?.id ?? null,
      toUserId: c.to?.id ?? null,
      reason: opts.reason,
      actorId: opts.actorId,
      at,
    })),
  );
  // A caller that audits the whole change itself (the customer form) asks for the history row only.
  if (opts.audit === false) return;
  await insertCustomerAudits(
    ctx.db,
    changes.map((c) => ({
      id: newId(),
      at,
      actorId: opts.actorId,
      action: `customer.${kind}`,
      entityId: c.customerId,
      before: { owner: c.from, ...(c.before ?? {}) },
      after: { owner: c.to, ...(opts.reason ? { reason: opts.reason } : {}) },
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    })),
  );
}

/** "宁波怡信、杭州华东 等 12 家": a few names for a summary message, the count says the rest. */
export function sampleNames(names: readonly string[], max = 3): string {
  return names.slice(0, max).join('、');
}
