import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, creditCode } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let sales: string;
let am: Session;
let am2: Session;
let manager: Session;
let otherManager: Session;
let finance: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  sales = await h.makeDepartment('销售部-客户');
  const other = await h.makeDepartment('其他部-客户');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
  finance = await h.signIn('finance');
});
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url: '/api/v1/customers', ...(as ? { as } : {}), payload });

describe('POST /api/v1/customers', () => {
  it('401 anonymous, 403 for finance (nothing created)', async () => {
    expect((await post(undefined, { name: '匿名公司' })).statusCode).toBe(401);
    expect((await post(finance, { name: '财务建的公司' })).statusCode).toBe(403);
    const rows = await h.database.db
      .selectFrom('customer')
      .select('id')
      .where('name', 'in', ['匿名公司', '财务建的公司'])
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('creates with contacts; an account manager owns what they create', async () => {
    const code = creditCode();
    const res = await post(am, {
      name: '宁波怡信电子科技有限公司',
      shortName: '怡信电子',
      creditCode: code.toLowerCase(),
      industry: '电子制造',
      scale: 'medium',
      provinceCode: '33',
      cityCode: '3302',
      districtCode: '330203',
      address: '中山西路 1 号',
      phone: '0574-8888 0001',
      source: 'referral',
      foundedOn: '2008-05-20',
      tags: ['重点', '出口', '重点'],
      contacts: [
        {
          name: '陈国华',
          position: '采购总监',
          phone: '13900000001',
          decisionRole: 'decision_maker',
          hasDecisionAuthority: true,
          isKey: true,
        },
      ],
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      name: '宁波怡信电子科技有限公司',
      creditCode: code,
      owner: { id: am.userId },
      regionName: '浙江省 / 宁波市 / 海曙区',
      tags: ['重点', '出口'],
      status: 'active',
      lifecycle: 'prospect',
      category: 'normal',
      masked: false,
      version: 1,
    });
    expect(c.contacts).toHaveLength(1);
    expect(c.contacts[0]).toMatchObject({ name: '陈国华', isKey: true, decisionRole: 'decision_maker' });
    expect(res.headers.etag).toBe('"1"');
  });

  it('400 names every bad field: credit code checksum, impossible date, region chain, lengths, unknown fields', async () => {
    const res = await post(am, {
      name: '公'.repeat(201),
      creditCode: '91350100M000100Y44',
      foundedOn: '2026-02-30',
      signedOn: '2026/01/01',
      provinceCode: '33',
      cityCode: '3101',
      email: 'nope',
      latitude: 123,
      color: 'red',
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['color', 'email', 'foundedOn', 'latitude', 'name', 'signedOn']);

    const semantic = await post(am, {
      name: '校验公司',
      creditCode: '91350100M000100Y44',
      provinceCode: '33',
      cityCode: '3101',
    });
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'creditCode', code: 'credit_code_checksum' }),
        expect.objectContaining({ path: 'cityCode', code: 'region_not_in_parent' }),
      ]),
    );
  });

  it('an account manager cannot give a new customer to someone else', async () => {
    const res = await post(am, { name: '转给别人', ownerId: am2.userId });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0].path).toBe('ownerId');
  });

  it('refuses a likely duplicate (name, credit code or phone) with the matches, then creates on confirmation', async () => {
    const code = creditCode();
    const first = await createCustomer(h, am, {
      name: '杭州海康光电股份有限公司',
      creditCode: code,
      phone: '+86 138 1111 2222',
    });

    const byName = await post(am, { name: '杭州海康光电有限公司' });
    expect(byName.statusCode).toBe(409);
    expect(byName.json().code).toBe('duplicate_suspected');
    expect(byName.json().duplicates[0]).toMatchObject({
      customer: { id: first.id, visible: true },
      reasons: ['name'],
    });

    const byCode = await post(am, { name: '完全不同', creditCode: code });
    expect(byCode.json().duplicates[0].reasons).toEqual(['credit_code']);

    const byContactPhone = await post(am, {
      name: '又一家',
      contacts: [{ name: '王五', phone: '13811112222' }],
    });
    expect(byContactPhone.json().duplicates[0].reasons).toEqual(['phone']);

    // Someone outside the owner's scope learns only that it exists, and whose it is.
    const hidden = await post(am2, { name: '杭州海康光电' });
    expect(hidden.statusCode).toBe(409);
    expect(hidden.json().duplicates[0].customer).toMatchObject({
      visible: false,
      phone: '',
      creditCode: null,
      owner: { id: am.userId },
    });

    const confirmed = await post(am, { name: '杭州海康光电有限公司', confirmDuplicates: true });
    expect(confirmed.statusCode).toBe(201);
    const audit = await h.request({
      method: 'GET',
      url: `/api/v1/customers/${confirmed.json().id}/history`,
      as: am,
    });
    expect(audit.json().items[0].action).toBe('customer.create_confirmed_duplicate');
  });

  it('Idempotency-Key: a retried create makes one customer', async () => {
    const headers = { 'idempotency-key': `cust-${Date.now()}` };
    const a = await h.request({
      method: 'POST',
      url: '/api/v1/customers',
      as: am,
      payload: { name: '幂等测试公司' },
      headers,
    });
    const b = await h.request({
      method: 'POST',
      url: '/api/v1/customers',
      as: am,
      payload: { name: '幂等测试公司' },
      headers,
    });
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(
      await h.database.db.selectFrom('customer').select('id').where('name', '=', '幂等测试公司').execute(),
    ).toHaveLength(1);
  });
});

describe('data scope', () => {
  it('an account manager reads only their own or collaborated customers: others are 404 and unchanged', async () => {
    const mine = await createCustomer(h, am, { name: '张三的客户' });
    const theirs = await createCustomer(h, am2, { name: '李四的客户' });
    expect((await h.request({ method: 'GET', url: `/api/v1/customers/${mine.id}`, as: am })).statusCode).toBe(
      200,
    );
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/customers/${theirs.id}`, as: am })).statusCode,
    ).toBe(404);
    const write = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${theirs.id}`,
      as: am,
      payload: { name: '被改了', version: 1 },
    });
    expect(write.statusCode).toBe(404);
    const row = await h.database.db
      .selectFrom('customer')
      .select(['name', 'version'])
      .where('id', '=', theirs.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '李四的客户', version: 1 });
    for (const path of ['verify', 'restore', 'unmask']) {
      expect(
        (
          await h.request({
            method: 'POST',
            url: `/api/v1/customers/${theirs.id}/${path}`,
            as: am,
            payload: path === 'unmask' ? undefined : { version: 1 },
          })
        ).statusCode,
      ).toBe(404);
    }
    const list = (await h.request({ method: 'GET', url: '/api/v1/customers?limit=200', as: am })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(mine.id);
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(theirs.id);
  });

  it('a collaborator sees the customer; a department manager sees the department’s; another manager does not', async () => {
    const c = await createCustomer(h, am, { name: '协作客户', collaboratorIds: [am2.userId] });
    expect((await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: am2 })).statusCode).toBe(
      200,
    );
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: manager })).statusCode,
    ).toBe(200);
    const solo = await createCustomer(h, am, { name: '独享客户' });
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/customers/${solo.id}`, as: otherManager })).statusCode,
    ).toBe(404);
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/customers/${solo.id}`, as: admin })).statusCode,
    ).toBe(200);
  });

  it('masks phone numbers for non-owners; unmasking is allowed for managers, audited, and refused to finance', async () => {
    const c = await createCustomer(h, am, {
      name: '脱敏测试',
      phone: '13812345678',
      email: 'boss@yixin.cn',
      contacts: [{ name: '赵六', phone: '13999998888' }],
    });
    const own = (await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: am })).json();
    expect(own).toMatchObject({ phone: '13812345678', masked: false });
    const seen = (await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}`, as: manager })).json();
    expect(seen).toMatchObject({ phone: '138****5678', email: 'b***@yixin.cn', masked: true });
    expect(seen.contacts[0].phone).toBe('139****8888');

    const un = await h.request({ method: 'POST', url: `/api/v1/customers/${c.id}/unmask`, as: manager });
    expect(un.statusCode).toBe(200);
    expect(un.json()).toMatchObject({ phone: '13812345678', contacts: [{ phone: '13999998888' }] });
    const audit = (
      await h.request({
        method: 'GET',
        url: `/api/v1/audit?entity=customer&entityId=${c.id}&action=customer.unmask`,
        as: admin,
      })
    ).json();
    expect(audit.items[0].actor.id).toBe(manager.userId);

    const adminFinance = await h.signIn('finance');
    expect(
      (await h.request({ method: 'POST', url: `/api/v1/customers/${c.id}/unmask`, as: adminFinance }))
        .statusCode,
    ).toBe(403);
  });
});

describe('PATCH /api/v1/customers/:id', () => {
  it('401, 428, stale 409 without overwriting, success with If-Match', async () => {
    const c = await createCustomer(h, am, { name: '版本测试公司', industry: '机械' });
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/customers/${c.id}`,
          payload: { industry: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/customers/${c.id}`,
          as: am,
          payload: { industry: 'x' },
        })
      ).statusCode,
    ).toBe(428);
    const ok = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { industry: '精密机械' },
      headers: { 'if-match': '"1"' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ industry: '精密机械', version: 2 });
    const stale = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { industry: '覆盖', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    const row = await h.database.db
      .selectFrom('customer')
      .select('industry')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.industry).toBe('精密机械');
  });

  it('checks the region chain against stored values and refuses owner changes by account managers', async () => {
    const c = await createCustomer(h, am, { name: '区域公司', provinceCode: '33', cityCode: '3302' });
    const bad = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { districtCode: '310101', version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('districtCode');
    const owner = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { ownerId: am2.userId, version: 1 },
    });
    expect(owner.statusCode).toBe(403);
    const byManager = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: manager,
      payload: { ownerId: null, version: 1 },
    });
    expect(byManager.statusCode).toBe(200);
    expect(byManager.json().owner).toBeNull();
  });

  it('a department manager cannot hand a customer to someone outside their department', async () => {
    const c = await createCustomer(h, am, { name: '部门外转交' });
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: manager,
      payload: { ownerId: am2.userId, version: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'ownerId', code: 'out_of_scope' });
  });

  it('warns about a duplicate created by renaming, unless confirmed', async () => {
    await createCustomer(h, am, { name: '重名目标有限公司' });
    const c = await createCustomer(h, am, { name: '改名前' });
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { name: '重名目标', version: 1 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('duplicate_suspected');
    const ok = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { name: '重名目标', version: 1, confirmDuplicates: true },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('verify, invalidate, restore', () => {
  it('verification records who and when; the unverified list shows only stale records', async () => {
    const c = await createCustomer(h, am, { name: '核实测试' });
    const listed = async (as: Session) =>
      (await h.request({ method: 'GET', url: '/api/v1/customers?unverifiedDays=180&limit=200', as }))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await listed(am)).toContain(c.id);
    const res = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/verify`,
      as: am,
      payload: { version: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      verifiedAt: '2026-11-25T08:00:00.000Z',
      verifiedBy: { id: am.userId },
      version: 2,
    });
    expect(await listed(am)).not.toContain(c.id);
    h.clock.advance(181 * 86_400_000);
    try {
      expect(await listed(await h.login(am.email))).toContain(c.id);
    } finally {
      h.clock.advance(-181 * 86_400_000);
    }
  });

  it('an invalidated customer leaves work lists but stays searchable, and can be restored', async () => {
    const c = await createCustomer(h, am, { name: '注销测试光学' });
    const noReason = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/invalidate`,
      as: am,
      payload: { reason: ' ', version: 1 },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    const inv = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/invalidate`,
      as: am,
      payload: { reason: '公司已注销', version: 1 },
    });
    expect(inv.statusCode).toBe(200);
    expect(inv.json()).toMatchObject({ status: 'invalid', invalidReason: '公司已注销' });

    const work = (await h.request({ method: 'GET', url: '/api/v1/customers?limit=200', as: am })).json();
    expect(work.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    const search = (
      await h.request({ method: 'GET', url: `/api/v1/customers?q=${encodeURIComponent('注销测试')}`, as: am })
    ).json();
    expect(search.items.map((x: { id: string; status: string }) => [x.id, x.status])).toContainEqual([
      c.id,
      'invalid',
    ]);
    const invalidList = (
      await h.request({ method: 'GET', url: '/api/v1/customers?status=invalid', as: am })
    ).json();
    expect(invalidList.items.map((x: { id: string }) => x.id)).toContain(c.id);

    expect(
      (
        await h.request({
          method: 'POST',
          url: `/api/v1/customers/${c.id}/invalidate`,
          as: am,
          payload: { reason: 'again', version: 2 },
        })
      ).statusCode,
    ).toBe(409);
    const restored = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/restore`,
      as: am,
      payload: { version: 2 },
    });
    expect(restored.json()).toMatchObject({ status: 'active', invalidReason: null, version: 3 });
    const history = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}/history`, as: am })
    ).json();
    expect(history.items.map((x: { action: string }) => x.action)).toEqual([
      'customer.restore',
      'customer.invalidate',
      'customer.create',
    ]);
  });
});

describe('GET /api/v1/customers', () => {
  it('401 anonymous; 400 on bad filters', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/customers' })).statusCode).toBe(401);
    for (const q of [
      'grade=E',
      'ownerId=x',
      'signedFrom=2026-13-01',
      'custom=notjson',
      'sort=relevance',
      'limit=500',
      'q=%20%26%7C',
    ]) {
      const res = await h.request({ method: 'GET', url: `/api/v1/customers?${q}`, as: am });
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('filters by owner and grade and walks pages without repeats or gaps', async () => {
    const owner = await h.signIn('account_manager', sales);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const c = await createCustomer(h, owner, { name: `分级客户${i}`, grade: i % 2 === 0 ? 'A' : 'B' });
      made.push(c.id);
      h.clock.advance(1000);
    }
    h.clock.advance(-7000);
    for (const sort of ['-updatedAt', 'updatedAt', 'name', '-createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/customers?ownerId=me&grade=A&limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const body = (await h.request({ method: 'GET', url, as: owner })).json();
        expect(body.total).toBe(4);
        seen.push(...body.items.map((c: { id: string; grade: string }) => c.id));
        cursor = body.nextCursor;
      } while (cursor);
      expect(new Set(seen), sort).toEqual(new Set(made.filter((_, i) => i % 2 === 0)));
      expect(seen).toHaveLength(4);
    }
  });
});
