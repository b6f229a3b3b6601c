// Where the server's CPU goes under one scenario's load: runs the bundled server with --cpu-prof
// against the bench archive, drives it with autocannon from another process, and prints self time
// by package and by function. Profile before optimising.
//   npx tsx bench/profile.ts me|list|search|tickets|tickets-team [--engine postgres|pglite] [--seconds 10] [--connections 10]
//   npx tsx bench/profile.ts import [--rows 100000]   (one .xlsx import, upload to done)
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureDataset, pgliteTarget, pgTarget, repoRoot } from './generate';
import { runLoad } from './lib/load';
import { buildServerBundle, createSessions, startApp, withDatabase } from './lib/servers';
import { pickCast } from './scenarios/http';
import { runImportCase } from './scenarios/import-export';

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

function summarize(profile: CpuProfile): string {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0;
    // Waiting for the database or the network is not CPU.
    if (n.callFrame.functionName === '(idle)' || t === 0) continue;
    total += t;
    const url = n.callFrame.url.replace(`file://${repoRoot}/`, '');
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
    const pkg =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.startsWith('node:')
        ? 'node (internal)'
        : url.includes('apps/server/dist')
          ? 'weixi'
          : n.callFrame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + t);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  return `CPU time by package (excluding idle):\n${top(byPackage, 20)}\n\nby function:\n${top(byFunction, 30)}`;
}

async function main() {
  const args = process.argv.slice(2);
  const value = (flag: string, fallback: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
  };
  const scenario = args[0] ?? 'list';
  const engine = value('--engine', 'postgres');
  const target = engine === 'pglite' ? pgliteTarget() : pgTarget();
  const info = await ensureDataset(target, { log: (m) => process.stdout.write(`${m}\n`) });
  const cast = pickCast(info.users);
  // The team queue is a manager's question; everything else is asked by account managers.
  const who = scenario === 'tickets-team' ? cast.regionManagers : cast.accountManagers;
  const sessions = await withDatabase(target, (db) =>
    createSessions(db, scenario === 'import' ? [...who, cast.importer] : who),
  );
  const cookie = (id: string) => ({ cookie: sessions.get(id)!.headers.cookie! });
  const paths: Record<string, (id: string) => string> = {
    me: () => '/api/v1/me',
    list: (id) => `/api/v1/customers?ownerId=${id}&grade=A,B&limit=50`,
    search: () => `/api/v1/customers?q=${encodeURIComponent('光电')}&limit=20`,
    tickets: () => '/api/v1/tickets?view=mine&priority=urgent,high,normal&limit=50',
    'tickets-team': () => '/api/v1/tickets?view=team&priority=urgent,high,normal&limit=50',
  };
  const pathOf = paths[scenario];
  if (!pathOf && scenario !== 'import') throw new Error(`scenario: ${Object.keys(paths).join(', ')}, import`);
  await buildServerBundle();
  const dir = path.join(repoRoot, 'data', 'bench', 'profiles');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const profileOf = () => {
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no profile was written');
    return {
      name: path.relative(repoRoot, path.join(dir, file)),
      summary: summarize(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile),
    };
  };
  if (!pathOf) {
    const log = (m: string) => process.stdout.write(`${m}\n`);
    const rows = Number(value('--rows', '100000'));
    const result = await runImportCase(target.engine, target, cast, sessions, rows, log, {
      appArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    });
    const p = profileOf();
    process.stdout.write(
      `import on ${engine}: ${JSON.stringify(result.app)} (profiling slows it)\nprofile: ${p.name}\n\n${p.summary}\n`,
    );
    return;
  }
  const app = await startApp(target, { extraArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  let result: Awaited<ReturnType<typeof runLoad>>;
  try {
    result = await runLoad({
      baseUrl: app.baseUrl,
      connections: Number(value('--connections', '10')),
      durationSec: Number(value('--seconds', '10')),
      warmupSec: 2,
      requests: who.map((u) => ({ path: pathOf(u.id), headers: cookie(u.id) })),
    });
  } finally {
    await app.stop();
  }
  const p = profileOf();
  process.stdout.write(
    `${scenario} on ${engine}: ${Math.round(result.rps)} req/s, p99 ${result.latencyMs.p99.toFixed(1)} ms (profiling slows it)\n` +
      `profile: ${p.name} (open in Chrome DevTools)\n\n${p.summary}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
