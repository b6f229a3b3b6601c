import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { demoPassword, loadDemoData } from './demo-data';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.makeUser({ role: 'admin', email: 'admin@weixi.local' });
});
afterAll(async () => {
  await h.close();
});

describe('demo company', () => {
  it('loads people in every role and customers they own, once', async () => {
    const users = await loadDemoData(h.database.db, h.clock.now());
    expect(new Set(users.map((u) => u.role))).toEqual(
      new Set([
        'executive',
        'department_manager',
        'account_manager',
        'service_agent',
        'finance',
        'reception',
      ]),
    );
    expect(await loadDemoData(h.database.db, h.clock.now())).toEqual([]);

    const zhang = await h.login('zhang.wei@weixi.local', demoPassword);
    const mine = (await h.request({ method: 'GET', url: '/api/v1/customers?ownerId=me', as: zhang })).json();
    expect(mine.total).toBeGreaterThanOrEqual(3);
    const found = (await h.request({ method: 'GET', url: '/api/v1/customers?q=yxdz', as: zhang })).json();
    expect(found.items[0].name).toBe('宁波怡信电子科技有限公司');
    expect(found.items[0].contacts).toBeUndefined();

    const gm = await h.login('gm@weixi.local', demoPassword);
    const all = (await h.request({ method: 'GET', url: '/api/v1/customers?limit=200', as: gm })).json();
    // 12 owned by the demo people, 5 in the public pool, 1 of 李娜's about to be recycled.
    expect(all.total).toBe(18);
    const pool = (await h.request({ method: 'GET', url: '/api/v1/pool', as: zhang })).json();
    expect(pool.total).toBe(5);
    const li = await h.login('li.na@weixi.local', demoPassword);
    const atRisk = (await h.request({ method: 'GET', url: '/api/v1/pool/at-risk', as: li })).json();
    expect(atRisk.items.map((c: { name: string }) => c.name)).toEqual(['无锡太湖精工机械有限公司']);
    const keys = (await h.request({ method: 'GET', url: '/api/v1/ownership/key-customers', as: gm })).json();
    expect(keys).toMatchObject({ standing: 'below_min', min: 3 });
    expect(keys.items).toHaveLength(2);
    const key = (await h.request({ method: 'GET', url: '/api/v1/customers?grade=A', as: gm })).json();
    expect(key.items.every((c: { grade: string }) => c.grade === 'A')).toBe(true);
  });
});
