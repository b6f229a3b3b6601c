import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHarness, type Harness, type Session } from '../../../testing/harness';
import type { JobDefinition } from './define-job';

let h: Harness;
let admin: Session;
let manager: Session;
let other: Session;
let report: JobDefinition;
let flaky: JobDefinition;
let failNext = true;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  manager = await h.signIn('account_manager');
  other = await h.signIn('account_manager');
  report = h.jobs.define('test.report', z.object({ rows: z.number() }), async (ctx, d) => {
    ctx.progress(d.rows, d.rows);
    return { rows: d.rows };
  });
  flaky = h.jobs.define(
    'test.flaky',
    z.object({}),
    async () => {
      if (failNext) throw new Error('ERP 接口超时');
    },
    { retryLimit: 0 },
  );
});
afterAll(async () => {
  await h.close();
});

const get = (url: string, as?: Session) => h.request({ method: 'GET', url, ...(as ? { as } : {}) });

describe('GET /api/v1/jobs/:id', () => {
  it('401 anonymous, 400 for an id that is not a UUID', async () => {
    const id = await h.jobs.send(report, { rows: 1 }, { startedBy: manager.userId });
    expect((await get(`/api/v1/jobs/${id}`)).statusCode).toBe(401);
    const bad = await get('/api/v1/jobs/42', manager);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
  });

  it('the starter follows the job from queued to its result; someone else gets a 404; an admin sees it', async () => {
    const id = await h.jobs.send(report, { rows: 120 }, { startedBy: manager.userId });
    const queued = await get(`/api/v1/jobs/${id}`, manager);
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({
      id,
      name: 'test.report',
      state: 'created',
      attempts: 0,
      maxAttempts: 3,
      progress: null,
      startedBy: { id: manager.userId },
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    });
    expect((await get(`/api/v1/jobs/${id}`, other)).statusCode).toBe(404);
    expect((await get('/api/v1/jobs/0190d6f0-0000-7000-8000-000000000000', manager)).statusCode).toBe(404);

    await h.runJobs();
    const done = (await get(`/api/v1/jobs/${id}`, manager)).json();
    expect(done).toMatchObject({
      state: 'completed',
      attempts: 1,
      progress: { done: 120, total: 120 },
      result: { rows: 120 },
    });
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    expect((await get(`/api/v1/jobs/${id}`, admin)).json().state).toBe('completed');
  });

  it('a scheduled or system job (no starter) is visible to administrators only', async () => {
    const id = await h.jobs.send(report, { rows: 1 });
    expect((await get(`/api/v1/jobs/${id}`, manager)).statusCode).toBe(404);
    expect((await get(`/api/v1/jobs/${id}`, admin)).json()).toMatchObject({ id, startedBy: null });
  });
});

describe('GET /api/v1/jobs and /api/v1/jobs/queues (admin)', () => {
  it('401 anonymous, 403 for other roles, 400 for an unknown state or a forged cursor', async () => {
    expect((await get('/api/v1/jobs')).statusCode).toBe(401);
    expect((await get('/api/v1/jobs/queues')).statusCode).toBe(401);
    expect((await get('/api/v1/jobs', manager)).statusCode).toBe(403);
    expect((await get('/api/v1/jobs/queues', manager)).statusCode).toBe(403);
    const state = await get('/api/v1/jobs?state=exploded', admin);
    expect(state.statusCode).toBe(400);
    expect(state.json().errors[0].path).toBe('query.state');
    expect((await get('/api/v1/jobs?cursor=abc', admin)).statusCode).toBe(400);
  });

  it('lists recent runs newest first with failures and their errors, filtered and paged', async () => {
    failNext = true;
    const failed = await h.jobs.send(flaky, {});
    const a = await h.jobs.send(report, { rows: 2 });
    const b = await h.jobs.send(report, { rows: 3 });
    await h.runJobs();

    const failures = (await get('/api/v1/jobs?state=failed&name=test.flaky', admin)).json();
    expect(failures.items).toHaveLength(1);
    expect(failures.items[0]).toMatchObject({
      id: failed,
      state: 'failed',
      error: 'ERP 接口超时',
      attempts: 1,
    });

    const p1 = (await get('/api/v1/jobs?name=test.report&limit=1', admin)).json();
    expect(p1.items.map((j: { id: string }) => j.id)).toEqual([b]);
    const p2 = (await get(`/api/v1/jobs?name=test.report&limit=1&cursor=${p1.nextCursor}`, admin)).json();
    expect(p2.items.map((j: { id: string }) => j.id)).toEqual([a]);
    expect(p1.total).toBeGreaterThanOrEqual(2);

    const queues = (await get('/api/v1/jobs/queues', admin)).json();
    const flakyQueue = queues.items.find((q: { name: string }) => q.name === 'test.flaky');
    expect(flakyQueue).toMatchObject({ schedule: null, counts: { failed: 1 } });
    expect(queues.items.some((q: { name: string }) => q.name.startsWith('__pgboss'))).toBe(false);
  });
});

describe('POST /api/v1/jobs/:id/retry (admin)', () => {
  it('401, 403 for other roles, 404 for an unknown job, 409 for a job that did not fail; nothing changes', async () => {
    failNext = true;
    const id = await h.jobs.send(flaky, {});
    await h.runJobs();
    const retry = (as?: Session, jobId = id) =>
      h.request({ method: 'POST', url: `/api/v1/jobs/${jobId}/retry`, ...(as ? { as } : {}) });
    expect((await retry()).statusCode).toBe(401);
    expect((await retry(manager)).statusCode).toBe(403);
    expect((await retry(admin, '0190d6f0-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const done = await h.jobs.send(report, { rows: 1 });
    await h.runJobs();
    const conflict = await retry(admin, done!);
    expect(conflict.statusCode).toBe(409);
    expect((await get(`/api/v1/jobs/${id}`, admin)).json().state).toBe('failed');
  });

  it('puts a failed job back for one more attempt, audited', async () => {
    failNext = true;
    const id = await h.jobs.send(flaky, {});
    await h.runJobs();
    failNext = false;
    const res = await h.request({ method: 'POST', url: `/api/v1/jobs/${id}/retry`, as: admin });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, state: 'retry', maxAttempts: 2, error: 'ERP 接口超时' });
    expect((await h.runJobs()).map((o) => [o.id, o.state])).toEqual([[id, 'completed']]);
    const after = (await get(`/api/v1/jobs/${id}`, admin)).json();
    expect(after).toMatchObject({ state: 'completed', attempts: 2, error: null });
    const audit = (await get(`/api/v1/audit?entity=job&entityId=${id}`, admin)).json();
    expect(audit.items[0]).toMatchObject({ action: 'job.retry', actor: { id: admin.userId } });
  });
});
