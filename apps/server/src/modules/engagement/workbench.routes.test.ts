import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { notify } from '../platform/notify';

let h: Harness;
let dept: string;
const day = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
  dept = await h.makeDepartment('工作台部');
});
afterAll(async () => {
  await h.close();
});

async function customerDue(as: Session, name: string, due: string) {
  const c = await createCustomer(h, as, { name });
  await h.database.db
    .updateTable('customer')
    .set({ last_follow_up_at: new Date(Date.parse(due) - 180 * day) })
    .where('id', '=', c.id)
    .execute();
  return c.id;
}

const post = async (as: Session, url: string, payload: object) => {
  const res = await h.request({ method: 'POST', url, as, payload });
  if (res.statusCode !== 201 && res.statusCode !== 200)
    throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; version: number }>();
};

describe('GET /api/v1/workbench', () => {
  it('401 anonymous', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/workbench' })).statusCode).toBe(401);
  });

  it('shows an empty day for someone with nothing to do', async () => {
    const finance = await h.signIn('finance');
    const res = await h.request({ method: 'GET', url: '/api/v1/workbench', as: finance });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      today: '2026-11-25',
      followUps: { overdue: 0, today: 0, week: 0, items: [] },
      visits: [],
      tasks: { overdue: 0, today: 0, week: 0, items: [] },
      notifications: { unread: 0 },
    });
  });

  it('gathers my follow-ups, today’s visits, open tasks and unread notices — nobody else’s', async () => {
    // Wednesday 25 November 2026, 16:00 in Shanghai.
    h.clock.set('2026-11-25T08:00:00Z');
    const me = await h.signIn('account_manager', dept);
    const colleague = await h.signIn('account_manager', dept);
    const overdue = await customerDue(me, '工作台逾期', '2026-11-23T02:00:00Z');
    const today = await customerDue(me, '工作台今天', '2026-11-25T12:00:00Z');
    await customerDue(me, '工作台本周', '2026-11-28T02:00:00Z');
    await customerDue(me, '工作台下周', '2026-12-03T02:00:00Z');
    const theirs = await customerDue(colleague, '同事的逾期客户', '2026-11-20T02:00:00Z');

    const visitToday = await post(me, '/api/v1/visits', {
      customerId: today,
      plannedOn: '2026-11-25',
      purpose: '送样品',
    });
    const cancelled = await post(me, '/api/v1/visits', {
      customerId: overdue,
      plannedOn: '2026-11-25',
      purpose: '改期',
    });
    await post(me, `/api/v1/visits/${cancelled.id}/cancel`, {
      reason: '客户临时出差',
      version: cancelled.version,
    });
    await post(me, '/api/v1/visits', { customerId: overdue, plannedOn: '2026-11-26', purpose: '明天再去' });
    await post(colleague, '/api/v1/visits', {
      customerId: theirs,
      plannedOn: '2026-11-25',
      purpose: '别人的拜访',
    });

    const dueToday = await post(me, '/api/v1/tasks', { title: '今天寄合同', dueOn: '2026-11-25' });
    const dueFriday = await post(me, '/api/v1/tasks', { title: '周五回电', dueOn: '2026-11-27' });
    await post(me, '/api/v1/tasks', { title: '下周拜访', dueOn: '2026-12-02' });
    await post(colleague, '/api/v1/tasks', { title: '同事的任务', dueOn: '2026-11-25' });
    // A task due yesterday: made then, overdue now.
    h.clock.set('2026-11-24T02:00:00Z');
    const late = await post(me, '/api/v1/tasks', { title: '昨天该交的报告', dueOn: '2026-11-24' });
    h.clock.set('2026-11-25T08:00:00Z');

    await h.database.db.transaction().execute(async (trx) => {
      for (const kind of ['system.welcome', 'system.getting_started'])
        await notify({ db: trx, clock: h.clock }, { userIds: [me.userId], kind, params: { name: '我' } });
    });

    const res = await h.request({ method: 'GET', url: '/api/v1/workbench', as: me });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.today).toBe('2026-11-25');
    expect(body.followUps).toMatchObject({ overdue: 1, today: 1, week: 2 });
    expect(body.followUps.items.map((i: { customer: { id: string } }) => i.customer.id)).toEqual([
      overdue,
      today,
    ]);
    expect(body.followUps.items[0]).toMatchObject({ overdueDays: 2, dueOn: '2026-11-23' });
    expect(body.visits.map((v: { id: string }) => v.id)).toEqual([visitToday.id]);
    expect(body.visits[0]).toMatchObject({
      purpose: '送样品',
      status: 'planned',
      visitor: { id: me.userId },
    });
    expect(body.tasks).toMatchObject({ overdue: 1, today: 1, week: 2 });
    expect(body.tasks.items.map((t: { id: string }) => t.id)).toEqual([
      late.id,
      dueToday.id,
      dueFriday.id,
      expect.any(String),
    ]);
    expect(body.tasks.items[0]).toMatchObject({ overdue: true, title: '昨天该交的报告' });
    expect(body.notifications).toEqual({ unread: 2 });
  });
});
