// Orders for the bench archive (issue 4's figure: regrading 1,000,000 customers with 5,000,000
// orders). Generated inside PostgreSQL with generate_series — a few statements instead of five
// million parameters — on top of the customers bench/generate.ts made. Reused while the count matches.
import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';

type Log = (m: string) => void;

const benchCategory = '基准测试品类';
const productCount = 24;

/** Deterministic customer choice needs a stable numbering; the temp table lives for one session. */
async function ensureProducts(db: Kysely<DB>): Promise<void> {
  await sql`insert into product_category (id, name, position)
    values ('00000000-0000-7000-8000-00000000b001', ${benchCategory}, 99)
    on conflict (id) do nothing`.execute(db);
  await sql`insert into product (id, code, name, category_id, unit, list_price_fen)
    select ('00000000-0000-7000-8000-' || lpad(to_hex(4096 + g), 12, '0'))::uuid, 'BENCH-' || lpad(g::text, 3, '0'),
      '基准产品 ' || g, '00000000-0000-7000-8000-00000000b001', '件', 10000 * g
    from generate_series(1, ${productCount}) g
    on conflict (id) do nothing`.execute(db);
}

export async function countOrders(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from customer_order`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Makes the archive hold `target` orders over the last three years: a fifth of the active customers
 * never ordered, the rest draw orders with a long tail (a few customers order weekly, most a few
 * times a year), recent dates more often than old ones, amounts from ¥100 to ¥500,000 skewed low.
 * Secondary indexes are dropped during the load and rebuilt from the catalogue, as generate.ts does.
 */
export async function ensureOrders(db: Kysely<DB>, target: number, today: string, log: Log): Promise<number> {
  const existing = await countOrders(db);
  if (existing === target) {
    log(`  orders: ${target.toLocaleString('en')} already there`);
    return 0;
  }
  const t0 = performance.now();
  log(`  orders: generating ${target.toLocaleString('en')} (found ${existing.toLocaleString('en')})…`);
  await sql`delete from customer_order`.execute(db);
  await ensureProducts(db);
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
    where schemaname = 'public' and tablename = 'customer_order'
      and indexname not in (select conname from pg_constraint)`.execute(db);
  for (const ix of indexes) await sql`drop index ${sql.ref(ix.name)}`.execute(db);

  await db.connection().execute(async (conn) => {
    await sql`create temp table bench_buyer as
      select row_number() over (order by id)::int as rn, id from customer where status = 'active'`.execute(
      conn,
    );
    await sql`alter table bench_buyer add primary key (rn)`.execute(conn);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from bench_buyer`.execute(conn);
    const buyers = Math.floor((rows[0]?.n ?? 0) * 0.8);
    if (buyers === 0) throw new Error('the bench archive has no active customers');
    const chunk = 500_000;
    for (let done = 0; done < target; done += chunk) {
      const n = Math.min(chunk, target - done);
      // ids: 12 hex digits of a rising millisecond counter + 20 random ones, so the primary key
      // fills in order like the application's UUIDv7 ids.
      await sql`insert into customer_order (id, customer_id, ordered_on, product_id, quantity, amount_fen, channel)
        select
          (lpad(to_hex(1700000000000::bigint + ${done}::bigint + x.g), 12, '0') || substr(md5(x.g::text || random()::text), 1, 20))::uuid,
          b.id,
          ${today}::date - floor(power(random(), 1.4) * 1095)::int,
          ('00000000-0000-7000-8000-' || lpad(to_hex(4096 + 1 + floor(random() * ${productCount})::int), 12, '0'))::uuid,
          1 + floor(random() * 40)::int,
          10000 + floor(power(random(), 3) * 50000000)::bigint,
          (array['direct','distributor','online','phone','other'])[1 + floor(random() * 5)::int]
        from (
          -- The buyer is drawn first, so the join below is a plain key lookup.
          select g, 1 + floor(power(random(), 1.6) * ${buyers})::int as rn from generate_series(1, ${n}) g
        ) x
        join bench_buyer b on b.rn = x.rn`.execute(conn);
      log(`    ${(done + n).toLocaleString('en')} orders`);
    }
    await sql`drop table bench_buyer`.execute(conn);
    log(`  rebuilding ${indexes.length} order indexes…`);
    await sql`set maintenance_work_mem = '512MB'`.execute(conn);
    for (const ix of indexes) await sql.raw(ix.def).execute(conn);
  });
  // Index-only scans of the per-customer aggregates need the visibility map.
  await sql`vacuum analyze customer_order`.execute(db);
  log(`  orders generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return target;
}
