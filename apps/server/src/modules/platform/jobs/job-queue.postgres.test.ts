import type { DB } from '@weixi/db';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, type Harness } from '../../../testing/harness';
import { openSecondPool } from '../../../testing/second-pool';
import { defineJob } from './define-job';
import { JobQueue } from './job-queue';

// Several server processes share one PostgreSQL database. Each "process" here is a JobQueue on its
// own pg pool (its own connections), as separate `node` processes would have; PGlite is one
// process by design, so these run only with TEST_DATABASE_URL.
const url = process.env.TEST_DATABASE_URL;
const silent = pino({ level: process.env.JOB_TEST_LOG ?? 'silent' });

let h: Harness;
const pools: Kysely<DB>[] = [];

async function openPool(): Promise<Kysely<DB>> {
  const db = await openSecondPool(h, 3);
  pools.push(db);
  return db;
}

function processQueue(
  db: Kysely<DB>,
  work = true,
  extra: Partial<ConstructorParameters<typeof JobQueue>[0]> = {},
) {
  return new JobQueue({
    db,
    clock: h.clock,
    config: h.config,
    logger: silent,
    work,
    pollingIntervalSeconds: 0.5,
    cronMonitorIntervalSeconds: 1,
    cronWorkerIntervalSeconds: 1,
    ...extra,
  });
}

async function waitFor(probe: () => boolean | Promise<boolean>, what: string, ms = 20_000) {
  const until = performance.now() + ms;
  while (!(await probe())) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  if (!url) return;
  h = await createHarness();
});
afterAll(async () => {
  for (const p of pools) await p.destroy();
  await h?.close();
});

describe.skipIf(!url)('two server processes on one PostgreSQL database', () => {
  it('a schedule both workers know runs once per due minute, not once per worker', async () => {
    // Both workers check the schedule every second; stay inside one minute so exactly one run is due.
    const second = new Date().getSeconds();
    if (second > 48) await sleep((61 - second) * 1000);
    const runs: string[] = [];
    // Each process has its own definition and registers the schedule at its start, as every
    // worker of a release does.
    const processWith = async (who: string) => {
      const job = defineJob('test.nightly', z.object({}), async () => {
        runs.push(who);
      });
      return processQueue(await openPool(), true, {
        definitions: [job],
        schedules: [{ job, cron: '* * * * *' }],
      });
    };
    const a = await processWith('A');
    const b = await processWith('B');
    await Promise.all([a.start(), b.start()]);
    try {
      await waitFor(() => runs.length > 0, 'the scheduled run');
      // Several more cron checks by both processes within the same minute add nothing.
      await sleep(3_500);
      expect(runs).toHaveLength(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 60_000);

  it('jobs sent from both processes run exactly once each, shared between the workers', async () => {
    const runs: { id: string; who: string }[] = [];
    const define = (q: JobQueue, who: string) =>
      q.define('test.burst', z.object({ i: z.number() }), async (ctx) => {
        runs.push({ id: ctx.job.id, who });
        await sleep(30);
      });
    const a = processQueue(await openPool());
    const b = processQueue(await openPool());
    const defA = define(a, 'A');
    const defB = define(b, 'B');
    await Promise.all([a.start(), b.start()]);
    try {
      const ids = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? a.send(defA, { i }) : b.send(defB, { i }))),
      );
      await waitFor(() => runs.length >= 12, '12 runs');
      await sleep(1_000);
      expect(runs).toHaveLength(12);
      expect(new Set(runs.map((r) => r.id))).toEqual(new Set(ids));
      expect(new Set(runs.map((r) => r.who))).toEqual(new Set(['A', 'B']));
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('two processes sending the same singleton job at once queue it once', async () => {
    const a = processQueue(await openPool(), false);
    const b = processQueue(await openPool(), false);
    const options = { policy: 'short' as const, singletonKey: (d: { customerId: string }) => d.customerId };
    const defA = a.define('test.regrade-one', z.object({ customerId: z.string() }), async () => {}, options);
    const defB = b.define('test.regrade-one', z.object({ customerId: z.string() }), async () => {}, options);
    await Promise.all([a.start(), b.start()]);
    try {
      const sent = await Promise.all([
        ...Array.from({ length: 5 }, () => a.send(defA, { customerId: 'same' })),
        ...Array.from({ length: 5 }, () => b.send(defB, { customerId: 'same' })),
      ]);
      expect(sent.filter((id) => id !== null)).toHaveLength(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('a queued job survives its process exiting and runs in a process started later', async () => {
    const first = await openPool();
    const sender = processQueue(first, false);
    const def = sender.define('test.after-restart', z.object({ note: z.string() }), async () => {});
    await sender.start();
    const id = await sender.send(def, { note: '重启前排队' });
    await sender.stop();
    await first.destroy();
    pools.splice(pools.indexOf(first), 1);

    const ran: string[] = [];
    const later = processQueue(await openPool());
    later.define('test.after-restart', z.object({ note: z.string() }), async (ctx, d) => {
      ran.push(`${ctx.job.id}:${d.note}`);
    });
    await later.start();
    try {
      await waitFor(() => ran.length > 0, 'the job to run after the restart');
      expect(ran).toEqual([`${id}:重启前排队`]);
    } finally {
      await later.stop();
    }
  });
});
