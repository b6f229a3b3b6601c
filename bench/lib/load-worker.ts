// The load generator, run as its own process (bench/lib/load.ts spawns it) so that the server
// under test keeps a core to itself. Prints one JSON line: throughput and exact latency
// percentiles computed from every response (autocannon's own summary has no p95).
import autocannon from 'autocannon';

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
}

export interface LoadConfig {
  baseUrl: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  requests: LoadRequest[];
}

export interface LoadResult {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  elapsedSec: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  firstNon2xx: number | null;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function run(config: LoadConfig, durationSec: number, record: boolean): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let ok = 0;
    let non2xx = 0;
    let firstNon2xx: number | null = null;
    const t0 = performance.now();
    const instance = autocannon(
      {
        url: config.baseUrl,
        connections: config.connections,
        duration: durationSec,
        requests: config.requests.map((r) => ({
          method: 'GET' as const,
          path: r.path,
          headers: r.headers ?? {},
        })),
      },
      (err, result) => {
        if (err) return reject(err);
        const elapsedSec = (performance.now() - t0) / 1000;
        const sorted = Float64Array.from(latencies).sort();
        const sum = latencies.reduce((a, b) => a + b, 0);
        resolve({
          requests: latencies.length,
          ok,
          non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          elapsedSec,
          rps: ok / elapsedSec,
          latencyMs: {
            p50: percentile(sorted, 50),
            p95: percentile(sorted, 95),
            p99: percentile(sorted, 99),
            max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
            mean: latencies.length ? sum / latencies.length : Number.NaN,
          },
          firstNon2xx,
        });
      },
    );
    if (record) {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        latencies.push(responseTime);
        if (statusCode >= 200 && statusCode < 300) ok++;
        else {
          non2xx++;
          firstNon2xx ??= statusCode;
        }
      });
    }
  });
}

async function main() {
  const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
  if (config.warmupSec > 0) await run(config, config.warmupSec, false);
  const result = await run(config, config.durationSec, true);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
