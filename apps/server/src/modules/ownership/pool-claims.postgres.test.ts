import type { DB } from '@weixi/db';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { openSecondPool } from '../../testing/second-pool';

// Real concurrency needs real connections: PGlite has one, so these run only on PostgreSQL
// (TEST_DATABASE_URL). A second app on its own pool of 25 connections lets all 20 requests hold a
// transaction at the same moment instead of queueing for the harness's five.
const url = process.env.TEST_DATABASE_URL;

let h: Harness;
let wide: FastifyInstance;
let widePool: Kysely<DB>;
let admin: Session;
let sales: string;

beforeAll(async () => {
  if (!url) return;
  h = await createHarness();
  widePool = await openSecondPool(h, 25);
  wide = await buildApp({
    db: widePool,
    engine: 'postgres',
    config: h.config,
    clock: h.clock,
    webDist: null,
    jobs: h.jobs,
  });
  await wide.ready();
  admin = await h.signIn('admin');
  sales = await h.makeDepartment('销售部-并发');
});
afterAll(async () => {
  if (!url) return;
  await wide.close();
  await widePool.destroy();
  await h.close();
});

const claim = (as: Session, customerId: string) =>
  wide.inject({ method: 'POST', url: '/api/v1/pool/claims', headers: as.headers, payload: { customerId } });

describe.skipIf(!url)('race-safe claims on PostgreSQL', () => {
  it('20 people claim one customer at the same moment: exactly one wins, 19 get 409, one history row', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => h.signIn('account_manager', sales)));
    const c = await createCustomer(h, admin, { name: '抢手的公海客户有限公司' });
    const results = await Promise.all(people.map((p) => claim(p, c.id)));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'already_owned')).toBe(
      true,
    );
    const winner = people[results.findIndex((r) => r.statusCode === 200)]!;
    const row = await h.database.db
      .selectFrom('customer')
      .select(['owner_id', 'version'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ owner_id: winner.userId, version: 2 });
    const history = await h.database.db
      .selectFrom('ownership_history')
      .select(['kind', 'to_user_id'])
      .where('customer_id', '=', c.id)
      .where('kind', '=', 'claim')
      .execute();
    expect(history).toEqual([{ kind: 'claim', to_user_id: winner.userId }]);
  });

  it('one person fires 20 claims at 20 customers with 5 slots left: exactly 5 succeed', async () => {
    const busy = await h.signIn('account_manager', sales);
    for (let i = 0; i < 45; i++) await createCustomer(h, busy, { name: `已持有客户${i}号` });
    const free = [];
    for (let i = 0; i < 20; i++) free.push(await createCustomer(h, admin, { name: `并发公海客户${i}号` }));
    const results = await Promise.all(free.map((c) => claim(busy, c.id)));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(5);
    const refused = results.filter((r) => r.statusCode !== 200);
    expect(refused.every((r) => r.statusCode === 409 && r.json().code === 'claim_limit_reached')).toBe(true);
    expect(refused.every((r) => r.json().limit === 50 && r.json().held === 50)).toBe(true);
    const held = await h.database.db
      .selectFrom('customer')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_id', '=', busy.userId)
      .executeTakeFirstOrThrow();
    expect(Number(held.n)).toBe(50);
  });
});
