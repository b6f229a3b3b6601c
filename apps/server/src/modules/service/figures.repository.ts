import type { DB } from '@weixi/db';
import type { FiguresGrouping } from '@weixi/shared';
import { type Kysely, type RawBuilder, sql } from 'kysely';

// The only file the service figures and the root-cause report read the database through.

type Db = Kysely<DB>;

/** Whose tickets count: everyone's, these departments' members' (and the actor's own), or one person's. */
export type FiguresReach =
  | { kind: 'all' }
  | { kind: 'team'; userId: string; departmentIds: readonly string[] }
  | { kind: 'own'; userId: string };

export interface FiguresFilter {
  /** Business dates (inclusive), read in `timeZone`. */
  from: string;
  to: string;
  timeZone: string;
  kind?: string | undefined;
  channel?: string | undefined;
  reach: FiguresReach;
}

export interface FiguresAggregate {
  key: string;
  label: string;
  tickets: number;
  first_response_median_ms: number | null;
  resolution_median_ms: number | null;
  decided: number;
  breached: number;
  resolved_once: number;
  reopened: number;
  responses: number;
  csat_answered: number;
  csat_satisfied: number;
  nps_answered: number;
  promoters: number;
  detractors: number;
}

function reachWhere(reach: FiguresReach, ownerColumn: RawBuilder<unknown>) {
  if (reach.kind === 'all') return sql`true`;
  if (reach.kind === 'own' || reach.departmentIds.length === 0) return sql`${ownerColumn} = ${reach.userId}`;
  return sql`(${ownerColumn} = ${reach.userId} or ${ownerColumn} in
    (select u.id from app_user u where u.department_id = any(${[...reach.departmentIds]}::uuid[])))`;
}

/** [from 00:00, the day after `to` 00:00) in the business time zone, as instants. */
function period(column: RawBuilder<unknown>, f: { from: string; to: string; timeZone: string }) {
  return sql`${column} >= (${f.from}::date)::timestamp at time zone ${f.timeZone}
    and ${column} < ((${f.to}::date) + 1)::timestamp at time zone ${f.timeZone}`;
}

/** The group key and its label per grouping; 'none' for tickets without an owner, team or category. */
function groupColumns(groupBy: FiguresGrouping | null, timeZone: string) {
  switch (groupBy) {
    case 'agent':
      return { key: sql`coalesce(t.owner_id::text, 'none')`, label: sql`coalesce(o.name, '')` };
    case 'team':
      return { key: sql`coalesce(o.department_id::text, 'none')`, label: sql`coalesce(d.name, '')` };
    case 'category':
      return { key: sql`coalesce(t.category_id::text, 'none')`, label: sql`coalesce(tc.name, '')` };
    case 'month': {
      const month = sql`to_char(t.received_at at time zone ${timeZone}, 'YYYY-MM')`;
      return { key: month, label: month };
    }
    default:
      return { key: sql`'total'`, label: sql`''` };
  }
}

/**
 * Ticket figures per group (or, with `groupBy` null, one row of totals), every number an SQL
 * aggregate over the tickets received in the period:
 * - medians by percentile_cont (nulls ignored: unanswered / unresolved tickets do not count),
 *   of wall-clock time from receipt — business-hours time would need the calendar walk per
 *   ticket; wall time is what the customer waited, and is what these figures report;
 * - breaches among decided tickets: breached either target, or resolved/closed (both met);
 * - reopens among tickets resolved at least once (now resolved or closed, or reopened since);
 * - survey answers joined by survey_response.ticket_id, summed per ticket first so a ticket's
 *   several responses do not multiply its other counts.
 */
export async function aggregateFigures(
  db: Db,
  f: FiguresFilter,
  groupBy: FiguresGrouping | null,
): Promise<FiguresAggregate[]> {
  const g = groupColumns(groupBy, f.timeZone);
  const { rows } = await sql<FiguresAggregate>`
    with r as (
      select sr.ticket_id,
        count(*) as n,
        count(sr.csat) as csat_n,
        count(*) filter (where sr.csat >= 4) as csat_ok,
        count(sr.nps) as nps_n,
        count(*) filter (where sr.nps >= 9) as promoters,
        count(*) filter (where sr.nps <= 6) as detractors
      from survey_response sr join ticket t on t.id = sr.ticket_id
      where ${period(sql`t.received_at`, f)}
      group by sr.ticket_id
    )
    select ${g.key} as key, ${g.label} as label,
      count(*)::int as tickets,
      percentile_cont(0.5) within group (order by extract(epoch from (t.first_response_at - t.received_at)) * 1000)
        as first_response_median_ms,
      percentile_cont(0.5) within group (order by extract(epoch from (t.resolved_at - t.received_at)) * 1000)
        as resolution_median_ms,
      count(*) filter (where t.first_response_breached or t.resolution_breached
        or t.status in ('resolved', 'closed'))::int as decided,
      count(*) filter (where t.first_response_breached or t.resolution_breached)::int as breached,
      count(*) filter (where t.status in ('resolved', 'closed') or t.reopen_count > 0)::int as resolved_once,
      count(*) filter (where t.reopen_count > 0)::int as reopened,
      coalesce(sum(r.n), 0)::int as responses,
      coalesce(sum(r.csat_n), 0)::int as csat_answered,
      coalesce(sum(r.csat_ok), 0)::int as csat_satisfied,
      coalesce(sum(r.nps_n), 0)::int as nps_answered,
      coalesce(sum(r.promoters), 0)::int as promoters,
      coalesce(sum(r.detractors), 0)::int as detractors
    from ticket t
    left join app_user o on o.id = t.owner_id
    left join department d on d.id = o.department_id
    left join ticket_category tc on tc.id = t.category_id
    left join r on r.ticket_id = t.id
    where ${period(sql`t.received_at`, f)}
      and ${f.kind ? sql`t.kind = ${f.kind}` : sql`true`}
      and ${f.channel ? sql`t.channel = ${f.channel}` : sql`true`}
      and ${reachWhere(f.reach, sql`t.owner_id`)}
    ${groupBy ? sql`group by 1, 2 order by 2, 1` : sql``}`.execute(db);
  return rows.map((row) => ({
    ...row,
    // float8 from percentile_cont; some drivers hand numerics back as text.
    first_response_median_ms:
      row.first_response_median_ms === null ? null : Number(row.first_response_median_ms),
    resolution_median_ms: row.resolution_median_ms === null ? null : Number(row.resolution_median_ms),
  }));
}

export interface RootCauseCount {
  id: string;
  name: string;
  period: string;
  n: number;
}

const bucketFormat = { month: 'YYYY-MM', week: 'YYYY-MM-DD' } as const;

/** The periods from `from` to `to`: months (YYYY-MM), or weeks named by their Monday. */
export async function reportPeriods(
  db: Db,
  f: { from: string; to: string },
  bucket: 'month' | 'week',
): Promise<string[]> {
  const { rows } = await sql<{ p: string }>`
    select to_char(g, ${bucketFormat[bucket]}) as p
    from generate_series(date_trunc(${bucket}, ${f.from}::date::timestamp), ${f.to}::date::timestamp,
      ${`1 ${bucket}`}::interval) g
    order by g`.execute(db);
  return rows.map((r) => r.p);
}

/** Closed tickets with a root cause, per cause and period of closing (business time zone). */
export async function rootCauseCounts(
  db: Db,
  f: { from: string; to: string; timeZone: string; reach: FiguresReach },
  bucket: 'month' | 'week',
): Promise<RootCauseCount[]> {
  const { rows } = await sql<RootCauseCount>`
    select rc.id, rc.name,
      to_char(date_trunc(${bucket}, t.closed_at at time zone ${f.timeZone}), ${bucketFormat[bucket]}) as period,
      count(*)::int as n
    from ticket t join root_cause rc on rc.id = t.root_cause_id
    where t.status = 'closed' and ${period(sql`t.closed_at`, f)}
      and ${reachWhere(f.reach, sql`t.owner_id`)}
    group by 1, 2, 3`.execute(db);
  return rows;
}
