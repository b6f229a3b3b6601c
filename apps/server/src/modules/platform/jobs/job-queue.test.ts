import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, type Harness } from '../../../testing/harness';
import { JobQueue } from './job-queue';

let h: Harness;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, ms = 15_000) {
  const until = performance.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A worker process's queue on the harness's database, polling fast so tests stay short. */
function workerQueue() {
  return new JobQueue({
    db: h.database.db,
    clock: h.clock,
    config: h.config,
    logger: silent,
    work: true,
    pollingIntervalSeconds: 0.5,
    cronMonitorIntervalSeconds: 1,
    cronWorkerIntervalSeconds: 1,
  });
}

async function jobState(id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`
    select state::text from pgboss.job where id = ${id}::uuid
    union all select state::text from pgboss.archive where id = ${id}::uuid`.execute(h.database.db);
  return rows[0]?.state;
}

describe('job queue (runJobs: the same fetch, completion and retry rules as a worker)', () => {
  it('runs a sent job once, with its payload checked when sent and when run', async () => {
    const seen: { n: number; attempt: number }[] = [];
    const echo = h.jobs.define('test.echo', z.strictObject({ n: z.number().int() }), async (ctx, data) => {
      seen.push({ n: data.n, attempt: ctx.job.attempt });
      return { doubled: data.n * 2 };
    });
    // @ts-expect-error — a payload the handler would reject is refused before anything is queued.
    await expect(h.jobs.send(echo, { n: 'seven' })).rejects.toThrow();
    const id = await h.jobs.send(echo, { n: 7 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await jobState(id!)).toBe('created');

    const outcomes = await h.runJobs();
    expect(outcomes).toEqual([{ id, name: 'test.echo', state: 'completed', result: { doubled: 14 } }]);
    expect(seen).toEqual([{ n: 7, attempt: 1 }]);
    expect(await h.runJobs()).toEqual([]);
    expect(await jobState(id!)).toBe('completed');
  });

  it('retries a failing job, then marks it failed with its error', async () => {
    const attempts: number[] = [];
    const flaky = h.jobs.define(
      'test.always-fails',
      z.object({}),
      async (ctx) => {
        attempts.push(ctx.job.attempt);
        throw new Error('客户数据暂不可用');
      },
      { retryLimit: 2, retryDelay: 0 },
    );
    const id = await h.jobs.send(flaky, {});
    const outcomes = await h.runJobs();
    expect(outcomes.map((o) => o.state)).toEqual(['retry', 'retry', 'failed']);
    expect(outcomes.every((o) => o.id === id && o.error === '客户数据暂不可用')).toBe(true);
    expect(attempts).toEqual([1, 2, 3]);
    expect(await jobState(id!)).toBe('failed');
  });

  it('a retry waits for its delay unless asked to run jobs due later', async () => {
    let calls = 0;
    const later = h.jobs.define(
      'test.retry-later',
      z.object({}),
      async () => {
        calls++;
        if (calls === 1) throw new Error('first attempt fails');
      },
      { retryLimit: 1, retryDelay: 3600 },
    );
    await h.jobs.send(later, {});
    expect((await h.runJobs()).map((o) => o.state)).toEqual(['retry']);
    expect(await h.runJobs()).toEqual([]);
    expect((await h.runJobs({ includeDelayed: true })).map((o) => o.state)).toEqual(['completed']);
    expect(calls).toBe(2);
  });

  it('queues a job sent in a transaction only if the transaction commits', async () => {
    const ran: string[] = [];
    const tx = h.jobs.define('test.in-transaction', z.object({ tag: z.string() }), async (_ctx, d) => {
      ran.push(d.tag);
    });
    await expect(
      h.database.db.transaction().execute(async (trx) => {
        await h.jobs.send(tx, { tag: 'rolled-back' }, { db: trx });
        throw new Error('the business change fails');
      }),
    ).rejects.toThrow('the business change fails');
    await h.database.db.transaction().execute(async (trx) => {
      await h.jobs.send(tx, { tag: 'committed' }, { db: trx, startedBy: null });
    });
    await h.runJobs();
    expect(ran).toEqual(['committed']);
  });

  it('a singleton key keeps a second job of the same key out of the queue', async () => {
    const one = h.jobs.define('test.singleton', z.object({ customerId: z.string() }), async () => {}, {
      policy: 'short',
      singletonKey: (d) => d.customerId,
    });
    expect(await h.jobs.send(one, { customerId: 'c1' })).not.toBeNull();
    expect(await h.jobs.send(one, { customerId: 'c1' })).toBeNull();
    expect(await h.jobs.send(one, { customerId: 'c2' })).not.toBeNull();
    expect((await h.runJobs()).filter((o) => o.name === 'test.singleton')).toHaveLength(2);
  });

  it('reports progress that can be read while the job runs', async () => {
    const admin = await h.signIn('admin');
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const long = h.jobs.define('test.progress', z.object({ total: z.number() }), async (ctx, d) => {
      for (let i = 1; i <= 3; i++) ctx.progress(i, d.total);
      await gate;
      ctx.progress(d.total, d.total);
      return { processed: d.total };
    });
    const id = await h.jobs.send(long, { total: 10 }, { startedBy: admin.userId });
    const running = h.runJobs();
    const seen = await waitFor(async () => {
      const res = await h.request({ method: 'GET', url: `/api/v1/jobs/${id}`, as: admin });
      const body = res.json();
      return body.state === 'active' && body.progress?.done === 3 ? body : null;
    }, 'progress 3 of 10');
    expect(seen).toMatchObject({
      progress: { done: 3, total: 10 },
      attempts: 1,
      startedBy: { id: admin.userId },
    });
    release();
    await running;
    const done = (await h.request({ method: 'GET', url: `/api/v1/jobs/${id}`, as: admin })).json();
    expect(done).toMatchObject({
      state: 'completed',
      progress: { done: 10, total: 10 },
      result: { processed: 10 },
    });
    expect(done.finishedAt).not.toBeNull();
  });

  it('tells the person who started a long job when it finished or finally failed, once', async () => {
    const starter = await h.signIn('account_manager');
    let fail = false;
    const regrade = h.jobs.define(
      'test.regrade-all',
      z.object({ scope: z.string() }),
      async () => {
        if (fail) throw new Error('评分规则缺失');
      },
      { retryLimit: 1, notifyStarter: { link: (d) => `/grading?scope=${d.scope}` } },
    );
    const ok = await h.jobs.send(regrade, { scope: 'all' }, { startedBy: starter.userId });
    await h.jobs.send(regrade, { scope: 'nobody' });
    await h.runJobs();
    fail = true;
    const bad = await h.jobs.send(regrade, { scope: 'all' }, { startedBy: starter.userId });
    expect((await h.runJobs()).map((o) => o.state)).toEqual(['retry', 'failed']);

    const inbox = (await h.request({ method: 'GET', url: '/api/v1/notifications', as: starter })).json();
    expect(inbox.items.map((n: { kind: string; entityId: string }) => [n.kind, n.entityId])).toEqual([
      ['job.failed', bad],
      ['job.completed', ok],
    ]);
    expect(inbox.items[0]).toMatchObject({
      params: { job: 'test.regrade-all', error: '评分规则缺失' },
      link: '/grading?scope=all',
      actor: null,
    });
  });

  it('a handler that runs past expireInSeconds fails, and its signal is aborted', async () => {
    let aborted = false;
    const slow = h.jobs.define(
      'test.too-slow',
      z.object({}),
      async (ctx) => {
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
        aborted = ctx.signal.aborted;
      },
      { expireInSeconds: 1, retryLimit: 0 },
    );
    await h.jobs.send(slow, {});
    const [outcome] = await h.runJobs();
    expect(outcome).toMatchObject({ state: 'failed', error: 'job test.too-slow ran longer than 1 s' });
    expect(aborted).toBe(true);
  });
});

describe('worker processes', () => {
  it('a worker picks up sent jobs by itself and finishes a running one before it stops', async () => {
    const worker = workerQueue();
    const finished: number[] = [];
    let startedSlow!: () => void;
    const slowStarted = new Promise<void>((r) => {
      startedSlow = r;
    });
    const def = worker.define(
      'test.worker',
      z.object({ n: z.number(), slowMs: z.number() }),
      async (_c, d) => {
        if (d.slowMs) startedSlow();
        await new Promise((r) => setTimeout(r, d.slowMs));
        finished.push(d.n);
      },
    );
    await worker.start();
    try {
      // Sent by another process's queue (an API process): only the name and payload travel.
      await h.jobs.send(def, { n: 1, slowMs: 0 });
      await waitFor(async () => finished.includes(1), 'the worker to run job 1');
      const slowId = await h.jobs.send(def, { n: 2, slowMs: 700 });
      await slowStarted;
      await worker.stop({ timeoutMs: 5_000 });
      expect(finished).toEqual([1, 2]);
      expect(await jobState(slowId!)).toBe('completed');
    } finally {
      await worker.stop();
    }
  });

  it('a prepared worker queues jobs but runs none until it starts working (servers listen in between)', async () => {
    const worker = workerQueue();
    const ran: number[] = [];
    const def = worker.define('test.prepared', z.object({ n: z.number() }), async (_c, d) => {
      ran.push(d.n);
    });
    await worker.prepare();
    try {
      expect(await worker.send(def, { n: 1 })).toEqual(expect.any(String));
      await new Promise((r) => setTimeout(r, 800)); // longer than the worker's polling interval (0.5 s)
      expect(ran).toEqual([]);
      await worker.startWorking();
      await waitFor(async () => ran.includes(1), 'the job sent before working started to run');
    } finally {
      await worker.stop();
    }
  });

  it('a job queued while no worker runs is run when one starts (restart)', async () => {
    const ran: string[] = [];
    const sender = new JobQueue({
      db: h.database.db,
      clock: h.clock,
      config: h.config,
      logger: silent,
      work: false,
    });
    await sender.start();
    const def = sender.define('test.survives-restart', z.object({ v: z.string() }), async () => {});
    await sender.send(def, { v: 'before restart' });
    await sender.stop();

    const worker = workerQueue();
    worker.define('test.survives-restart', z.object({ v: z.string() }), async (_c, d) => {
      ran.push(d.v);
    });
    await worker.start();
    try {
      await waitFor(async () => ran.length > 0, 'the queued job to run after the restart');
      expect(ran).toEqual(['before restart']);
    } finally {
      await worker.stop();
    }
  });

  it('a job cut off by a stop is retried by the next worker', async () => {
    const attempts: number[] = [];
    const define = (q: JobQueue) =>
      q.define(
        'test.interrupted',
        z.object({}),
        async (ctx) => {
          attempts.push(ctx.job.attempt);
          if (ctx.job.attempt === 1) {
            await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve()));
            throw new Error('stopped midway');
          }
        },
        { retryLimit: 2 },
      );
    const first = workerQueue();
    const def = define(first);
    await first.start();
    const id = await h.jobs.send(def, {});
    await waitFor(async () => attempts.length === 1, 'the first attempt to start');
    await first.stop({ timeoutMs: 1_000 });

    const second = workerQueue();
    define(second);
    await second.start();
    try {
      await waitFor(async () => (await jobState(id!)) === 'completed', 'the retried job to complete');
      expect(attempts).toEqual([1, 2]);
    } finally {
      await second.stop();
    }
  });

  it('a schedule fires without waiting minutes, in the business time zone, and leaves when unlisted', async () => {
    const fired: string[] = [];
    const worker = new JobQueue({
      db: h.database.db,
      clock: h.clock,
      config: h.config,
      logger: silent,
      work: true,
      pollingIntervalSeconds: 0.5,
      cronMonitorIntervalSeconds: 1,
      cronWorkerIntervalSeconds: 1,
      definitions: [],
    });
    const tick = worker.define('test.every-minute', z.object({ from: z.string() }), async (_c, d) => {
      fired.push(d.from);
    });
    // Every minute: due now, so pg-boss's next cron check (every second here) sends it.
    await worker.start();
    await worker.schedule(tick, '* * * * *', { from: 'cron' });
    try {
      await waitFor(async () => fired.length > 0, 'the scheduled job to run');
      expect(fired[0]).toBe('cron');
      const { rows } = await sql<{ name: string; cron: string; timezone: string }>`
        select name, cron, timezone from pgboss.schedule where name = 'test.every-minute'`.execute(
        h.database.db,
      );
      expect(rows).toEqual([{ name: 'test.every-minute', cron: '* * * * *', timezone: 'Asia/Shanghai' }]);
    } finally {
      await worker.stop();
    }
    // A worker of a release without this schedule removes it at start.
    const next = workerQueue();
    await next.start();
    await next.stop();
    const { rows } = await sql`select 1 from pgboss.schedule where name = 'test.every-minute'`.execute(
      h.database.db,
    );
    expect(rows).toHaveLength(0);
  });
});
