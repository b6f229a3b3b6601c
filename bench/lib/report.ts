import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadSummary } from './load';

export type EngineName = 'postgres' | 'pglite';

export interface Check {
  name: string;
  target: string;
  value: number;
  unit: string;
  pass: boolean;
}

export interface TimingSummary {
  runs: number[];
  median: number;
  unit: 'ms' | 's';
}

export interface CaseResult {
  scenario: string;
  engine: EngineName;
  label: string;
  /** Load cases: connections; timing cases: none. */
  connections?: number;
  app: LoadSummary | TimingSummary | null;
  bare: LoadSummary | TimingSummary | null;
  /** app / bare throughput (load) or bare / app time (timing): 1 means as fast as the baseline. */
  ratio: number | null;
  checks: Check[];
  extra?: Record<string, unknown>;
  note?: string;
  loadAverage?: number[];
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  postgres: string | null;
  /** The settings that move the write-heavy figures (import, regrade), as `name value, …`. */
  postgresSettings: string | null;
  pglite: string;
  loadAverageAtStart: number[];
}

export function isLoad(s: LoadSummary | TimingSummary | null): s is LoadSummary {
  return s !== null && 'rps' in s;
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en') : '–');
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

function describe(s: LoadSummary | TimingSummary | null): string {
  if (s === null) return '–';
  if (isLoad(s)) return `${f0(s.rps)} req/s  p50 ${f1(s.p50)}  p95 ${f1(s.p95)}  p99 ${f1(s.p99)} ms`;
  return `${s.unit === 's' ? f1(s.median) : f0(s.median)} ${s.unit} (median of ${s.runs.length})`;
}

/** A plain-text table: one line per case, the app beside its baseline, then the checks. */
export function renderTable(cases: CaseResult[]): string {
  const rows = cases.map((c) => [
    c.scenario,
    c.engine,
    c.label + (c.connections ? ` (c=${c.connections})` : ''),
    describe(c.app),
    describe(c.bare),
    c.ratio === null ? '–' : `${Math.round(c.ratio * 100)}%`,
    c.checks.length === 0
      ? '(no target)'
      : c.checks.map((k) => `${k.pass ? 'PASS' : 'FAIL'} ${k.name} ${k.target}`).join('; '),
  ]);
  const head = ['scenario', 'engine', 'case', 'weixi', 'bare baseline', 'ratio', 'targets'];
  const width = (i: number) => Math.max(head[i]!.length, ...rows.map((r) => displayWidth(r[i]!)));
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));
  const widths = head.map((_, i) => Math.min(width(i), 70));
  const line = (r: string[]) => r.map((cell, i) => pad(cell, widths[i]!)).join(' │ ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.map(line)].join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]/u.test(ch) ? 2 : 1;
  return w;
}

export function machineInfo(
  postgres: string | null,
  postgresSettings: string | null,
  pglite: string,
): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres,
    postgresSettings,
    pglite,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function writeResults(dir: string, data: unknown): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}
