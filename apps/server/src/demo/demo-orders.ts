import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { addDays, dateInTimeZone } from '@weixi/domain';
import type { Kysely } from 'kysely';
import {
  insertCategory,
  insertOrders,
  insertProduct,
  type NewOrder,
} from '../modules/loyalty/loyalty.repository';

// The demo company makes industrial automation and fluid-control equipment; its customers buy
// motors, valves, instruments, control systems and service. Each customer's order history over the
// last three years follows its story in demo-customers.ts, so grades computed from orders differ:
// key accounts order large amounts every few weeks up to this week, the dormant one stopped a year
// ago, the lost one two years ago, the prospect never ordered.

const categories = [
  { key: 'motion', name: '电机与驱动', position: 1 },
  { key: 'valves', name: '阀门与流体', position: 2 },
  { key: 'sensors', name: '传感与仪表', position: 3 },
  { key: 'control', name: '控制系统', position: 4 },
  { key: 'service', name: '配件与服务', position: 5 },
] as const;
type CategoryKey = (typeof categories)[number]['key'];

interface DemoProduct {
  code: string;
  name: string;
  category: CategoryKey;
  unit: string;
  /** List price in yuan. */
  price: number;
  active?: boolean;
}

const products: DemoProduct[] = [
  { code: 'MD-101', name: '伺服电机 750W', category: 'motion', unit: '台', price: 2680 },
  { code: 'MD-102', name: '伺服驱动器 750W', category: 'motion', unit: '台', price: 3150 },
  { code: 'MD-205', name: '变频器 7.5kW', category: 'motion', unit: '台', price: 4980 },
  { code: 'MD-310', name: 'RV 减速机 RV-40E', category: 'motion', unit: '台', price: 6200 },
  {
    code: 'MD-099',
    name: '直流电机 Z2-32（停产）',
    category: 'motion',
    unit: '台',
    price: 1850,
    active: false,
  },
  { code: 'FV-050', name: '不锈钢球阀 DN50', category: 'valves', unit: '只', price: 860 },
  { code: 'FV-100', name: '电动蝶阀 DN100', category: 'valves', unit: '只', price: 2450 },
  { code: 'FV-220', name: '二位二通电磁阀', category: 'valves', unit: '只', price: 320 },
  { code: 'SI-011', name: '压力变送器 0–1.6MPa', category: 'sensors', unit: '台', price: 1180 },
  { code: 'SI-023', name: '电磁流量计 DN80', category: 'sensors', unit: '台', price: 7800 },
  { code: 'SI-035', name: 'PT100 温度传感器', category: 'sensors', unit: '支', price: 160 },
  { code: 'CS-100', name: 'PLC 控制器 CPU 模块', category: 'control', unit: '台', price: 8600 },
  { code: 'CS-210', name: '10 寸工业触摸屏', category: 'control', unit: '台', price: 3900 },
  { code: 'CS-300', name: '成套控制柜（定制）', category: 'control', unit: '套', price: 45000 },
  { code: 'AS-001', name: '阀门密封件维修包', category: 'service', unit: '套', price: 420 },
  { code: 'AS-900', name: '年度维保服务', category: 'service', unit: '项', price: 18000 },
];

interface Pattern {
  /** Average days between orders. */
  everyDays: number;
  /** How large an order is against the list price (a multiplier on quantities). */
  size: number;
  /** Days before today of the last order; orders stop there. */
  lastDaysAgo: number;
  /** Days before today of the first order (at most three years; never before signing). */
  firstDaysAgo?: number;
  buys: readonly CategoryKey[];
  channel: 'direct' | 'distributor' | 'online' | 'phone';
}

/** Per demo customer (by name), how it buys. A customer missing here (the prospect) has no orders. */
const patterns: Record<string, Pattern> = {
  宁波怡信电子科技有限公司: {
    everyDays: 14,
    size: 3,
    lastDaysAgo: 3,
    buys: ['motion', 'sensors', 'control'],
    channel: 'direct',
  },
  杭州海纳光电股份有限公司: {
    everyDays: 18,
    size: 4,
    lastDaysAgo: 9,
    buys: ['motion', 'control', 'service'],
    channel: 'direct',
  },
  上海浦江医疗器械有限公司: {
    everyDays: 21,
    size: 2.5,
    lastDaysAgo: 6,
    buys: ['valves', 'sensors', 'control'],
    channel: 'direct',
  },
  北京京华信息技术有限公司: {
    everyDays: 30,
    size: 8,
    lastDaysAgo: 12,
    buys: ['control', 'service'],
    channel: 'direct',
  },
  青岛海滨船舶设备有限公司: {
    everyDays: 25,
    size: 3,
    lastDaysAgo: 40,
    buys: ['valves', 'motion', 'service'],
    channel: 'direct',
  },
  苏州恒瑞精密机械有限公司: {
    everyDays: 80,
    size: 0.4,
    lastDaysAgo: 15,
    buys: ['motion', 'sensors'],
    channel: 'direct',
  },
  深圳市鹏程智能装备有限公司: {
    everyDays: 90,
    size: 0.4,
    lastDaysAgo: 25,
    buys: ['motion', 'control'],
    channel: 'online',
  },
  重庆长江汽车配件有限公司: {
    everyDays: 85,
    size: 0.5,
    lastDaysAgo: 70,
    buys: ['valves', 'motion'],
    channel: 'phone',
  },
  广州南方包装材料有限公司: {
    everyDays: 160,
    size: 0.3,
    lastDaysAgo: 50,
    buys: ['valves', 'service'],
    channel: 'distributor',
  },
  成都天府食品有限公司: {
    everyDays: 60,
    size: 1,
    lastDaysAgo: 400,
    buys: ['valves', 'sensors'],
    channel: 'direct',
  },
  厦门鹭岛贸易有限公司: {
    everyDays: 50,
    size: 0.8,
    lastDaysAgo: 760,
    buys: ['valves'],
    channel: 'distributor',
  },
};

/** A small deterministic generator (mulberry32): the demo is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nameSeed(name: string): number {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h;
}

/**
 * Adds the product catalog and about three years of orders for the demo customers, dated up to
 * today in the business time zone. Runs once, after the customers exist.
 */
export async function loadDemoOrders(db: Kysely<DB>, now: Date, timeZone = 'Asia/Shanghai'): Promise<number> {
  const admin = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'admin')
    .orderBy('id')
    .executeTakeFirst();
  const finance = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'finance')
    .executeTakeFirst();
  const catalogBy = finance?.id ?? admin?.id;
  if (!catalogBy) return 0;

  const categoryId = new Map<CategoryKey, string>();
  for (const c of categories) {
    const id = newId();
    categoryId.set(c.key, id);
    await insertCategory(db, { id, name: c.name, position: c.position, active: true }, catalogBy, now);
  }
  const productIds: { id: string; p: DemoProduct }[] = [];
  for (const p of products) {
    const id = newId();
    productIds.push({ id, p });
    await insertProduct(
      db,
      {
        id,
        code: p.code,
        name: p.name,
        category_id: categoryId.get(p.category)!,
        unit: p.unit,
        list_price_fen: p.price * 100,
        active: p.active ?? true,
      },
      catalogBy,
      now,
    );
  }

  const today = dateInTimeZone(now, timeZone);
  const customers = await db.selectFrom('customer').select(['id', 'name', 'owner_id', 'signed_on']).execute();
  const byActor = new Map<string, NewOrder[]>();
  let seq = 0;
  for (const c of customers) {
    const pattern = patterns[c.name];
    if (!pattern) continue;
    // Seeded by the name, not the row's position, so each customer's history (and so its grade)
    // is the same whatever order the database returns the customers in.
    const rand = random(20261125 + nameSeed(c.name));
    const signedAgo = c.signed_on
      ? Math.round((Date.parse(today) - Date.parse(c.signed_on)) / 86_400_000)
      : 1095;
    let daysAgo = Math.min(pattern.firstDaysAgo ?? 1095, signedAgo);
    const mine = productIds.filter(({ p }) => pattern.buys.includes(p.category));
    const actor = c.owner_id ?? catalogBy;
    while (daysAgo >= pattern.lastDaysAgo) {
      const date = addDays(today, -daysAgo);
      // The discontinued motor only sold until two years ago.
      const offer = mine.filter(({ p }) => p.active !== false || daysAgo > 730);
      const lines = 1 + Math.floor(rand() * 3);
      seq++;
      const doc = `XS${date.replaceAll('-', '').slice(0, 6)}-${String(seq).padStart(4, '0')}`;
      for (let line = 1; line <= lines; line++) {
        const { id: productId, p } = offer[Math.floor(rand() * offer.length)]!;
        const expensive = p.price >= 10000;
        const quantity = Math.max(1, Math.round((expensive ? 1 : 2 + rand() * 10) * pattern.size));
        // Negotiated prices: 85–100 % of the list price, in whole yuan.
        const unitYuan = Math.round(p.price * (0.85 + rand() * 0.15));
        byActor.set(actor, [
          ...(byActor.get(actor) ?? []),
          {
            id: newId(),
            customer_id: c.id,
            ordered_on: date,
            product_id: productId,
            quantity: String(quantity),
            amount_fen: unitYuan * quantity * 100,
            channel: pattern.channel,
            // Most lines came from the ERP; a few were typed in by hand and have no reference.
            external_ref: rand() < 0.9 ? `${doc}/${line}` : null,
            notes: '',
          },
        ]);
      }
      // The next order: the pattern's rhythm with some irregularity (±50 %).
      daysAgo -= Math.max(1, Math.round(pattern.everyDays * (0.5 + rand())));
    }
  }
  let count = 0;
  for (const [actor, rows] of byActor) {
    for (let i = 0; i < rows.length; i += 500) await insertOrders(db, rows.slice(i, i + 500), actor, now);
    count += rows.length;
  }
  return count;
}
