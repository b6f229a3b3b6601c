import { twelveMonthsStart } from '@weixi/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { demoPassword, loadDemoData } from './demo-data';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  await h.makeUser({ role: 'admin', email: 'admin@weixi.local' });
  await loadDemoData(h.database.db, h.clock.now());
});
afterAll(async () => {
  await h.close();
});

describe('demo orders', () => {
  it('loads a product catalog and three years of orders whose figures differ by customer', async () => {
    const db = h.database.db;
    const products = await db.selectFrom('product').select(['code', 'active']).execute();
    expect(products.length).toBeGreaterThanOrEqual(15);
    expect(products.some((p) => !p.active)).toBe(true);

    const today = '2026-11-25'; // the harness clock, in Asia/Shanghai
    const from = twelveMonthsStart(today);
    const { rows } = await sql<{
      name: string;
      n: number;
      sum12: string;
      last: string | null;
      first: string | null;
    }>`
      select c.name, count(o.id)::int as n,
        coalesce(sum(o.amount_fen) filter (where o.ordered_on >= ${from}), 0) as sum12,
        max(o.ordered_on) as last, min(o.ordered_on) as first
      from customer c left join customer_order o on o.customer_id = c.id group by c.name`.execute(db);
    const by = new Map(rows.map((r) => [r.name, r]));
    const key = by.get('宁波怡信电子科技有限公司')!;
    const small = by.get('广州南方包装材料有限公司')!;
    expect(key.n).toBeGreaterThan(50);
    expect(Number(key.sum12)).toBeGreaterThan(Number(small.sum12) * 5);
    expect(by.get('武汉楚天新材料科技有限公司')!.n).toBe(0); // the prospect never ordered
    expect(by.get('成都天府食品有限公司')!.last! < from).toBe(true); // dormant: nothing this year
    expect(by.get('厦门鹭岛贸易有限公司')!.last! < '2025-01-01').toBe(true); // lost
    for (const r of rows) {
      if (r.last) expect(r.last <= today).toBe(true);
      if (r.first) expect(r.first >= '2023-11-25').toBe(true);
    }
  });

  it('shows an account manager the orders of their customers, with totals', async () => {
    const zhang = await h.login('zhang.wei@weixi.local', demoPassword);
    const res = await h.request({ method: 'GET', url: '/api/v1/orders?totals=true&limit=5', as: zhang });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(5);
    expect(res.json().totals.count).toBeGreaterThan(50);
    const owners = new Set(res.json().items.map((o: { owner: { id: string } }) => o.owner.id));
    expect([...owners]).toEqual([zhang.userId]);
  });
});
