// `npm run bench [-- <scenario…>] [options]` — every scenario's throughput and latency beside a raw
// baseline measured in the same run; a table on stdout and JSON in bench/results/<timestamp>.json.
// See bench/README.md for the scenarios, options and how long a run takes.
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  type DatasetTarget,
  ensureDataset,
  pgAdminUrl,
  pgHost,
  pgliteTarget,
  pgTarget,
  repoRoot,
} from './generate';
import { runCommand, sleep } from './lib/proc';
import { type CaseResult, type EngineName, machineInfo, renderTable, writeResults } from './lib/report';
import {
  buildServerBundle,
  copyPgliteDir,
  createSessions,
  startApp,
  startBare,
  withDatabase,
} from './lib/servers';
import { ensureDemoDir, runColdStart } from './scenarios/cold-start';
import {
  engagementCases,
  pickEngagementCast,
  prepareEngagement,
  runRecomputeCases,
} from './scenarios/engagement';
import { type HttpOptions, httpCases, pickCast, runHttpCases, searchMatchCounts } from './scenarios/http';
import {
  importExportAvailable,
  removeImported,
  runExportCases,
  runImportCase,
} from './scenarios/import-export';
import { runRegradeCases } from './scenarios/regrade';
import { runSurveySubmitCases } from './scenarios/survey-submit';
import { pickTicketCast, prepareTickets, ticketQueueCases } from './scenarios/tickets';

const allScenarios = [
  'me',
  'cold-start',
  'list',
  'search',
  'import',
  'export',
  'regrade',
  'timeline',
  'due',
  'recompute',
  'ticket-queue',
  'survey-submit',
] as const;
type Scenario = (typeof allScenarios)[number];

interface Options {
  scenarios: Scenario[];
  engines: EngineName[];
  rounds: number;
  durationSec: number;
  warmupSec: number;
  coldRuns: number;
  pgCustomers: number;
  pgDatabase: string;
  pgliteCustomers: number;
  importRows: number;
  searchConnections: number[];
  regenerate: boolean;
  build: boolean;
  waitQuiet: boolean;
}

const usage = `usage: npm run bench -- [${allScenarios.join('|')} …] [options]
  --engine postgres|pglite|all   (default all)
  --rounds N                     load rounds per case, medians reported (default 3)
  --duration S / --warmup S      seconds per load round / warm-up before it (default 10 / 2)
  --cold-runs N                  cold starts per data directory (default 5)
  --search-connections 1,4       connections for the search cases (default 4)
  --pg-customers N / --pglite-customers N / --import-rows N   (1000000 / 100000 / 100000)
  --pg-database NAME             PostgreSQL database of the archive (default weixi_bench)
  --quick                        1 round of 4 s, 3 cold starts: a smoke run, not figures to quote
  --wait-quiet                   before each scenario, wait (up to 10 min) for the load average to drop
  --regenerate                   rebuild the archives even when their marker matches
  --no-build                     use apps/server/dist as it is`;

function parseOptions(argv: string[]): Options {
  const o: Options = {
    scenarios: [],
    engines: ['postgres', 'pglite'],
    rounds: 3,
    durationSec: 10,
    warmupSec: 2,
    coldRuns: 5,
    pgCustomers: 1_000_000,
    pgDatabase: 'weixi_bench',
    pgliteCustomers: 100_000,
    importRows: 100_000,
    searchConnections: [4],
    regenerate: false,
    build: true,
    waitQuiet: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${usage}`);
      return v;
    };
    const int = () => {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a positive whole number`);
      return n;
    };
    if ((allScenarios as readonly string[]).includes(a)) o.scenarios.push(a as Scenario);
    else if (a === '--engine') {
      const e = next();
      if (!['postgres', 'pglite', 'all'].includes(e))
        throw new Error(`--engine: postgres, pglite or all\n${usage}`);
      o.engines = e === 'all' ? ['postgres', 'pglite'] : [e as EngineName];
    } else if (a === '--rounds') o.rounds = int();
    else if (a === '--duration') o.durationSec = int();
    else if (a === '--warmup') o.warmupSec = Number(next());
    else if (a === '--cold-runs') o.coldRuns = int();
    else if (a === '--pg-customers') o.pgCustomers = int();
    else if (a === '--pg-database') o.pgDatabase = next();
    else if (a === '--pglite-customers') o.pgliteCustomers = int();
    else if (a === '--import-rows') o.importRows = int();
    else if (a === '--search-connections') o.searchConnections = next().split(',').map(Number);
    else if (a === '--quick') Object.assign(o, { rounds: 1, durationSec: 4, warmupSec: 1, coldRuns: 3 });
    else if (a === '--wait-quiet') o.waitQuiet = true;
    else if (a === '--regenerate') o.regenerate = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n${usage}`);
  }
  if (o.scenarios.length === 0) o.scenarios = [...allScenarios];
  return o;
}

const log = (m: string) => process.stdout.write(`${m}\n`);

async function postgresStatus(): Promise<{
  ok: boolean;
  version: string | null;
  settings: string | null;
  why: string;
}> {
  const [host, port] = pgHost.split(':');
  try {
    await runCommand('pg_isready', ['-h', host!, '-p', port ?? '5432']);
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    if (!missing)
      return {
        ok: false,
        version: null,
        settings: null,
        why: `pg_isready: ${(err as Error).message.trim()}`,
      };
  }
  const client = new pg.Client({ connectionString: pgAdminUrl });
  try {
    await client.connect();
    // The settings that move the write-heavy figures (import, regrade) by 10% or more are part of
    // what was measured: the report names them beside the version.
    const { rows } = await client.query<{ v: string; s: string }>(
      `select current_setting('server_version') as v,
        (select string_agg(name || ' ' || current_setting(name), ', ' order by name) from unnest(
          array['shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression', 'jit']) name) as s`,
    );
    return { ok: true, version: rows[0]?.v ?? null, settings: rows[0]?.s ?? null, why: '' };
  } catch (err) {
    return { ok: false, version: null, settings: null, why: (err as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function waitQuiet(enabled: boolean): Promise<void> {
  if (!enabled) return;
  const limit = os.cpus().length * 0.75;
  const until = Date.now() + 10 * 60_000;
  while (os.loadavg()[0]! > limit && Date.now() < until) {
    log(`  waiting for a quieter machine (load ${os.loadavg()[0]!.toFixed(2)} > ${limit})…`);
    await sleep(30_000);
  }
}

async function runEngine(engine: EngineName, o: Options, results: CaseResult[]): Promise<void> {
  const http = o.scenarios.filter(
    (s) =>
      s === 'me' || s === 'list' || s === 'search' || s === 'timeline' || s === 'due' || s === 'ticket-queue',
  );
  const engagement = o.scenarios.some((s) => s === 'timeline' || s === 'due' || s === 'recompute');
  const available = importExportAvailable();
  const wantImport = o.scenarios.includes('import');
  const wantExport = o.scenarios.includes('export');
  if ((wantImport && !available.import) || (wantExport && !available.export))
    log(`  import/export routes not found: ${JSON.stringify(available)} — those scenarios are pending`);
  const needsData =
    http.length > 0 ||
    (wantImport && available.import) ||
    (wantExport && available.export) ||
    o.scenarios.includes('regrade') ||
    (o.scenarios.includes('survey-submit') && engine === 'postgres') ||
    engagement ||
    engine === 'pglite';
  if (!needsData) return;

  const target: DatasetTarget =
    engine === 'postgres'
      ? { ...pgTarget(o.pgCustomers), database: o.pgDatabase }
      : pgliteTarget(o.pgliteCustomers);
  log(`\n== ${engine}: ${target.customers.toLocaleString('en')} customers ==`);
  const t0 = performance.now();
  const info = await ensureDataset(target, { force: o.regenerate, log });
  log(
    `  archive ${info.reused ? `reused (generated ${info.marker.generatedAt} in ${info.marker.seconds} s)` : `generated in ${info.marker.seconds} s`}; ready after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  results.push({
    scenario: 'generate',
    engine,
    label: `${target.customers.toLocaleString('en')} customers, ${info.marker.contacts.toLocaleString('en')} contacts`,
    app: { runs: [info.marker.seconds], median: info.marker.seconds, unit: 's' },
    bare: null,
    ratio: null,
    checks: [],
    extra: { reused: info.reused, phases: info.marker.phases, generatedAt: info.marker.generatedAt },
  });
  const cast = pickCast(info.users);
  if (engine === 'postgres') {
    const removed = await removeImported(target, cast.importer.id);
    if (removed) log(`  removed ${removed} customers left by an interrupted import run`);
  }
  // Issue 5: five interactions per customer with their visits, tasks and follow-up clocks (after
  // the clean-up above, so leftovers of an import get none).
  if (engagement) results.push(await withDatabase(target, (db) => prepareEngagement(db, target, log)));
  // Issue 6: one service ticket per customer, about 5% open.
  if (http.includes('ticket-queue'))
    results.push(await withDatabase(target, (db) => prepareTickets(db, target, log)));
  const sessionUsers = [...cast.accountManagers, ...cast.regionManagers, cast.executive, cast.importer];
  const sessions = await withDatabase(target, (db) => createSessions(db, sessionUsers));

  if (http.length > 0) {
    await waitQuiet(o.waitQuiet);
    const matches = http.includes('search')
      ? await withDatabase(target, (db) => searchMatchCounts(db, cast))
      : null;
    if (matches) log(`  search matches: ${JSON.stringify(matches)}`);
    const httpOptions: HttpOptions = {
      rounds: o.rounds,
      durationSec: o.durationSec,
      warmupSec: o.warmupSec,
      searchConnections: o.searchConnections,
      log,
    };
    const picks =
      http.includes('timeline') || http.includes('due')
        ? await withDatabase(target, (db) => pickEngagementCast(db, cast, new Date()))
        : null;
    if (picks) log(`  timeline statement's scans: ${JSON.stringify(picks.timelinePlan)}`);
    const ticketPicks = http.includes('ticket-queue')
      ? await withDatabase(target, (db) => pickTicketCast(db, cast))
      : null;
    if (ticketPicks) log(`  ticket queue statements' scans: ${JSON.stringify(ticketPicks.plans)}`);
    const cases = [
      ...httpCases(engine, cast, sessions, httpOptions, matches),
      ...(picks ? engagementCases(engine, cast, picks, sessions) : []),
      ...(ticketPicks ? ticketQueueCases(engine, cast, ticketPicks, sessions) : []),
    ].filter((c) => http.includes(c.scenario));
    // PGlite is one process's database: the baseline gets its own copy of the archive.
    const bareDir = engine === 'pglite' ? `${target.dataDir}-bare` : undefined;
    if (bareDir) copyPgliteDir(target.dataDir!, bareDir);
    const app = await startApp(target);
    const bare = await startBare(target, bareDir ? path.join(bareDir, 'pglite') : undefined);
    log(`  servers ready: weixi pid ${app.pid} in ${Math.round(app.readyMs)} ms, bare pid ${bare.pid}`);
    try {
      results.push(...(await runHttpCases(engine, cases, app, bare, httpOptions)));
    } finally {
      await app.stop();
      await bare.stop();
      if (bareDir) rmSync(bareDir, { recursive: true, force: true });
    }
  }
  if (wantImport && available.import) {
    await waitQuiet(o.waitQuiet);
    results.push(await runImportCase(engine, target, cast, sessions, o.importRows, log));
  }
  if (wantExport && available.export) {
    await waitQuiet(o.waitQuiet);
    results.push(...(await runExportCases(engine, target, cast, sessions, log)));
  }
  if (o.scenarios.includes('regrade')) {
    await waitQuiet(o.waitQuiet);
    // Five orders per customer (5,000,000 for the 1M archive), issue 4's figure; PostgreSQL only.
    const orders = target.customers * 5;
    results.push(...(await runRegradeCases(target, { orders, rounds: Math.min(o.rounds, 2), log })));
  }
  if (o.scenarios.includes('survey-submit') && engine === 'postgres') {
    await waitQuiet(o.waitQuiet);
    // Issue 6: public survey answers, a fresh signed link per request; PostgreSQL only.
    results.push(
      ...(await runSurveySubmitCases(target, {
        rounds: o.rounds,
        durationSec: o.durationSec,
        warmupSec: o.warmupSec,
        connections: 10,
        maxRps: 4000,
        log,
      })),
    );
  }
  if (o.scenarios.includes('recompute')) {
    await waitQuiet(o.waitQuiet);
    results.push(...(await runRecomputeCases(target, { rounds: Math.min(o.rounds, 2), log })));
  }
}

async function main() {
  const o = parseOptions(process.argv.slice(2));
  const started = new Date();
  const pgState = await postgresStatus();
  const pgliteVersion = (
    JSON.parse(
      readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
    ) as {
      version: string;
    }
  ).version;
  const machine = machineInfo(pgState.version, pgState.settings, pgliteVersion);
  log(
    `Weixi bench — ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres ? `${machine.postgres} (${machine.postgresSettings})` : 'unavailable'}, PGlite ${machine.pglite}, load ${machine.loadAverageAtStart.join(' ')}`,
  );
  log(
    `scenarios: ${o.scenarios.join(', ')}; engines: ${o.engines.join(', ')}; ${o.rounds} × ${o.durationSec} s rounds`,
  );
  const skipped: string[] = [];
  if (o.engines.includes('postgres') && !pgState.ok) {
    log(`PostgreSQL at ${pgHost} is not ready (${pgState.why}): skipping the PostgreSQL scenarios.`);
    skipped.push(`postgres: ${pgState.why}`);
    o.engines = o.engines.filter((e) => e !== 'postgres');
  }
  if (o.build) log(`server bundle built in ${Math.round(await buildServerBundle())} ms`);

  const results: CaseResult[] = [];
  for (const engine of o.engines) await runEngine(engine, o, results);

  if (o.scenarios.includes('cold-start')) {
    await waitQuiet(o.waitQuiet);
    log('\n== cold start (PGlite) ==');
    const demoDir = path.join(repoRoot, 'data', 'bench', 'pglite-demo');
    await ensureDemoDir(demoDir, log);
    const dirs = [{ label: 'demo company data directory', dataDir: demoDir }];
    if (o.engines.includes('pglite'))
      dirs.push({
        label: `${o.pgliteCustomers.toLocaleString('en')}-customer data directory`,
        dataDir: pgliteTarget(o.pgliteCustomers).dataDir!,
      });
    results.push(...(await runColdStart(dirs, o.coldRuns, log)));
  }

  log(`\n${renderTable(results)}\n`);
  const failed = results.flatMap((r) =>
    r.checks.filter((c) => !c.pass).map((c) => `${r.scenario}/${r.engine} ${r.label}: ${c.name}`),
  );
  const file = writeResults(path.join(repoRoot, 'bench', 'results'), {
    startedAt: started.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    options: o,
    skipped,
    pending: Object.entries(importExportAvailable())
      .filter(([, v]) => !v)
      .map(([k]) => k),
    results,
    failedChecks: failed,
  });
  log(
    `${results.reduce((n, r) => n + r.checks.length, 0) - failed.length} targets met, ${failed.length} missed${failed.length ? `:\n  ${failed.join('\n  ')}` : ''}`,
  );
  log(
    `results: ${path.relative(repoRoot, file)} (${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min)`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
