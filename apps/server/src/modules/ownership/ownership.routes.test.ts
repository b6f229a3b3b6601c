import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let sales: string;
let east: string;
let am: Session;
let am2: Session;
let manager: Session;
let otherManager: Session;
let outsider: Session;
let finance: Session;
let gm: Session;
let vp: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  sales = await h.makeDepartment('销售部-转移');
  east = await h.makeDepartment('华东组-转移', sales);
  const other = await h.makeDepartment('其他部-转移');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', east);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
  outsider = await h.signIn('account_manager', other);
  finance = await h.signIn('finance', sales);
  gm = await h.signIn('executive');
  vp = await h.signIn('executive');
});
afterAll(async () => {
  await h.close();
});

const transfer = (as: Session | undefined, payload: unknown) =>
  h.request({
    method: 'POST',
    url: '/api/v1/ownership/transfers',
    ...(as ? { as } : {}),
    payload: payload as object,
  });

const owners = async (ids: string[]) =>
  Object.fromEntries(
    (
      await h.database.db.selectFrom('customer').select(['id', 'owner_id']).where('id', 'in', ids).execute()
    ).map((r) => [r.id, r.owner_id]),
  );

const inbox = (userId: string, kind: string) =>
  h.database.db
    .selectFrom('notification')
    .select(['params', 'link', 'actor_id'])
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

describe('POST /api/v1/ownership/transfers', () => {
  it('401 anonymous; 400 names bad fields; 403 for account managers', async () => {
    const c = await createCustomer(h, am, { name: '转移校验有限公司' });
    expect(
      (await transfer(undefined, { customerIds: [c.id], toUserId: am2.userId, reason: 'x' })).statusCode,
    ).toBe(401);
    const bad = await transfer(manager, { customerIds: [], toUserId: 'nobody', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['customerIds', 'reason', 'toUserId']);
    const tooMany = await transfer(manager, {
      customerIds: Array.from({ length: 501 }, () => c.id),
      toUserId: am2.userId,
      reason: '批量',
    });
    expect(tooMany.statusCode).toBe(400);
    expect(
      (await transfer(am, { customerIds: [c.id], toUserId: am2.userId, reason: '私下转' })).statusCode,
    ).toBe(403);
    expect(await owners([c.id])).toEqual({ [c.id]: am.userId });
  });

  it('a department manager outside the owner’s department: 404 naming the customer, nothing changed', async () => {
    const mine = await createCustomer(h, outsider, { name: '别部门客户有限公司' });
    const ours = await createCustomer(h, am, { name: '本部门客户有限公司' });
    const res = await transfer(manager, {
      customerIds: [ours.id, mine.id],
      toUserId: am2.userId,
      reason: '调整',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: 'customerIds.1', code: 'not_found' }),
    ]);
    expect(await owners([ours.id, mine.id])).toEqual({ [ours.id]: am.userId, [mine.id]: outsider.userId });
    // Nor may they give customers to someone outside their department.
    const out = await transfer(manager, {
      customerIds: [ours.id],
      toUserId: outsider.userId,
      reason: '调整',
    });
    expect(out.statusCode).toBe(403);
    expect(out.json().errors[0]).toMatchObject({ path: 'toUserId', code: 'out_of_scope' });
    const wrongManager = await transfer(otherManager, {
      customerIds: [ours.id],
      toUserId: outsider.userId,
      reason: '抢',
    });
    expect(wrongManager.statusCode).toBe(404);
    expect(await owners([ours.id])).toEqual({ [ours.id]: am.userId });
    const history = await h.database.db
      .selectFrom('ownership_history')
      .select('kind')
      .where('customer_id', 'in', [ours.id, mine.id])
      .where('kind', '=', 'transfer')
      .execute();
    expect(history).toEqual([]);
  });

  it('refuses an owner who cannot own customers, and a merged customer', async () => {
    const c = await createCustomer(h, am, { name: '财务不能持有有限公司' });
    const res = await transfer(admin, { customerIds: [c.id], toUserId: finance.userId, reason: '试试' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'toUserId', code: 'cannot_own' });
  });

  it('transfers several at once: owners, fresh clocks, history, one audit entry each, one message per person', async () => {
    const a = await createCustomer(h, am, { name: '转移甲有限公司', collaboratorIds: [am2.userId] });
    const b = await createCustomer(h, am, { name: '转移乙有限公司' });
    const already = await createCustomer(h, am2, { name: '本来就是他的有限公司' });
    h.clock.advance(3_600_000);
    const res = await transfer(manager, {
      customerIds: [a.id, b.id, already.id],
      toUserId: am2.userId,
      reason: '张经理调岗，客户交接',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      toUser: { id: am2.userId },
      transferred: [
        { id: a.id, from: { id: am.userId } },
        { id: b.id, from: { id: am.userId } },
      ],
      unchanged: [{ id: already.id }],
    });
    expect(await owners([a.id, b.id])).toEqual({ [a.id]: am2.userId, [b.id]: am2.userId });
    const rows = await h.database.db
      .selectFrom('customer')
      .select(['id', 'last_interaction_at', 'version'])
      .where('id', 'in', [a.id, b.id])
      .execute();
    for (const r of rows) expect(new Date(r.last_interaction_at).getTime()).toBe(h.clock.now().getTime());
    // The new owner is no longer listed as a collaborator of their own customer.
    const collab = await h.database.db
      .selectFrom('customer_collaborator')
      .selectAll()
      .where('customer_id', '=', a.id)
      .execute();
    expect(collab).toEqual([]);

    const history = await h.request({
      method: 'GET',
      url: `/api/v1/customers/${a.id}/ownership/history`,
      as: am2,
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().items.map((e: { kind: string; reason: string }) => [e.kind, e.reason])).toEqual([
      ['transfer', '张经理调岗，客户交接'],
      ['create', ''],
    ]);
    expect(history.json().items[0]).toMatchObject({
      from: { id: am.userId },
      to: { id: am2.userId },
      actor: { id: manager.userId },
    });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'before', 'after'])
      .where('action', '=', 'customer.transfer')
      .where('entity_id', 'in', [a.id, b.id, already.id])
      .execute();
    expect(audit).toHaveLength(2);

    const toNew = await inbox(am2.userId, 'ownership.transferred_in');
    expect(toNew).toEqual([
      {
        params: expect.objectContaining({ count: 2, reason: '张经理调岗，客户交接' }),
        link: '/customers?ownerId=me',
        actor_id: manager.userId,
      },
    ]);
    const toOld = await inbox(am.userId, 'ownership.transferred_out');
    expect(toOld).toEqual([
      { params: expect.objectContaining({ count: 2 }), link: null, actor_id: manager.userId },
    ]);
  });

  it('a manager may hand out pool customers (分配)', async () => {
    const free = await createCustomer(h, admin, { name: '分配公海有限公司' });
    const res = await transfer(manager, { customerIds: [free.id], toUserId: am.userId, reason: '分配给张' });
    expect(res.statusCode).toBe(200);
    expect(res.json().transferred).toEqual([{ id: free.id, name: '分配公海有限公司', from: null }]);
  });
});

describe('GET /api/v1/customers/:id/ownership', () => {
  it('401, 400 for a bad id, 404 outside the scope; the outlook otherwise', async () => {
    const c = await createCustomer(h, am, { name: '归属查看有限公司', grade: 'B' });
    const url = `/api/v1/customers/${c.id}/ownership`;
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/customers/nope/ownership', as: am })).statusCode,
    ).toBe(400);
    expect((await h.request({ method: 'GET', url, as: outsider })).statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url: `${url}/history`, as: outsider })).statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url: `${url}/history` })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: `${url}/history?limit=0`, as: am })).statusCode).toBe(400);
    const res = await h.request({ method: 'GET', url, as: am });
    expect(res.statusCode).toBe(200);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(h.clock.now());
    const plus = (d: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10);
    expect(res.json()).toMatchObject({
      owner: { id: am.userId },
      executiveSponsor: null,
      recycle: { exemption: null, dueOn: plus(90), warnOn: plus(83) },
      can: { release: true, transfer: false, sponsor: false, unsponsor: false },
    });
    const asManager = (await h.request({ method: 'GET', url, as: manager })).json();
    expect(asManager.can).toMatchObject({ release: true, transfer: true });
  });
});

describe('owner changes made elsewhere land in the history', () => {
  it('a manager changing the owner in the form: history row, fresh clock, both told', async () => {
    const c = await createCustomer(h, am, { name: '表单改负责人有限公司' });
    h.clock.advance(3_600_000);
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: manager,
      payload: { ownerId: am2.userId, version: c.version },
    });
    expect(res.statusCode).toBe(200);
    const row = await h.database.db
      .selectFrom('customer')
      .select('last_interaction_at')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.last_interaction_at).getTime()).toBe(h.clock.now().getTime());
    const hist = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}/ownership/history`, as: manager })
    ).json();
    expect(hist.items[0]).toMatchObject({
      kind: 'transfer',
      from: { id: am.userId },
      to: { id: am2.userId },
    });
    const told = await inbox(am2.userId, 'ownership.transferred_in');
    expect(told.at(-1)?.params).toMatchObject({ count: 1, names: '表单改负责人有限公司' });
  });

  it('a merge moves the merged customer’s history to the survivor', async () => {
    const survivor = await createCustomer(h, am, { name: '合并存续有限公司' });
    const merged = await createCustomer(h, am2, { name: '合并被并有限公司' });
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers/merge',
      as: admin,
      payload: {
        survivorId: survivor.id,
        mergedId: merged.id,
        survivorVersion: 1,
        mergedVersion: 1,
        take: { owner: 'merged' },
      },
    });
    expect(res.statusCode).toBe(200);
    const hist = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${survivor.id}/ownership/history`, as: admin })
    ).json();
    expect(hist.items.map((e: { kind: string }) => e.kind)).toEqual(['merge', 'create', 'create']);
    expect(hist.items[0]).toMatchObject({ from: { id: am.userId }, to: { id: am2.userId } });
  });
});

describe('executives’ key customers', () => {
  const add = (as: Session | undefined, customerId: unknown) =>
    h.request({
      method: 'POST',
      url: '/api/v1/ownership/key-customers',
      ...(as ? { as } : {}),
      payload: { customerId },
    });
  const list = (as: Session, executiveId?: string) =>
    h.request({
      method: 'GET',
      url: `/api/v1/ownership/key-customers${executiveId ? `?executiveId=${executiveId}` : ''}`,
      as,
    });
  const sponsorOf = async (id: string) =>
    (
      await h.database.db
        .selectFrom('customer')
        .select('executive_sponsor_id')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).executive_sponsor_id;

  it('401, 400, 403 for non-executives, 404 for an unknown customer; nothing changes', async () => {
    const c = await createCustomer(h, am, { name: '重点校验有限公司' });
    expect((await add(undefined, c.id)).statusCode).toBe(401);
    expect((await add(gm, 'x')).statusCode).toBe(400);
    expect((await add(manager, c.id)).statusCode).toBe(403);
    expect((await add(gm, '01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await list(am)).statusCode).toBe(403);
    expect((await h.request({ method: 'GET', url: '/api/v1/ownership/key-customers' })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'DELETE', url: `/api/v1/ownership/key-customers/${c.id}` })).statusCode,
    ).toBe(401);
    expect(
      (await h.request({ method: 'DELETE', url: '/api/v1/ownership/key-customers/x', as: gm })).statusCode,
    ).toBe(400);
    expect((await list(am, gm.userId)).statusCode).toBe(403);
    expect(await sponsorOf(c.id)).toBeNull();
  });

  it('warns below three, refuses a sixth (409 key_customer_limit), one executive per customer', async () => {
    const cs = [];
    for (let i = 1; i <= 6; i++) cs.push(await createCustomer(h, am, { name: `重点客户${i}号有限公司` }));
    let res = await add(gm, cs[0]!.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      executive: { id: gm.userId },
      min: 3,
      max: 5,
      standing: 'below_min',
      canAdd: true,
    });
    for (const c of cs.slice(1, 5)) res = await add(gm, c.id);
    expect(res.json()).toMatchObject({ standing: 'at_max', canAdd: false });
    expect(res.json().items).toHaveLength(5);
    const sixth = await add(gm, cs[5]!.id);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json()).toMatchObject({ code: 'key_customer_limit', limit: 5, held: 5 });
    expect(await sponsorOf(cs[5]!.id)).toBeNull();
    // Adding again is a no-op; another executive cannot take it.
    expect((await add(gm, cs[0]!.id)).statusCode).toBe(200);
    const taken = await add(vp, cs[0]!.id);
    expect(taken.statusCode).toBe(409);
    expect(await sponsorOf(cs[0]!.id)).toBe(gm.userId);

    // The customer page shows it and exempts it from recycling.
    const own = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${cs[0]!.id}/ownership`, as: gm })
    ).json();
    expect(own).toMatchObject({
      executiveSponsor: { id: gm.userId },
      recycle: { exemption: 'executive_key', dueOn: null },
      can: { sponsor: false, unsponsor: true },
    });
    expect((await list(admin, gm.userId)).json().items).toHaveLength(5);

    // Only the executive who holds it, or an administrator, removes it.
    const del = (as: Session, id: string) =>
      h.request({ method: 'DELETE', url: `/api/v1/ownership/key-customers/${id}`, as });
    expect((await del(vp, cs[0]!.id)).statusCode).toBe(403);
    expect((await del(gm, cs[0]!.id)).json()).toMatchObject({ standing: 'ok', canAdd: true });
    expect((await del(admin, cs[1]!.id)).json()).toMatchObject({
      executive: { id: gm.userId },
      standing: 'ok',
    });
    expect(await sponsorOf(cs[1]!.id)).toBeNull();
    const audit = await h.request({
      method: 'GET',
      url: `/api/v1/customers/${cs[1]!.id}/history`,
      as: admin,
    });
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .slice(0, 2),
    ).toEqual(['customer.key_customer_remove', 'customer.key_customer_add']);
  });
});
