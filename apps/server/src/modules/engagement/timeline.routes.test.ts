import { newId } from '@weixi/db';
import { encodeCursor } from '@weixi/domain';
import { timelinePageSchema } from '@weixi/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { createOrder, createProduct } from '../../testing/orders';

let h: Harness;
let admin: Session;
let am: Session;
let colleague: Session;
let manager: Session;
let outsider: Session;
let productId: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  const sales = await h.makeDepartment('销售部-台账');
  const other = await h.makeDepartment('其他部-台账');
  am = await h.signIn('account_manager', sales);
  colleague = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  outsider = await h.signIn('account_manager', other);
  productId = (await createProduct(h, admin, { name: '伺服电机 750W' })).id;
});
afterAll(async () => {
  await h.close();
});

interface Item {
  id: string;
  kind: string;
  at: string;
  actor: { id: string; name: string } | null;
  data: Record<string, unknown>;
}

const timeline = (id: string, as?: Session, query = '') =>
  h.request({ method: 'GET', url: `/api/v1/customers/${id}/timeline${query}`, ...(as ? { as } : {}) });

async function everything(id: string, as: Session, limit: number, kinds = ''): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const q: string = `?limit=${limit}${kinds ? `&kinds=${kinds}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await timeline(id, as, q);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: Item[]; nextCursor: string | null }>();
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('paging did not end');
}

// The records of later parts of issue 5 (interactions, visits, tasks), written as their use cases
// store them, so the timeline is tested on its own.
const db = () => h.database.db;

async function addInteraction(
  customerId: string,
  by: string,
  at: string,
  extra: Record<string, unknown> = {},
) {
  const id = newId();
  await db()
    .insertInto('interaction')
    .values({
      id,
      customer_id: customerId,
      channel: 'phone',
      direction: 'outbound',
      occurred_at: new Date(at),
      summary: `电话回访 ${at}`,
      qualifies: true,
      created_by: by,
      updated_by: by,
      ...extra,
    })
    .execute();
  await db().insertInto('interaction_staff').values({ interaction_id: id, user_id: by }).execute();
  return id;
}

async function addVisit(
  customerId: string,
  by: string,
  plannedOn: string,
  extra: Record<string, unknown> = {},
) {
  const id = newId();
  await db()
    .insertInto('visit')
    .values({
      id,
      customer_id: customerId,
      visitor_id: by,
      planned_on: plannedOn,
      purpose: '季度拜访',
      ...extra,
    })
    .execute();
  return id;
}

async function addTask(customerId: string, by: string, createdAt: string) {
  const id = newId();
  await db()
    .insertInto('task')
    .values({
      id,
      title: '寄送样品',
      customer_id: customerId,
      owner_id: by,
      due_on: '2026-12-31',
      created_at: new Date(createdAt),
      created_by: by,
    })
    .execute();
  return id;
}

async function addGradeChange(customerId: string, at: string, from: string | null, to: string) {
  await sql`insert into grade_history (customer_id, from_grade, to_grade, cause, at)
    values (${customerId}, ${from}, ${to}, 'rule', ${at}::timestamptz)`.execute(db());
}

describe('GET /api/v1/customers/:id/timeline', () => {
  it('401 anonymous; 400 names the bad kind, cursor or id; 404 outside the scope or missing', async () => {
    const c = await createCustomer(h, am, { name: '台账校验有限公司' });
    expect((await timeline(c.id)).statusCode).toBe(401);

    const badKind = await timeline(c.id, am, '?kinds=interaction,memo');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().errors[0].path).toBe('query.kinds.1');
    expect((await timeline(c.id, am, '?kinds=')).json().errors[0].path).toBe('query.kinds');
    expect((await timeline(c.id, am, '?limit=0')).json().errors[0].path).toBe('query.limit');

    for (const cursor of [
      'bm90LWEtY3Vyc29y',
      encodeCursor(['2026-11-25T08:00:00.000000Z', 'memo:1']),
      encodeCursor(['yesterday', 'interaction:0190']),
      encodeCursor(['2026-11-25T08:00:00.000000Z']),
    ]) {
      const forged = await timeline(c.id, am, `?cursor=${cursor}`);
      expect(forged.statusCode).toBe(400);
      expect(forged.json().errors[0].path).toBe('query.cursor');
    }
    expect((await timeline('not-a-uuid', am)).json().errors[0].path).toBe('params.id');

    expect((await timeline(c.id, outsider)).statusCode).toBe(404);
    expect((await timeline(newId(), admin)).statusCode).toBe(404);
    expect((await timeline(c.id, manager)).statusCode).toBe(200);
  });

  it('shows every kind, newest first, with the names and facts of each', async () => {
    h.clock.set('2026-11-20T02:00:00Z');
    const c = await createCustomer(h, am, {
      name: '台账全貌电子有限公司',
      contacts: [{ name: '陈国华', position: '总经理', phone: '13905740001' }],
    });
    const contactId = c.contacts[0]!.id;
    const interactionId = await addInteraction(c.id, am.userId, '2026-11-21T03:00:00Z', {
      channel: 'wechat',
      guide_business: true,
      guide_rapport: true,
      needs_found: '明年扩产',
    });
    await db()
      .insertInto('interaction_contact')
      .values({ interaction_id: interactionId, contact_id: contactId })
      .execute();
    await db()
      .insertInto('interaction_staff')
      .values({ interaction_id: interactionId, user_id: colleague.userId })
      .execute();
    await addVisit(c.id, am.userId, '2026-11-22', {
      status: 'reported',
      check_in_at: new Date('2026-11-22T01:30:00Z'),
      check_in_flag: 'far',
      check_in_distance_m: 2400,
      report_summary: '客户对新机型感兴趣',
      reported_at: new Date('2026-11-22T04:00:00Z'),
    });
    // Planned, not yet done: it sits at the start of its business day (Asia/Shanghai).
    await addVisit(c.id, am.userId, '2026-11-27', { planned_time: '14:30' });
    await addTask(c.id, am.userId, '2026-11-22T05:00:00Z');
    h.clock.set('2026-11-23T02:00:00Z');
    await createOrder(h, admin, {
      customerId: c.id,
      productId,
      orderedOn: '2026-11-23',
      quantity: 3,
      amountFen: 804000,
    });
    await addGradeChange(c.id, '2026-11-24T00:00:00Z', 'B', 'A');
    h.clock.set('2026-11-24T06:00:00Z');
    const edit = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}/contacts/${contactId}`,
      as: am,
      payload: { position: '董事长', version: c.contacts[0]!.version },
    });
    expect(edit.statusCode).toBe(200);
    h.clock.set('2026-11-25T08:00:00Z');

    const res = await timeline(c.id, manager, '?limit=50');
    expect(res.statusCode).toBe(200);
    // The 200 body is sent as the presenter built it (no zod pass): it must be exactly what the
    // schema allows, nothing more (a parse strips unknown keys, so any extra field fails here).
    expect(timelinePageSchema.parse(res.json())).toEqual(res.json());
    const items = res.json<{ items: Item[] }>().items;
    expect(items.map((i) => [i.kind, i.at])).toEqual([
      ['visit', '2026-11-27T06:30:00.000Z'],
      ['edit', '2026-11-24T06:00:00.000Z'],
      ['grade', '2026-11-24T00:00:00.000Z'],
      // 2026-11-23 starts at 16:00 UTC the day before in Shanghai.
      ['order', '2026-11-22T16:00:00.000Z'],
      ['task', '2026-11-22T05:00:00.000Z'],
      ['visit', '2026-11-22T04:00:00.000Z'],
      ['interaction', '2026-11-21T03:00:00.000Z'],
      // Creation: the owner's first assignment and the audited create, at the same moment.
      ['owner', '2026-11-20T02:00:00.000Z'],
      ['edit', '2026-11-20T02:00:00.000Z'],
    ]);
    const byKind = (k: string) => items.filter((i) => i.kind === k);
    const amName = (
      await db().selectFrom('app_user').select('name').where('id', '=', am.userId).executeTakeFirstOrThrow()
    ).name;
    expect(byKind('interaction')[0]).toMatchObject({
      id: `interaction:${interactionId}`,
      actor: { id: am.userId, name: amName },
      data: {
        channel: 'wechat',
        direction: 'outbound',
        needsFound: '明年扩产',
        guide: { business: true, needs: false, rapport: true, value: false },
        contacts: [{ id: contactId, name: '陈国华' }],
        visitId: null,
      },
    });
    expect((byKind('interaction')[0]!.data.staff as { id: string }[]).map((s) => s.id).sort()).toEqual(
      [am.userId, colleague.userId].sort(),
    );
    expect(byKind('visit')[1]!.data).toMatchObject({
      status: 'reported',
      plannedOn: '2026-11-22',
      purpose: '季度拜访',
      visitor: { id: am.userId, name: amName },
      checkIn: { at: '2026-11-22T01:30:00.000Z', flag: 'far', distanceM: 2400 },
      report: { summary: '客户对新机型感兴趣' },
    });
    expect(byKind('visit')[0]!.data).toMatchObject({
      status: 'planned',
      plannedTime: '14:30',
      checkIn: null,
      report: null,
    });
    expect(byKind('task')[0]!.data).toMatchObject({
      title: '寄送样品',
      status: 'open',
      dueOn: '2026-12-31',
      owner: { id: am.userId, name: amName },
      source: 'manual',
    });
    expect(byKind('order')[0]!.data).toMatchObject({
      orderedOn: '2026-11-23',
      product: { id: productId, name: '伺服电机 750W' },
      quantity: 3,
      amountFen: 804000,
    });
    expect(byKind('grade')[0]!.data).toEqual({ from: 'B', to: 'A', cause: 'rule', reason: null });
    expect(byKind('owner')[0]!.data).toMatchObject({
      kind: 'create',
      from: null,
      to: { id: am.userId, name: amName },
    });
    expect(byKind('edit').map((e) => e.data.action)).toEqual(['contact.update', 'customer.create']);
    // The order's own audit entry is the order entry, not an edit.
    expect(items.some((i) => i.data.action === 'order.create')).toBe(false);
  });

  it('pages over mixed kinds sharing one moment: every item exactly once, in one order', async () => {
    h.clock.set('2026-10-01T00:00:00Z');
    const c = await createCustomer(h, am, { name: '台账翻页机械有限公司' });
    const moments = ['2026-10-02T00:00:00Z', '2026-10-03T00:00:00Z', '2026-10-03T00:00:00.000001Z'];
    for (const at of moments) {
      for (let i = 0; i < 4; i++) await addInteraction(c.id, am.userId, at);
      await addTask(c.id, am.userId, at);
      await addGradeChange(c.id, at, 'C', 'B');
      await addGradeChange(c.id, at, 'B', 'C');
      await sql`insert into ownership_history (id, customer_id, kind, from_user_id, to_user_id, actor_id, at)
        values (${newId()}, ${c.id}, 'transfer', ${am.userId}, ${am.userId}, ${manager.userId}, ${at}::timestamptz)`.execute(
        db(),
      );
    }
    // Orders start at midnight in Shanghai: 2026-10-03 is 2026-10-02T16:00Z.
    h.clock.set('2026-11-25T08:00:00Z');
    for (let i = 0; i < 3; i++) {
      await createOrder(h, admin, { customerId: c.id, productId, orderedOn: '2026-10-03' });
      await createOrder(h, admin, { customerId: c.id, productId, orderedOn: '2026-10-02' });
    }
    await addVisit(c.id, am.userId, '2026-10-03');
    await addVisit(c.id, am.userId, '2026-10-03', {
      status: 'checked_in',
      check_in_at: new Date('2026-10-03T00:00:00Z'),
    });
    h.clock.set('2026-11-25T08:00:00Z');

    const whole = await everything(c.id, am, 200);
    expect(whole).toHaveLength(3 * 4 + 3 + 6 + 3 + 6 + 2 + 2);
    for (let i = 1; i < whole.length; i++) expect(whole[i - 1]!.at >= whole[i]!.at).toBe(true);
    for (const limit of [1, 3, 7]) {
      const paged = await everything(c.id, am, limit);
      expect(paged.map((i) => i.id)).toEqual(whole.map((i) => i.id));
    }
  });

  it('shows each ticket event with its ticket (number, subject, status now), paged with the other kinds', async () => {
    h.clock.set('2026-08-01T00:00:00Z');
    const c = await createCustomer(h, am, { name: '台账工单机械有限公司' });
    const at = '2026-08-02T00:00:00Z';
    const ticketId = newId();
    await db()
      .insertInto('ticket')
      .values({
        id: ticketId,
        customer_id: c.id,
        channel: 'phone',
        kind: 'complaint',
        priority: 'high',
        subject: '设备报警',
        owner_id: am.userId,
        status: 'acknowledged',
        received_at: new Date(at),
        first_response_target_ms: 30_000,
        first_response_mode: 'calendar',
        resolution_target_ms: 32_400_000,
        resolution_mode: 'business',
        first_response_due_at: new Date(at),
        resolution_due_at: new Date(at),
      })
      .execute();
    for (const [kind, visibility, body] of [
      ['created', 'internal', ''],
      ['acknowledged', 'internal', ''],
      ['reply', 'customer', '已安排工程师'],
    ] as const)
      await db()
        .insertInto('ticket_event')
        .values({
          id: newId(),
          ticket_id: ticketId,
          customer_id: c.id,
          at: new Date(at),
          actor_id: am.userId,
          kind,
          visibility,
          body,
          data: JSON.stringify({}),
        })
        .execute();
    await addInteraction(c.id, am.userId, at);
    h.clock.set('2026-11-25T08:00:00Z');
    const whole = await everything(c.id, am, 50, 'interaction,ticket');
    expect(whole.map((i) => i.kind).sort()).toEqual(['interaction', 'ticket', 'ticket', 'ticket']);
    const reply = whole.find((i) => i.kind === 'ticket' && i.data.event === 'reply')!;
    expect(reply).toMatchObject({
      at: '2026-08-02T00:00:00.000Z',
      actor: { id: am.userId },
      data: {
        ticket: { id: ticketId, subject: '设备报警', kind: 'complaint', status: 'acknowledged' },
        event: 'reply',
        visibility: 'customer',
        body: '已安排工程师',
        data: {},
      },
    });
    expect(typeof (reply.data.ticket as { number: unknown }).number).toBe('number');
    expect((await everything(c.id, am, 1, 'interaction,ticket')).map((i) => i.id)).toEqual(
      whole.map((i) => i.id),
    );
  });

  it('filters by kind', async () => {
    h.clock.set('2026-09-01T00:00:00Z');
    const c = await createCustomer(h, am, { name: '台账筛选科技有限公司' });
    await addInteraction(c.id, am.userId, '2026-09-02T00:00:00Z');
    await addGradeChange(c.id, '2026-09-03T00:00:00Z', null, 'C');
    h.clock.set('2026-11-25T08:00:00Z');
    await createOrder(h, admin, { customerId: c.id, productId, orderedOn: '2026-09-04' });
    h.clock.set('2026-11-25T08:00:00Z');
    const res = await timeline(c.id, am, '?kinds=order,grade');
    expect(res.json().items.map((i: Item) => i.kind)).toEqual(['order', 'grade']);
    const paged = await everything(c.id, am, 1, 'interaction,edit');
    expect(paged.map((i) => i.kind)).toEqual(['interaction', 'edit']);
  });

  it('masks contact details in edits for a reader who sees the customer masked', async () => {
    const c = await createCustomer(h, am, {
      name: '台账脱敏有限公司',
      phone: '0574-88770001',
      email: 'boss@ledger.example',
      contacts: [{ name: '林雪梅', phone: '13701210006', wechat: 'lin_wx' }],
    });
    const edit = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { phone: '0574-88770002', version: c.version },
    });
    expect(edit.statusCode).toBe(200);

    const own = (await timeline(c.id, am, '?kinds=edit')).json<{ items: Item[] }>().items;
    expect(own[0]!.data).toMatchObject({
      action: 'customer.update',
      before: { phone: '0574-88770001' },
      after: { phone: '0574-88770002' },
    });
    const seen = await timeline(c.id, manager, '?kinds=edit');
    expect(seen.statusCode).toBe(200);
    const items = seen.json<{ items: Item[] }>().items;
    expect(items[0]!.data).toMatchObject({
      before: { phone: '057****0001' },
      after: { phone: '057****0002' },
    });
    expect(items[1]!.data).toMatchObject({
      action: 'customer.create',
      after: { email: 'b***@ledger.example' },
    });
    expect(seen.body).not.toContain('88770001');
    expect(seen.body).not.toContain('13701210006');
    expect(seen.body).not.toContain('lin_wx');
    expect(seen.body).not.toContain('boss@ledger.example');
  });

  it('keeps deletions and invalid or merged customers readable; leaves out what other kinds show', async () => {
    h.clock.set('2026-11-25T08:00:00Z');
    const c = await createCustomer(h, am, { name: '台账删除订单有限公司' });
    const order = await createOrder(h, admin, { customerId: c.id, productId });
    const del = await h.request({
      method: 'DELETE',
      url: `/api/v1/orders/${order.id}`,
      as: admin,
      headers: { 'if-match': `"${order.version}"` },
    });
    expect(del.statusCode).toBe(204);
    const transfer = await h.request({
      method: 'POST',
      url: '/api/v1/ownership/transfers',
      as: manager,
      payload: { customerIds: [c.id], toUserId: colleague.userId, reason: '调整分工' },
    });
    expect(transfer.statusCode).toBe(200);
    const invalidate = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/invalidate`,
      as: manager,
      payload: {
        reason: '重复登记',
        version: (
          await db().selectFrom('customer').select('version').where('id', '=', c.id).executeTakeFirstOrThrow()
        ).version,
      },
    });
    expect(invalidate.statusCode).toBe(200);

    const items = (await timeline(c.id, manager)).json<{ items: Item[] }>().items;
    expect(items.filter((i) => i.kind === 'edit').map((i) => i.data.action)).toEqual([
      'customer.invalidate',
      'order.delete',
      'customer.create',
    ]);
    expect(items.filter((i) => i.kind === 'owner').map((i) => i.data.kind)).toEqual(['transfer', 'create']);
    expect(items.some((i) => i.kind === 'order')).toBe(false);
  });
});
