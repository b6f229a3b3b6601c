import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { createCategory, createProduct } from '../../testing/orders';

let h: Harness;
let admin: Session;
let finance: Session;
let am: Session;
let manager: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  finance = await h.signIn('finance');
  am = await h.signIn('account_manager');
  manager = await h.signIn('department_manager', await h.makeDepartment());
});
afterAll(async () => {
  await h.close();
});

const countRows = async (table: 'product' | 'product_category') =>
  Number(
    (
      await h.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('product categories', () => {
  it('401 anonymous; 403 for account managers and managers (nothing created); 400 names the fields', async () => {
    const before = await countRows('product_category');
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/product-categories', payload: { name: '匿名' } }))
        .statusCode,
    ).toBe(401);
    expect((await h.request({ method: 'GET', url: '/api/v1/product-categories' })).statusCode).toBe(401);
    for (const as of [am, manager]) {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/product-categories',
        as,
        payload: { name: '不许' },
      });
      expect(res.statusCode).toBe(403);
    }
    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/product-categories',
      as: admin,
      payload: { name: '  ', position: -1, color: 'red' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['color', 'name', 'position']);
    expect(await countRows('product_category')).toBe(before);
  });

  it('finance creates, renames and retires; everyone reads them in position order; names are unique', async () => {
    const b = await createCategory(h, finance, { name: '密封件', position: 2 });
    const a = await createCategory(h, admin, { name: '阀门', position: 1 });
    const dup = await h.request({
      method: 'POST',
      url: '/api/v1/product-categories',
      as: admin,
      payload: { name: '阀门' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ path: 'name', code: 'already_exists' });

    const list = await h.request({ method: 'GET', url: '/api/v1/product-categories', as: am });
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((c: { name: string }) => c.name);
    expect(names.indexOf('阀门')).toBeLessThan(names.indexOf('密封件'));

    const noVersion = await h.request({
      method: 'PATCH',
      url: `/api/v1/product-categories/${b.id}`,
      as: finance,
      payload: { name: '密封件类' },
    });
    expect(noVersion.statusCode).toBe(428);
    const renamed = await h.request({
      method: 'PATCH',
      url: `/api/v1/product-categories/${b.id}`,
      as: finance,
      headers: { 'if-match': '"1"' },
      payload: { name: '密封件类', active: false },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '密封件类', active: false, version: 2, productCount: 0 });
    const stale = await h.request({
      method: 'PATCH',
      url: `/api/v1/product-categories/${b.id}`,
      as: finance,
      payload: { name: '又改', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const taken = await h.request({
      method: 'PATCH',
      url: `/api/v1/product-categories/${b.id}`,
      as: finance,
      payload: { name: '阀门', version: 2 },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].path).toBe('name');

    const active = await h.request({ method: 'GET', url: '/api/v1/product-categories?active=true', as: am });
    expect(active.json().items.map((c: { id: string }) => c.id)).toContain(a.id);
    expect(active.json().items.map((c: { id: string }) => c.id)).not.toContain(b.id);

    const missing = await h.request({
      method: 'PATCH',
      url: '/api/v1/product-categories/0190a0a0-0000-7000-8000-000000000000',
      as: admin,
      payload: { name: 'x', version: 1 },
    });
    expect(missing.statusCode).toBe(404);
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', b.id)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['product_category.create', 'product_category.update']);
  });
});

describe('products', () => {
  it('401, 403 for account managers, 400 per field, unknown or retired category', async () => {
    const before = await countRows('product');
    const cat = await createCategory(h, admin);
    expect(
      (
        await h.request({
          method: 'POST',
          url: '/api/v1/products',
          payload: { code: 'X', name: 'x', categoryId: cat.id },
        })
      ).statusCode,
    ).toBe(401);
    expect((await h.request({ method: 'GET', url: '/api/v1/products' })).statusCode).toBe(401);
    expect(
      (
        await h.request({
          method: 'POST',
          url: '/api/v1/products',
          as: am,
          payload: { code: 'AM-1', name: '客户经理建的', categoryId: cat.id },
        })
      ).statusCode,
    ).toBe(403);
    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/products',
      as: admin,
      payload: { code: 'A B', name: '', categoryId: 'nope', listPriceFen: -1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['categoryId', 'code', 'listPriceFen', 'name']);
    const unknownCategory = await h.request({
      method: 'POST',
      url: '/api/v1/products',
      as: admin,
      payload: { code: 'U-1', name: '无类别', categoryId: '0190a0a0-0000-7000-8000-000000000000' },
    });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().errors[0]).toMatchObject({ path: 'categoryId', code: 'not_found' });
    const retired = await createCategory(h, admin, { active: false });
    const inRetired = await h.request({
      method: 'POST',
      url: '/api/v1/products',
      as: admin,
      payload: { code: 'R-1', name: '停用类别', categoryId: retired.id },
    });
    expect(inRetired.json().errors[0]).toMatchObject({ path: 'categoryId', code: 'inactive' });
    expect(await countRows('product')).toBe(before);
  });

  it('creates with a list price; codes are unique ignoring case; updates need the version', async () => {
    const cat = await createCategory(h, finance, { name: '球阀类' });
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/products',
      as: finance,
      payload: {
        code: 'BV-100',
        name: '不锈钢球阀 DN50',
        categoryId: cat.id,
        unit: '台',
        listPriceFen: 128000,
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const p = res.json();
    expect(p).toMatchObject({
      code: 'BV-100',
      name: '不锈钢球阀 DN50',
      category: { id: cat.id, name: '球阀类' },
      unit: '台',
      listPriceFen: 128000,
      active: true,
    });
    const dup = await h.request({
      method: 'POST',
      url: '/api/v1/products',
      as: finance,
      payload: { code: 'bv-100', name: '重复编码', categoryId: cat.id },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0]).toMatchObject({ path: 'code', code: 'already_exists' });

    const retire = await h.request({
      method: 'PATCH',
      url: `/api/v1/products/${p.id}`,
      as: admin,
      headers: { 'if-match': '"1"' },
      payload: { active: false, listPriceFen: null },
    });
    expect(retire.statusCode).toBe(200);
    expect(retire.json()).toMatchObject({ active: false, listPriceFen: null, version: 2 });
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/products/${p.id}`,
          as: am,
          payload: { name: '客户经理改', version: 2 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: '/api/v1/products/0190a0a0-0000-7000-8000-000000000000',
          as: admin,
          payload: { name: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('lists by code, searches code or name, filters category and active, pages by keyset', async () => {
    const cat = await createCategory(h, admin, { name: '搜索测试类' });
    for (const [code, name] of [
      ['SRCH-03', '闸阀 DN80'],
      ['srch-01', '蝶阀 DN100'],
      ['SRCH-02', '止回阀 DN65'],
    ] as const)
      await createProduct(h, admin, { code, name, categoryId: cat.id });
    const page1 = await h.request({
      method: 'GET',
      url: `/api/v1/products?categoryId=${cat.id}&limit=2`,
      as: am,
    });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items.map((p: { code: string }) => p.code)).toEqual(['srch-01', 'SRCH-02']);
    expect(page1.json().total).toBe(3);
    const page2 = await h.request({
      method: 'GET',
      url: `/api/v1/products?categoryId=${cat.id}&limit=2&cursor=${page1.json().nextCursor}`,
      as: am,
    });
    expect(page2.json().items.map((p: { code: string }) => p.code)).toEqual(['SRCH-03']);
    expect(page2.json().nextCursor).toBeNull();

    const byName = await h.request({
      method: 'GET',
      url: `/api/v1/products?q=${encodeURIComponent('蝶阀')}`,
      as: am,
    });
    expect(byName.json().items.map((p: { code: string }) => p.code)).toEqual(['srch-01']);
    const byCode = await h.request({ method: 'GET', url: '/api/v1/products?q=srch-0', as: am });
    expect(byCode.json().total).toBe(3);
    const inactive = await h.request({
      method: 'GET',
      url: `/api/v1/products?categoryId=${cat.id}&active=false`,
      as: am,
    });
    expect(inactive.json().total).toBe(0);
    const forged = await h.request({ method: 'GET', url: '/api/v1/products?cursor=abc', as: am });
    expect(forged.statusCode).toBe(400);
  });
});
