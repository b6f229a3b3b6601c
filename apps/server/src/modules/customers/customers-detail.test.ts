import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { maskContactDetails } from './use-cases/customer-history';

// What the customer detail page relies on beyond customers.routes.test.ts: the history tab never
// shows a number its reader would see masked, and editing custom values keeps retired ones.

let h: Harness;
let admin: Session;
let am: Session;
let manager: Session;
let otherManager: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  const sales = await h.makeDepartment('销售部-详情');
  const other = await h.makeDepartment('其他部-详情');
  am = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
});
afterAll(async () => {
  await h.close();
});

const history = (id: string, as?: Session, query = '') =>
  h.request({ method: 'GET', url: `/api/v1/customers/${id}/history${query}`, ...(as ? { as } : {}) });

describe('GET /api/v1/customers/:id/history', () => {
  it('401 anonymous, 400 on a forged cursor, 404 out of scope', async () => {
    const c = await createCustomer(h, am, { name: '历史权限公司' });
    expect((await history(c.id)).statusCode).toBe(401);
    const forged = await history(c.id, am, '?cursor=bm90LWEtY3Vyc29y');
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].path).toBe('query.cursor');
    expect((await history(c.id, otherManager)).statusCode).toBe(404);
  });

  it('masks phone, e-mail and WeChat for readers who see them masked; the owner sees them plainly', async () => {
    const c = await createCustomer(h, am, {
      name: '历史脱敏公司',
      phone: '0574-88880001',
      email: 'boss@history.example',
      wechat: 'boss_wx',
      contacts: [{ name: '陈国华', phone: '13905740001', email: 'chen@history.example' }],
    });
    const edit = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { phone: '0574-88880002', version: c.version },
    });
    expect(edit.statusCode).toBe(200);

    const own = (await history(c.id, am)).json();
    const ownUpdate = own.items.find((e: { action: string }) => e.action === 'customer.update');
    expect(ownUpdate.before.phone).toBe('0574-88880001');
    expect(ownUpdate.after.phone).toBe('0574-88880002');

    const seen = await history(c.id, manager);
    expect(seen.statusCode).toBe(200);
    const body = seen.json();
    const update = body.items.find((e: { action: string }) => e.action === 'customer.update');
    expect(update.before.phone).toBe('057****0001');
    expect(update.after.phone).toBe('057****0002');
    expect(update.after.email).toBe('b***@history.example');
    expect(update.after.wechat).toBe('***');
    const created = body.items.find((e: { action: string }) => e.action === 'customer.create');
    expect(created.after.phone).toBe('057****0001');
    // Nothing plain anywhere in what the manager received.
    expect(seen.body).not.toContain('88880001');
    expect(seen.body).not.toContain('13905740001');
    expect(seen.body).not.toContain('boss@history.example');
  });

  it('masks nested snapshots (merges, contacts) and leaves other values alone', () => {
    expect(
      maskContactDetails({
        survivor: { name: 'A', phone: '13800001234', contacts: [{ email: 'li.na@example.com', wechat: '' }] },
        tags: ['phone'],
        phone: null,
      }),
    ).toEqual({
      survivor: { name: 'A', phone: '138****1234', contacts: [{ email: 'l***@example.com', wechat: '' }] },
      tags: ['phone'],
      phone: null,
    });
  });
});

describe('duplicate lists mask phone numbers', () => {
  it('the check and the scan show a match’s phone plainly to its owner only', async () => {
    await createCustomer(h, am, { name: '查重脱敏机械有限公司', phone: '0574-86660001' });
    const check = (as: Session) =>
      h.request({
        method: 'POST',
        url: '/api/v1/customers/duplicates/check',
        as,
        payload: { name: '查重脱敏机械' },
      });
    const own = await check(am);
    expect(own.json().matches[0].customer).toMatchObject({ visible: true, phone: '0574-86660001' });
    const seen = await check(manager);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().matches[0].customer).toMatchObject({ visible: true, phone: '057****0001' });

    await createCustomer(h, admin, { name: '查重脱敏机械', ownerId: am.userId });
    const scan = await h.request({
      method: 'GET',
      url: '/api/v1/customers/duplicates?limit=200',
      as: manager,
    });
    expect(scan.statusCode).toBe(200);
    const group = scan
      .json()
      .groups.find((g: { customers: { name: string }[] }) =>
        g.customers.some((c) => c.name === '查重脱敏机械有限公司'),
      );
    expect(group.customers.map((c: { phone: string }) => c.phone)).toContain('057****0001');
    expect(scan.body).not.toContain('86660001');
  });
});

describe('PATCH /api/v1/customers/:id custom values', () => {
  it('patches custom values per key: untouched and retired fields keep their values, null clears one', async () => {
    const define = async (key: string) => {
      const res = await h.request({
        method: 'POST',
        url: '/api/v1/custom-fields',
        as: admin,
        payload: { key, labelZh: key, labelEn: key, type: 'text' },
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ id: string; version: number }>();
    };
    const region = await define('detail_region_note');
    await define('detail_level');
    await define('detail_memo');
    const c = await createCustomer(h, am, {
      name: '自定义值保留公司',
      custom: { detail_region_note: '华东', detail_level: '金', detail_memo: '老客户' },
    });
    const retire = await h.request({
      method: 'PATCH',
      url: `/api/v1/custom-fields/${region.id}`,
      as: admin,
      payload: { active: false, version: region.version },
    });
    expect(retire.statusCode).toBe(200);

    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${c.id}`,
      as: am,
      payload: { custom: { detail_level: '银', detail_memo: null }, version: c.version },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().custom).toEqual({ detail_region_note: '华东', detail_level: '银', detail_memo: null });
    const row = await h.database.db
      .selectFrom('customer')
      .select('custom')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row.custom).toEqual({ detail_region_note: '华东', detail_level: '银', detail_memo: null });
  });
});
