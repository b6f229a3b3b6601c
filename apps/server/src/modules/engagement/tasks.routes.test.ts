import type { Task } from '@weixi/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createTask, issues } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let am: Session;
let am2: Session;
let teammate: Session;
let manager: Session;
let otherManager: Session;
let executive: Session;
let finance: Session;
let mine: { id: string };
let theirs: { id: string };
const missing = '0190a0a0-0000-7000-8000-000000000000';
// 2026-11-25 08:00 UTC is 16:00 in Shanghai, a Wednesday.
const start = '2026-11-25T08:00:00Z';

beforeAll(async () => {
  h = await createHarness();
  const sales = await h.makeDepartment('任务-销售部');
  const other = await h.makeDepartment('任务-其他部');
  am = await h.signIn('account_manager', sales);
  teammate = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
  executive = await h.signIn('executive');
  finance = await h.signIn('finance', sales);
  mine = await createCustomer(h, am, { name: '任务测试甲公司' });
  theirs = await createCustomer(h, am2, { name: '任务测试乙公司' });
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url: '/api/v1/tasks', ...(as ? { as } : {}), payload });
const get = (as: Session | undefined, url: string) =>
  h.request({ method: 'GET', url, ...(as ? { as } : {}) });
const act = (as: Session | undefined, id: string, verb: string, payload: Record<string, unknown>) =>
  h.request({
    method: verb === 'patch' ? 'PATCH' : 'POST',
    url: verb === 'patch' ? `/api/v1/tasks/${id}` : `/api/v1/tasks/${id}/${verb}`,
    ...(as ? { as } : {}),
    payload,
  });
const taskCount = async (title: string) =>
  (await h.database.db.selectFrom('task').select('id').where('title', '=', title).execute()).length;

describe('POST /api/v1/tasks', () => {
  it('401 anonymous; 400 names bad fields; a due date before today (business time zone) is refused', async () => {
    expect((await post(undefined, { title: '匿名', dueOn: '2026-11-26' })).statusCode).toBe(401);
    const shape = await post(am, { title: '', dueOn: '26/11/2026', colour: 'red' });
    expect(shape.statusCode).toBe(400);
    expect(issues(shape).map((i) => i.split(':')[0])).toEqual(['colour', 'dueOn', 'title']);
    // 01:00 on the 25th in Shanghai while it is still the 24th in UTC: "today" is the 25th.
    h.clock.set('2026-11-24T17:00:00Z');
    const past = await post(am, { title: '昨天的任务', dueOn: '2026-11-24' });
    expect(past.statusCode).toBe(400);
    expect(issues(past)).toEqual(['dueOn:before_today']);
    expect(await taskCount('昨天的任务')).toBe(0);
    expect((await post(am, { title: '今天的任务', dueOn: '2026-11-25' })).statusCode).toBe(201);
  });

  it('assigning: 403 for an account manager giving work to others, 403 for a manager outside their team, 400 unknown person', async () => {
    const forTeammate = await post(am, {
      title: '替同事建任务',
      dueOn: '2026-11-30',
      ownerId: teammate.userId,
    });
    expect(forTeammate.statusCode).toBe(403);
    expect(
      (await post(manager, { title: '跨部门任务', dueOn: '2026-11-30', ownerId: am2.userId })).statusCode,
    ).toBe(403);
    const unknown = await post(manager, { title: '无人任务', dueOn: '2026-11-30', ownerId: missing });
    expect(issues(unknown)).toEqual(['ownerId:not_found']);
    expect(await taskCount('替同事建任务')).toBe(0);
    expect(await taskCount('跨部门任务')).toBe(0);
    const ok = await post(manager, {
      title: '经理分派任务',
      dueOn: '2026-11-30',
      ownerId: am.userId,
      customerId: mine.id,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      owner: { id: am.userId },
      createdBy: { id: manager.userId },
      customer: { id: mine.id, name: '任务测试甲公司' },
      source: 'manual',
      status: 'open',
      overdue: false,
    });
  });

  it('404 for a customer out of scope; finance has tasks too; audited under the task and its customer', async () => {
    expect(
      (await post(am, { title: '越权客户任务', dueOn: '2026-11-30', customerId: theirs.id })).statusCode,
    ).toBe(404);
    expect(await taskCount('越权客户任务')).toBe(0);
    expect((await post(finance, { title: '开发票', dueOn: '2026-11-30' })).statusCode).toBe(201);
    const t = await createTask(h, am, { title: '审计任务', dueOn: '2026-11-30', customerId: mine.id });
    const rows = await h.database.db
      .selectFrom('audit_log')
      .select(['entity', 'entity_id'])
      .where('action', '=', 'task.create')
      .where((eb) => eb.or([eb('entity_id', '=', t.id), eb('entity_id', '=', mine.id)]))
      .execute();
    expect(rows).toEqual(
      expect.arrayContaining([
        { entity: 'task', entity_id: t.id },
        { entity: 'customer', entity_id: mine.id },
      ]),
    );
  });
});

describe('GET /api/v1/tasks', () => {
  let overdue: Task;
  let today: Task;
  let sunday: Task;
  let later: Task;
  let teammates: Task;
  beforeAll(async () => {
    h.clock.set('2026-11-20T08:00:00Z');
    overdue = await createTask(h, am, { title: '列表-逾期', dueOn: '2026-11-24' });
    h.clock.set(start);
    today = await createTask(h, am, { title: '列表-今天', dueOn: '2026-11-25' });
    sunday = await createTask(h, am, { title: '列表-周日', dueOn: '2026-11-29' });
    later = await createTask(h, am, { title: '列表-下周', dueOn: '2026-11-30' });
    teammates = await createTask(h, teammate, { title: '列表-同事', dueOn: '2026-11-26' });
  });
  const list = async (as: Session, q: string) => {
    const res = await get(as, `/api/v1/tasks?limit=100&${q}`);
    expect(res.statusCode).toBe(200);
    return res.json<{ items: Task[]; total: number }>().items.filter((t) => t.title.startsWith('列表-'));
  };

  it('401 anonymous; 403 team view for account managers; 400 on a bad window', async () => {
    expect((await get(undefined, '/api/v1/tasks')).statusCode).toBe(401);
    expect((await get(am, '/api/v1/tasks?view=team')).statusCode).toBe(403);
    expect((await get(am, '/api/v1/tasks?due=yesterday')).statusCode).toBe(400);
    expect((await get(manager, `/api/v1/tasks?view=team&ownerId=${am2.userId}`)).statusCode).toBe(403);
  });

  it('mine by due date with overdue flagged; due windows: overdue, today, this week (to Sunday)', async () => {
    const all = await list(am, 'view=mine');
    expect(all.map((t) => t.id)).toEqual([overdue.id, today.id, sunday.id, later.id]);
    expect(all.map((t) => t.overdue)).toEqual([true, false, false, false]);
    expect((await list(am, 'due=overdue')).map((t) => t.id)).toEqual([overdue.id]);
    expect((await list(am, 'due=today')).map((t) => t.id)).toEqual([today.id]);
    expect((await list(am, 'due=week')).map((t) => t.id)).toEqual([today.id, sunday.id]);
  });

  it('team: a manager sees the department’s owners, another department’s manager does not; executives see all', async () => {
    expect((await list(manager, 'view=team')).map((t) => t.id)).toEqual(
      expect.arrayContaining([overdue.id, teammates.id]),
    );
    expect((await list(otherManager, 'view=team')).length).toBe(0);
    expect((await list(executive, `view=team&ownerId=${teammate.userId}`)).map((t) => t.id)).toEqual([
      teammates.id,
    ]);
    expect((await list(am2, 'view=all')).length).toBe(0);
  });

  it('pages by cursor without repeats; done tasks list newest first', async () => {
    const first = await get(am, '/api/v1/tasks?limit=2');
    const page1 = first.json<{ items: Task[]; nextCursor: string }>();
    const second = await get(am, `/api/v1/tasks?limit=2&cursor=${page1.nextCursor}`);
    const ids = [...page1.items, ...second.json<{ items: Task[] }>().items].map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    const a = await createTask(h, am, { title: '列表-完成一', dueOn: '2026-12-01' });
    const b = await createTask(h, am, { title: '列表-完成二', dueOn: '2026-11-26' });
    for (const t of [a, b]) expect((await act(am, t.id, 'complete', { version: 1 })).statusCode).toBe(200);
    expect((await list(am, 'status=done')).map((t) => t.id)).toEqual([b.id, a.id]);
  });

  it('GET /:id: the owner, the creator and a manager over the owner see it; others get 404', async () => {
    const t = await createTask(h, manager, { title: '查看权限', dueOn: '2026-11-30', ownerId: am.userId });
    for (const who of [am, manager, executive])
      expect((await get(who, `/api/v1/tasks/${t.id}`)).statusCode).toBe(200);
    for (const who of [teammate, am2, otherManager])
      expect((await get(who, `/api/v1/tasks/${t.id}`)).statusCode).toBe(404);
  });
});

describe('changing tasks', () => {
  it('PATCH: 404 out of reach, 409 stale, 400 past due date, 403 reassigning outside one’s team — nothing changed', async () => {
    const t = await createTask(h, am, { title: '修改任务', dueOn: '2026-11-30' });
    expect((await act(undefined, t.id, 'patch', { title: '匿名', version: 1 })).statusCode).toBe(401);
    expect((await act(am2, t.id, 'patch', { title: '越权', version: 1 })).statusCode).toBe(404);
    expect((await act(am, t.id, 'patch', { title: '过期', version: 2 })).statusCode).toBe(409);
    expect(issues(await act(am, t.id, 'patch', { dueOn: '2026-11-01', version: 1 }))).toEqual([
      'dueOn:before_today',
    ]);
    expect((await act(am, t.id, 'patch', { ownerId: teammate.userId, version: 1 })).statusCode).toBe(403);
    expect((await get(am, `/api/v1/tasks/${t.id}`)).json()).toMatchObject({
      title: '修改任务',
      version: 1,
      owner: { id: am.userId },
    });
    const ok = await act(am, t.id, 'patch', { title: '修改后', dueOn: '2026-12-02', version: 1 });
    expect(ok.json()).toMatchObject({ title: '修改后', dueOn: '2026-12-02', version: 2 });
  });

  it('complete → reopen → cancel; invalid transitions are 409 naming them; only owner or manager completes', async () => {
    const t = await createTask(h, am, { title: '状态任务', dueOn: '2026-11-30' });
    // The manager hands it to a teammate: the creator (am) is now neither owner nor manager.
    const moved = await act(manager, t.id, 'patch', { ownerId: teammate.userId, version: 1 });
    expect(moved.json()).toMatchObject({ owner: { id: teammate.userId }, version: 2 });
    expect((await act(am, t.id, 'complete', { version: 2 })).statusCode).toBe(403);
    const done = await act(teammate, t.id, 'complete', { note: '已寄出', version: 2 });
    expect(done.json()).toMatchObject({
      status: 'done',
      completedBy: { id: teammate.userId },
      completionNote: '已寄出',
    });
    const again = await act(teammate, t.id, 'complete', { version: 3 });
    expect(again.statusCode).toBe(409);
    expect(issues(again)).toEqual(['status:invalid_transition']);
    expect(again.json().detail).toContain('done');
    expect((await act(teammate, t.id, 'patch', { title: '已完成不可改', version: 3 })).statusCode).toBe(409);
    const reopened = await act(am, t.id, 'reopen', { version: 3 });
    expect(reopened.json()).toMatchObject({
      status: 'open',
      completedAt: null,
      completedBy: null,
      version: 4,
    });
    expect(issues(await act(am, t.id, 'cancel', { reason: '', version: 4 }))).toEqual(['reason:too_small']);
    const cancelled = await act(am, t.id, 'cancel', { reason: '客户取消需求', version: 4 });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', completionNote: '客户取消需求' });
    expect(issues(await act(am, t.id, 'cancel', { reason: '再取消', version: 5 }))).toEqual([
      'status:invalid_transition',
    ]);
  });

  it('overdue is judged by the business date as the clock moves', async () => {
    const t = await createTask(h, am, { title: '逾期判断', dueOn: '2026-11-25' });
    expect(t.overdue).toBe(false);
    h.clock.set('2026-11-25T15:59:00Z'); // 23:59 in Shanghai
    expect((await get(am, `/api/v1/tasks/${t.id}`)).json().overdue).toBe(false);
    h.clock.set('2026-11-25T16:00:00Z'); // midnight in Shanghai
    expect((await get(am, `/api/v1/tasks/${t.id}`)).json().overdue).toBe(true);
  });
});
