import type { DB } from '@weixi/db';
import { addDays, businessDate, type Clock, recycleCutoffs } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { type NotifyCtx, notify } from '../../platform/notify';
import {
  countPhase,
  type DueCustomer,
  findUsers,
  lockDue,
  markWarned,
  nextDueOwners,
  type RecyclePhase,
  removeCollaborators,
  setOwner,
} from '../ownership.repository';
import { recordOwnershipChanges, sampleNames } from './ownership-records';
import { getPoolSettings } from './pool-settings';

export interface RecyclingCtx {
  db: Kysely<DB>;
  clock: Clock;
  timeZone: string;
  progress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** For notices by e-mail too (SMTP_URL) and their prompt delivery; the job passes both. */
  config?: NotifyCtx['config'];
  jobs?: NotifyCtx['jobs'];
}

export interface RecyclingResult {
  recycled: number;
  warned: number;
  ownersRecycled: number;
  ownersWarned: number;
}

/** Owners per transaction: each owner's due customers are handled whole, so one summary each. */
const ownersPerBatch = 100;

function byOwner(rows: readonly DueCustomer[]): Map<string, DueCustomer[]> {
  const m = new Map<string, DueCustomer[]>();
  for (const r of rows) m.set(r.owner_id, [...(m.get(r.owner_id) ?? []), r]);
  return m;
}

/**
 * The daily recycling run (DOMAIN §2): customers nobody has worked on for their grade's recycle days
 * go back to the pool, and owners are warned `warnDays` before. Rules:
 *  - executives' key customers are exempt (they hold them personally); key-category customers are
 *    exempt only if the administrator says so (DOMAIN gives no exception; the setting exists for
 *    companies that want one);
 *  - a customer is recycled only after its owner was warned at least `warnDays` ago about the
 *    current silence, so an owner always gets the full week's notice — even when the silence began
 *    before this feature existed or when an administrator shortens the recycle days;
 *  - a recycled customer loses its owner and its collaborators (the next owner picks their own),
 *    keeps everything else, and its former owner counts it as given up (reclaim cooldown).
 * Set-based and batched by owner: each batch is one transaction of a few statements; every owner
 * gets one summary per run. Running it twice on the same day changes nothing the second time.
 */
export async function runPoolRecycling(ctx: RecyclingCtx): Promise<RecyclingResult> {
  const settings = await getPoolSettings(ctx);
  const now = ctx.clock.now();
  const today = businessDate(now, ctx.timeZone);
  const cutoffs = recycleCutoffs(now, ctx.timeZone, settings);
  const exemptKeyCategory = settings.exemptKeyCategory;
  const recycle: RecyclePhase = {
    kind: 'recycle',
    rule: { before: cutoffs.recycleBefore, exemptKeyCategory },
    warnedBefore: cutoffs.warnedBefore,
  };
  const warn: RecyclePhase | null =
    settings.warnDays > 0 ? { kind: 'warn', rule: { before: cutoffs.warnBefore, exemptKeyCategory } } : null;

  const total = (await countPhase(ctx.db, recycle)) + (warn ? await countPhase(ctx.db, warn) : 0);
  const result: RecyclingResult = { recycled: 0, warned: 0, ownersRecycled: 0, ownersWarned: 0 };
  const report = () => ctx.progress?.(Math.min(result.recycled + result.warned, total), total);
  report();

  // Recycle first: a customer warned in this run cannot also be recycled in it.
  let after: string | null = null;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const owners = await nextDueOwners(ctx.db, recycle, after, ownersPerBatch);
    if (owners.length === 0) break;
    after = owners.at(-1)!;
    await ctx.db.transaction().execute(async (trx) => {
      const due = await lockDue(trx, recycle, owners);
      if (due.length === 0) return;
      const ids = due.map((d) => d.id);
      const dropped = await removeCollaborators(trx, ids);
      await setOwner(trx, ids, null, null, now);
      const names = new Map((await findUsers(trx, owners)).map((u) => [u.id, u.name]));
      await recordOwnershipChanges(
        { db: trx, clock: ctx.clock },
        'recycle',
        due.map((d) => ({
          customerId: d.id,
          from: { id: d.owner_id, name: names.get(d.owner_id) ?? '' },
          to: null,
          before: {
            lastInteractionAt: new Date(d.last_interaction_at).toISOString(),
            collaboratorIds: dropped.filter((x) => x.customer_id === d.id).map((x) => x.user_id),
          },
        })),
        { reason: '', actorId: null },
      );
      for (const [ownerId, lost] of byOwner(due)) {
        await notify(
          { db: trx, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs },
          {
            userIds: [ownerId],
            kind: 'pool.recycled',
            params: { count: lost.length, names: sampleNames(lost.map((c) => c.name)) },
            link: '/grading/pool',
            entity: 'customer',
            entityId: lost.length === 1 ? lost[0]!.id : null,
          },
        );
      }
      result.recycled += due.length;
      result.ownersRecycled += byOwner(due).size;
    });
    report();
  }

  if (warn) {
    after = null;
    for (;;) {
      ctx.signal?.throwIfAborted();
      const owners = await nextDueOwners(ctx.db, warn, after, ownersPerBatch);
      if (owners.length === 0) break;
      after = owners.at(-1)!;
      await ctx.db.transaction().execute(async (trx) => {
        const due = await lockDue(trx, warn, owners);
        if (due.length === 0) return;
        await markWarned(
          trx,
          due.map((d) => d.id),
          now,
        );
        for (const [ownerId, soon] of byOwner(due)) {
          // The recycle date of the soonest one; a warning is sent only for a new silence, so this
          // key only guards against the same batch being sent twice, e.g. by a retried job.
          const dueOn = addDays(today, settings.warnDays);
          await notify(
            { db: trx, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs },
            {
              userIds: [ownerId],
              kind: 'pool.recycle_warning',
              params: {
                count: soon.length,
                names: sampleNames(soon.map((c) => c.name)),
                days: settings.warnDays,
                dueOn,
              },
              link: '/grading/pool?tab=at-risk',
              entity: 'customer',
              entityId: soon.length === 1 ? soon[0]!.id : null,
              dedupeKey: `pool.recycle_warning:${today}:${soon[0]!.id}`,
            },
          );
        }
        result.warned += due.length;
        result.ownersWarned += byOwner(due).size;
      });
      report();
    }
  }
  return result;
}
