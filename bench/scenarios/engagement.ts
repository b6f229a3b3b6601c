// Issue 5's figures: a customer timeline page of 50 (p95 < 20 ms), "due today" for one account
// manager and for a department of ~50 (p95 < 30 ms) — HTTP load on the app beside the bare
// baseline's hand-written SQL (bench/baselines/bare-server.ts) — and recomputing every due date
// after a cadence change (< 30 s): the application's recompute job code, called in-process, beside
// one hand-written UPDATE in the same run.
import { type DB, openDatabase } from '@weixi/db';
import { timelineKinds } from '@weixi/shared';
import { type Kysely, sql } from 'kysely';
import { timelineStatement } from '../../apps/server/src/modules/engagement/timeline.repository';
import { recomputeFollowUps } from '../../apps/server/src/modules/engagement/use-cases/recompute-follow-ups';
import { type BenchUser, type DatasetTarget, pgUrl } from '../generate';
import { ensureInteractions } from '../generate-interactions';
import { median } from '../lib/load';
import type { CaseResult, Check, EngineName } from '../lib/report';
import type { BenchSession } from '../lib/servers';
import type { Cast, HttpCase } from './http';

type Log = (m: string) => void;

/** Five interactions per customer: 5,000,000 on the 1M archive, 500,000 on the 100,000 one. */
export const interactionsPerCustomer = 5;

export async function prepareEngagement(
  db: Kysely<DB>,
  target: DatasetTarget,
  log: Log,
): Promise<CaseResult> {
  const { marker, reused } = await ensureInteractions(db, {
    target: target.customers * interactionsPerCustomer,
    engine: target.engine,
    now: new Date(),
    log,
  });
  return {
    scenario: 'generate',
    engine: target.engine,
    label: `${marker.interactions.toLocaleString('en')} interactions, ${marker.visits.toLocaleString('en')} visits, ${marker.tasks.toLocaleString('en')} tasks`,
    app: { runs: [marker.seconds], median: marker.seconds, unit: 's' },
    bare: null,
    ratio: null,
    checks: [],
    extra: { reused, phases: marker.phases, generatedAt: marker.generatedAt },
  };
}

export interface EngagementCast {
  /** Customers of the cast's account managers with the most interactions, and their owners. */
  timeline: { customerId: string; owner: BenchUser; interactions: number }[];
  /** The region manager whose subtree holds closest to 50 account managers. */
  team: { manager: BenchUser; accountManagers: number; dueToday: number };
  dueTodayPerAccountManager: number;
  /** How PostgreSQL reads each table of the timeline statement: first page and a later one. */
  timelinePlan: { firstPage: Record<string, string>; laterPage: Record<string, string> };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Each table the statement reads and how ("Index Scan using interaction_customer"). */
async function scansOf(db: Kysely<DB>, statement: ReturnType<typeof timelineStatement>) {
  if (!statement) return {};
  const { rows } = await sql<{
    'QUERY PLAN': { Plan: PlanNode }[];
  }>`explain (format json) ${statement}`.execute(db);
  const out: Record<string, string> = {};
  const walk = (n: PlanNode) => {
    // A bitmap scan names its index on the child node.
    const index =
      n['Index Name'] ?? n.Plans?.find((c) => c['Node Type'] === 'Bitmap Index Scan')?.['Index Name'];
    if (n['Relation Name']) out[n['Relation Name']] = `${n['Node Type']}${index ? ` using ${index}` : ''}`;
    for (const child of n.Plans ?? []) walk(child);
  };
  const plan = rows[0]?.['QUERY PLAN'];
  if (plan?.[0]) walk(plan[0].Plan);
  return out;
}

export async function pickEngagementCast(db: Kysely<DB>, cast: Cast, now: Date): Promise<EngagementCast> {
  const ams = new Map(cast.accountManagers.map((u) => [u.id, u]));
  const { rows: busy } = await sql<{ id: string; owner_id: string; n: number }>`
    select c.id, c.owner_id, count(*)::int as n
    from customer c join interaction i on i.customer_id = c.id
    where c.owner_id = any(${[...ams.keys()]}::uuid[]) and c.status = 'active'
    group by c.id, c.owner_id order by n desc, c.id limit 40`.execute(db);
  if (busy.length === 0)
    throw new Error('no interactions in the bench archive: run bench/generate-interactions.ts');
  // Regions hold branches (two levels): a region manager's scope is the region and its branches.
  const { rows: teams } = await sql<{ id: string; members: number }>`
    select m.id, count(a.id)::int as members
    from app_user m
    join department sub on sub.id = m.department_id or sub.parent_id = m.department_id
    join app_user a on a.department_id = sub.id and a.role = 'account_manager' and a.status = 'active'
    where m.id = any(${cast.regionManagers.map((u) => u.id)}::uuid[])
    group by m.id`.execute(db);
  const best = [...teams].sort((a, b) => Math.abs(a.members - 50) - Math.abs(b.members - 50))[0];
  const manager = cast.regionManagers.find((u) => u.id === best?.id);
  if (!best || !manager) throw new Error('the bench archive has no region manager with account managers');
  const today = sql`(${now}::timestamptz at time zone 'Asia/Shanghai')::date`;
  const window = sql`f.due_at >= timezone('Asia/Shanghai', ${today}::timestamp)
    and f.due_at < timezone('Asia/Shanghai', (${today} + 1)::timestamp)`;
  const { rows: due } = await sql<{ team: number; mine: number }>`
    select
      (select count(*)::int from customer_follow_up f join app_user a on a.id = f.owner_id
        join department sub on sub.id = a.department_id
        join app_user m on m.id = ${manager.id} and (sub.id = m.department_id or sub.parent_id = m.department_id)
        where ${window}) as team,
      (select count(*)::int from customer_follow_up f
        where f.owner_id = any(${[...ams.keys()]}::uuid[]) and ${window}) as mine`.execute(db);
  const query = { kinds: timelineKinds, limit: 51, timeZone: 'Asia/Shanghai' };
  const busiest = busy[0]!.id;
  const { rows: middle } = await sql<{ at: string; id: string }>`
    select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id::text
    from interaction where customer_id = ${busiest} order by occurred_at desc, id desc offset ${Math.floor(busy[0]!.n / 2)} limit 1`.execute(
    db,
  );
  const timelinePlan = {
    firstPage: await scansOf(db, timelineStatement(busiest, { ...query, after: null })),
    laterPage: middle[0]
      ? await scansOf(
          db,
          timelineStatement(busiest, {
            ...query,
            after: { at: middle[0].at, key: `interaction:${middle[0].id}` },
          }),
        )
      : {},
  };
  return {
    timelinePlan,
    timeline: busy.map((r) => ({ customerId: r.id, owner: ams.get(r.owner_id)!, interactions: r.n })),
    team: { manager, accountManagers: best.members, dueToday: due[0]?.team ?? 0 },
    dueTodayPerAccountManager: Math.round((due[0]?.mine ?? 0) / ams.size),
  };
}

const check = (name: string, target: string, value: number, unit: string, pass: boolean): Check => ({
  name,
  target,
  value: Math.round(value * 100) / 100,
  unit,
  pass,
});

export function engagementCases(
  engine: EngineName,
  cast: Cast,
  picks: EngagementCast,
  sessions: Map<string, BenchSession>,
): HttpCase[] {
  const s = (u: BenchUser) => {
    const session = sessions.get(u.id);
    if (!session) throw new Error(`no session for ${u.email}`);
    return { cookie: session.headers.cookie! };
  };
  const pg = engine === 'postgres';
  const p95 = (ms: number) => (app: { p95: number }) =>
    pg ? [check('p95', `< ${ms} ms`, app.p95, 'ms', app.p95 < ms)] : [];
  const most = picks.timeline[0]!.interactions;
  const least = picks.timeline.at(-1)!.interactions;
  return [
    {
      scenario: 'timeline',
      label: `customer timeline, 50 items, as its owner (${picks.timeline.length} customers with ${least}–${most} interactions)`,
      connections: 4,
      requests: picks.timeline.map((t) => ({
        path: `/api/v1/customers/${t.customerId}/timeline?limit=50`,
        headers: s(t.owner),
      })),
      checks: p95(20),
      extra: { plan: picks.timelinePlan },
    },
    {
      // The latency one person sees when nothing else competes for the two cores: the four
      // connections above measure a saturated machine (server, database and load generator on
      // two cores), where the time is mostly queueing.
      scenario: 'timeline',
      label: `customer timeline, 50 items, as its owner, one request at a time (same customers)`,
      connections: 1,
      requests: picks.timeline.map((t) => ({
        path: `/api/v1/customers/${t.customerId}/timeline?limit=50`,
        headers: s(t.owner),
      })),
      checks: p95(20),
    },
    {
      scenario: 'due',
      label: `due today, 50 rows, as that account manager (~${picks.dueTodayPerAccountManager} due each)`,
      connections: 4,
      requests: cast.accountManagers.map((u) => ({
        path: '/api/v1/follow-ups?view=mine&due=today&limit=50',
        headers: s(u),
      })),
      checks: p95(30),
    },
    {
      scenario: 'due',
      label: `due today, 50 rows, team view of a department of ${picks.team.accountManagers} account managers (${picks.team.dueToday} due)`,
      connections: 4,
      requests: [{ path: '/api/v1/follow-ups?view=team&due=today&limit=50', headers: s(picks.team.manager) }],
      checks: p95(30),
    },
  ];
}

// ---------- recompute ----------

const defaultDays: Record<string, number> = { A: 30, B: 90, C: 90, D: 180 };
const targetSeconds = 30;

async function setFollowUpDays(db: Kysely<DB>, days: Record<string, number>): Promise<void> {
  for (const [grade, d] of Object.entries(days))
    await sql`update grade_service_standard set follow_up_days = ${d} where grade = ${grade}`.execute(db);
}

/**
 * The baseline: one statement over the same table, the database's one-customer rule function,
 * only rows whose value changes.
 */
async function handUpdate(db: Kysely<DB>): Promise<number> {
  const r = await sql`update customer_follow_up f
    set due_at = follow_up_due_at(c.status, c.grade, c.category, c.created_at, c.last_follow_up_at,
      c.last_owner_contact_at)
    from customer c
    where c.id = f.customer_id and f.due_at is distinct from follow_up_due_at(c.status, c.grade, c.category,
      c.created_at, c.last_follow_up_at, c.last_owner_contact_at)`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

async function stale(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n
    from customer c join customer_follow_up f on f.customer_id = c.id
    where f.due_at is distinct from follow_up_due_at(c.status, c.grade, c.category, c.created_at,
      c.last_follow_up_at, c.last_owner_contact_at)`.execute(db);
  return rows[0]?.n ?? -1;
}

/**
 * Changes B's cadence (90 ↔ 60 days) and brings every due date in line, alternately with the
 * application's recompute (the engagement.recompute-follow-ups job's code) and with the
 * hand-written UPDATE, each moving the same customers. The archive ends as it began: default
 * standards, every due date consistent with them.
 */
export async function runRecomputeCases(
  target: DatasetTarget,
  opts: { rounds: number; log: Log; pgliteDir?: string },
): Promise<CaseResult[]> {
  const { log } = opts;
  const database =
    target.engine === 'postgres'
      ? await openDatabase({ url: pgUrl(target.database!), poolSize: 2 })
      : await openDatabase({ dataDir: `${opts.pgliteDir ?? target.dataDir!}/pglite` });
  const db = database.db;
  try {
    await setFollowUpDays(db, defaultDays);
    await sql`delete from setting where key = 'engagement.settings'`.execute(db);
    const settled = await handUpdate(db);
    if (settled) log(`  recompute: ${settled} due dates were stale before the run (an interrupted run?)`);
    const app: number[] = [];
    const hand: number[] = [];
    const changed: number[] = [];
    let mismatches = 0;
    for (let round = 0; round < opts.rounds * 2; round++) {
      const days = { ...defaultDays, B: round % 2 === 0 ? 60 : 90 };
      await setFollowUpDays(db, days);
      // Alternate who handles which direction: app, hand, hand, app, …
      const appTurn = round % 4 === 0 || round % 4 === 3;
      const t0 = performance.now();
      if (appTurn) {
        const r = await recomputeFollowUps({ db });
        app.push((performance.now() - t0) / 1000);
        changed.push(r.updated);
        const left = await stale(db);
        mismatches += left;
        log(`  recompute: application ${app.at(-1)!.toFixed(1)} s, ${r.updated} changed, ${left} left stale`);
      } else {
        const n = await handUpdate(db);
        hand.push((performance.now() - t0) / 1000);
        changed.push(n);
        log(`  recompute: hand-written UPDATE ${hand.at(-1)!.toFixed(1)} s, ${n} changed`);
      }
    }
    await setFollowUpDays(db, defaultDays);
    await handUpdate(db);
    if (target.engine === 'postgres') await sql`vacuum analyze customer_follow_up`.execute(db);
    const { rows } = await sql<{ customers: number; interactions: number }>`
      select (select count(*) from customer where status = 'active')::int as customers,
        (select count(*) from interaction)::int as interactions`.execute(db);
    const size = rows[0]!;
    const timing = (runs: number[]) => ({
      runs: runs.map((r) => Math.round(r * 10) / 10),
      median: median(runs),
      unit: 's' as const,
    });
    const appMedian = median(app);
    return [
      {
        scenario: 'recompute',
        engine: target.engine,
        label: `${size.customers.toLocaleString('en')} active customers, ${size.interactions.toLocaleString('en')} interactions: every due date after B's cadence changes (90 ↔ 60 days)`,
        app: timing(app),
        bare: timing(hand),
        ratio: median(hand) / appMedian,
        checks:
          target.engine === 'postgres'
            ? [
                check('time', `< ${targetSeconds} s`, appMedian, 's', appMedian < targetSeconds),
                check('consistent', '0 stale due dates', mismatches, 'rows', mismatches === 0),
              ]
            : [check('consistent', '0 stale due dates', mismatches, 'rows', mismatches === 0)],
        extra: { changedPerRound: changed, mismatches },
      },
    ];
  } finally {
    await database.close();
  }
}
