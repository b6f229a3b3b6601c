import type { Interaction, Task, Visit } from '@weixi/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { addDaysIso, followUpDays, followUpFacts, issues, planVisit } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let am: Session;
let am2: Session;
let collaborator: Session;
let manager: Session;
let reception: Session;
let mine: { id: string; contacts: { id: string }[] };
let theirs: { id: string; contacts: { id: string }[] };
const start = '2026-11-25T08:00:00Z';
// 宁波 (Ningbo): the customer's coordinates; a check-in 300 m away is fine, one 5 km away is far.
const site = { latitude: 29.8683, longitude: 121.544 };

beforeAll(async () => {
  h = await createHarness();
  const sales = await h.makeDepartment('拜访-销售部');
  const other = await h.makeDepartment('拜访-其他部');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  collaborator = await h.signIn('account_manager', other);
  manager = await h.signIn('department_manager', sales);
  reception = await h.signIn('reception', sales);
  mine = await createCustomer(h, am, {
    name: '拜访测试甲公司',
    address: '宁波市鄞州区',
    ...site,
    contacts: [{ name: '陈国华', position: '采购经理' }],
    collaboratorIds: [collaborator.userId],
  });
  theirs = await createCustomer(h, am2, { name: '拜访测试乙公司', contacts: [{ name: '王磊' }] });
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, url: string, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url, ...(as ? { as } : {}), payload });
const get = (as: Session | undefined, url: string) =>
  h.request({ method: 'GET', url, ...(as ? { as } : {}) });
const visitCount = async (customerId: string) =>
  (await h.database.db.selectFrom('visit').select('id').where('customer_id', '=', customerId).execute())
    .length;

describe('POST /api/v1/visits', () => {
  it('401, 403 for reception, 404 out of scope, 400 past date and bad time — nothing planned', async () => {
    const body = { customerId: mine.id, plannedOn: '2026-11-26', purpose: '送样品' };
    expect((await post(undefined, '/api/v1/visits', body)).statusCode).toBe(401);
    expect((await post(reception, '/api/v1/visits', body)).statusCode).toBe(403);
    expect((await post(am2, '/api/v1/visits', body)).statusCode).toBe(404);
    const bad = await post(am, '/api/v1/visits', { ...body, plannedOn: '2026-11-24', plannedTime: '25:00' });
    expect(issues(bad)).toEqual(['plannedTime:invalid_format']);
    const past = await post(am, '/api/v1/visits', { ...body, plannedOn: '2026-11-24' });
    expect(issues(past)).toEqual(['plannedOn:before_today']);
    expect(await visitCount(mine.id)).toBe(0);
  });

  it('plans for oneself; managers plan for their team; 403 planning for someone else otherwise', async () => {
    const forOther = await post(am, '/api/v1/visits', {
      customerId: mine.id,
      plannedOn: '2026-11-26',
      purpose: '代同事',
      visitorId: manager.userId,
    });
    expect(forOther.statusCode).toBe(403);
    const v = await planVisit(h, manager, {
      customerId: mine.id,
      visitorId: am.userId,
      plannedOn: '2026-11-26',
      plannedTime: '09:30',
      stopOrder: 2,
      objectives: '确认年度采购计划',
      materials: ['brochure', '新品目录'],
    });
    expect(v).toMatchObject({
      customer: { id: mine.id, address: '宁波市鄞州区', latitude: site.latitude, longitude: site.longitude },
      visitor: { id: am.userId },
      plannedOn: '2026-11-26',
      plannedTime: '09:30',
      stopOrder: 2,
      materials: ['brochure', '新品目录'],
      status: 'planned',
      checkIn: null,
      report: null,
      version: 1,
    });
    await h.database.db.deleteFrom('visit').where('id', '=', v.id).execute();
  });
});

describe('GET /api/v1/visits', () => {
  const ids: string[] = [];
  beforeAll(async () => {
    const plans = [
      { plannedOn: '2026-11-27', stopOrder: null, plannedTime: null },
      { plannedOn: '2026-11-27', stopOrder: 1, plannedTime: '15:00' },
      { plannedOn: '2026-11-26', stopOrder: null, plannedTime: '10:00' },
      { plannedOn: '2026-11-27', stopOrder: null, plannedTime: '08:00' },
      { plannedOn: '2026-11-27', stopOrder: 2, plannedTime: null },
    ];
    for (const [n, p] of plans.entries())
      ids[n] = (await planVisit(h, am, { customerId: mine.id, purpose: `列表${n}`, ...p })).id;
  });
  const order = () => [ids[2], ids[1], ids[4], ids[3], ids[0]];

  it('401; 403 team view for account managers; 400 forged cursor', async () => {
    expect((await get(undefined, '/api/v1/visits')).statusCode).toBe(401);
    expect((await get(am, '/api/v1/visits?view=team')).statusCode).toBe(403);
    expect((await get(am, '/api/v1/visits?cursor=WyJhIiwiYiIsImMiLCJkIl0')).statusCode).toBe(400);
  });

  it('orders by date, stop order (blanks last), time (blanks last); pages without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        am,
        `/api/v1/visits?limit=2&customerId=${mine.id}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = res.json<{ items: Visit[]; nextCursor: string | null; total: number }>();
      expect(page.total).toBe(5);
      seen.push(...page.items.map((v) => v.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(order());
  });

  it('visible to the visitor, a manager over them, and whoever reads the customer; not to others', async () => {
    const list = async (as: Session, q: string) =>
      (await get(as, `/api/v1/visits?limit=100&${q}`)).json<{ items: Visit[] }>().items.map((v) => v.id);
    expect(await list(manager, 'view=team')).toEqual(order());
    expect(await list(collaborator, 'view=all')).toEqual(order());
    expect(await list(collaborator, 'view=mine')).toEqual([]);
    expect(await list(am2, 'view=all')).toEqual([]);
    expect(await list(am, 'from=2026-11-26&to=2026-11-26')).toEqual([ids[2]]);
    expect((await get(collaborator, `/api/v1/visits/${ids[0]}`)).statusCode).toBe(200);
    expect((await get(am2, `/api/v1/visits/${ids[0]}`)).statusCode).toBe(404);
  });
});

describe('changing a plan', () => {
  it('PATCH: 404 out of sight, 403 for a customer reader who is not the visitor’s manager, 409 stale, 400 past date', async () => {
    const v = await planVisit(h, am, { customerId: mine.id, plannedOn: '2026-11-28' });
    const patch = (as: Session, payload: Record<string, unknown>) =>
      h.request({ method: 'PATCH', url: `/api/v1/visits/${v.id}`, as, payload });
    expect((await patch(am2, { purpose: '越权', version: 1 })).statusCode).toBe(404);
    expect((await patch(collaborator, { purpose: '协作人', version: 1 })).statusCode).toBe(403);
    expect((await patch(am, { purpose: '过期', version: 2 })).statusCode).toBe(409);
    expect(issues(await patch(am, { plannedOn: '2026-11-20', version: 1 }))).toEqual([
      'plannedOn:before_today',
    ]);
    expect((await get(am, `/api/v1/visits/${v.id}`)).json()).toMatchObject({
      purpose: '季度拜访',
      version: 1,
    });
    const ok = await patch(manager, { plannedOn: '2026-11-29', plannedTime: '14:00', version: 1 });
    expect(ok.json()).toMatchObject({ plannedOn: '2026-11-29', plannedTime: '14:00', version: 2 });
  });

  it('cancel: with a reason while planned or checked in; 409 once reported or cancelled', async () => {
    const v = await planVisit(h, am, { customerId: mine.id, plannedOn: '2026-11-28' });
    const cancel = (as: Session, payload: Record<string, unknown>) =>
      post(as, `/api/v1/visits/${v.id}/cancel`, payload);
    expect(issues(await cancel(am, { version: 1 }))).toEqual(['reason:invalid_type']);
    expect((await cancel(collaborator, { reason: '不去了', version: 1 })).statusCode).toBe(403);
    const done = await cancel(am, { reason: '客户临时出差', version: 1 });
    expect(done.json()).toMatchObject({ status: 'cancelled', cancelReason: '客户临时出差' });
    const again = await cancel(am, { reason: '再取消', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(issues(again)).toEqual(['status:invalid_transition']);
    const patchCancelled = await h.request({
      method: 'PATCH',
      url: `/api/v1/visits/${v.id}`,
      as: am,
      payload: { purpose: '改', version: 2 },
    });
    expect(patchCancelled.statusCode).toBe(409);
  });
});

describe('POST /api/v1/visits/:id/check-in', () => {
  const checkIn = (as: Session, id: string, payload: Record<string, unknown>) =>
    post(as, `/api/v1/visits/${id}/check-in`, payload);

  it('only the visitor checks in (403 for their manager); without a position it is recorded and flagged', async () => {
    const v = await planVisit(h, am, { customerId: mine.id, plannedOn: '2026-11-25' });
    expect((await checkIn(manager, v.id, { version: 1 })).statusCode).toBe(403);
    expect(issues(await checkIn(am, v.id, { latitude: 29.8, version: 1 }))).toEqual(['longitude:required']);
    const res = await checkIn(am, v.id, { locationError: 'denied', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json<Visit>()).toMatchObject({
      status: 'checked_in',
      checkIn: { at: '2026-11-25T08:00:00.000Z', latitude: null, distanceM: null, flag: 'no_location' },
      version: 2,
    });
    const twice = await checkIn(am, v.id, { version: 2 });
    expect(twice.statusCode).toBe(409);
    expect(issues(twice)).toEqual(['status:invalid_transition']);
  });

  it('measures the distance: near is ok, 5 km away is flagged far; a customer without coordinates cannot be compared', async () => {
    const near = await planVisit(h, am, { customerId: mine.id, plannedOn: '2026-11-25' });
    const ok = await checkIn(am, near.id, {
      latitude: site.latitude + 0.0027,
      longitude: site.longitude,
      accuracyM: 20,
      version: 1,
    });
    expect(ok.json<Visit>().checkIn).toMatchObject({ flag: 'ok', accuracyM: 20 });
    expect(ok.json<Visit>().checkIn!.distanceM).toBeGreaterThan(250);
    expect(ok.json<Visit>().checkIn!.distanceM).toBeLessThan(350);
    const away = await planVisit(h, am, { customerId: mine.id, plannedOn: '2026-11-25' });
    const far = await checkIn(am, away.id, {
      latitude: site.latitude + 0.045,
      longitude: site.longitude,
      accuracyM: 30,
      version: 1,
    });
    expect(far.json<Visit>().checkIn).toMatchObject({ flag: 'far' });
    expect(far.json<Visit>().checkIn!.distanceM).toBeGreaterThan(4900);
    const blank = await createCustomer(h, am, { name: '拜访无坐标公司' });
    const v = await planVisit(h, am, { customerId: blank.id, plannedOn: '2026-11-25' });
    const nc = await checkIn(am, v.id, { latitude: 30, longitude: 120, version: 1 });
    expect(nc.json<Visit>().checkIn).toMatchObject({
      flag: 'no_customer_location',
      distanceM: null,
      latitude: 30,
    });
  });
});

describe('POST /api/v1/visits/:id/report', () => {
  const report = (as: Session, id: string, payload: Record<string, unknown>) =>
    post(as, `/api/v1/visits/${id}/report`, payload);

  it('403 on another person’s visit, even for their manager; 400 names bad contacts and past commitments — nothing written', async () => {
    const c = await createCustomer(h, am, { name: '拜访报告权限公司', contacts: [{ name: '李娜' }] });
    const v = await planVisit(h, am, { customerId: c.id, plannedOn: '2026-11-25' });
    const body = { summary: '谈了明年的计划', version: 1 };
    expect((await report(manager, v.id, body)).statusCode).toBe(403);
    expect((await report(am2, v.id, body)).statusCode).toBe(404);
    const bad = await report(am, v.id, {
      ...body,
      receivedBy: [{ name: '王磊', contactId: theirs.contacts[0]!.id }],
      commitments: [{ title: '补发资料', dueOn: '2026-11-20' }],
    });
    expect(issues(bad)).toEqual(['commitments.0.dueOn:before_today', 'receivedBy.0.contactId:not_found']);
    expect((await report(am, v.id, { ...body, version: 3 })).statusCode).toBe(409);
    expect((await get(am, `/api/v1/visits/${v.id}`)).json()).toMatchObject({
      status: 'planned',
      report: null,
      version: 1,
    });
    const interactions = await h.database.db
      .selectFrom('interaction')
      .select('id')
      .where('customer_id', '=', c.id)
      .execute();
    expect(interactions).toEqual([]);
  });

  it('logs the visit as an interaction at the check-in time, makes a task per commitment, and moves the follow-up due date', async () => {
    const c = await createCustomer(h, am, {
      name: '拜访报告公司',
      contacts: [{ name: '李娜', position: '总经理' }],
    });
    const before = await followUpFacts(h, c.id);
    h.clock.set('2026-11-24T01:00:00Z');
    const v = await planVisit(h, am, { customerId: c.id, plannedOn: '2026-11-24' });
    h.clock.set('2026-11-24T02:00:00Z');
    expect((await post(am, `/api/v1/visits/${v.id}/check-in`, { version: 1 })).statusCode).toBe(200);
    h.clock.set(start);
    const res = await report(am, v.id, {
      receivedBy: [
        { name: '李娜', position: '总经理', decisionAuthority: true, contactId: c.contacts[0]!.id },
        { name: '张工', position: '技术主管' },
      ],
      needs: '需要更短交期',
      problems: '上批次包装破损',
      objections: '价格偏高，已说明质保',
      prospects: '介绍了宁波某电器厂',
      competitorInfo: '某竞争对手报价低 5%',
      creditChange: 'worsened',
      creditChangeCause: '回款延迟 30 天',
      summary: '年度回顾，客户认可服务',
      guide: { business: true, needs: true },
      commitments: [
        { title: '一周内寄新样品', dueOn: '2026-12-02' },
        { title: '安排技术交流', dueOn: '2026-12-10', ownerId: am.userId },
      ],
      version: 2,
    });
    expect(res.statusCode).toBe(200);
    const visit = res.json<Visit>();
    expect(visit).toMatchObject({
      status: 'reported',
      report: {
        receivedBy: [
          { name: '李娜', position: '总经理', decisionAuthority: true, contactId: c.contacts[0]!.id },
          { name: '张工', position: '技术主管', decisionAuthority: false, contactId: null },
        ],
        creditChange: 'worsened',
        creditChangeCause: '回款延迟 30 天',
        summary: '年度回顾，客户认可服务',
        reportedAt: '2026-11-25T08:00:00.000Z',
      },
      version: 3,
    });
    const interaction = (
      await get(am, `/api/v1/interactions/${visit.report!.interactionId}`)
    ).json<Interaction>();
    expect(interaction).toMatchObject({
      channel: 'visit',
      direction: 'outbound',
      occurredAt: '2026-11-24T02:00:00.000Z',
      summary: '年度回顾，客户认可服务',
      needsFound: '需要更短交期',
      visitId: v.id,
      qualifies: true,
      contacts: [{ id: c.contacts[0]!.id, name: '李娜', position: '总经理' }],
      guide: { business: true, needs: true, rapport: false, value: false },
    });
    expect(visit.report!.taskIds).toHaveLength(2);
    const tasks = await Promise.all(
      visit.report!.taskIds.map(async (id) => (await get(am, `/api/v1/tasks/${id}`)).json<Task>()),
    );
    expect(tasks.map((t) => [t.title, t.dueOn, t.source, t.sourceId, t.customer?.id]).sort()).toEqual([
      ['一周内寄新样品', '2026-12-02', 'visit', v.id, c.id],
      ['安排技术交流', '2026-12-10', 'visit', v.id, c.id],
    ]);
    const after = await followUpFacts(h, c.id);
    expect(after.followUpDueAt).not.toBe(before.followUpDueAt);
    expect(after).toMatchObject({
      lastFollowUpAt: '2026-11-24T02:00:00.000Z',
      lastOwnerContactAt: '2026-11-24T02:00:00.000Z',
      followUpDueAt: addDaysIso('2026-11-24T02:00:00.000Z', await followUpDays(h, 'D')),
    });
    // Reported once; its interaction goes only with the visit.
    expect(issues(await report(am, v.id, { summary: '再报', version: 3 }))).toEqual([
      'status:invalid_transition',
    ]);
    const del = await h.request({
      method: 'DELETE',
      url: `/api/v1/interactions/${interaction.id}?version=1`,
      as: am,
    });
    expect(del.statusCode).toBe(409);
  });

  it('a visit reported without a check-in is logged at the time of the report', async () => {
    const c = await createCustomer(h, am, { name: '拜访未签到公司' });
    const v = await planVisit(h, am, { customerId: c.id, plannedOn: '2026-11-25' });
    const res = await report(am, v.id, { summary: '顺路拜访', version: 1 });
    const interactionId = res.json<Visit>().report!.interactionId;
    expect((await get(am, `/api/v1/interactions/${interactionId}`)).json()).toMatchObject({
      occurredAt: '2026-11-25T08:00:00.000Z',
    });
    expect((await post(am, `/api/v1/visits/${v.id}/cancel`, { reason: '晚了', version: 2 })).statusCode).toBe(
      409,
    );
  });
});
