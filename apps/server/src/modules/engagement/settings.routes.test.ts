import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { recomputeFollowUps } from './use-cases/recompute-follow-ups';

let h: Harness;
let admin: Session;
let am: Session;
let manager: Session;

const day = 86_400_000;
const url = '/api/v1/engagement/settings';

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  const dept = await h.makeDepartment('跟进设置部');
  am = await h.signIn('account_manager', dept);
  manager = await h.signIn('department_manager', dept);
});
afterAll(async () => {
  await h.close();
});

const settings = async () => (await h.request({ method: 'GET', url, as: am })).json();
const patch = (as: Session | undefined, payload: object) =>
  h.request({ method: 'PATCH', url, ...(as ? { as } : {}), payload });
const dueOf = async (id: string) =>
  (
    await h.database.db
      .selectFrom('customer')
      .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
      .select(['f.due_at as follow_up_due_at', 'last_follow_up_at', 'created_at'])
      .where('customer.id', '=', id)
      .executeTakeFirstOrThrow()
  ).follow_up_due_at;
const recomputeJobs = async () =>
  (
    await sql<{
      id: string;
    }>`select id from pgboss.job where name = 'engagement.recompute-follow-ups'`.execute(h.database.db)
  ).rows;

describe('GET /api/v1/engagement/settings', () => {
  it('401 anonymous; everyone signed in reads the defaults before anything is saved', async () => {
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url, as: am });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      keyContactDays: 30,
      countInbound: false,
      reminderLeadDays: 1,
      futureToleranceMinutes: 10,
      checkInFarMeters: 1000,
      version: 1,
      updatedAt: null,
    });
  });
});

describe('PATCH /api/v1/engagement/settings', () => {
  it('401, 400 per field, 403 for non-administrators — nothing changes', async () => {
    expect((await patch(undefined, { reminderLeadDays: 2, version: 1 })).statusCode).toBe(401);
    const bad = await patch(admin, { keyContactDays: 0, reminderLeadDays: 31, colour: 'red', version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['colour', 'keyContactDays', 'reminderLeadDays']);
    const noVersion = await patch(admin, { reminderLeadDays: 2 });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().errors[0].path).toBe('version');
    expect((await patch(manager, { reminderLeadDays: 2, version: 1 })).statusCode).toBe(403);
    expect((await patch(am, { reminderLeadDays: 2, version: 1 })).statusCode).toBe(403);
    expect(await settings()).toMatchObject({ reminderLeadDays: 1, version: 1 });
  });

  it('saves the values sent; a stale version is a 409 and overwrites nothing', async () => {
    const first = await patch(admin, { reminderLeadDays: 2, version: 1 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      reminderLeadDays: 2,
      keyContactDays: 30,
      version: 2,
      recomputeJobId: null,
    });
    expect(first.json().updatedAt).toEqual(expect.any(String));
    // A second administrator who also saw version 1.
    const stale = await patch(admin, { futureToleranceMinutes: 30, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect(await settings()).toMatchObject({ reminderLeadDays: 2, futureToleranceMinutes: 10, version: 2 });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'setting')
      .where('entity_id', '=', 'engagement.settings')
      .execute();
    expect(audit).toEqual([
      { action: 'setting.update', before: { reminderLeadDays: 1 }, after: { reminderLeadDays: 2 } },
    ]);
  });

  it('changing keyContactDays queues the recompute in the same transaction; the job moves every key customer', async () => {
    const key = await createCustomer(h, am, { name: '设置重点客户' });
    const normal = await createCustomer(h, am, { name: '设置普通客户' });
    await h.database.db.updateTable('customer').set({ category: 'key' }).where('id', '=', key.id).execute();
    await h.runJobs();
    const created = new Date(
      (
        await h.database.db
          .selectFrom('customer')
          .select('created_at')
          .where('id', '=', key.id)
          .executeTakeFirstOrThrow()
      ).created_at,
    );
    expect(new Date((await dueOf(key.id))!).getTime()).toBe(created.getTime() + 30 * day);
    const normalBefore = await dueOf(normal.id);

    const { version } = await settings();
    const jobsBefore = (await recomputeJobs()).length;
    const res = await patch(admin, { keyContactDays: 14, version });
    expect(res.statusCode).toBe(200);
    expect(res.json().recomputeJobId).toEqual(expect.any(String));
    expect((await recomputeJobs()).length).toBe(jobsBefore + 1);
    // The trigger keeps customers written from now on right; the rest wait for the job.
    expect(new Date((await dueOf(key.id))!).getTime()).toBe(created.getTime() + 30 * day);
    const outcomes = await h.runJobs();
    expect(outcomes.find((o) => o.name === 'engagement.recompute-follow-ups')).toMatchObject({
      state: 'completed',
    });
    expect(new Date((await dueOf(key.id))!).getTime()).toBe(created.getTime() + 14 * day);
    expect(await dueOf(normal.id)).toEqual(normalBefore);

    // The job's run is the administrator's to follow.
    const job = await h.request({
      method: 'GET',
      url: `/api/v1/jobs/${res.json().recomputeJobId}`,
      as: admin,
    });
    expect(job.statusCode).toBe(200);
    expect(job.json()).toMatchObject({ state: 'completed', result: { updated: expect.any(Number) } });
  });

  it('counting inbound contacts re-derives which past interactions qualify, and moves due dates with them', async () => {
    const c = await createCustomer(h, am, { name: '来电客户' });
    const logged = await h.request({
      method: 'POST',
      url: '/api/v1/interactions',
      as: am,
      payload: {
        customerId: c.id,
        channel: 'phone',
        direction: 'inbound',
        occurredAt: new Date(h.clock.now().getTime() - 2 * 3_600_000).toISOString(),
        summary: '客户来电咨询新品交期',
      },
    });
    expect(logged.statusCode).toBe(201);
    expect(logged.json().qualifies).toBe(false);
    const before = await h.database.db
      .selectFrom('customer')
      .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
      .select(['last_follow_up_at', 'f.due_at as follow_up_due_at'])
      .where('customer.id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(before.last_follow_up_at).toBeNull();

    const { version } = await settings();
    const res = await patch(admin, { countInbound: true, version });
    expect(res.json().recomputeJobId).toEqual(expect.any(String));
    await h.runJobs();
    const after = await h.database.db
      .selectFrom('customer')
      .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
      .select(['last_follow_up_at', 'f.due_at as follow_up_due_at'])
      .where('customer.id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(new Date(after.last_follow_up_at!).toISOString()).toBe(logged.json().occurredAt);
    expect(new Date(after.follow_up_due_at!).getTime()).toBe(
      Date.parse(logged.json().occurredAt) + 180 * day,
    );
    const interaction = await h.database.db
      .selectFrom('interaction')
      .select('qualifies')
      .where('id', '=', logged.json().id)
      .executeTakeFirstOrThrow();
    expect(interaction.qualifies).toBe(true);

    // And back: the call no longer counts, the customer is due from its creation again.
    await patch(admin, { countInbound: false, version: (await settings()).version });
    await h.runJobs();
    const back = await h.database.db
      .selectFrom('customer')
      .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
      .select(['last_follow_up_at', 'f.due_at as follow_up_due_at', 'created_at'])
      .where('customer.id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(back.last_follow_up_at).toBeNull();
    expect(new Date(back.follow_up_due_at!).getTime()).toBe(new Date(back.created_at).getTime() + 180 * day);
  });
});

describe('service standards and the recompute job', () => {
  it('changing a grade’s follow-up days recomputes every due date of that grade, writing only those', async () => {
    const customers: { id: string; grade: string }[] = [];
    for (const [n, grade] of [
      [1, 'B'],
      [2, 'B'],
      [3, 'C'],
    ] as const) {
      const c = await createCustomer(h, am, { name: `标准变更${n}号` });
      await h.database.db.updateTable('customer').set({ grade }).where('id', '=', c.id).execute();
      customers.push({ id: c.id, grade });
    }
    const dues = async () =>
      Promise.all(customers.map((c) => dueOf(c.id).then((d) => new Date(d!).getTime())));
    const before = await dues();
    const standards = (
      await h.request({ method: 'GET', url: '/api/v1/grading/service-standards', as: admin })
    ).json().items as {
      grade: string;
      followUpDays: number;
      serviceModel: string;
      hospitalityTier: string;
      queuePriority: number;
      version: number;
    }[];
    const b = standards.find((s) => s.grade === 'B')!;
    const put = await h.request({
      method: 'PUT',
      url: '/api/v1/grading/service-standards',
      as: admin,
      payload: {
        items: [
          {
            grade: 'B',
            followUpDays: b.followUpDays - 30,
            serviceModel: b.serviceModel,
            hospitalityTier: b.hospitalityTier,
            queuePriority: b.queuePriority,
            version: b.version,
          },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    expect(await dues()).toEqual(before);
    const outcomes = await h.runJobs();
    const run = outcomes.find((o) => o.name === 'engagement.recompute-follow-ups');
    expect(run).toMatchObject({ state: 'completed' });
    const after = await dues();
    expect(after).toEqual([before[0]! - 30 * day, before[1]! - 30 * day, before[2]]);
    // The job's set-based rule and the trigger's function agree on every customer, key ones
    // (keyContactDays 14 by now) included.
    const { rows } = await sql<{ n: string; key: string }>`select
        count(*) filter (where f.due_at is distinct from follow_up_due_at(c.status, c.grade, c.category,
          c.created_at, c.last_follow_up_at, c.last_owner_contact_at)) as n,
        count(*) filter (where c.category = 'key') as key
      from customer c join customer_follow_up f on f.customer_id = c.id where c.status = 'active'`.execute(
      h.database.db,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    expect(Number(rows[0]!.key)).toBeGreaterThan(0);
    // Running it again finds nothing to change.
    expect(await recomputeFollowUps({ db: h.database.db })).toMatchObject({ updated: 0, reruns: 0 });
  });
});

describe('POST /api/v1/engagement/recompute-runs', () => {
  it('401, 403 for non-administrators, 202 with the job, 409 while one waits to start', async () => {
    const runs = '/api/v1/engagement/recompute-runs';
    expect((await h.request({ method: 'POST', url: runs })).statusCode).toBe(401);
    expect((await h.request({ method: 'POST', url: runs, as: manager })).statusCode).toBe(403);
    const first = await h.request({ method: 'POST', url: runs, as: admin });
    expect(first.statusCode).toBe(202);
    expect(first.json().jobId).toEqual(expect.any(String));
    const again = await h.request({ method: 'POST', url: runs, as: admin });
    expect(again.statusCode).toBe(409);
    const outcomes = await h.runJobs();
    expect(outcomes.filter((o) => o.name === 'engagement.recompute-follow-ups')).toHaveLength(1);
    expect((await h.request({ method: 'POST', url: runs, as: admin })).statusCode).toBe(202);
    await h.runJobs();
  });
});
