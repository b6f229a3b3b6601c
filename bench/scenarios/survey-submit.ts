// Issue 6's write figure: customers answering a survey through the public endpoint
// POST /api/v1/public/survey-responses, ≥ 1,000 submissions/s with p99 < 50 ms on PostgreSQL,
// beside a bare Fastify + pg server doing the same claim-and-insert by hand-written SQL
// (survey-submit-bare.ts). Every request carries a different, valid token: invitations are
// pre-created in the bench database (one bench survey, link invitations spread over 2,000 active
// customers, no ticket) and their tokens signed with the database's survey secret, as the app's
// own links are. The answers are satisfied ones (no follow-up task), so both servers do the same
// work. The bench survey, its invitations and responses are deleted afterwards.
//
// Standalone: npx tsx bench/scenarios/survey-submit.ts [--quick] [--no-build] [--pg-database NAME]
//   [--rounds N] [--duration S] [--warmup S] [--connections N] [--max-rps N]
// Skipped (exit 0) when the PostgreSQL bench database does not exist.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DB, migrateToLatest, newId } from '@weixi/db';
import { createSurveyToken } from '@weixi/domain';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { surveySecret } from '../../apps/server/src/modules/service/survey-secret';
import { type DatasetTarget, pgAdminUrl, pgTarget, pgUrl, repoRoot } from '../generate';
import { median, summarize } from '../lib/load';
import type { LoadResult } from '../lib/load-worker';
import { cpuTimeMs, freePort, type Running, runCommand, startServer } from '../lib/proc';
import { type CaseResult, type Check, renderTable, writeResults } from '../lib/report';
import { buildServerBundle, startApp, withDatabase } from '../lib/servers';
import type { SurveyLoadConfig } from './survey-submit-load';

type Log = (m: string) => void;

export interface SurveySubmitOptions {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  /** Tokens are sized for this rate (plus a margin); a faster server would run out and get 409s. */
  maxRps: number;
  log: Log;
}

const benchTitle = 'bench: survey-submit';
const questions = [
  { id: 'sat', type: 'csat', label: '总体满意度', required: true },
  { id: 'nps', type: 'nps', label: '推荐意愿', required: false },
  { id: 'note', type: 'free_text', label: '其他建议', required: false },
];
/** Satisfied answers only (see the header); a few shapes so the JSON is not always the same. */
const answers = [
  { sat: 5, nps: 10, note: '服务很及时，谢谢！' },
  { sat: 4, nps: 8 },
  { sat: 5, nps: 9, note: '工程师很专业' },
  { sat: 4, nps: 7, note: '' },
];

const loadWorker = fileURLToPath(new URL('./survey-submit-load.ts', import.meta.url));
const bareEntry = fileURLToPath(new URL('./survey-submit-bare.ts', import.meta.url));
const tokenDir = path.join(repoRoot, 'data', 'bench', 'survey-submit');

async function benchDatabaseExists(database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgAdminUrl });
  try {
    await client.connect();
    const { rows } = await client.query('select 1 from pg_database where datname = $1', [database]);
    return rows.length > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function removeBenchSurveys(db: Kysely<DB>): Promise<number> {
  const ids = (await db.selectFrom('survey').select('id').where('title', '=', benchTitle).execute()).map(
    (r) => r.id,
  );
  if (ids.length === 0) return 0;
  await db.deleteFrom('survey_response').where('survey_id', 'in', ids).execute();
  const { numDeletedRows } = await db
    .deleteFrom('survey_invitation')
    .where('survey_id', 'in', ids)
    .executeTakeFirst();
  await db.deleteFrom('survey').where('id', 'in', ids).execute();
  return Number(numDeletedRows);
}

/**
 * The bench survey and `sets` × `perSet` fresh link invitations, their tokens written one file per
 * set (each load round of each server uses its own set). Returns the files and the secret.
 */
async function prepare(
  db: Kysely<DB>,
  sets: string[],
  perSet: number,
  log: Log,
): Promise<{ files: Map<string, string>; secret: Buffer }> {
  const t0 = performance.now();
  await migrateToLatest(db);
  const removed = await removeBenchSurveys(db);
  if (removed) log(`  removed ${removed.toLocaleString('en')} invitations left by an earlier run`);
  // The same secret the app reads (survey-secret.ts), created here when the app never made one.
  const secret = await surveySecret({ db, config: {} }, true);
  const surveyId = newId();
  await db
    .insertInto('survey')
    .values({ id: surveyId, title: benchTitle, questions: JSON.stringify(questions), status: 'active' })
    .execute();
  const { rows: customers } = await sql<{ n: number }>`select count(*)::int as n from (
      select id from customer where status = 'active' limit 2000) c`.execute(db);
  const customerCount = customers[0]?.n ?? 0;
  if (customerCount === 0)
    throw new Error('the bench database has no active customers: run bench/generate.ts');
  const expiresAt = new Date(Date.now() + 24 * 3600 * 1000);
  mkdirSync(tokenDir, { recursive: true });
  const files = new Map<string, string>();
  for (const set of sets) {
    const perCustomer = Math.ceil(perSet / customerCount);
    const { rows } = await sql<{ id: string }>`insert into survey_invitation
        (id, survey_id, customer_id, channel, locale, sent_at, expires_at)
      select gen_random_uuid(), ${surveyId}, c.id, 'link', 'zh-CN', now(), ${expiresAt}
      from (select id from customer where status = 'active' order by id limit 2000) c
      cross join generate_series(1, ${perCustomer}) g
      returning id`.execute(db);
    // Shuffled so consecutive requests hit different customers, as real answers would.
    const ids = rows.map((r) => r.id).sort(() => Math.random() - 0.5);
    const file = path.join(tokenDir, `${set}.tokens`);
    writeFileSync(
      file,
      `${ids.map((id) => createSurveyToken({ invitationId: id, expiresAt }, secret)).join('\n')}\n`,
    );
    files.set(set, file);
  }
  await sql`analyze survey_invitation`.execute(db);
  log(
    `  ${sets.length} × ${perSet.toLocaleString('en')} invitations over ${customerCount} customers prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { files, secret };
}

async function runSurveyLoad(
  config: SurveyLoadConfig,
): Promise<LoadResult & { tokensUsed: number; tokens: number }> {
  const { stdout } = await runCommand(process.execPath, [
    '--import',
    'tsx',
    loadWorker,
    JSON.stringify(config),
  ]);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LoadResult & {
    tokensUsed: number;
    tokens: number;
  };
}

async function startBareSurvey(target: DatasetTarget, secret: Buffer): Promise<Running> {
  const port = await freePort();
  return startServer({
    name: 'bare survey-submit (postgres)',
    command: process.execPath,
    args: ['--import', 'tsx', bareEntry],
    env: {
      PORT: String(port),
      DATABASE_URL: pgUrl(target.database!),
      SURVEY_SECRET: secret.toString('base64url'),
    },
    port,
    readyPath: '/readyz',
  });
}

const check = (name: string, target: string, value: number, unit: string, pass: boolean): Check => ({
  name,
  target,
  value: Math.round(value * 100) / 100,
  unit,
  pass,
});

/** The survey-submit case on the PostgreSQL bench database (app and bare rounds alternate). */
export async function runSurveySubmitCases(
  target: DatasetTarget,
  o: SurveySubmitOptions,
): Promise<CaseResult[]> {
  if (target.engine !== 'postgres') return [];
  const perSet = Math.ceil(o.maxRps * (o.durationSec + o.warmupSec) * 1.3);
  const sets = Array.from({ length: o.rounds }, (_, r) => [`app-${r}`, `bare-${r}`]).flat();
  const { files, secret } = await withDatabase(target, (db) => prepare(db, sets, perSet, o.log));
  // The whole server, as measured before: what a submission queues is worked off beside it.
  const app = await startApp(target, { role: 'all' });
  const bare = await startBareSurvey(target, secret);
  o.log(`  servers ready: weixi pid ${app.pid}, bare pid ${bare.pid}`);
  const appRounds: LoadResult[] = [];
  const bareRounds: LoadResult[] = [];
  const appCpu: number[] = [];
  const bareCpu: number[] = [];
  let exhausted = false;
  const measure = async (server: Running, urlPath: string, set: string, cpu: number[]) => {
    const before = cpuTimeMs(server.pid);
    const result = await runSurveyLoad({
      baseUrl: server.baseUrl,
      path: urlPath,
      connections: o.connections,
      durationSec: o.durationSec,
      warmupSec: o.warmupSec,
      tokenFile: files.get(set)!,
      answers,
    });
    if (result.tokensUsed > result.tokens) exhausted = true;
    const warmupShare = o.durationSec / (o.durationSec + o.warmupSec);
    cpu.push(((cpuTimeMs(server.pid) - before) * warmupShare) / Math.max(1, result.requests));
    return result;
  };
  try {
    for (let r = 0; r < o.rounds; r++) {
      appRounds.push(await measure(app, '/api/v1/public/survey-responses', `app-${r}`, appCpu));
      bareRounds.push(await measure(bare, '/submit', `bare-${r}`, bareCpu));
    }
  } finally {
    await app.stop();
    await bare.stop();
    const removed = await withDatabase(target, removeBenchSurveys).catch(() => 0);
    o.log(`  cleaned up ${removed.toLocaleString('en')} bench invitations and their responses`);
    rmSync(tokenDir, { recursive: true, force: true });
  }
  const appS = summarize(appRounds);
  const bareS = summarize(bareRounds);
  const ratio = appS.rps / bareS.rps;
  const result: CaseResult = {
    scenario: 'survey-submit',
    engine: 'postgres',
    label: 'POST /api/v1/public/survey-responses, a fresh token per request, satisfied answers',
    connections: o.connections,
    app: appS,
    bare: bareS,
    ratio,
    checks: [
      check('throughput', '≥ 1,000 req/s', appS.rps, 'req/s', appS.rps >= 1000),
      check('p99', '< 50 ms', appS.p99, 'ms', appS.p99 < 50),
    ],
    extra: {
      invitationsPerRound: perSet,
      serverCpuMsPerRequest: {
        app: Math.round(median(appCpu) * 1000) / 1000,
        bare: Math.round(median(bareCpu) * 1000) / 1000,
      },
    },
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  const notes = [];
  if (appS.non2xx || appS.errors || bareS.non2xx || bareS.errors)
    notes.push(`non-2xx/errors: app ${appS.non2xx}/${appS.errors}, bare ${bareS.non2xx}/${bareS.errors}`);
  if (exhausted) notes.push(`tokens ran out (raise --max-rps above ${o.maxRps}): later requests were 409s`);
  if (notes.length) result.note = notes.join('; ');
  o.log(
    `  survey-submit c=${o.connections}: app ${Math.round(appS.rps)} req/s p99 ${appS.p99.toFixed(1)} ms | bare ${Math.round(bareS.rps)} req/s p99 ${bareS.p99.toFixed(1)} ms | ${Math.round(ratio * 100)}%`,
  );
  return [result];
}

async function main() {
  const argv = process.argv.slice(2);
  const o: SurveySubmitOptions & { build: boolean; database: string } = {
    rounds: 3,
    durationSec: 10,
    warmupSec: 2,
    connections: 10,
    maxRps: 4000,
    log: (m) => process.stdout.write(`${m}\n`),
    build: true,
    database: 'weixi_bench',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--quick') Object.assign(o, { rounds: 1, durationSec: 4, warmupSec: 1 });
    else if (a === '--no-build') o.build = false;
    else if (a === '--pg-database') o.database = value();
    else if (a === '--rounds') o.rounds = Number(value());
    else if (a === '--duration') o.durationSec = Number(value());
    else if (a === '--warmup') o.warmupSec = Number(value());
    else if (a === '--connections') o.connections = Number(value());
    else if (a === '--max-rps') o.maxRps = Number(value());
    else throw new Error(`unknown argument ${a}`);
  }
  if (!(await benchDatabaseExists(o.database))) {
    o.log(
      `survey-submit: PostgreSQL database ${o.database} not found — skipped (run bench/generate.ts first)`,
    );
    return;
  }
  if (o.build) {
    o.log('  building the server bundle…');
    await buildServerBundle();
  }
  const results = await runSurveySubmitCases({ ...pgTarget(), database: o.database }, o);
  o.log(`\n${renderTable(results)}`);
  o.log(`\nwritten ${writeResults(path.join(repoRoot, 'bench', 'results'), { results })}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
