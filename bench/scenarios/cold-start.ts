import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../generate';
import { median } from '../lib/load';
import { freePort, startServer } from '../lib/proc';
import type { CaseResult } from '../lib/report';
import { appEnv, serverEntry } from '../lib/servers';

const baselineScript = path.join(repoRoot, 'bench/baselines/pglite-open.mjs');

/** A data directory as a second `npm start` finds it: migrated, demo company loaded. */
export async function ensureDemoDir(dir: string, log: (m: string) => void): Promise<void> {
  if (existsSync(path.join(dir, 'pglite', 'PG_VERSION'))) return;
  log(`  creating a demo data directory for cold starts at ${path.relative(repoRoot, dir)}…`);
  const port = await freePort();
  const server = await startServer({
    name: 'weixi (first start)',
    command: process.execPath,
    args: [serverEntry],
    env: { ...appEnv({ engine: 'pglite', customers: 0, dataDir: dir }, dir, port), WEIXI_DEMO: '1' },
    port,
    readyPath: '/readyz',
  });
  await server.stop();
}

/** Spawn → first 200 from /readyz, polled every 10 ms, then a clean stop. */
async function timeServerStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const server = await startServer({
    name: 'weixi (cold start)',
    command: process.execPath,
    args: [serverEntry],
    env: appEnv({ engine: 'pglite', customers: 0, dataDir }, dataDir, port),
    port,
    readyPath: '/readyz',
    pollMs: 10,
  });
  await server.stop();
  return server.readyMs;
}

/** Spawn → `ready` line of node + PGlite.create(dir) + select 1. */
function timeBareOpen(pgliteDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [baselineScript, pgliteDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let readyAt = -1;
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      if (readyAt < 0 && b.toString().includes('ready')) readyAt = performance.now() - t0;
    });
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
    });
    child.on('exit', (code) => (code === 0 && readyAt >= 0 ? resolve(readyAt) : reject(new Error(err))));
  });
}

export async function runColdStart(
  dirs: { label: string; dataDir: string }[],
  runs: number,
  log: (m: string) => void,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const d of dirs) {
    const app: number[] = [];
    const bare: number[] = [];
    // Alternate, like the load rounds: both see the same page cache and the same noise.
    for (let i = 0; i < runs; i++) {
      app.push(await timeServerStart(d.dataDir));
      bare.push(await timeBareOpen(path.join(d.dataDir, 'pglite')));
    }
    const appMedian = median(app);
    const bareMedian = median(bare);
    log(
      `  cold-start ${d.label}: weixi ${Math.round(appMedian)} ms (${app.map(Math.round).join(', ')}) | bare PGlite open ${Math.round(bareMedian)} ms`,
    );
    results.push({
      scenario: 'cold-start',
      engine: 'pglite',
      label: `spawn → /readyz 200, ${d.label}`,
      app: { runs: app.map(Math.round), median: Math.round(appMedian), unit: 'ms' },
      bare: { runs: bare.map(Math.round), median: Math.round(bareMedian), unit: 'ms' },
      ratio: bareMedian / appMedian,
      checks: [
        {
          name: 'cold start',
          target: '< 2 s',
          value: Math.round(appMedian),
          unit: 'ms',
          pass: appMedian < 2000,
        },
      ],
      note: 'bare = node + PGlite.create(dir) + select 1, spawn to answer',
    });
  }
  return results;
}
