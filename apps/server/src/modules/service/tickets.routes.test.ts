import { newId } from '@weixi/db';
import type { Ticket, TicketEvent, TicketListItem } from '@weixi/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { issues } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let am: Session;
let teammate: Session;
let am2: Session;
let agent: Session;
let manager: Session;
let executive: Session;
let finance: Session;
let mine: { id: string; contacts: { id: string; name?: string }[] };
let wang: string;
let noEmail: { id: string; contacts: { id: string }[] };
let theirs: { id: string; contacts: { id: string }[] };
let rootCauseId: string;
let retiredCauseId: string;
const missing = '0190a0a0-0000-7000-8000-000000000000';
// 2026-11-25 08:00 UTC is 16:00 in Shanghai, a Wednesday: two working hours left that day.
const start = '2026-11-25T08:00:00Z';

beforeAll(async () => {
  // Sessions outlive the clock's jumps across days (reopen windows, waits overnight).
  h = await createHarness({ SESSION_TTL_HOURS: '2160', SMTP_URL: 'smtp://127.0.0.1:9' });
  const sales = await h.makeDepartment('工单-销售部');
  const other = await h.makeDepartment('工单-其他部');
  am = await h.signIn('account_manager', sales);
  teammate = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  agent = await h.signIn('service_agent', sales);
  manager = await h.signIn('department_manager', sales);
  executive = await h.signIn('executive');
  finance = await h.signIn('finance', sales);
  mine = await createCustomer(h, am, {
    name: '工单测试甲公司',
    email: 'service@jia.example.cn',
    contacts: [{ name: '王经理', email: 'wang@jia.example.cn' }, { name: '李工' }],
  });
  wang = mine.contacts.find((c) => c.name === '王经理')!.id;
  noEmail = await createCustomer(h, am, { name: '工单测试无邮箱公司', contacts: [{ name: '赵工' }] });
  theirs = await createCustomer(h, am2, { name: '工单测试乙公司', contacts: [{ name: '钱总' }] });
  rootCauseId = newId();
  retiredCauseId = newId();
  await h.database.db
    .insertInto('root_cause')
    .values([
      { id: rootCauseId, name: '包装破损' },
      { id: retiredCauseId, name: '旧原因', active: false },
    ])
    .execute();
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, url: string, payload: Record<string, unknown>, headers = {}) =>
  h.request({ method: 'POST', url, ...(as ? { as } : {}), payload, headers });
const get = (as: Session | undefined, url: string) =>
  h.request({ method: 'GET', url, ...(as ? { as } : {}) });

async function open(as: Session, body: Record<string, unknown> = {}): Promise<Ticket> {
  const res = await post(as, '/api/v1/tickets', {
    customerId: mine.id,
    channel: 'phone',
    kind: 'service_request',
    priority: 'high',
    subject: '设备报警',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`open ticket failed: ${res.statusCode} ${res.body}`);
  return res.json<Ticket>();
}
const act = (as: Session, t: Pick<Ticket, 'id' | 'version'>, action: string, extra = {}) =>
  post(as, `/api/v1/tickets/${t.id}/transitions`, { action, version: t.version, ...extra });
async function ok(res: { statusCode: number; body: string; json<T>(): T }): Promise<Ticket> {
  if (res.statusCode !== 200) throw new Error(`expected 200: ${res.statusCode} ${res.body}`);
  return res.json<Ticket>();
}
const row = (id: string) =>
  h.database.db.selectFrom('ticket').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('POST /api/v1/tickets', () => {
  it('401 anonymous, 400 shape, 403 for roles that do not serve customers', async () => {
    expect((await post(undefined, '/api/v1/tickets', {})).statusCode).toBe(401);
    const bad = await post(am, '/api/v1/tickets', { customerId: mine.id, channel: 'fax', subject: '' });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad).map((i) => i.split(':')[0])).toEqual(['channel', 'kind', 'priority', 'subject']);
    const fin = await post(finance, '/api/v1/tickets', {
      customerId: mine.id,
      channel: 'phone',
      kind: 'question',
      priority: 'low',
      subject: '发票',
    });
    expect(fin.statusCode).toBe(403);
  });

  it('404 for an unknown or out-of-scope customer; 422 for a contact of another customer or a future receivedAt', async () => {
    const base = { channel: 'email', kind: 'complaint', priority: 'normal', subject: '越权' };
    expect((await post(am, '/api/v1/tickets', { ...base, customerId: theirs.id })).statusCode).toBe(404);
    expect((await post(am, '/api/v1/tickets', { ...base, customerId: missing })).statusCode).toBe(404);
    const contact = await post(am, '/api/v1/tickets', {
      ...base,
      customerId: mine.id,
      contactId: theirs.contacts[0]!.id,
    });
    expect(contact.statusCode).toBe(422);
    expect(issues(contact)).toEqual(['contactId:not_found']);
    const future = await post(am, '/api/v1/tickets', {
      ...base,
      customerId: mine.id,
      receivedAt: '2026-11-25T08:05:00Z',
    });
    expect(future.statusCode).toBe(422);
    expect(issues(future)).toEqual(['receivedAt:in_future']);
    const count = await h.database.db
      .selectFrom('ticket')
      .select('id')
      .where('subject', '=', '越权')
      .execute();
    expect(count).toHaveLength(0);
  });

  it('fixes SLA targets and business-hour deadlines at creation; events and audit are written', async () => {
    const t = await open(am, { contactId: wang });
    expect(t).toMatchObject({
      status: 'new',
      stage: 'confirm_need',
      owner: { id: am.userId },
      customer: { id: mine.id, name: '工单测试甲公司' },
      contact: { id: wang, name: '王经理' },
      receivedAt: '2026-11-25T08:00:00.000Z',
      waiting: false,
      version: 1,
    });
    // Phone: answered within 30 s on the clock. High priority: one business day (9 h) — 2 h left on
    // Wednesday (16:00–18:00) and 7 h on Thursday from 09:00: Thursday 16:00 in Shanghai.
    expect(t.sla.firstResponse).toMatchObject({ state: 'running', mode: 'calendar', targetMs: 30_000 });
    expect(t.sla.firstResponse.dueAt).toBe('2026-11-25T08:00:30.000Z');
    expect(t.sla.resolution).toMatchObject({ mode: 'business', targetMs: 9 * 3_600_000, metAt: null });
    expect(t.sla.resolution.dueAt).toBe('2026-11-26T08:00:00.000Z');
    expect(t.nextDueAt).toBe('2026-11-25T08:00:30.000Z');
    expect(t.allowedActions).toEqual(['acknowledge', 'start']);
    const stored = await row(t.id);
    expect(new Date(stored.resolution_due_at).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    const events = (await get(am, `/api/v1/tickets/${t.id}/events`)).json<{ items: TicketEvent[] }>().items;
    expect(events.map((e) => e.kind)).toEqual(['created']);
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'ticket')
      .where('entity_id', '=', t.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['ticket.create']);
  });

  it("takes the customer's grade: an A customer's normal ticket is resolved in half the time", async () => {
    await h.database.db.updateTable('customer').set({ grade: 'A' }).where('id', '=', noEmail.id).execute();
    const t = await open(am, { customerId: noEmail.id, priority: 'normal', channel: 'email' });
    expect(t.sla.resolution.targetMs).toBe(1.5 * 9 * 3_600_000);
    expect(t.sla.firstResponse.dueAt).toBe('2026-11-26T08:00:00.000Z');
    await h.database.db.updateTable('customer').set({ grade: null }).where('id', '=', noEmail.id).execute();
  });

  it('a ticket given to someone else tells them; Idempotency-Key replays', async () => {
    // An agent cannot open tickets for customers outside their scope; the account manager hands one to them.
    expect(
      (
        await post(agent, '/api/v1/tickets', {
          customerId: mine.id,
          channel: 'phone',
          kind: 'question',
          priority: 'low',
          subject: '越权',
        })
      ).statusCode,
    ).toBe(404);
    const t = await open(am, { ownerId: agent.userId, subject: '转交客服' });
    expect(t.owner?.id).toBe(agent.userId);
    expect((await get(agent, `/api/v1/tickets/${t.id}`)).statusCode).toBe(200);
    const n = await h.database.db
      .selectFrom('notification')
      .select(['kind', 'entity_id'])
      .where('user_id', '=', agent.userId)
      .where('entity_id', '=', t.id)
      .execute();
    expect(n).toEqual([{ kind: 'ticket.assigned', entity_id: t.id }]);
    const body = {
      customerId: mine.id,
      channel: 'online',
      kind: 'question',
      priority: 'low',
      subject: '幂等',
    };
    const a = await post(am, '/api/v1/tickets', body, { 'idempotency-key': 'ticket-key-0001' });
    const b = await post(am, '/api/v1/tickets', body, { 'idempotency-key': 'ticket-key-0001' });
    expect(a.statusCode).toBe(201);
    expect(b.json<Ticket>().id).toBe(a.json<Ticket>().id);
  });
});

describe('GET /api/v1/tickets/:id', () => {
  it('401, 400, 404 out of scope; managers over the owner and the owner see it', async () => {
    const t = await open(am);
    expect((await get(undefined, `/api/v1/tickets/${t.id}`)).statusCode).toBe(401);
    expect((await get(am, '/api/v1/tickets/not-a-uuid')).statusCode).toBe(400);
    expect((await get(am2, `/api/v1/tickets/${t.id}`)).statusCode).toBe(404);
    expect((await get(finance, `/api/v1/tickets/${t.id}`)).statusCode).toBe(403);
    expect((await get(manager, `/api/v1/tickets/${t.id}`)).statusCode).toBe(200);
    const res = await get(am, `/api/v1/tickets/${t.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
  });
});

describe('PATCH /api/v1/tickets/:id', () => {
  it('401, 400, 404 out of scope, 428 without version; stale If-Match is 409 and overwrites nothing', async () => {
    const t = await open(am, { subject: '并发' });
    const url = `/api/v1/tickets/${t.id}`;
    expect((await h.request({ method: 'PATCH', url, payload: { version: 1 } })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'PATCH', url, as: am, payload: { priority: 'soon', version: 1 } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await h.request({ method: 'PATCH', url, as: am2, payload: { subject: 'x', version: 1 } })).statusCode,
    ).toBe(404);
    expect((await h.request({ method: 'PATCH', url, as: am, payload: { subject: 'x' } })).statusCode).toBe(
      428,
    );
    const first = await h.request({
      method: 'PATCH',
      url,
      as: am,
      payload: { subject: '并发-甲' },
      headers: { 'if-match': '"1"' },
    });
    expect(first.statusCode).toBe(200);
    const stale = await h.request({
      method: 'PATCH',
      url,
      as: teammate.userId ? manager : am,
      payload: { subject: '并发-乙' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    expect((await row(t.id)).subject).toBe('并发-甲');
  });

  it('changes fields, hands the ticket on (event "assigned", new owner notified), 422 for a foreign contact', async () => {
    const t = await open(am, { subject: '改派' });
    const url = `/api/v1/tickets/${t.id}`;
    const foreign = await h.request({
      method: 'PATCH',
      url,
      as: am,
      payload: { contactId: theirs.contacts[0]!.id, version: 1 },
    });
    expect(foreign.statusCode).toBe(422);
    expect(issues(foreign)).toEqual(['contactId:not_found']);
    const res = await h.request({
      method: 'PATCH',
      url,
      as: am,
      payload: { priority: 'urgent', important: true, ownerId: teammate.userId, version: 1 },
    });
    const after = await ok(res);
    expect(after).toMatchObject({
      priority: 'urgent',
      important: true,
      owner: { id: teammate.userId },
      version: 2,
    });
    const kinds = (await get(am, `${url}/events`)).json<{ items: TicketEvent[] }>().items.map((e) => e.kind);
    expect(kinds).toEqual(['created', 'assigned', 'updated']);
    const n = await h.database.db
      .selectFrom('notification')
      .select('kind')
      .where('user_id', '=', teammate.userId)
      .where('entity_id', '=', t.id)
      .execute();
    expect(n).toEqual([{ kind: 'ticket.assigned' }]);
  });
});

describe('status flow', () => {
  it('new → acknowledged → in progress → deliver → resolved → closed with a root cause', async () => {
    const t0 = await open(am, { kind: 'complaint', channel: 'email', subject: '投诉全流程' });
    expect((await act(am2, t0, 'acknowledge')).statusCode).toBe(404);
    const jump = await act(am, t0, 'resolve');
    expect(jump.statusCode).toBe(409);
    expect(issues(jump)).toEqual(['status:transition_not_allowed']);
    h.clock.set('2026-11-25T08:30:00Z');
    const t1 = await ok(await act(am, t0, 'acknowledge'));
    expect(t1).toMatchObject({ status: 'acknowledged', firstResponseAt: '2026-11-25T08:30:00.000Z' });
    expect(t1.sla.firstResponse.state).toBe('met');
    expect(t1.nextDueAt).toBe(t1.sla.resolution.dueAt);
    const t2 = await ok(await act(am, t1, 'start'));
    expect(t2.status).toBe('in_progress');
    const early = await act(am, t2, 'resolve');
    expect(early.statusCode).toBe(409);
    expect(issues(early)).toEqual(['stage:stage_too_early']);
    const back = await post(am, `/api/v1/tickets/${t2.id}/stage`, {
      stage: 'confirm_need',
      version: t2.version,
    });
    expect(back.statusCode).toBe(200);
    const t3 = await ok(
      await post(am, `/api/v1/tickets/${t2.id}/stage`, { stage: 'deliver', version: t2.version }),
    );
    expect(t3.stage).toBe('deliver');
    const backwards = await post(am, `/api/v1/tickets/${t3.id}/stage`, {
      stage: 'agree_plan',
      version: t3.version,
    });
    expect(backwards.statusCode).toBe(409);
    expect(issues(backwards)).toEqual(['stage:stage_backwards']);
    h.clock.set('2026-11-25T09:00:00Z');
    const t4 = await ok(await act(am, t3, 'resolve', { resolution: '更换了包装' }));
    expect(t4).toMatchObject({
      status: 'resolved',
      stage: 'collect_feedback',
      resolution: '更换了包装',
      resolvedAt: '2026-11-25T09:00:00.000Z',
      nextDueAt: null,
      resolutionBreached: false,
    });
    expect(t4.sla.resolution.state).toBe('met');
    const noCause = await act(am, t4, 'close');
    expect(noCause.statusCode).toBe(422);
    expect(issues(noCause)).toEqual(['rootCauseId:root_cause_required']);
    const retired = await act(am, t4, 'close', { rootCauseId: retiredCauseId });
    expect(retired.statusCode).toBe(422);
    expect(issues(retired)).toEqual(['rootCauseId:not_found']);
    expect((await row(t4.id)).status).toBe('resolved');
    const t5 = await ok(await act(am, t4, 'close', { rootCauseId }));
    expect(t5).toMatchObject({ status: 'closed', rootCause: { id: rootCauseId, name: '包装破损' } });
    expect(t5.allowedActions).toEqual(['reopen']);
    const kinds = (await get(am, `/api/v1/tickets/${t5.id}/events`)).json<{ items: TicketEvent[] }>().items;
    expect(kinds.map((e) => e.kind)).toEqual([
      'created',
      'acknowledged',
      'started',
      'stage',
      'resolved',
      'closed',
    ]);
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', t5.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'ticket.create',
      'ticket.acknowledge',
      'ticket.start',
      'ticket.stage',
      'ticket.resolve',
      'ticket.close',
    ]);
  });

  it('a late first response is flagged; start from new is the first response', async () => {
    const t = await open(am, { subject: '迟到的受理' });
    h.clock.set('2026-11-25T08:05:00Z');
    const started = await ok(await act(am, t, 'start'));
    expect(started).toMatchObject({
      status: 'in_progress',
      firstResponseAt: '2026-11-25T08:05:00.000Z',
      firstResponseBreached: true,
    });
    expect(started.sla.firstResponse.state).toBe('breached_met');
  });

  it('reopen: needs a reason, within the window; counts, resumes the resolution clock without the resolved days', async () => {
    const t0 = await open(am, { subject: '重开' });
    let t = await ok(await act(am, t0, 'start'));
    t = await ok(await post(am, `/api/v1/tickets/${t.id}/stage`, { stage: 'deliver', version: t.version }));
    h.clock.set('2026-11-25T09:00:00Z'); // 17:00 Wednesday: 3 business hours used (16:00–17:00 … 1 h)
    t = await ok(await act(am, t, 'resolve'));
    h.clock.set('2026-11-26T01:00:00Z');
    t = await ok(await act(am, t, 'close'));
    expect(t.status).toBe('closed');
    const noReason = await act(am, t, 'reopen');
    expect(noReason.statusCode).toBe(422);
    expect(issues(noReason)).toEqual(['reason:reason_required']);
    h.clock.set('2026-12-27T01:00:01Z'); // 31 days after closing: past the default 30-day window
    const late = await act(am, t, 'reopen', { reason: '问题复发' });
    expect(late.statusCode).toBe(409);
    expect(issues(late)).toEqual(['status:reopen_window_passed']);
    // Monday 30 November 10:00 in Shanghai: within the window.
    h.clock.set('2026-11-30T02:00:00Z');
    const re = await ok(await act(am, t, 'reopen', { reason: '问题复发' }));
    expect(re).toMatchObject({
      status: 'in_progress',
      stage: 'deliver',
      reopenCount: 1,
      resolvedAt: null,
      closedAt: null,
    });
    // 1 h was used on Wednesday (16:00–17:00); the resolved days are paused, so 8 h remain from
    // Monday 10:00: due Monday 18:00 in Shanghai.
    expect(re.sla.resolution.dueAt).toBe('2026-11-30T10:00:00.000Z');
    expect(re.nextDueAt).toBe('2026-11-30T10:00:00.000Z');
    expect(re.pauses).toHaveLength(1);
  });
});

describe('waiting on the customer', () => {
  it('a pause moves the deadlines by its business time and takes the ticket out of the due order while it lasts', async () => {
    const t0 = await open(am, { subject: '等待客户' });
    const t1 = await ok(await act(am, t0, 'acknowledge'));
    expect(t1.sla.resolution.dueAt).toBe('2026-11-26T08:00:00.000Z');
    const anon = await h.request({ method: 'POST', url: `/api/v1/tickets/${t1.id}/wait`, payload: {} });
    expect(anon.statusCode).toBe(401);
    expect(
      (await post(am, `/api/v1/tickets/${t1.id}/wait`, { reason: '', version: t1.version })).statusCode,
    ).toBe(400);
    expect(
      (await post(am2, `/api/v1/tickets/${t1.id}/wait`, { reason: '等', version: t1.version })).statusCode,
    ).toBe(404);
    h.clock.set('2026-11-25T09:00:00Z'); // 17:00 Wednesday
    const waiting = await ok(
      await post(am, `/api/v1/tickets/${t1.id}/wait`, { reason: '等客户寄回样品', version: t1.version }),
    );
    expect(waiting).toMatchObject({ waiting: true, nextDueAt: null });
    expect(waiting.sla.resolution.state).toBe('paused');
    expect((await row(t1.id)).next_due_at).toBeNull();
    const twice = await post(am, `/api/v1/tickets/${t1.id}/wait`, {
      reason: '再等',
      version: waiting.version,
    });
    expect(twice.statusCode).toBe(409);
    h.clock.set('2026-11-26T02:00:00Z'); // Thursday 10:00: 2 business hours of waiting (17–18, 9–10)
    const resumed = await ok(await post(am, `/api/v1/tickets/${t1.id}/resume`, { version: waiting.version }));
    expect(resumed).toMatchObject({ waiting: false });
    expect(resumed.sla.resolution.dueAt).toBe('2026-11-26T10:00:00.000Z');
    expect(resumed.nextDueAt).toBe('2026-11-26T10:00:00.000Z');
    expect(resumed.pauses).toEqual([
      { from: '2026-11-25T09:00:00.000Z', to: '2026-11-26T02:00:00.000Z', reason: '等客户寄回样品' },
    ]);
    expect((await post(am, `/api/v1/tickets/${t1.id}/resume`, { version: resumed.version })).statusCode).toBe(
      409,
    );
    const kinds = (await get(am, `/api/v1/tickets/${t1.id}/events`)).json<{ items: TicketEvent[] }>().items;
    expect(kinds.map((e) => e.kind)).toEqual(['created', 'acknowledged', 'waiting', 'resumed']);
  });
});

describe('GET /api/v1/tickets (the queue)', () => {
  let urgent: Ticket;
  let high: Ticket;
  let low: Ticket;
  let waitingOne: Ticket;
  let teammates: Ticket;
  let others: Ticket;
  beforeAll(async () => {
    // Fresh customers so earlier tests' tickets do not mix in; calls logged afterwards carry the
    // time the customer called.
    const c = await createCustomer(h, am, { name: '队列客户' });
    const c2 = await createCustomer(h, am2, { name: '队列客户乙' });
    const t = (as: Session, body: Record<string, unknown>) =>
      open(as, { customerId: c.id, channel: 'email', ...body });
    // Low: 5 business days from Friday 20 Nov 16:00 → Friday 27 Nov 16:00 (08:00Z).
    low = await t(am, { priority: 'low', subject: '队列-低', receivedAt: '2026-11-20T08:00:00Z' });
    // High: one business day → Monday 23 Nov 16:00: breached by now.
    high = await t(am, { priority: 'high', subject: '队列-高', receivedAt: '2026-11-20T08:00:00Z' });
    // Urgent: 4 h on the clock from 05:00Z → 09:00Z today, an hour from now.
    urgent = await t(am, { priority: 'urgent', subject: '队列-急', receivedAt: '2026-11-25T05:00:00Z' });
    waitingOne = await t(am, { priority: 'normal', subject: '队列-等待' });
    teammates = await open(am, {
      customerId: c.id,
      channel: 'phone',
      subject: '队列-同事',
      ownerId: teammate.userId,
    });
    others = await open(am2, { customerId: c2.id, channel: 'phone', subject: '队列-其他部门' });
    for (const x of [low, high, urgent, waitingOne]) {
      const a = await ok(await act(am, x, 'acknowledge'));
      if (x === waitingOne)
        await ok(await post(am, `/api/v1/tickets/${x.id}/wait`, { reason: '等', version: a.version }));
    }
  });
  const list = async (as: Session, q: string) => {
    const res = await get(as, `/api/v1/tickets?limit=100&${q}`);
    expect(res.statusCode).toBe(200);
    return res
      .json<{ items: TicketListItem[]; nextCursor: string | null }>()
      .items.filter((t) => t.subject.startsWith('队列-'));
  };

  it('401; 400 on bad filters; 403 team view for account managers', async () => {
    expect((await get(undefined, '/api/v1/tickets')).statusCode).toBe(401);
    expect((await get(am, '/api/v1/tickets?status=open')).statusCode).toBe(400);
    expect((await get(am, '/api/v1/tickets?limit=101')).statusCode).toBe(400);
    expect((await get(am, '/api/v1/tickets?cursor=nonsense')).statusCode).toBe(400);
    expect((await get(am, '/api/v1/tickets?view=team')).statusCode).toBe(403);
    expect((await get(finance, '/api/v1/tickets')).statusCode).toBe(403);
  });

  it('mine: by time to breach, soonest first, the waiting one last; pages by cursor', async () => {
    const items = await list(am, `customerId=${urgent.customer.id}`);
    expect(items.map((t) => t.subject)).toEqual(['队列-高', '队列-急', '队列-低', '队列-等待']);
    expect(items.at(-1)).toMatchObject({ waiting: true, nextDueAt: null });
    const dues = items.slice(0, 3).map((t) => Date.parse(t.nextDueAt!));
    expect([...dues].sort((a, b) => a - b)).toEqual(dues);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res = await get(
        am,
        `/api/v1/tickets?limit=1&customerId=${urgent.customer.id}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const body = res.json<{ items: TicketListItem[]; nextCursor: string | null }>();
      seen.push(...body.items.map((t) => t.subject));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(['队列-高', '队列-急', '队列-低', '队列-等待']);
  });

  it('filters: breached, soon, priority, q by subject and number, -received', async () => {
    expect((await list(am, 'breaching=breached')).map((t) => t.subject)).toEqual(['队列-高']);
    expect((await list(am, 'breaching=soon')).map((t) => t.subject)).toEqual(['队列-急']);
    h.clock.set('2026-11-25T09:30:00Z');
    expect((await list(am, 'breaching=breached')).map((t) => t.subject)).toEqual(['队列-高', '队列-急']);
    h.clock.set(start);
    expect((await list(am, 'priority=low,high')).map((t) => t.subject)).toEqual(['队列-高', '队列-低']);
    expect((await list(am, `q=${encodeURIComponent('急')}`)).map((t) => t.subject)).toEqual(['队列-急']);
    expect((await list(am, `q=${urgent.number}`)).map((t) => t.id)).toEqual([urgent.id]);
    const newest = await list(am, `sort=-received&customerId=${urgent.customer.id}`);
    // Received: the waiting one now, urgent at 05:00Z, high and low together (newest id first).
    expect(newest.map((t) => t.subject)).toEqual(['队列-等待', '队列-急', '队列-高', '队列-低']);
  });

  it('team: the owners a manager oversees (not other departments); everyone for executives; all: my scope', async () => {
    const team = await list(manager, 'view=team');
    expect(team.map((t) => t.subject)).toEqual(expect.arrayContaining(['队列-急', '队列-同事']));
    expect(team.map((t) => t.subject)).not.toContain('队列-其他部门');
    const exec = await list(executive, 'view=team');
    expect(exec.map((t) => t.subject)).toEqual(expect.arrayContaining(['队列-同事', '队列-其他部门']));
    const all = await list(am, 'view=all');
    expect(all.map((t) => t.subject)).toEqual(expect.arrayContaining(['队列-急', '队列-同事']));
    expect(all.map((t) => t.subject)).not.toContain('队列-其他部门');
    expect((await list(am2, 'view=mine')).map((t) => t.id)).toEqual([others.id]);
    expect((await get(am2, `/api/v1/tickets/${teammates.id}`)).statusCode).toBe(404);
  });
});

describe('notes and replies', () => {
  it('401/400/404; a reply is the first response and is e-mailed to the contact through the outbox', async () => {
    const t = await open(am, { contactId: wang, channel: 'email', subject: '邮件答复' });
    const url = `/api/v1/tickets/${t.id}/events`;
    expect((await post(undefined, url, { kind: 'note', body: 'x' })).statusCode).toBe(401);
    expect((await post(am, url, { kind: 'call', body: 'x' })).statusCode).toBe(400);
    expect((await post(am2, url, { kind: 'note', body: 'x' })).statusCode).toBe(404);
    expect((await get(am2, url)).statusCode).toBe(404);
    const note = await post(am, url, { kind: 'note', body: '内部：先查物流' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'note', visibility: 'internal', actor: { id: am.userId } });
    expect((await row(t.id)).first_response_at).toBeNull();
    const templateId = newId();
    await h.database.db
      .insertInto('reply_template')
      .values({ id: templateId, title: '致歉', body: '{{contact.name}}您好' })
      .execute();
    h.clock.set('2026-11-25T08:10:00Z');
    const reply = await post(am, url, {
      kind: 'reply',
      body: '{{contact.name}}您好，工单 {{ticket.number}} 已收到。',
      templateId,
      sendEmail: true,
    });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({
      kind: 'reply',
      visibility: 'customer',
      body: `王经理您好，工单 ${t.number} 已收到。`,
      data: { templateId, emailedTo: 'wang@jia.example.cn' },
    });
    const stored = await row(t.id);
    expect(new Date(stored.first_response_at!).toISOString()).toBe('2026-11-25T08:10:00.000Z');
    expect(stored.first_response_breached).toBe(false);
    const outbox = await h.database.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'body'])
      .where('recipient', '=', 'wang@jia.example.cn')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.body).toContain('已收到');
  });

  it('422 sendEmail when there is no address; nothing stored', async () => {
    const t = await open(am, {
      customerId: noEmail.id,
      contactId: noEmail.contacts[0]!.id,
      subject: '无邮箱',
    });
    const res = await post(am, `/api/v1/tickets/${t.id}/events`, {
      kind: 'reply',
      body: '您好',
      sendEmail: true,
    });
    expect(res.statusCode).toBe(422);
    expect(issues(res)).toEqual(['sendEmail:no_address']);
    const events = (await get(am, `/api/v1/tickets/${t.id}/events`)).json<{ items: TicketEvent[] }>().items;
    expect(events.map((e) => e.kind)).toEqual(['created']);
    expect((await row(t.id)).first_response_at).toBeNull();
  });
});

describe("the customer's timeline", () => {
  it('shows ticket events among the other kinds, and alone with kinds=ticket', async () => {
    const c = await createCustomer(h, am, { name: '台账工单客户' });
    const t = await open(am, { customerId: c.id, subject: '台账里的工单' });
    h.clock.set('2026-11-25T08:01:00Z');
    await ok(await act(am, t, 'acknowledge'));
    const res = await get(am, `/api/v1/customers/${c.id}/timeline?kinds=ticket`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { kind: string; data: Record<string, unknown> }[] }>().items;
    expect(items.map((i) => [i.kind, i.data.event])).toEqual([
      ['ticket', 'acknowledged'],
      ['ticket', 'created'],
    ]);
    expect(items[0]!.data.ticket).toMatchObject({ id: t.id, number: t.number, subject: '台账里的工单' });
    const everything = (await get(am, `/api/v1/customers/${c.id}/timeline`)).json<{
      items: { kind: string }[];
    }>();
    expect(everything.items.filter((i) => i.kind === 'ticket')).toHaveLength(2);
  });
});
