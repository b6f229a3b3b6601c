import type { DB } from '@weixi/db';
import { qualifiesForFollowUp } from '@weixi/domain';
import { interactionChannels } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { serviceStandards } from '../../grading/use-cases/service-standards';
import {
  batchEnds,
  countCustomers,
  recomputeDue,
  refreshLastFollowUp,
  requalifyInbound,
} from '../follow-ups.repository';
import { readEngagementSettings } from './read-engagement-settings';

export interface RecomputeCtx {
  db: Kysely<DB>;
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface RecomputeResult {
  /** Interactions whose "qualifies" flag changed with countInbound. */
  customersRequalified: number;
  /** Customers whose due time changed. */
  updated: number;
  scanned: number;
  /** Times the rules changed while running, so the run went round again. */
  reruns: number;
}

/** Customers per transaction: big enough to be set-based, small enough to hold locks briefly. */
const batchSize = 50_000;
const refreshBatch = 5_000;
/** Batches in flight at once: the database's cores, not the job's, do the work. */
const parallelBatches = 2;
const maxRounds = 3;

/** Inbound contacts that do not qualify by themselves: the ones countInbound decides. */
const remoteChannels = interactionChannels.filter(
  (channel) => !qualifiesForFollowUp({ channel, direction: 'inbound' }, { countInbound: false }),
);

async function rulesFingerprint(db: Kysely<DB>): Promise<string> {
  const [standards, settings] = await Promise.all([serviceStandards({ db }), readEngagementSettings({ db })]);
  return JSON.stringify({
    days: standards.map((s) => [s.grade, s.followUpDays]),
    keyContactDays: settings.keyContactDays,
    countInbound: settings.countInbound,
  });
}

/**
 * Brings every active customer's follow-up due date in line with the current standards and
 * settings (decision 011), after an administrator changed them:
 *  1. whether remote inbound interactions qualify is re-derived from countInbound — the setting
 *     applies to the history too, not only to interactions logged from now on — and the affected
 *     customers' last follow-up is recomputed from their interactions;
 *  2. every customer's due time is recomputed by the database's rule in id ranges, one
 *     transaction each, writing only rows whose value changes.
 * If the rules change again while it runs (a second edit whose job was folded into this one), it
 * goes round again, so the last change always wins. Idempotent: a retry redoes only what is left.
 */
export async function recomputeFollowUps(ctx: RecomputeCtx): Promise<RecomputeResult> {
  const result: RecomputeResult = { customersRequalified: 0, updated: 0, scanned: 0, reruns: 0 };
  let fingerprint = await rulesFingerprint(ctx.db);
  for (let round = 0; round < maxRounds; round++) {
    const { countInbound } = await readEngagementSettings(ctx);
    const requalified = await ctx.db
      .transaction()
      .execute((trx) => requalifyInbound(trx, remoteChannels, countInbound));
    result.customersRequalified += requalified.length;
    for (let i = 0; i < requalified.length; i += refreshBatch) {
      ctx.signal?.throwIfAborted();
      await refreshLastFollowUp(ctx.db, requalified.slice(i, i + refreshBatch));
    }

    const total = await countCustomers(ctx.db);
    const ends = await batchEnds(ctx.db, batchSize);
    const ranges = [...ends, null].map((upTo, i) => ({ after: i === 0 ? null : ends[i - 1]!, upTo }));
    let done = 0;
    ctx.progress?.(0, total);
    // Batches are disjoint id ranges, so they run side by side on PostgreSQL without waiting on
    // each other's rows (PGlite's one connection simply takes them in turn).
    const next = async (): Promise<void> => {
      for (let range = ranges.shift(); range; range = ranges.shift()) {
        ctx.signal?.throwIfAborted();
        // Read the count before adding: `x += await …` would add to the value x had before the wait.
        const updated = await recomputeDue(ctx.db, range.after, range.upTo);
        result.updated += updated;
        done = range.upTo ? done + batchSize : done + (total % batchSize);
        ctx.progress?.(Math.min(done, total), total);
      }
    };
    await Promise.all(Array.from({ length: parallelBatches }, next));
    result.scanned += total;

    const now = await rulesFingerprint(ctx.db);
    if (now === fingerprint) break;
    fingerprint = now;
    result.reruns += 1;
  }
  return result;
}
