import type { DB } from '@weixi/db';
import { type Clock, escalationTargets } from '@weixi/domain';
import type { TicketKind } from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { notify } from '../../platform/notify';
import {
  executives,
  markBreaches,
  markWarnings,
  ownerManagers,
  type SlaClock,
  type SlaHit,
} from '../sla-watch.repository';
import { readServiceSettings } from './read-service-settings';

export interface WatchSlaCtx {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  jobs?: Pick<JobQueue, 'send'> | undefined;
}

export interface WatchSlaResult {
  warned: number;
  breached: number;
  notified: number;
}

const slaClocks: readonly SlaClock[] = ['first_response', 'resolution'];

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone, kept.
const minuteFormatters = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-25 16:30" in the business time zone: what the owner reads as the deadline. */
export function localMinute(at: Date, timeZone: string): string {
  let f = minuteFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    minuteFormatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/**
 * The SLA watch (every minute): warns each ticket's owner once when a deadline is near, and on a
 * breach marks it, tells the owner and escalates to the owner's manager — and, for an important
 * complaint, to management (`escalationTargets`). Each ticket is marked by a conditional UPDATE
 * that only one run can win, and its notifications are sent in the same transaction, so a re-run
 * or a second worker sends nothing twice and a failed run sends nothing at all.
 */
export async function watchSla(ctx: WatchSlaCtx): Promise<WatchSlaResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const settings = await readServiceSettings({ db: trx });
    const tctx = { db: trx, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs };
    const now = ctx.clock.now();
    const tz = ctx.config.TZ_BUSINESS;
    const result: WatchSlaResult = { warned: 0, breached: 0, notified: 0 };
    const managersOf = new Map<string, string[]>();
    let management: string[] | null = null;

    const message = (t: SlaHit, clock: SlaClock, step: 'warning' | 'breached' | 'escalated', to: string[]) =>
      notify(tctx, {
        userIds: to,
        kind: `sla.${step}.${clock}`,
        params: {
          number: t.number,
          subject: t.subject,
          customer: t.customer_name,
          dueAt: localMinute(new Date(t.due_at), tz),
          owner: t.owner_name ?? '',
        },
        link: `/service/tickets/${t.id}`,
        entity: 'ticket',
        entityId: t.id,
        actorId: null,
        // Belt and braces behind the conditional UPDATE; the deadline is part of the key so a
        // deadline moved later (waiting, reopening) is announced again.
        dedupeKey: `sla:${t.id}:${clock}:${step}:${new Date(t.due_at).getTime()}`,
      });

    for (const clock of slaClocks) {
      for (const t of await markWarnings(trx, clock, now, settings.warnBeforePercent, settings.calendar)) {
        result.warned++;
        if (t.owner_id) result.notified += await message(t, clock, 'warning', [t.owner_id]);
      }
      for (const t of await markBreaches(trx, clock, now)) {
        result.breached++;
        if (t.owner_id) result.notified += await message(t, clock, 'breached', [t.owner_id]);
        const to = new Set<string>();
        for (const audience of escalationTargets({
          kind: t.kind as TicketKind,
          important: t.important,
          breached: clock,
        })) {
          if (audience === 'owner_manager' && t.owner_id) {
            let managers = managersOf.get(t.owner_id);
            if (!managers) {
              managers = await ownerManagers(trx, t.owner_id);
              managersOf.set(t.owner_id, managers);
            }
            for (const id of managers) to.add(id);
          }
          if (audience === 'management') {
            management ??= await executives(trx);
            for (const id of management) to.add(id);
          }
        }
        // The owner already has the breach notice; an executive who owns the ticket needs no second one.
        if (t.owner_id) to.delete(t.owner_id);
        if (to.size > 0) result.notified += await message(t, clock, 'escalated', [...to]);
      }
    }
    return result;
  });
}
