// Issue 6's figure: the ticket queue (工单队列) — 50 open tickets, filtered by priority, soonest
// deadline first ("time to breach") — for an account manager (view=mine) and for a region
// manager's team (view=team), p95 < 30 ms on 1,000,000 tickets, beside the bare baseline's
// hand-written SQL (bench/baselines/bare-server.ts) in the same run. The plans PostgreSQL picks for
// the application's statements are recorded too: the queue must walk the partial indexes
// ticket_queue_owner / ticket_queue (migration 0011), not sort the open tickets.
import type { DB } from '@weixi/db';
import { openTicketStatuses } from '@weixi/shared';
import { type Kysely, sql } from 'kysely';
import {
  dueQueueQuery,
  type TicketFilter,
  type TicketReach,
} from '../../apps/server/src/modules/service/tickets.repository';
import type { BenchUser, DatasetTarget } from '../generate';
import { ensureTickets } from '../generate-tickets';
import type { CaseResult, Check, EngineName } from '../lib/report';
import type { BenchSession } from '../lib/servers';
import type { Cast, HttpCase } from './http';

type Log = (m: string) => void;

/** One ticket per customer: 1,000,000 on the PostgreSQL archive, 100,000 on the PGlite one. */
export const ticketsPerCustomer = 1;
/** The queue's filter in the measured requests: everything but low priority. */
export const queuePriorities = ['urgent', 'high', 'normal'] as const;

export async function prepareTickets(db: Kysely<DB>, target: DatasetTarget, log: Log): Promise<CaseResult> {
  const { marker, reused } = await ensureTickets(db, {
    target: target.customers * ticketsPerCustomer,
    engine: target.engine,
    now: new Date(),
    log,
  });
  return {
    scenario: 'generate',
    engine: target.engine,
    label: `${marker.tickets.toLocaleString('en')} tickets, ${marker.open.toLocaleString('en')} open`,
    app: { runs: [marker.seconds], median: marker.seconds, unit: 's' },
    bare: null,
    ratio: null,
    checks: [],
    extra: { reused, phases: marker.phases, generatedAt: marker.generatedAt },
  };
}

export interface TicketCast {
  /** Open tickets of each cast account manager (their queue), min and max. */
  openPerAccountManager: { min: number; max: number };
  /** The region manager whose subtree holds closest to 50 account managers, and its open tickets. */
  team: { manager: BenchUser; accountManagers: number; open: number };
  /** How PostgreSQL reads the ticket table for each statement the queue runs. */
  plans: { mine: string[]; team: string[] };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** Every scan of the statement, e.g. "Index Scan using ticket_queue_owner on ticket". */
async function scansOf(db: Kysely<DB>, query: ReturnType<typeof dueQueueQuery>): Promise<string[]> {
  const { rows } = await sql<{ 'QUERY PLAN': { Plan: PlanNode }[] }>`explain (format json) ${query}`.execute(
    db,
  );
  const out: string[] = [];
  const walk = (n: PlanNode) => {
    const index =
      n['Index Name'] ?? n.Plans?.find((c) => c['Node Type'] === 'Bitmap Index Scan')?.['Index Name'];
    if (n['Node Type'] === 'Sort' || n['Relation Name'])
      out.push(
        `${n['Node Type']}${index ? ` using ${index}` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`,
      );
    for (const child of n.Plans ?? []) walk(child);
  };
  const plan = rows[0]?.['QUERY PLAN'];
  if (plan?.[0]) walk(plan[0].Plan);
  return out;
}

export async function pickTicketCast(db: Kysely<DB>, cast: Cast): Promise<TicketCast> {
  const amIds = cast.accountManagers.map((u) => u.id);
  const { rows: perAm } = await sql<{ owner_id: string; n: number }>`
    select owner_id, count(*)::int as n from ticket
    where owner_id = any(${amIds}::uuid[]) and status in ('new', 'acknowledged', 'in_progress')
    group by owner_id`.execute(db);
  if (perAm.length === 0)
    throw new Error('no open tickets in the bench archive: run bench/generate-tickets.ts');
  // Regions hold branches (two levels): a region manager's scope is the region and its branches.
  const { rows: teams } = await sql<{ id: string; department_id: string; members: number }>`
    select m.id, m.department_id, count(a.id)::int as members
    from app_user m
    join department sub on sub.id = m.department_id or sub.parent_id = m.department_id
    join app_user a on a.department_id = sub.id and a.role = 'account_manager' and a.status = 'active'
    where m.id = any(${cast.regionManagers.map((u) => u.id)}::uuid[])
    group by m.id, m.department_id`.execute(db);
  const best = [...teams].sort((a, b) => Math.abs(a.members - 50) - Math.abs(b.members - 50))[0];
  const manager = cast.regionManagers.find((u) => u.id === best?.id);
  if (!best || !manager) throw new Error('the bench archive has no region manager with account managers');
  const { rows: subtree } = await sql<{ id: string }>`
    select id from department where id = ${best.department_id} or parent_id = ${best.department_id}`.execute(
    db,
  );
  const departmentIds = subtree.map((d) => d.id);
  const { rows: open } = await sql<{ n: number }>`
    select count(*)::int as n from ticket t
    where t.owner_id in (select u.id from app_user u where u.department_id = any(${departmentIds}::uuid[]))
      and t.status in ('new', 'acknowledged', 'in_progress')`.execute(db);
  const filter = (view: 'mine' | 'team'): TicketFilter => ({
    view,
    statuses: [...openTicketStatuses],
    priorities: [...queuePriorities],
  });
  const busiest = [...perAm].sort((a, b) => b.n - a.n)[0]!.owner_id;
  const amReach: TicketReach = { userId: busiest, scope: { kind: 'own', userId: busiest }, team: null };
  const managerReach: TicketReach = {
    userId: manager.id,
    scope: { kind: 'department', userId: manager.id, departmentIds },
    team: departmentIds,
  };
  const counts = perAm.map((r) => r.n);
  return {
    openPerAccountManager: { min: Math.min(...counts), max: Math.max(...counts) },
    team: { manager, accountManagers: best.members, open: open[0]?.n ?? 0 },
    plans: {
      mine: await scansOf(db, dueQueueQuery(db, amReach, filter('mine'), 51)),
      team: await scansOf(db, dueQueueQuery(db, managerReach, filter('team'), 51)),
    },
  };
}

const check = (name: string, target: string, value: number, unit: string, pass: boolean): Check => ({
  name,
  target,
  value: Math.round(value * 100) / 100,
  unit,
  pass,
});

export function ticketQueueCases(
  engine: EngineName,
  cast: Cast,
  picks: TicketCast,
  sessions: Map<string, BenchSession>,
): HttpCase[] {
  const s = (u: BenchUser) => {
    const session = sessions.get(u.id);
    if (!session) throw new Error(`no session for ${u.email}`);
    return { cookie: session.headers.cookie! };
  };
  const p95 = (ms: number) => (app: { p95: number }) =>
    engine === 'postgres' ? [check('p95', `< ${ms} ms`, app.p95, 'ms', app.p95 < ms)] : [];
  const filter = `priority=${queuePriorities.join(',')}`;
  const { min, max } = picks.openPerAccountManager;
  return [
    {
      scenario: 'ticket-queue',
      label: `ticket queue, 50 rows by time to breach, ${filter}, as that account manager (${min}–${max} open each)`,
      connections: 4,
      requests: cast.accountManagers.map((u) => ({
        path: `/api/v1/tickets?view=mine&${filter}&limit=50`,
        headers: s(u),
      })),
      checks: p95(30),
      extra: { plan: picks.plans.mine },
    },
    {
      scenario: 'ticket-queue',
      label: `ticket queue, 50 rows by time to breach, ${filter}, team view of ${picks.team.accountManagers} account managers (${picks.team.open} open)`,
      connections: 4,
      requests: [{ path: `/api/v1/tickets?view=team&${filter}&limit=50`, headers: s(picks.team.manager) }],
      checks: p95(30),
      extra: { plan: picks.plans.team },
    },
  ];
}
