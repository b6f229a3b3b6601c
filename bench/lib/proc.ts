import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';

/** A port nobody listens on right now (other helpers run servers on this machine too). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface Running {
  name: string;
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from the ready URL. */
  readyMs: number;
  stop(): Promise<void>;
  output(): string;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  port: number;
  readyPath: string;
  timeoutMs?: number;
  /** How often to ask the ready URL; small for cold-start timing. */
  pollMs?: number;
}

/** Spawns a server in its own process and waits for its ready URL to answer 200. */
export async function startServer(o: StartOptions): Promise<Running> {
  const t0 = performance.now();
  const child = spawn(o.command, o.args, {
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 0);
      resolve();
    });
  });
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const deadline = t0 + (o.timeoutMs ?? 120_000);
  let readyMs = -1;
  while (performance.now() < deadline) {
    if (exited !== null) throw new Error(`${o.name} exited with ${exited} before it was ready:\n${out}`);
    try {
      const res = await fetch(baseUrl + o.readyPath);
      await res.arrayBuffer();
      if (res.status === 200) {
        readyMs = performance.now() - t0;
        break;
      }
    } catch {
      // not listening yet
    }
    await sleep(o.pollMs ?? 50);
  }
  const stop = async () => {
    if (exited !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(killer);
  };
  if (readyMs < 0) {
    await stop();
    throw new Error(`${o.name} was not ready within ${o.timeoutMs ?? 120_000} ms:\n${out}`);
  }
  return { name: o.name, child, pid: child.pid!, baseUrl, readyMs, stop, output: () => out };
}

/** Runs a command to completion and returns its stdout; rejects with its output on failure. */
export function runCommand(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-20_000);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve({ stdout, ms: performance.now() - t0 });
      else
        reject(
          new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}${stdout.slice(-5000)}`),
        );
    });
  });
}

/**
 * CPU time (user + system) a process has used so far, in ms. Divided by the requests served, it
 * compares the app's cost per request with the baseline's even when other work shares the cores.
 */
export function cpuTimeMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th overall.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return Number.NaN;
  }
}
// USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK).
const clockTicks = 100;

export interface MemoryStatus {
  /** Resident set now, MiB. */
  rssMb: number;
  /** Peak resident set since the process started (VmHWM), MiB. */
  hwmMb: number;
}

export function memoryOf(pid: number): MemoryStatus | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/**
 * Samples a process's VmRSS every `everyMs` until stopped: the peak, and about 20 evenly spaced
 * points of the curve (seconds, MiB) so a report can show that memory stayed flat.
 */
export function sampleMemory(pid: number, everyMs = 100) {
  let peak = 0;
  const series: [number, number][] = [];
  const t0 = performance.now();
  const timer = setInterval(() => {
    const m = memoryOf(pid);
    if (!m) return;
    series.push([(performance.now() - t0) / 1000, m.rssMb]);
    if (m.rssMb > peak) peak = m.rssMb;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const step = Math.max(1, Math.floor(series.length / 20));
      const curve = series
        .filter((_, i) => i % step === 0 || i === series.length - 1)
        .map(([t, mb]) => [Math.round(t * 10) / 10, Math.round(mb)] as [number, number]);
      return { peakRssMb: Math.round(peak), samples: series.length, curve };
    },
  };
}
