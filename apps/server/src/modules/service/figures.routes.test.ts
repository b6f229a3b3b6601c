import { csatPercent, npsScore } from '@weixi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { insertResponse, insertSurvey, insertTicket } from './admin-fixtures';
import { clearSeededServiceLists } from './list-fixtures';

let h: Harness;
let admin: Session;
let exec: Session;
let leadA: Session;
let a1: Session;
let finance: Session;
const ids: Record<string, string> = {};
const hour = 3_600_000;

const utc = (s: string) => new Date(`${s}Z`);
const plus = (d: Date, hours: number) => new Date(d.getTime() + hours * hour);

beforeAll(async () => {
  h = await createHarness();
  // These tests build their own lists and count them; the defaults a new installation starts
  // with are checked in service-seed.test.ts.
  await clearSeededServiceLists(h);
  admin = await h.signIn('admin');
  exec = await h.signIn('executive');
  const teamA = await h.makeDepartment('售后A组');
  const teamB = await h.makeDepartment('售后B组');
  ids.teamA = teamA;
  ids.teamB = teamB;
  const lead = await h.makeUser({ role: 'department_manager', departmentId: teamA, name: 'A组组长' });
  leadA = await h.login(lead.email);
  const u1 = await h.makeUser({ role: 'service_agent', departmentId: teamA, name: '客服甲' });
  const u2 = await h.makeUser({ role: 'service_agent', departmentId: teamA, name: '客服乙' });
  const u3 = await h.makeUser({ role: 'service_agent', departmentId: teamB, name: '客服丙' });
  a1 = await h.login(u1.email);
  finance = await h.signIn('finance', teamA);
  Object.assign(ids, { a1: u1.id, a2: u2.id, b1: u3.id });
  const customerId = (await createCustomer(h, admin, { name: '苏州精工' })).id;
  const cat = async (name: string) =>
    (
      await h.request({ method: 'POST', url: '/api/v1/service/categories', as: admin, payload: { name } })
    ).json().id;
  ids.catX = await cat('产品质量');
  ids.catY = await cat('物流');
  const cause = async (name: string) =>
    (
      await h.request({ method: 'POST', url: '/api/v1/service/root-causes', as: admin, payload: { name } })
    ).json().id;
  ids.r1 = await cause('包装不当');
  ids.r2 = await cause('说明不清');

  const t1r = utc('2026-11-02T02:00:00');
  const t1 = await insertTicket(h, {
    customerId,
    ownerId: u1.id,
    categoryId: ids.catX,
    status: 'resolved',
    receivedAt: t1r,
    firstResponseAt: plus(t1r, 1),
    resolvedAt: plus(t1r, 10),
  });
  const t2r = utc('2026-11-03T02:00:00');
  const t2 = await insertTicket(h, {
    customerId,
    ownerId: u1.id,
    categoryId: ids.catX,
    kind: 'complaint',
    status: 'closed',
    receivedAt: t2r,
    firstResponseAt: plus(t2r, 3),
    resolvedAt: plus(t2r, 20),
    closedAt: utc('2026-11-04T02:00:00'),
    resolutionBreached: true,
    reopenCount: 1,
    rootCauseId: ids.r1,
  });
  const t3r = utc('2026-11-05T02:00:00');
  await insertTicket(h, {
    customerId,
    ownerId: u2.id,
    categoryId: ids.catY,
    status: 'in_progress',
    receivedAt: t3r,
    firstResponseAt: plus(t3r, 2),
  });
  const t4r = utc('2026-10-10T02:00:00');
  const t4 = await insertTicket(h, {
    customerId,
    ownerId: u3.id,
    categoryId: ids.catY,
    kind: 'complaint',
    status: 'closed',
    receivedAt: t4r,
    firstResponseAt: plus(t4r, 5),
    resolvedAt: plus(t4r, 30),
    closedAt: utc('2026-10-12T02:00:00'),
    firstResponseBreached: true,
    rootCauseId: ids.r2,
  });
  // 00:30 on 1 November in Shanghai: November's, although still October in UTC.
  await insertTicket(h, { customerId, ownerId: u3.id, receivedAt: utc('2026-10-31T16:30:00') });
  const t6r = utc('2026-11-10T02:00:00');
  await insertTicket(h, {
    customerId,
    ownerId: u1.id,
    kind: 'question',
    channel: 'phone',
    status: 'acknowledged',
    receivedAt: t6r,
    firstResponseAt: plus(t6r, 0.5),
  });
  // Received before the period (not in the figures) but closed inside it (in the root-cause report).
  const t7r = utc('2026-09-20T02:00:00');
  await insertTicket(h, {
    customerId,
    ownerId: u3.id,
    kind: 'complaint',
    status: 'closed',
    receivedAt: t7r,
    firstResponseAt: plus(t7r, 1),
    resolvedAt: plus(t7r, 5),
    closedAt: utc('2026-10-15T02:00:00'),
    rootCauseId: ids.r1,
  });
  // Resolved with a root cause but not closed: not in the report.
  await insertTicket(h, {
    customerId,
    ownerId: u3.id,
    status: 'resolved',
    receivedAt: t7r,
    resolvedAt: plus(t7r, 5),
    rootCauseId: ids.r2,
  });

  const survey = await insertSurvey(h);
  const answer = (ticketId: string, csat: number | null, nps: number | null) =>
    insertResponse(h, { surveyId: survey, customerId, ticketId, csat, nps, at: utc('2026-11-20T02:00:00') });
  await answer(t1.id, 5, 10);
  await answer(t2.id, 3, 6);
  await answer(t2.id, 4, 8);
  await answer(t4.id, 2, 9);
});
afterAll(async () => {
  await h.close();
});

const url = '/api/v1/service/figures';
const get = (as: Session | undefined, query: string) =>
  h.request({ method: 'GET', url: `${url}?${query}`, ...(as ? { as } : {}) });
const period = 'from=2026-10-01&to=2026-11-30';

describe('GET /api/v1/service/figures', () => {
  it('401, 400 on bad parameters, 403 for roles without figures', async () => {
    expect((await get(undefined, period)).statusCode).toBe(401);
    const bad = await get(admin, 'groupBy=colour&from=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['query.from', 'query.groupBy']);
    const reversed = await get(admin, 'from=2026-11-30&to=2026-10-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].path).toBe('query.from');
    expect((await get(finance, period)).statusCode).toBe(403);
  });

  it('per agent: counts, medians, breach and reopen rates, CSAT and NPS on the hand-built tickets', async () => {
    const res = await get(exec, `${period}&groupBy=agent`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      from: '2026-10-01',
      to: '2026-11-30',
      groupBy: 'agent',
      target: { csatPercent: 90 },
    });
    const row = (key: string) => body.rows.find((r: { key: string }) => r.key === key);
    expect(row(ids.a1!)).toEqual({
      key: ids.a1,
      label: '客服甲',
      tickets: 3,
      firstResponseMedianMs: 1 * hour,
      resolutionMedianMs: 15 * hour,
      breachRate: 50,
      reopenRate: 50,
      responses: 3,
      csat: csatPercent([5, 3, 4]),
      nps: npsScore([10, 6, 8]),
    });
    expect(row(ids.a1!).csat).toBeCloseTo(66.667, 2);
    expect(row(ids.a2!)).toEqual({
      key: ids.a2,
      label: '客服乙',
      tickets: 1,
      firstResponseMedianMs: 2 * hour,
      resolutionMedianMs: null,
      breachRate: null,
      reopenRate: null,
      responses: 0,
      csat: null,
      nps: null,
    });
    expect(row(ids.b1!)).toMatchObject({
      tickets: 2,
      firstResponseMedianMs: 5 * hour,
      resolutionMedianMs: 30 * hour,
      breachRate: 100,
      reopenRate: 0,
      responses: 1,
      csat: 0,
      nps: 100,
    });
    expect(body.totals).toEqual({
      tickets: 6,
      firstResponseMedianMs: 2 * hour,
      resolutionMedianMs: 20 * hour,
      breachRate: 66.7,
      reopenRate: 33.3,
      responses: 4,
      csat: csatPercent([5, 3, 4, 2]),
      nps: npsScore([10, 6, 8, 9]),
    });
    expect(body.totals.nps).toBe(25);
  });

  it('per team, category and business month (Asia/Shanghai), with kind and period filters', async () => {
    const keyed = async (q: string) =>
      Object.fromEntries(
        (await get(exec, q)).json().rows.map((r: { key: string; tickets: number }) => [r.key, r.tickets]),
      );
    expect(await keyed(`${period}&groupBy=team`)).toEqual({ [ids.teamA!]: 4, [ids.teamB!]: 2 });
    expect(await keyed(`${period}&groupBy=category`)).toEqual({ [ids.catX!]: 2, [ids.catY!]: 2, none: 2 });
    const months = (await get(exec, `${period}&groupBy=month`)).json().rows;
    expect(
      months.map((r: { key: string; label: string; tickets: number }) => [r.key, r.label, r.tickets]),
    ).toEqual([
      ['2026-10', '2026-10', 1],
      ['2026-11', '2026-11', 5],
    ]);
    expect(await keyed(`${period}&groupBy=agent&kind=question`)).toEqual({ [ids.a1!]: 1 });
    expect(await keyed(`${period}&groupBy=agent&channel=phone`)).toEqual({ [ids.a1!]: 1 });
    // From 1 November in Shanghai: the ticket of 00:30 local time counts, 10 October's does not.
    expect(await keyed('from=2026-11-01&to=2026-11-30&groupBy=agent')).toEqual({
      [ids.a1!]: 3,
      [ids.a2!]: 1,
      [ids.b1!]: 1,
    });
  });

  it('agents see their own tickets, department managers their team’s, executives everyone’s', async () => {
    const own = (await get(a1, `${period}&groupBy=agent`)).json();
    expect(own.rows.map((r: { key: string }) => r.key)).toEqual([ids.a1]);
    expect(own.totals.tickets).toBe(3);
    const team = (await get(leadA, `${period}&groupBy=agent`)).json();
    expect(team.rows.map((r: { key: string }) => r.key).sort()).toEqual([ids.a1, ids.a2].sort());
    expect(team.totals.tickets).toBe(4);
    expect((await get(admin, period)).json().totals.tickets).toBe(6);
  });
});

describe('GET /api/v1/service/root-cause-report', () => {
  const report = '/api/v1/service/root-cause-report';
  it('401, 400, 403; closed tickets per cause and month, most frequent first, empty periods kept', async () => {
    expect((await h.request({ method: 'GET', url: `${report}?${period}` })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: `${report}?bucket=day`, as: exec })).statusCode).toBe(400);
    expect((await h.request({ method: 'GET', url: `${report}?${period}`, as: finance })).statusCode).toBe(
      403,
    );
    const res = await h.request({ method: 'GET', url: `${report}?from=2026-09-01&to=2026-11-30`, as: exec });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      periods: ['2026-09', '2026-10', '2026-11'],
      causes: [
        { id: ids.r1, name: '包装不当', total: 2, counts: [0, 1, 1] },
        { id: ids.r2, name: '说明不清', total: 1, counts: [0, 1, 0] },
      ],
    });
    const weeks = await h.request({
      method: 'GET',
      url: `${report}?from=2026-10-12&to=2026-10-25&bucket=week`,
      as: exec,
    });
    expect(weeks.json()).toEqual({
      periods: ['2026-10-12', '2026-10-19'],
      causes: [
        { id: ids.r1, name: '包装不当', total: 1, counts: [1, 0] },
        { id: ids.r2, name: '说明不清', total: 1, counts: [1, 0] },
      ],
    });
    // An agent sees the causes of their own tickets only.
    const own = await h.request({ method: 'GET', url: `${report}?from=2026-09-01&to=2026-11-30`, as: a1 });
    expect(own.json().causes).toEqual([{ id: ids.r1, name: '包装不当', total: 1, counts: [0, 0, 1] }]);
  });
});
