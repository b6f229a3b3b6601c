import type { Harness, Session } from './harness';

let n = 0;
const unique = (p: string) => `${p}-${process.pid}-${(n++).toString(36)}`;

/** A product category created through the API (as an administrator or finance user). */
export async function createCategory(h: Harness, as: Session, body: Record<string, unknown> = {}) {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/product-categories',
    as,
    payload: { name: unique('类别'), ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create category failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; name: string; version: number }>();
}

/** A product (in a new category unless one is given). */
export async function createProduct(h: Harness, as: Session, body: Record<string, unknown> = {}) {
  const categoryId = body.categoryId ?? (await createCategory(h, as)).id;
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/products',
    as,
    payload: { code: unique('P'), name: unique('产品'), unit: '件', ...body, categoryId },
  });
  if (res.statusCode !== 201) throw new Error(`create product failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; code: string; name: string; version: number; category: { id: string } }>();
}

export interface OrderJson {
  id: string;
  version: number;
  customer: { id: string; name: string };
  product: { id: string; code: string };
  orderedOn: string;
  quantity: number;
  amountFen: number;
  channel: string;
  externalRef: string | null;
}

export async function createOrder(h: Harness, as: Session, body: Record<string, unknown>) {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/orders',
    as,
    payload: { orderedOn: '2026-11-01', quantity: 1, amountFen: 10000, ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create order failed: ${res.statusCode} ${res.body}`);
  return res.json<OrderJson>();
}
