import type { Interaction } from '@weixi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import {
  addDaysIso,
  followUpDays,
  followUpFacts,
  issues,
  logInteraction,
} from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let am: Session;
let am2: Session;
let colleague: Session;
let manager: Session;
let reception: Session;
let mine: { id: string; contacts: { id: string }[] };
let theirs: { id: string; contacts: { id: string }[] };
const missing = '0190a0a0-0000-7000-8000-000000000000';

beforeAll(async () => {
  h = await createHarness();
  const sales = await h.makeDepartment('沟通-销售部');
  const other = await h.makeDepartment('沟通-其他部');
  admin = await h.signIn('admin');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  colleague = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  reception = await h.signIn('reception', sales);
  mine = await createCustomer(h, am, {
    name: '沟通测试甲公司',
    contacts: [{ name: '陈国华' }, { name: '刘晓燕' }],
    collaboratorIds: [colleague.userId],
  });
  theirs = await createCustomer(h, am2, { name: '沟通测试乙公司', contacts: [{ name: '王磊' }] });
});
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url: '/api/v1/interactions', ...(as ? { as } : {}), payload });
const count = async (customerId: string) =>
  (await h.database.db.selectFrom('interaction').select('id').where('customer_id', '=', customerId).execute())
    .length;
const base = { channel: 'phone', direction: 'outbound', summary: '电话沟通了交期' };

describe('POST /api/v1/interactions', () => {
  it('401 anonymous, 403 for reception, 404 for a customer out of scope or unknown — nothing logged', async () => {
    const body = { ...base, customerId: mine.id, occurredAt: '2026-11-25T07:00:00Z' };
    expect((await post(undefined, body)).statusCode).toBe(401);
    expect((await post(reception, body)).statusCode).toBe(403);
    const before = await followUpFacts(h, mine.id);
    expect((await post(am2, body)).statusCode).toBe(404);
    expect((await post(am, { ...body, customerId: missing })).statusCode).toBe(404);
    expect(await count(mine.id)).toBe(0);
    expect(await followUpFacts(h, mine.id)).toEqual(before);
  });

  it('400 names each bad field: channel, summary, unknown fields, other customers’ contacts, unknown staff', async () => {
    const shape = await post(am, {
      customerId: mine.id,
      channel: 'fax',
      direction: 'outbound',
      summary: ' ',
      occurredAt: 'yesterday',
      colour: 1,
    });
    expect(shape.statusCode).toBe(400);
    expect(issues(shape).map((i) => i.split(':')[0])).toEqual(['channel', 'colour', 'occurredAt', 'summary']);
    const refs = await post(am, {
      ...base,
      customerId: mine.id,
      occurredAt: '2026-11-25T07:00:00Z',
      contactIds: [mine.contacts[0]!.id, theirs.contacts[0]!.id],
      staffIds: [missing],
    });
    expect(refs.statusCode).toBe(400);
    expect(issues(refs)).toEqual(['contactIds.1:not_found', 'staffIds.0:not_found']);
    expect(await count(mine.id)).toBe(0);
  });

  it('refuses a time beyond the future tolerance (10 minutes) and accepts one within it', async () => {
    const far = await post(am, { ...base, customerId: mine.id, occurredAt: '2026-11-25T08:11:00Z' });
    expect(far.statusCode).toBe(400);
    expect(issues(far)).toEqual(['occurredAt:in_future']);
    expect(await count(mine.id)).toBe(0);
    const skewed = await post(am, { ...base, customerId: mine.id, occurredAt: '2026-11-25T08:05:00+00:00' });
    expect(skewed.statusCode).toBe(201);
    await h.database.db.deleteFrom('interaction').where('id', '=', skewed.json<Interaction>().id).execute();
  });

  it('logs an outbound call by the owner: participants, qualifies, moves every clock and the due date, audited under the customer', async () => {
    // Created earlier: a new customer's pool clock starts at its creation.
    h.clock.set('2026-11-01T00:00:00Z');
    const c = await createCustomer(h, am, { name: '沟通时钟公司', contacts: [{ name: '赵敏' }] });
    h.clock.set('2026-11-25T08:00:00Z');
    const res = await post(am, {
      ...base,
      customerId: c.id,
      occurredAt: '2026-11-20T02:30:00Z',
      needsFound: '需要新型号报价',
      nextStep: '下周发报价',
      guide: { business: true, rapport: true },
      contactIds: [c.contacts[0]!.id],
      staffIds: [colleague.userId],
    });
    expect(res.statusCode).toBe(201);
    const i = res.json<Interaction>();
    expect(i).toMatchObject({
      customer: { id: c.id, name: '沟通时钟公司' },
      channel: 'phone',
      direction: 'outbound',
      occurredAt: '2026-11-20T02:30:00.000Z',
      qualifies: true,
      guide: { business: true, needs: false, rapport: true, value: false },
      contacts: [{ id: c.contacts[0]!.id, name: '赵敏' }],
      loggedBy: { id: am.userId },
      attachments: [],
      version: 1,
      nextStepTaskId: null,
    });
    expect(i.staff.map((s) => s.id).sort()).toEqual([am.userId, colleague.userId].sort());
    const facts = await followUpFacts(h, c.id);
    expect(facts).toMatchObject({
      lastInteractionAt: '2026-11-20T02:30:00.000Z',
      lastFollowUpAt: '2026-11-20T02:30:00.000Z',
      lastOwnerContactAt: '2026-11-20T02:30:00.000Z',
      followUpDueAt: addDaysIso('2026-11-20T02:30:00.000Z', await followUpDays(h, 'D')),
    });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity', '=', 'customer')
      .where('entity_id', '=', c.id)
      .where('action', '=', 'interaction.create')
      .execute();
    expect(audit).toEqual([{ action: 'interaction.create', actor_id: am.userId }]);
  });

  it('an inbound call does not reset the cadence; an older interaction never moves the clocks back', async () => {
    h.clock.set('2026-10-01T00:00:00Z');
    const c = await createCustomer(h, am, { name: '沟通来电公司' });
    h.clock.set('2026-11-25T08:00:00Z');
    await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-10T02:00:00Z' });
    const inbound = await logInteraction(h, am, {
      customerId: c.id,
      direction: 'inbound',
      occurredAt: '2026-11-24T02:00:00Z',
    });
    expect(inbound.qualifies).toBe(false);
    // A manager's outbound call counts for the cadence but is not the owner's own contact.
    await logInteraction(h, manager, { customerId: c.id, occurredAt: '2026-11-15T02:00:00Z' });
    await logInteraction(h, am, {
      customerId: c.id,
      channel: 'face_to_face',
      direction: 'inbound',
      occurredAt: '2026-11-01T02:00:00Z',
    });
    expect(await followUpFacts(h, c.id)).toMatchObject({
      lastInteractionAt: '2026-11-24T02:00:00.000Z',
      lastFollowUpAt: '2026-11-15T02:00:00.000Z',
      lastOwnerContactAt: '2026-11-10T02:00:00.000Z',
    });
  });

  it('409 for an invalid customer, naming its status', async () => {
    const c = await createCustomer(h, am, { name: '沟通注销公司' });
    const inv = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/invalidate`,
      as: am,
      payload: { reason: '已停业', version: 1 },
    });
    expect(inv.statusCode).toBe(200);
    const res = await post(am, { ...base, customerId: c.id, occurredAt: '2026-11-25T07:00:00Z' });
    expect(res.statusCode).toBe(409);
    expect(issues(res)).toEqual(['customerId:customer_inactive']);
    expect(res.json().detail).toContain('invalid');
    expect(await count(c.id)).toBe(0);
  });

  it('turns the next step into a task (title from the next step); assigning it to others needs a manager', async () => {
    const c = await createCustomer(h, am, { name: '沟通下一步公司' });
    const i = await logInteraction(h, am, {
      customerId: c.id,
      occurredAt: '2026-11-25T07:00:00Z',
      nextStep: '周五前寄样品',
      nextStepTask: { dueOn: '2026-11-27' },
    });
    const task = await h.request({ method: 'GET', url: `/api/v1/tasks/${i.nextStepTaskId}`, as: am });
    expect(task.json()).toMatchObject({
      title: '周五前寄样品',
      source: 'interaction',
      sourceId: i.id,
      owner: { id: am.userId },
      customer: { id: c.id },
      dueOn: '2026-11-27',
    });
    const forOthers = await post(am, {
      ...base,
      customerId: c.id,
      occurredAt: '2026-11-25T07:00:00Z',
      nextStep: '请同事跟进',
      nextStepTask: { dueOn: '2026-11-27', ownerId: colleague.userId },
    });
    expect(forOthers.statusCode).toBe(403);
    const noTitle = await post(am, {
      ...base,
      customerId: c.id,
      occurredAt: '2026-11-25T07:00:00Z',
      nextStepTask: { dueOn: '2026-11-20' },
    });
    expect(issues(noTitle)).toEqual(['nextStepTask.dueOn:before_today', 'nextStepTask.title:required']);
    expect(await count(c.id)).toBe(1);
    const byManager = await logInteraction(h, manager, {
      customerId: c.id,
      occurredAt: '2026-11-25T07:00:00Z',
      nextStepTask: { title: '跟进报价', dueOn: '2026-11-30', ownerId: am.userId },
    });
    const assigned = await h.request({
      method: 'GET',
      url: `/api/v1/tasks/${byManager.nextStepTaskId}`,
      as: am,
    });
    expect(assigned.json()).toMatchObject({ owner: { id: am.userId }, createdBy: { id: manager.userId } });
  });
});

describe('GET /api/v1/interactions', () => {
  let c: { id: string };
  const ids: string[] = [];
  beforeAll(async () => {
    c = await createCustomer(h, am, { name: '沟通列表公司' });
    for (const [n, at] of ['2026-11-01T02:00:00Z', '2026-11-03T02:00:00Z', '2026-11-02T02:00:00Z'].entries())
      ids[n] = (
        await logInteraction(h, am, {
          customerId: c.id,
          occurredAt: at,
          channel: n === 1 ? 'wechat' : 'phone',
        })
      ).id;
    await logInteraction(h, am2, { customerId: theirs.id, occurredAt: '2026-11-04T02:00:00Z' });
  });

  it('401 anonymous; 400 on a forged cursor or a bad channel', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/interactions' })).statusCode).toBe(401);
    const forged = await h.request({ method: 'GET', url: '/api/v1/interactions?cursor=WyJ4Il0', as: am });
    expect(forged.statusCode).toBe(400);
    expect(issues(forged)).toEqual(['query.cursor:invalid']);
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/interactions?channel=fax', as: am })).statusCode,
    ).toBe(400);
  });

  it("pages a customer's interactions newest first without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.request({
        method: 'GET',
        url: `/api/v1/interactions?customerId=${c.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        as: am,
      });
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Interaction[]; nextCursor: string | null; total: number }>();
      expect(page.total).toBe(3);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([ids[1], ids[2], ids[0]]);
  });

  it('lists only customers in scope: the owner, a manager over them, not another department; filters by channel and dates', async () => {
    const list = async (as: Session, q = '') =>
      (await h.request({ method: 'GET', url: `/api/v1/interactions?limit=100${q}`, as })).json<{
        items: Interaction[];
      }>().items;
    const mineSeen = (await list(am)).map((i) => i.customer.id);
    expect(mineSeen).toContain(c.id);
    expect(mineSeen).not.toContain(theirs.id);
    expect((await list(manager)).map((i) => i.id)).toEqual(expect.arrayContaining(ids));
    expect((await list(am2, `&customerId=${c.id}`)).length).toBe(0);
    expect((await list(admin)).map((i) => i.customer.id)).toEqual(expect.arrayContaining([c.id, theirs.id]));
    expect((await list(am, `&customerId=${c.id}&channel=wechat`)).map((i) => i.id)).toEqual([ids[1]]);
    expect((await list(am, `&customerId=${c.id}&from=2026-11-02&to=2026-11-02`)).map((i) => i.id)).toEqual([
      ids[2],
    ]);
    expect((await list(manager, `&loggedBy=${am.userId}&customerId=${c.id}`)).length).toBe(3);
  });

  it('GET /:id: 200 in scope, 404 out of scope', async () => {
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/interactions/${ids[0]}`, as: manager })).statusCode,
    ).toBe(200);
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/interactions/${ids[0]}`, as: am2 })).statusCode,
    ).toBe(404);
    expect((await h.request({ method: 'GET', url: `/api/v1/interactions/${ids[0]}` })).statusCode).toBe(401);
  });
});

describe('PATCH and DELETE /api/v1/interactions/:id', () => {
  const patch = (as: Session | undefined, id: string, payload: Record<string, unknown>) =>
    h.request({ method: 'PATCH', url: `/api/v1/interactions/${id}`, ...(as ? { as } : {}), payload });
  const del = (as: Session | undefined, id: string, version?: number, headers: Record<string, string> = {}) =>
    h.request({
      method: 'DELETE',
      url: `/api/v1/interactions/${id}${version ? `?version=${version}` : ''}`,
      ...(as ? { as } : {}),
      headers,
    });

  it('PATCH: 401, 400, 404 out of scope, 403 for a collaborator who did not log it, 409 stale — nothing changed', async () => {
    const c = await createCustomer(h, am, { name: '沟通修改公司', collaboratorIds: [colleague.userId] });
    const i = await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-20T02:00:00Z' });
    expect((await patch(undefined, i.id, { summary: '改', version: 1 })).statusCode).toBe(401);
    expect(issues(await patch(am, i.id, { summary: '', channel: 'fax', version: 1 }))).toEqual([
      'channel:invalid_value',
      'summary:too_small',
    ]);
    const future = await patch(am, i.id, {
      occurredAt: '2026-12-25T00:00:00Z',
      contactIds: [missing],
      version: 1,
    });
    expect(issues(future)).toEqual(['contactIds.0:not_found', 'occurredAt:in_future']);
    expect((await patch(am2, i.id, { summary: '越权', version: 1 })).statusCode).toBe(404);
    expect((await patch(colleague, i.id, { summary: '协作人修改', version: 1 })).statusCode).toBe(403);
    expect((await patch(am, i.id, { summary: '过期版本', version: 2 })).statusCode).toBe(409);
    const now = await h.request({ method: 'GET', url: `/api/v1/interactions/${i.id}`, as: am });
    expect(now.json()).toMatchObject({ summary: '电话沟通', version: 1 });
  });

  it('PATCH by a manager: moving the interaction back in time or making it inbound moves the follow-up facts back', async () => {
    const c = await createCustomer(h, am, { name: '沟通回退公司' });
    await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-01T02:00:00Z' });
    const late = await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-20T02:00:00Z' });
    const { lastInteractionAt } = await followUpFacts(h, c.id);
    const res = await patch(manager, late.id, {
      occurredAt: '2026-11-05T02:00:00Z',
      summary: '日期更正',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      occurredAt: '2026-11-05T02:00:00.000Z',
      summary: '日期更正',
      version: 2,
    });
    expect(await followUpFacts(h, c.id)).toMatchObject({
      lastFollowUpAt: '2026-11-05T02:00:00.000Z',
      lastOwnerContactAt: '2026-11-05T02:00:00.000Z',
      // The pool's clock does not move back: the work was done.
      lastInteractionAt,
    });
    const inbound = await patch(am, late.id, { direction: 'inbound', staffIds: [], version: 2 });
    expect(inbound.json()).toMatchObject({ qualifies: false, staff: [{ id: am.userId }] });
    expect(await followUpFacts(h, c.id)).toMatchObject({ lastFollowUpAt: '2026-11-01T02:00:00.000Z' });
  });

  it('DELETE: 401, 404 out of scope, 403 for anyone but its author or an admin, 428 without a version, 409 stale', async () => {
    const c = await createCustomer(h, am, { name: '沟通删除权限公司', collaboratorIds: [colleague.userId] });
    const i = await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-20T02:00:00Z' });
    expect((await del(undefined, i.id, 1)).statusCode).toBe(401);
    expect((await del(am2, i.id, 1)).statusCode).toBe(404);
    expect((await del(colleague, i.id, 1)).statusCode).toBe(403);
    expect((await del(manager, i.id, 1)).statusCode).toBe(403);
    expect((await del(am, i.id)).statusCode).toBe(428);
    expect((await del(am, i.id, 3)).statusCode).toBe(409);
    expect(await count(c.id)).toBe(1);
    expect((await del(admin, i.id, undefined, { 'if-match': '"1"' })).statusCode).toBe(204);
    expect(await count(c.id)).toBe(0);
  });

  it('DELETE recomputes last_follow_up_at and the due date from the interactions that remain', async () => {
    const c = await createCustomer(h, am, { name: '沟通删除重算公司' });
    await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-02T02:00:00Z' });
    await logInteraction(h, am, {
      customerId: c.id,
      direction: 'inbound',
      occurredAt: '2026-11-18T02:00:00Z',
    });
    const latest = await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-12T02:00:00Z' });
    expect((await followUpFacts(h, c.id)).lastFollowUpAt).toBe('2026-11-12T02:00:00.000Z');
    expect((await del(am, latest.id, 1)).statusCode).toBe(204);
    const days = await followUpDays(h, 'D');
    expect(await followUpFacts(h, c.id)).toMatchObject({
      lastFollowUpAt: '2026-11-02T02:00:00.000Z',
      lastOwnerContactAt: '2026-11-02T02:00:00.000Z',
      followUpDueAt: addDaysIso('2026-11-02T02:00:00.000Z', days),
    });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('entity_id', '=', c.id)
      .where('action', '=', 'interaction.delete')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ interactionId: latest.id, summary: '电话沟通' });
  });
});
