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
    expect(all.total).toBe(12);
    const key = (await h.request({ method: 'GET', url: '/api/v1/customers?grade=A', as: gm })).json();
    expect(key.items.every((c: { grade: string }) => c.grade === 'A')).toBe(true);
  });
});
