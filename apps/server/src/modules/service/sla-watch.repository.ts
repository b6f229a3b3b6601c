import type { DB } from '@weixi/db';
import { addBusinessTime, type BusinessCalendar, SlaHorizonError } from '@weixi/domain';
import { type Kysely, sql } from 'kysely';

// The only file the SLA watch (service.sla-watch) reads and marks tickets through.

type Db = Kysely<DB>;

export type SlaClock = 'first_response' | 'resolution';

export interface SlaHit {
  id: string;
  number: string;
  subject: string;
  kind: string;
  important: boolean;
  owner_id: string | null;
  owner_name: string | null;
  customer_name: string;
  due_at: Date;
}

/**
 * The columns of each clock. Fixed here, never from input: they are spliced into the statements.
 * The first-response clock runs until the first reply; the resolution clock while the ticket is open.
 */
const clocks = {
  first_response: {
    due: 'first_response_due_at',
    target: 'first_response_target_ms',
    mode: 'first_response_mode',
    warned: 'first_response_warned_at',
    breached: 'first_response_breached',
    escalated: 'first_response_escalated_at',
    running: 't.first_response_at is null',
  },
  resolution: {
    due: 'resolution_due_at',
    target: 'resolution_target_ms',
    mode: 'resolution_mode',
    warned: 'resolution_warned_at',
    breached: 'resolution_breached',
    escalated: 'resolution_escalated_at',
    running: 'true',
  },
} as const;

const returning = sql`t.id, t.number::text as number, t.subject, t.kind, t.important, t.owner_id,
  (select o.name from app_user o where o.id = t.owner_id) as owner_name, c.name as customer_name`;

/**
 * At most this many tickets per clock and kind of notice in one run (every minute), earliest
 * deadline first. Steady state is a handful a minute; the cap is for a backlog — the first run
 * after tickets were imported, or after the workers were down — which would otherwise be one
 * transaction too long to finish before the job expires, retried and rolled back for ever.
 */
export const slaWatchBatch = 500;

/** Open, not waiting on the customer (a paused clock does not run; resuming moves its deadline). */
const open = sql`t.status in ('new', 'acknowledged', 'in_progress') and t.waiting_since is null`;

/**
 * Marks, and returns, the tickets whose `clock` deadline is near and whose owner has not been
 * warned: one conditional UPDATE, so of two workers (or a re-run) only one gets each row back.
 *
 * "Near" is when the set share of the target, or less, is left — counted as the ticket's clock
 * counts. In calendar mode that is wall-clock time before the deadline. In business mode only
 * working hours count: a deadline at 09:30 on Monday with a 96-minute warning share is near from
 * 16:54 on Friday, not from 07:54 on Monday, before anyone is at work to act on it. Counted time
 * left only shrinks as the deadline comes closer, so "at most W of working time left" is "due no
 * later than the instant W of working time from now": one instant per distinct target (a handful
 * of policies), worked out here from the business calendar and compared in the same statement.
 * A deadline already past gets no warning: the breach notice follows in the same run.
 */
export async function markWarnings(
  db: Db,
  clock: SlaClock,
  now: Date,
  warnBeforePercent: number,
  calendar: BusinessCalendar,
  limit = slaWatchBatch,
): Promise<SlaHit[]> {
  const c = clocks[clock];
  const pending = sql`${open} and ${sql.raw(c.running)} and t.${sql.ref(c.warned)} is null
      and t.${sql.ref(c.escalated)} is null and t.${sql.ref(c.due)} > ${now}`;
  const share = (targetMs: number) => Math.max(1, Math.round((targetMs * warnBeforePercent) / 100));
  const { rows: targets } = await sql<{
    target: string;
  }>`select distinct t.${sql.ref(c.target)}::text as target
    from ticket t where ${pending} and t.${sql.ref(c.mode)} = 'business'`.execute(db);
  const targetMs = targets.map((r) => Number(r.target));
  const nearFrom = targetMs.map((ms) => {
    try {
      return addBusinessTime(now, share(ms), calendar).toISOString();
    } catch (err) {
      // Less working time than the share in the whole look-ahead (a calendar with no working
      // hours left): every open deadline in it is near.
      if (err instanceof SlaHorizonError) return 'infinity';
      throw err;
    }
  });
  const near = sql`(t.${sql.ref(c.mode)} = 'calendar'
      and t.${sql.ref(c.due)} - ((t.${sql.ref(c.target)} * ${warnBeforePercent})::float8 / 100)
        * interval '1 millisecond' <= ${now})
    or (t.${sql.ref(c.mode)} = 'business' and t.${sql.ref(c.due)} <= (select x.near_from
      from unnest(${targetMs}::bigint[], ${nearFrom}::timestamptz[]) as x(target_ms, near_from)
      where x.target_ms = t.${sql.ref(c.target)}))`;
  // The batch is chosen in a subquery and the conditions checked again on each row updated, so a
  // row another run marked meanwhile is skipped, not warned twice.
  const { rows } = await sql<SlaHit>`
    update ticket t set ${sql.ref(c.warned)} = ${now}
    from customer c
    where c.id = t.customer_id and ${pending} and (${near})
      and t.id in (select t.id from ticket t where ${pending} and (${near})
        order by t.${sql.ref(c.due)}, t.id limit ${limit})
    returning ${returning}, t.${sql.ref(c.due)} as due_at`.execute(db);
  return rows;
}

/**
 * Marks as breached and escalated, and returns, the tickets whose `clock` deadline has passed and
 * that were not escalated yet: conditional on `escalated_at is null`, so each breach is escalated
 * exactly once whatever runs concurrently. The ticket's version is not touched: these are the
 * job's bookkeeping, and an agent's edit in progress should not fail over them.
 */
export async function markBreaches(
  db: Db,
  clock: SlaClock,
  now: Date,
  limit = slaWatchBatch,
): Promise<SlaHit[]> {
  const c = clocks[clock];
  const due = sql`t.${sql.ref(c.escalated)} is null and t.${sql.ref(c.due)} <= ${now}`;
  const { rows } = await sql<SlaHit>`
    update ticket t set ${sql.ref(c.breached)} = true, ${sql.ref(c.escalated)} = ${now}
    from customer c
    where c.id = t.customer_id and ${open} and ${sql.raw(c.running)} and ${due}
      and t.id in (select t.id from ticket t where ${open} and ${sql.raw(c.running)} and ${due}
        order by t.${sql.ref(c.due)}, t.id limit ${limit})
    returning ${returning}, t.${sql.ref(c.due)} as due_at`.execute(db);
  return rows;
}

/**
 * The owner's manager(s): active department managers of the owner's department, or of the nearest
 * ancestor department that has one (the owner themselves excluded, so a manager who owns a ticket
 * escalates to the manager above).
 */
export async function ownerManagers(db: Db, ownerId: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`
    with recursive up(id, parent_id, depth) as (
      select d.id, d.parent_id, 0 from department d join app_user o on o.department_id = d.id
      where o.id = ${ownerId}
      union all
      select d.id, d.parent_id, up.depth + 1 from department d join up on d.id = up.parent_id
      where up.depth < 64
    ), managers as (
      select u.id, up.depth from app_user u join up on u.department_id = up.id
      where u.role = 'department_manager' and u.status = 'active' and u.id <> ${ownerId}
    )
    select id from managers where depth = (select min(depth) from managers) order by id`.execute(db);
  return rows.map((r) => r.id);
}

/** Management: every active executive. */
export async function executives(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'executive')
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
