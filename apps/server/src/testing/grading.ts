import { type DB, newId } from '@weixi/db';
import type { Kysely } from 'kysely';

// Factories for grading tests: customers and orders written straight to the tables, because the
// tests need dozens of customers with exact order histories, not the customer API's behaviour.

let n = 0;

export interface GradingCustomer {
  id?: string;
  name?: string;
  ownerId?: string | null;
  signedOn?: string | null;
  scale?: string | null;
  lifecycle?: string;
  industry?: string;
  provinceCode?: string | null;
  status?: string;
  grade?: string | null;
  category?: string;
  valueTier?: string | null;
}

export async function insertGradingCustomer(db: Kysely<DB>, c: GradingCustomer = {}): Promise<string> {
  n += 1;
  const id = c.id ?? newId();
  const name = c.name ?? `评级测试客户${n}-${id.slice(-6)}`;
  await db
    .insertInto('customer')
    .values({
      id,
      name,
      name_key: name,
      owner_id: c.ownerId ?? null,
      department_id: null,
      signed_on: c.signedOn ?? null,
      scale: c.scale ?? null,
      lifecycle: c.lifecycle ?? 'active',
      industry: c.industry ?? '',
      province_code: c.provinceCode ?? null,
      status: c.status ?? 'active',
      grade: c.grade ?? null,
      category: c.category ?? 'normal',
      value_tier: c.valueTier ?? null,
      credit_code: null,
      city_code: null,
      district_code: null,
      latitude: null,
      longitude: null,
      source: null,
      founded_on: null,
      invalid_reason: null,
      invalidated_at: null,
      invalidated_by: null,
      merged_into_id: null,
      verified_at: null,
      verified_by: null,
      created_by: null,
      updated_by: null,
    })
    .execute();
  return id;
}

const products = new WeakMap<Kysely<DB>, Promise<string>>();

/** One product to hang test orders on (orders must name a product). */
function testProduct(db: Kysely<DB>): Promise<string> {
  let p = products.get(db);
  if (!p) {
    p = (async () => {
      const categoryId = newId();
      const productId = newId();
      await db
        .insertInto('product_category')
        .values({
          id: categoryId,
          name: `评级测试品类-${categoryId.slice(-8)}`,
          created_by: null,
          updated_by: null,
        })
        .execute();
      await db
        .insertInto('product')
        .values({
          id: productId,
          code: `GT-${productId.slice(-8)}`,
          name: '评级测试产品',
          category_id: categoryId,
          list_price_fen: null,
          created_by: null,
          updated_by: null,
        })
        .execute();
      return productId;
    })();
    products.set(db, p);
  }
  return p;
}

export async function insertOrders(
  db: Kysely<DB>,
  customerId: string,
  orders: { on: string; fen: number }[],
): Promise<void> {
  if (orders.length === 0) return;
  const productId = await testProduct(db);
  await db
    .insertInto('customer_order')
    .values(
      orders.map((o) => ({
        id: newId(),
        customer_id: customerId,
        ordered_on: o.on,
        product_id: productId,
        quantity: 1,
        amount_fen: o.fen,
        external_ref: null,
        created_by: null,
        updated_by: null,
      })),
    )
    .execute();
}
