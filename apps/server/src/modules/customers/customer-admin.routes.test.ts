import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let am: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  am = await h.signIn('account_manager');
});
afterAll(async () => {
  await h.close();
});

describe('custom fields', () => {
  it('401, 403 for non-admins, 400 on bad keys and options, 409 on a duplicate key', async () => {
    const body = {
      key: 'channel_level',
      labelZh: '渠道等级',
      labelEn: 'Channel level',
      type: 'single_select',
      options: [{ value: 'gold', labelZh: '金牌', labelEn: 'Gold' }],
    };
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/custom-fields', payload: body })).statusCode,
    ).toBe(401);
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/custom-fields', as: am, payload: body })).statusCode,
    ).toBe(403);
    const badKey = await h.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      as: admin,
      payload: { ...body, key: 'Bad Key' },
    });
    expect(badKey.json().errors[0].path).toBe('key');
    const noOptions = await h.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      as: admin,
      payload: { ...body, options: [] },
    });
    expect(noOptions.json().errors[0].path).toBe('options');
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/custom-fields', as: admin, payload: body }))
        .statusCode,
    ).toBe(201);
    const dup = await h.request({ method: 'POST', url: '/api/v1/custom-fields', as: admin, payload: body });
    expect(dup.statusCode).toBe(409);
  });

  it('customers are validated against the definitions, filtered by them, and retired fields refuse new values', async () => {
    const created = await h.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      as: admin,
      payload: { key: 'staff_count', labelZh: '员工人数', labelEn: 'Staff', type: 'number' },
    });
    const field = created.json();
    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/customers',
      as: am,
      payload: { name: '自定义字段公司', custom: { staff_count: 'many', nope: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['custom.nope', 'custom.staff_count']);
    const ok = await createCustomer(h, am, {
      name: '自定义字段公司',
      custom: { staff_count: 350, channel_level: 'gold' },
    });
    const list = (
      await h.request({
        method: 'GET',
        url: `/api/v1/customers?custom=${encodeURIComponent('{"channel_level":"gold"}')}`,
        as: am,
      })
    ).json();
    expect(list.items.map((c: { id: string }) => c.id)).toEqual([ok.id]);
    expect(list.items[0].custom).toEqual({ staff_count: 350, channel_level: 'gold' });

    const retire = await h.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${field.id}`,
      as: admin,
      payload: { active: false, version: 1 },
    });
    expect(retire.json().active).toBe(false);
    const after = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${ok.id}`,
      as: am,
      payload: { custom: { staff_count: 10 }, version: 1 },
    });
    expect(after.statusCode).toBe(400);
    const read = await h.request({ method: 'GET', url: '/api/v1/custom-fields', as: am });
    expect(read.json().items.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['channel_level', 'staff_count']),
    );
  });

  it('a required field is enforced on create', async () => {
    await h.request({
      method: 'POST',
      url: '/api/v1/custom-fields',
      as: admin,
      payload: {
        key: 'contract_no',
        labelZh: '合同编号',
        labelEn: 'Contract no.',
        type: 'text',
        required: true,
      },
    });
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers',
      as: am,
      payload: { name: '缺必填' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'custom.contract_no', code: 'required' });
    const all = await h.database.db
      .selectFrom('custom_field_definition')
      .select(['id', 'version'])
      .where('key', '=', 'contract_no')
      .executeTakeFirstOrThrow();
    await h.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${all.id}`,
      as: admin,
      payload: { required: false, version: all.version },
    });
  });
});

describe('saved views', () => {
  it('are personal: another user neither sees nor changes them', async () => {
    const other = await h.signIn('account_manager');
    expect((await h.request({ method: 'GET', url: '/api/v1/views/customer' })).statusCode).toBe(401);
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/views/customer',
      as: am,
      payload: { name: '我的A类', query: { grade: 'A', columns: ['name', 'grade'] } },
    });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(
      (
        await h.request({
          method: 'POST',
          url: '/api/v1/views/customer',
          as: am,
          payload: { name: '我的A类', query: {} },
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/views/customer', as: other })).json().items,
    ).toEqual([]);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/views/customer/${view.id}`,
          as: other,
          payload: { name: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await h.request({ method: 'DELETE', url: `/api/v1/views/customer/${view.id}`, as: other })).statusCode,
    ).toBe(404);
    const renamed = await h.request({
      method: 'PATCH',
      url: `/api/v1/views/customer/${view.id}`,
      as: am,
      payload: { name: 'A 类客户', version: 1 },
    });
    expect(renamed.json()).toMatchObject({ name: 'A 类客户', version: 2 });
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/views/customer', as: am })).json().items,
    ).toHaveLength(1);
    expect(
      (await h.request({ method: 'DELETE', url: `/api/v1/views/customer/${view.id}`, as: am })).statusCode,
    ).toBe(204);
    expect((await h.request({ method: 'GET', url: '/api/v1/views/unknown', as: am })).statusCode).toBe(400);
  });
});

describe('settings and regions', () => {
  it('reads defaults; only admins change them', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/customers/settings', as: am })).json()).toEqual({
      verifyAfterDays: 180,
      importMaxFileMb: 50,
    });
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: '/api/v1/customers/settings',
          as: am,
          payload: { verifyAfterDays: 90 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: '/api/v1/customers/settings',
          as: admin,
          payload: { verifyAfterDays: 0 },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: '/api/v1/customers/settings',
          as: admin,
          payload: { verifyAfterDays: 90 },
        })
      ).json(),
    ).toEqual({ verifyAfterDays: 90, importMaxFileMb: 50 });
    expect((await h.request({ method: 'GET', url: '/api/v1/customers/settings', as: am })).json()).toEqual({
      verifyAfterDays: 90,
      importMaxFileMb: 50,
    });
  });

  it('the import file-size limit: 1–500 whole MB, admins only, used by uploads, audited', async () => {
    const patch = (as: Session | undefined, payload: Record<string, unknown>) =>
      h.request({ method: 'PATCH', url: '/api/v1/customers/settings', ...(as ? { as } : {}), payload });
    expect((await patch(undefined, { importMaxFileMb: 20 })).statusCode).toBe(401);
    expect((await patch(am, { importMaxFileMb: 20 })).statusCode).toBe(403);
    for (const bad of [0, 501, 1.5, '20', null]) {
      const res = await patch(admin, { importMaxFileMb: bad });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['importMaxFileMb']);
    }
    expect((await patch(admin, { importMaxFileMb: 50, extra: 1 })).json().errors[0].path).toBe('extra');
    // Nothing was stored by the refused requests.
    const settingsBefore = await h.database.db
      .selectFrom('setting')
      .select('key')
      .where('key', '=', 'customerImport')
      .execute();
    expect(settingsBefore).toHaveLength(0);

    const verifyBefore = (
      await h.request({ method: 'GET', url: '/api/v1/customers/settings', as: am })
    ).json().verifyAfterDays;
    const res = await patch(admin, { importMaxFileMb: 120 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ verifyAfterDays: verifyBefore, importMaxFileMb: 120 });
    const limit = (await h.request({ method: 'GET', url: '/api/v1/customer-imports', as: am })).json();
    expect(limit.maxFileBytes).toBe(120 * 1024 * 1024);
    const stored = await h.database.db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', 'customerImport')
      .executeTakeFirstOrThrow();
    expect(stored.value).toEqual({ maxFileMb: 120 });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'setting.update')
      .where('entity_id', '=', 'customerImport')
      .execute();
    expect(audit).toEqual([{ before: {}, after: { maxFileMb: 120 } }]);
  });

  it('serves the division tree to signed-in users', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/regions' })).statusCode).toBe(401);
    const tree = (await h.request({ method: 'GET', url: '/api/v1/regions', as: am })).json();
    const zj = tree.find((p: { code: string }) => p.code === '33');
    expect(zj.name).toBe('浙江省');
    expect(zj.children.find((c: { code: string }) => c.code === '3302').name).toBe('宁波市');
  });
});
