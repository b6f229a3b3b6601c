// The load generator of the survey-submit scenario, in its own process like bench/lib/load-worker.ts,
// but POSTing answers with a different token on every request: a token answers once, so reusing
// one would measure the 409 path. Tokens come from a file (one per line); warm-up uses the first
// ones. Prints one LoadResult JSON line.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadResult } from '../lib/load-worker';

export interface SurveyLoadConfig {
  baseUrl: string;
  path: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  tokenFile: string;
  /** Answers posted with every token (the bench survey's questions). */
  answers: Record<string, unknown>[];
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

function run(
  config: SurveyLoadConfig,
  tokens: string[],
  next: { i: number },
  durationSec: number,
  record: boolean,
) {
  return new Promise<LoadResult>((resolve, reject) => {
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
        requests: [
          {
            method: 'POST',
            path: config.path,
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const n = next.i++;
              // Out of tokens: the server answers 409, counted as non-2xx (size the pool bigger).
              const token = tokens[n % tokens.length]!;
              const answers = config.answers[n % config.answers.length];
              return { ...req, body: JSON.stringify({ token, answers }) };
            },
          },
        ],
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
  const config = JSON.parse(process.argv[2] ?? '{}') as SurveyLoadConfig;
  const tokens = readFileSync(config.tokenFile, 'utf8').split('\n').filter(Boolean);
  const next = { i: 0 };
  if (config.warmupSec > 0) await run(config, tokens, next, config.warmupSec, false);
  const result = await run(config, tokens, next, config.durationSec, true);
  process.stdout.write(`${JSON.stringify({ ...result, tokensUsed: next.i, tokens: tokens.length })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
