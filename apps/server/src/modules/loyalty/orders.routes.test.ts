import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { createCategory, createOrder, createProduct, type OrderJson } from '../../testing/orders';

let h: Harness;
let admin: Session;
let finance: Session;
let am: Session;
let am2: Session;
let manager: Session;
let reception: Session;
let agent: Session;
let product: { id: string; code: string; category: { id: string } };
let mine: { id: string };
let theirs: { id: string };
const missing = '0190a0a0-0000-7000-8000-000000000000';

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  finance = await h.signIn('finance');
  const sales = await h.makeDepartment('订单-销售部');
  const other = await h.makeDepartment('订单-其他部');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  manager = await h.signIn('department_manager', sales);
  reception = await h.signIn('reception');
  agent = await h.signIn('service_agent', sales);
  product = await createProduct(h, finance, { code: 'ORD-STD', name: '标准阀门' });
  mine = await createCustomer(h, am, { name: '订单测试甲公司' });
  theirs = await createCustomer(h, am2, { name: '订单测试乙公司' });
});
afterAll(async () => {
  await h.close();
});

const orderCount = async (customerId: string) =>
  (
    await h.database.db
      .selectFrom('customer_order')
      .select('id')
      .where('customer_id', '=', customerId)
      .execute()
  ).length;
const post = (
  as: Session | undefined,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) => h.request({ method: 'POST', url: '/api/v1/orders', ...(as ? { as } : {}), payload, headers });

describe('POST /api/v1/orders', () => {
  it('401 anonymous; 403 for reception and service agents; nothing created', async () => {
    const body = {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-11-01',
      quantity: 1,
      amountFen: 100,
    };
    expect((await post(undefined, body)).statusCode).toBe(401);
    expect((await post(reception, body)).statusCode).toBe(403);
    expect((await post(agent, body)).statusCode).toBe(403);
    expect(await orderCount(mine.id)).toBe(0);
  });

  it('400 names each bad field: negative amount, zero quantity, impossible date, fractions, unknown fields', async () => {
    const res = await post(am, {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-02-30',
      quantity: 0,
      amountFen: -100,
      channel: 'fax',
      colour: 'red',
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['amountFen', 'channel', 'colour', 'orderedOn', 'quantity']);
    const fractions = await post(am, {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-11-01',
      quantity: 1.0005,
      amountFen: 12.5,
    });
    expect(fractions.statusCode).toBe(400);
    expect(
      fractions
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['amountFen', 'quantity']);
    expect(await orderCount(mine.id)).toBe(0);
  });

  it('400 on unknown or out-of-scope customer, unknown or retired product, a date after today — all at once', async () => {
    const retired = await createProduct(h, finance, { active: false });
    const res = await post(am, {
      customerId: theirs.id,
      productId: retired.id,
      orderedOn: '2026-11-26',
      quantity: 2,
      amountFen: 100,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'customerId', code: 'not_found' }),
        expect.objectContaining({ path: 'productId', code: 'inactive' }),
        expect.objectContaining({ path: 'orderedOn', code: 'in_future' }),
      ]),
    );
    const unknown = await post(am, {
      customerId: missing,
      productId: missing,
      orderedOn: '1926-11-01',
      quantity: 2,
      amountFen: 100,
    });
    expect(
      unknown
        .json()
        .errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual(['customerId:not_found', 'orderedOn:too_old', 'productId:not_found']);
    expect(await orderCount(theirs.id)).toBe(0);
  });

  it('"today" is the business time zone\'s: at 01:00 in Shanghai the new day is already allowed', async () => {
    const body = {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-11-26',
      quantity: 1,
      amountFen: 1,
    };
    h.clock.set('2026-11-25T17:00:00Z'); // 01:00 on the 26th in Shanghai
    try {
      const res = await post(am, body);
      expect(res.statusCode).toBe(201);
      await h.request({
        method: 'DELETE',
        url: `/api/v1/orders/${res.json().id}`,
        as: am,
        headers: { 'if-match': '"1"' },
      });
    } finally {
      h.clock.set('2026-11-25T08:00:00Z');
    }
  });

  it('records an order, audited under the customer; a duplicate external reference is a 409 on its field', async () => {
    const res = await post(am, {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-11-20',
      quantity: 12.5,
      amountFen: 123450,
      channel: 'distributor',
      externalRef: 'ERP-0001',
      notes: '年底备货',
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      customer: { id: mine.id, name: '订单测试甲公司' },
      owner: { id: am.userId },
      product: { id: product.id, code: 'ORD-STD', name: '标准阀门' },
      category: { id: product.category.id },
      orderedOn: '2026-11-20',
      quantity: 12.5,
      amountFen: 123450,
      channel: 'distributor',
      externalRef: 'ERP-0001',
      notes: '年底备货',
      createdBy: { id: am.userId },
      version: 1,
    });
    const history = await h.request({ method: 'GET', url: `/api/v1/customers/${mine.id}/history`, as: am });
    expect(history.json().items[0]).toMatchObject({ action: 'order.create' });
    expect(history.json().items[0].after).toMatchObject({
      id: res.json().id,
      amountFen: 123450,
      productCode: 'ORD-STD',
    });

    const dup = await post(am, {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-11-21',
      quantity: 1,
      amountFen: 1,
      externalRef: 'ERP-0001',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors).toEqual([
      expect.objectContaining({ path: 'externalRef', code: 'already_exists' }),
    ]);
    expect(await orderCount(mine.id)).toBe(1);
  });

  it('Idempotency-Key: a retried create records one order', async () => {
    const headers = { 'idempotency-key': `order-${Date.now()}` };
    const body = {
      customerId: mine.id,
      productId: product.id,
      orderedOn: '2026-10-01',
      quantity: 3,
      amountFen: 900,
    };
    const a = await post(am, body, headers);
    const b = await post(am, body, headers);
    expect(a.statusCode).toBe(201);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(b.json().id).toBe(a.json().id);
    const rows = await h.database.db
      .selectFrom('customer_order')
      .select('id')
      .where('ordered_on', '=', '2026-10-01')
      .execute();
    expect(rows).toHaveLength(1);
  });
});

describe('GET /api/v1/orders', () => {
  let cat: { id: string };
  let p2: { id: string };
  let c1: { id: string };
  let c2: { id: string };
  let c3: { id: string };
  beforeAll(async () => {
    cat = await createCategory(h, admin, { name: '列表测试类' });
    p2 = await createProduct(h, admin, { categoryId: cat.id, code: 'LIST-2' });
    c1 = await createCustomer(h, am, { name: '列表客户一' });
    c2 = await createCustomer(h, am, { name: '列表客户二' });
    c3 = await createCustomer(h, am2, { name: '列表客户三' });
    await createOrder(h, am, {
      customerId: c1.id,
      productId: p2.id,
      orderedOn: '2025-01-10',
      amountFen: 5000,
    });
    await createOrder(h, am, {
      customerId: c1.id,
      productId: product.id,
      orderedOn: '2025-06-01',
      amountFen: 20000,
      channel: 'online',
    });
    await createOrder(h, am, {
      customerId: c2.id,
      productId: p2.id,
      orderedOn: '2025-03-15',
      amountFen: 7000,
    });
    await createOrder(h, am2, {
      customerId: c3.id,
      productId: p2.id,
      orderedOn: '2025-02-01',
      amountFen: 1000,
    });
  });
  const list = (as: Session | undefined, qs: string) =>
    h.request({ method: 'GET', url: `/api/v1/orders?${qs}`, ...(as ? { as } : {}) });

  it('401 anonymous, 403 for reception, 400 for bad filters and forged cursors', async () => {
    expect((await list(undefined, '')).statusCode).toBe(401);
    expect((await list(reception, '')).statusCode).toBe(403);
    const bad = await list(am, 'channel=fax&from=2025-02-30&sort=price');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['query.channel.0', 'query.from', 'query.sort']);
    expect((await list(am, 'cursor=eyJ4IjoxfQ')).statusCode).toBe(400);
    const forgedKey = Buffer.from(JSON.stringify(['not-a-date', missing])).toString('base64url');
    expect((await list(am, `cursor=${forgedKey}`)).statusCode).toBe(400);
  });

  it('scoped through the customer: owners see their own, managers their department, finance all', async () => {
    const ids = async (as: Session) =>
      (await list(as, `categoryId=${cat.id}`)).json().items.map((o: OrderJson) => o.customer.id);
    expect(new Set(await ids(am))).toEqual(new Set([c1.id, c2.id]));
    expect(await ids(am2)).toEqual([c3.id]);
    expect(new Set(await ids(manager))).toEqual(new Set([c1.id, c2.id]));
    expect(new Set(await ids(finance))).toEqual(new Set([c1.id, c2.id, c3.id]));
    expect(new Set(await ids(admin))).toEqual(new Set([c1.id, c2.id, c3.id]));
  });

  it('filters by customer, product, category, channel, dates and owner; totals sum the whole filtered set', async () => {
    const res = await list(finance, `categoryId=${cat.id}&totals=true&limit=1`);
    expect(res.json()).toMatchObject({ total: 3, totals: { count: 3, amountFen: 13000 } });
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0].orderedOn).toBe('2025-03-15');

    const byCustomer = await list(am, `customerId=${c1.id}&totals=true`);
    expect(byCustomer.json().totals).toEqual({ count: 2, amountFen: 25000 });
    const byProduct = await list(am, `productId=${p2.id}&customerId=${c1.id}`);
    expect(byProduct.json().items.map((o: OrderJson) => o.orderedOn)).toEqual(['2025-01-10']);
    const online = await list(am, `channel=online,phone&customerId=${c1.id}`);
    expect(online.json().items.map((o: OrderJson) => o.channel)).toEqual(['online']);
    const range = await list(finance, `from=2025-02-01&to=2025-03-15&categoryId=${cat.id}`);
    expect(range.json().items.map((o: OrderJson) => o.orderedOn)).toEqual(['2025-03-15', '2025-02-01']);
    const theirsOnly = await list(finance, `ownerId=${am2.userId}&categoryId=${cat.id}`);
    expect(theirsOnly.json().items.map((o: OrderJson) => o.customer.id)).toEqual([c3.id]);
    const me = await list(am2, 'ownerId=me');
    expect(me.json().items.map((o: OrderJson) => o.customer.id)).toEqual([c3.id]);
    // Another account manager's customer is simply not there, even when asked for by id.
    expect((await list(am2, `customerId=${c1.id}`)).json().items).toEqual([]);
  });

  it('sorts by date or amount either way and pages by keyset without repeats', async () => {
    const walk = async (sort: string) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(
          finance,
          `categoryId=${cat.id}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items.map((o: OrderJson) => o.amountFen));
        cursor = res.json().nextCursor;
      } while (cursor);
      return seen;
    };
    expect(await walk('-amount')).toEqual([7000, 5000, 1000]);
    expect(await walk('amount')).toEqual([1000, 5000, 7000]);
    expect(await walk('orderedOn')).toEqual([5000, 1000, 7000]);
    expect(await walk('-orderedOn')).toEqual([7000, 1000, 5000]);
  });
});

describe('GET /api/v1/customers/:id/orders', () => {
  it('401, 404 out of scope, and totals: count, sum, first and last order, last 12 months', async () => {
    const c = await createCustomer(h, am, { name: '汇总客户' });
    for (const [orderedOn, amountFen] of [
      ['2023-05-01', 100000],
      ['2025-11-25', 50000], // exactly a year before today: outside the 12 months
      ['2025-11-26', 30000], // the first day inside
      ['2026-11-25', 20000], // today
    ] as const)
      await createOrder(h, am, { customerId: c.id, productId: product.id, orderedOn, amountFen });
    const url = `/api/v1/customers/${c.id}/orders`;
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url, as: am2 })).statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url: `${url}?limit=0`, as: am })).statusCode).toBe(400);
    const res = await h.request({ method: 'GET', url: `${url}?limit=3`, as: am });
    expect(res.statusCode).toBe(200);
    expect(res.json().totals).toEqual({
      count: 4,
      amountFen: 200000,
      firstOrderedOn: '2023-05-01',
      lastOrderedOn: '2026-11-25',
      last12Months: { count: 2, amountFen: 50000 },
    });
    expect(res.json().items.map((o: OrderJson) => o.orderedOn)).toEqual([
      '2026-11-25',
      '2025-11-26',
      '2025-11-25',
    ]);
    const next = await h.request({
      method: 'GET',
      url: `${url}?limit=3&cursor=${res.json().nextCursor}`,
      as: am,
    });
    expect(next.json().items.map((o: OrderJson) => o.orderedOn)).toEqual(['2023-05-01']);
    // Finance reads every customer's orders, although the customer itself is outside its scope.
    const f = await h.request({ method: 'GET', url, as: finance });
    expect(f.statusCode).toBe(200);
    expect(f.json().totals.count).toBe(4);
    const empty = await createCustomer(h, am, { name: '没有订单的客户' });
    const none = await h.request({ method: 'GET', url: `/api/v1/customers/${empty.id}/orders`, as: am });
    expect(none.json().totals).toEqual({
      count: 0,
      amountFen: 0,
      firstOrderedOn: null,
      lastOrderedOn: null,
      last12Months: { count: 0, amountFen: 0 },
    });
  });
});

describe('PATCH and DELETE /api/v1/orders/:id', () => {
  it('PATCH: 401, 428, 404 out of scope (unchanged), 400 per field, 409 stale, then corrects and moves', async () => {
    const o = await createOrder(h, am, {
      customerId: mine.id,
      productId: product.id,
      amountFen: 1000,
      orderedOn: '2026-09-09',
    });
    const url = `/api/v1/orders/${o.id}`;
    expect((await h.request({ method: 'PATCH', url, payload: { amountFen: 1 } })).statusCode).toBe(401);
    expect((await h.request({ method: 'PATCH', url, as: am, payload: { amountFen: 1 } })).statusCode).toBe(
      428,
    );
    expect(
      (await h.request({ method: 'PATCH', url, as: am2, payload: { amountFen: 1, version: 1 } })).statusCode,
    ).toBe(404);
    const bad = await h.request({
      method: 'PATCH',
      url,
      as: am,
      payload: { quantity: 0, amountFen: -5, version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['amountFen', 'quantity']);
    const outOfScope = await h.request({
      method: 'PATCH',
      url,
      as: am,
      payload: { customerId: theirs.id, version: 1 },
    });
    expect(outOfScope.statusCode).toBe(400);
    expect(outOfScope.json().errors[0]).toMatchObject({ path: 'customerId', code: 'not_found' });
    const row = await h.database.db
      .selectFrom('customer_order')
      .selectAll()
      .where('id', '=', o.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ amount_fen: '1000', version: 1, customer_id: mine.id });

    const other = await createCustomer(h, am, { name: '订单改挂客户' });
    const ok = await h.request({
      method: 'PATCH',
      url,
      as: am,
      headers: { 'if-match': '"1"' },
      payload: { amountFen: 2500, quantity: 2, customerId: other.id, notes: '改挂到正确的客户' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({ amountFen: 2500, quantity: 2, customer: { id: other.id }, version: 2 });
    const stale = await h.request({ method: 'PATCH', url, as: am, payload: { amountFen: 1, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    const actions = async (customerId: string) =>
      (
        await h.database.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity', '=', 'customer')
          .where('entity_id', '=', customerId)
          .where('action', 'like', 'order.%')
          .execute()
      ).map((r) => r.action);
    expect(await actions(other.id)).toEqual(['order.update']);
    expect(await actions(mine.id)).toContain('order.move');
  });

  it('DELETE: 401, 428, 404 out of scope, 409 stale, then 204 with an audit entry keeping the order', async () => {
    const o = await createOrder(h, am, {
      customerId: mine.id,
      productId: product.id,
      amountFen: 4321,
      externalRef: 'ERP-DEL',
    });
    const url = `/api/v1/orders/${o.id}`;
    expect((await h.request({ method: 'DELETE', url })).statusCode).toBe(401);
    expect((await h.request({ method: 'DELETE', url, as: am })).statusCode).toBe(428);
    expect(
      (await h.request({ method: 'DELETE', url, as: am2, headers: { 'if-match': '"1"' } })).statusCode,
    ).toBe(404);
    expect(
      (await h.request({ method: 'DELETE', url, as: agent, headers: { 'if-match': '"1"' } })).statusCode,
    ).toBe(403);
    expect(
      (await h.request({ method: 'DELETE', url, as: am, headers: { 'if-match': '"7"' } })).statusCode,
    ).toBe(409);
    expect(
      await h.database.db.selectFrom('customer_order').select('id').where('id', '=', o.id).execute(),
    ).toHaveLength(1);
    const res = await h.request({ method: 'DELETE', url, as: am, headers: { 'if-match': '"1"' } });
    expect(res.statusCode).toBe(204);
    expect(
      await h.database.db.selectFrom('customer_order').select('id').where('id', '=', o.id).execute(),
    ).toHaveLength(0);
    const deletions = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'before'])
      .where('action', '=', 'order.delete')
      .where('entity_id', '=', mine.id)
      .execute();
    expect(deletions.map((d) => d.before)).toContainEqual(
      expect.objectContaining({ id: o.id, amountFen: 4321, externalRef: 'ERP-DEL' }),
    );
    // The external reference is free again once its order is gone.
    await createOrder(h, am, { customerId: mine.id, productId: product.id, externalRef: 'ERP-DEL' });
  });

  it('finance corrects an order of a customer outside its customer scope', async () => {
    const o = await createOrder(h, am2, { customerId: theirs.id, productId: product.id, amountFen: 100 });
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/orders/${o.id}`,
      as: finance,
      payload: { amountFen: 110, version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().amountFen).toBe(110);
  });
});

describe('customer merge', () => {
  it("moves the merged customer's orders to the survivor", async () => {
    const survivor = await createCustomer(h, am, { name: '合并订单甲' });
    const merged = await createCustomer(h, am, { name: '合并订单乙' });
    await createOrder(h, am, { customerId: survivor.id, productId: product.id, amountFen: 100 });
    await createOrder(h, am, { customerId: merged.id, productId: product.id, amountFen: 200 });
    await createOrder(h, am, { customerId: merged.id, productId: product.id, amountFen: 300 });
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers/merge',
      as: manager,
      payload: { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(await orderCount(merged.id)).toBe(0);
    const totals = await h.request({ method: 'GET', url: `/api/v1/customers/${survivor.id}/orders`, as: am });
    expect(totals.json().totals).toMatchObject({ count: 3, amountFen: 600 });
    // A merged customer takes no new orders: they belong on the survivor.
    const late = await post(admin, {
      customerId: merged.id,
      productId: product.id,
      orderedOn: '2026-11-01',
      quantity: 1,
      amountFen: 1,
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0]).toMatchObject({ path: 'customerId', code: 'merged' });
  });
});
