import { fileURLToPath } from 'node:url';
import type { LoadConfig, LoadResult } from './load-worker';
import { runCommand } from './proc';

export type { LoadConfig, LoadRequest, LoadResult } from './load-worker';

const workerFile = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/** One autocannon run in a separate process (warm-up first, then the measured part). */
export async function runLoad(config: LoadConfig): Promise<LoadResult> {
  const { stdout } = await runCommand(process.execPath, [
    '--import',
    'tsx',
    workerFile,
    JSON.stringify(config),
  ]);
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as LoadResult;
}

export function median(values: readonly number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface LoadSummary {
  rounds: LoadResult[];
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Medians over rounds, each statistic on its own (the machine is shared and noisy). */
export function summarize(rounds: LoadResult[]): LoadSummary {
  return {
    rounds,
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.latencyMs.p50)),
    p95: median(rounds.map((r) => r.latencyMs.p95)),
    p99: median(rounds.map((r) => r.latencyMs.p99)),
    non2xx: rounds.reduce((a, r) => a + r.non2xx, 0),
    errors: rounds.reduce((a, r) => a + r.errors + r.timeouts, 0),
  };
}
