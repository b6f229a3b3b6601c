import os from 'node:os';
import type { DB } from '@weixi/db';
import { buildSearchQuery } from '@weixi/domain';
import { type Kysely, sql } from 'kysely';
import type { BenchUser } from '../generate';
import { type LoadRequest, type LoadSummary, median, runLoad, summarize } from '../lib/load';
import { cpuTimeMs, type Running } from '../lib/proc';
import type { CaseResult, Check, EngineName } from '../lib/report';
import type { BenchSession } from '../lib/servers';

export interface HttpOptions {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  searchConnections: number[];
  log: (msg: string) => void;
}

/** The benchmark's cast: who makes the requests. */
export interface Cast {
  accountManagers: BenchUser[];
  regionManagers: BenchUser[];
  executive: BenchUser;
  importer: BenchUser;
}

export function pickCast(users: BenchUser[]): Cast {
  const accountManagers = users.filter((u) => u.role === 'account_manager').slice(0, 20);
  const regionManagers = users.filter(
    (u) => u.role === 'department_manager' && u.parentDepartmentId === null,
  );
  const executives = users.filter((u) => u.role === 'executive');
  if (accountManagers.length === 0 || regionManagers.length === 0 || executives.length < 2)
    throw new Error('the bench archive lacks account managers, region managers or executives');
  return { accountManagers, regionManagers, executive: executives[0]!, importer: executives[1]! };
}

export interface HttpCase {
  scenario: 'me' | 'list' | 'search' | 'timeline' | 'due' | 'ticket-queue';
  label: string;
  connections: number;
  requests: LoadRequest[];
  checks: (app: LoadSummary, ratio: number) => Check[];
  extra?: Record<string, unknown>;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

const check = (name: string, target: string, value: number, unit: string, pass: boolean): Check => ({
  name,
  target,
  value: Math.round(value * 100) / 100,
  unit,
  pass,
});

const ratioCheck = (min: number) => (_: LoadSummary, ratio: number) => [
  check('ratio', `≥ ${Math.round(min * 100)}% of bare`, ratio * 100, '%', ratio >= min),
];

/** Search terms: a very common and a rarer 2-character word, and pinyin initials of both kinds. */
export const searchTerms = [
  { q: '科技', kind: 'common 2-char' },
  { q: '光电', kind: 'rarer 2-char' },
  { q: 'hxkj', kind: 'pinyin initials' },
  { q: 'nbyx', kind: 'rarer initials' },
] as const;

/** How many customers each search term matches, for the executive (all) and per account manager. */
export async function searchMatchCounts(
  db: Kysely<DB>,
  cast: Cast,
): Promise<Record<string, { all: number; perAccountManager: number }>> {
  const out: Record<string, { all: number; perAccountManager: number }> = {};
  const ids = cast.accountManagers.map((u) => u.id);
  for (const t of searchTerms) {
    const tsq = buildSearchQuery(t.q)!.tsquery;
    const { rows } = await sql<{ all: number; mine: number }>`
      select count(*)::int as all, (count(*) filter (where owner_id = any(${ids}::uuid[])))::int as mine
      from customer where search @@ ${tsq}::tsquery and status <> 'merged'`.execute(db);
    out[t.q] = { all: rows[0]!.all, perAccountManager: Math.round(rows[0]!.mine / ids.length) };
  }
  return out;
}

export function httpCases(
  engine: EngineName,
  cast: Cast,
  sessions: Map<string, BenchSession>,
  options: HttpOptions,
  matches: Record<string, { all: number; perAccountManager: number }> | null,
): HttpCase[] {
  const s = (u: BenchUser) => {
    const session = sessions.get(u.id);
    if (!session) throw new Error(`no session for ${u.email}`);
    return { cookie: session.headers.cookie! };
  };
  const pg = engine === 'postgres';
  const cases: HttpCase[] = [
    {
      scenario: 'me',
      label: 'GET /api/v1/me (account managers)',
      connections: 10,
      requests: cast.accountManagers.map((u) => ({ path: '/api/v1/me', headers: s(u) })),
      checks: pg ? ratioCheck(0.7) : () => [],
    },
    {
      scenario: 'list',
      label: 'owner + grade A,B, 50 rows, as that account manager',
      connections: 10,
      requests: cast.accountManagers.map((u) => ({
        path: `/api/v1/customers?ownerId=${u.id}&grade=A,B&limit=50`,
        headers: s(u),
      })),
      checks: (app, ratio) =>
        pg
          ? [
              check('throughput', '≥ 2,500 req/s', app.rps, 'req/s', app.rps >= 2500),
              check('p99', '< 20 ms', app.p99, 'ms', app.p99 < 20),
              ...ratioCheck(0.8)(app, ratio),
            ]
          : [],
    },
    {
      scenario: 'list',
      label: 'department subtree, 50 rows, as a region manager',
      connections: 10,
      requests: cast.regionManagers.map((u) => ({ path: '/api/v1/customers?limit=50', headers: s(u) })),
      checks: () => [],
    },
  ];
  for (const c of options.searchConnections) {
    for (const t of searchTerms) {
      const q = encodeURIComponent(t.q);
      const m = matches?.[t.q];
      const p95 = (app: LoadSummary) => [check('p95', '< 30 ms', app.p95, 'ms', app.p95 < 30)];
      cases.push({
        scenario: 'search',
        label: `q=${t.q} (${t.kind}) as executive`,
        connections: c,
        requests: [{ path: `/api/v1/customers?q=${q}&limit=20`, headers: s(cast.executive) }],
        checks: p95,
        extra: m ? { matches: m.all } : {},
      });
      cases.push({
        scenario: 'search',
        label: `q=${t.q} (${t.kind}) as account managers`,
        connections: c,
        requests: cast.accountManagers.map((u) => ({
          path: `/api/v1/customers?q=${q}&limit=20`,
          headers: s(u),
        })),
        checks: p95,
        extra: m ? { matchesPerAccountManager: m.perAccountManager } : {},
      });
    }
  }
  return cases;
}

/** What the first request of a case returns on a server: status and the ids of the rows. */
async function probe(server: Running, r: LoadRequest): Promise<{ status: number; ids: string[] | null }> {
  const res = await fetch(server.baseUrl + r.path, { headers: r.headers ?? {} });
  const body = (await res.json()) as { items?: { id: string }[]; id?: string };
  return { status: res.status, ids: body.items ? body.items.map((i) => i.id) : body.id ? [body.id] : null };
}

/**
 * Runs each case on the app and on the bare baseline, alternating app/bare round by round so
 * both see the same noise, and keeps the medians.
 */
export async function runHttpCases(
  engine: EngineName,
  cases: HttpCase[],
  app: Running,
  bare: Running,
  options: HttpOptions,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const [a, b] = await Promise.all([probe(app, c.requests[0]!), probe(bare, c.requests[0]!)]);
    if (a.status !== 200 || b.status !== 200)
      throw new Error(`${c.label}: app answered ${a.status}, bare ${b.status} — fix before measuring`);
    const sameRows = JSON.stringify(a.ids) === JSON.stringify(b.ids);
    const appRounds = [];
    const bareRounds = [];
    const appCpu: number[] = [];
    const bareCpu: number[] = [];
    const base = {
      connections: c.connections,
      durationSec: options.durationSec,
      warmupSec: options.warmupSec,
      requests: c.requests,
    };
    // CPU per request includes the warm-up's requests in its time but not in its count: the
    // warm-up is short and the same for both servers, so it inflates both alike, slightly.
    const measure = async (server: Running, cpu: number[]) => {
      const before = cpuTimeMs(server.pid);
      const result = await runLoad({ ...base, baseUrl: server.baseUrl });
      const warmupShare = options.durationSec / (options.durationSec + options.warmupSec);
      cpu.push(((cpuTimeMs(server.pid) - before) * warmupShare) / Math.max(1, result.requests));
      return result;
    };
    for (let r = 0; r < options.rounds; r++) {
      appRounds.push(await measure(app, appCpu));
      bareRounds.push(await measure(bare, bareCpu));
    }
    const appS = summarize(appRounds);
    const bareS = summarize(bareRounds);
    const ratio = appS.rps / bareS.rps;
    const result: CaseResult = {
      scenario: c.scenario,
      engine,
      label: c.label,
      connections: c.connections,
      app: appS,
      bare: bareS,
      ratio,
      checks: c.checks(appS, ratio),
      extra: {
        ...c.extra,
        sameRowsAsBare: sameRows,
        rowsPerResponse: a.ids?.length ?? null,
        serverCpuMsPerRequest: { app: round3(median(appCpu)), bare: round3(median(bareCpu)) },
      },
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    };
    if (appS.non2xx || appS.errors || bareS.non2xx || bareS.errors)
      result.note = `non-2xx/errors: app ${appS.non2xx}/${appS.errors}, bare ${bareS.non2xx}/${bareS.errors}`;
    if (!sameRows) result.note = `${result.note ?? ''} rows differ from the bare baseline's`.trim();
    options.log(
      `  ${c.scenario} ${engine} ${c.label} c=${c.connections}: app ${Math.round(appS.rps)} req/s p95 ${appS.p95.toFixed(1)} p99 ${appS.p99.toFixed(1)} ms | bare ${Math.round(bareS.rps)} req/s p99 ${bareS.p99.toFixed(1)} ms | ${Math.round(ratio * 100)}% | server CPU/request ${median(appCpu).toFixed(2)} vs ${median(bareCpu).toFixed(2)} ms`,
    );
    results.push(result);
  }
  return results;
}
