import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, creditCode } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { createCategory, createOrder, createProduct } from '../../testing/orders';
import { csvBytes, multipart, xlsxBytes } from '../customers/import/test-files';

let h: Harness;
let admin: Session;
let finance: Session;
let am: Session;
let am2: Session;
let reception: Session;
const code1 = creditCode();
let c1: { id: string };
let c2: { id: string };
let c3: { id: string };

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  finance = await h.signIn('finance');
  am = await h.signIn('account_manager');
  am2 = await h.signIn('account_manager');
  reception = await h.signIn('reception');
  const cat = await createCategory(h, admin, { name: '导入测试类' });
  await createProduct(h, admin, { categoryId: cat.id, code: 'VLV-01', name: '球阀 DN50' });
  await createProduct(h, admin, { categoryId: cat.id, code: 'VLV-02', name: '蝶阀 DN100' });
  await createProduct(h, admin, { categoryId: cat.id, code: 'SEAL-9', name: '密封圈', active: false });
  await createProduct(h, admin, { categoryId: cat.id, code: 'DUP-A', name: '同名产品' });
  await createProduct(h, admin, { categoryId: cat.id, code: 'DUP-B', name: '同名产品' });
  c1 = await createCustomer(h, am, { name: '宁波甬江阀门有限公司', creditCode: code1 });
  c2 = await createCustomer(h, am, { name: '杭州钱塘流体设备有限公司' });
  c3 = await createCustomer(h, am2, { name: '温州瓯海泵业有限公司' });
  // Two customers whose names normalise alike: a name alone cannot tell them apart.
  await createCustomer(h, am, { name: '绍兴越城机电有限公司' });
  await createCustomer(h, am, { name: '绍兴越城机电股份有限公司' });
});
afterAll(async () => {
  await h.close();
});

interface OrderJobView {
  id: string;
  status: string;
  processed: number;
  created: number;
  alreadyImported: number;
  rejected: number;
  error: string | null;
  rejections: { row: number; column: string | null; code: string; message: string }[];
}

const uploadAs = (as: Session | undefined, fileName: string, content: Buffer) => {
  const body = multipart(fileName, content);
  return h.request({
    method: 'POST',
    url: '/api/v1/order-imports',
    ...(as ? { as } : {}),
    headers: body.headers,
    payload: body.payload,
  });
};

async function waitFor(as: Session, id: string): Promise<OrderJobView> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await h.request({ method: 'GET', url: `/api/v1/order-imports/${id}`, as });
    if (res.statusCode !== 200) throw new Error(`GET import: ${res.statusCode} ${res.body}`);
    const job = res.json<OrderJobView>();
    if (job.status !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`import still running: ${res.body}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

async function importOrders(
  as: Session,
  fileName: string,
  content: Buffer,
  opts: { mapping?: Record<string, string | null>; defaultChannel?: string } = {},
): Promise<OrderJobView> {
  const up = await uploadAs(as, fileName, content);
  if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
  const u = up.json<{ id: string; version: number; suggestedMapping: Record<string, string | null> }>();
  const start = await h.request({
    method: 'POST',
    url: `/api/v1/order-imports/${u.id}/start`,
    as,
    payload: {
      mapping: { ...u.suggestedMapping, ...(opts.mapping ?? {}) },
      version: u.version,
      ...(opts.defaultChannel ? { defaultChannel: opts.defaultChannel } : {}),
    },
  });
  if (start.statusCode !== 202) throw new Error(`start: ${start.statusCode} ${start.body}`);
  return waitFor(as, u.id);
}

const header = [
  '单据编号',
  '行号',
  '单据日期',
  '客户名称',
  '统一社会信用代码',
  '存货编码',
  '存货名称',
  '数量',
  '价税合计',
  '渠道',
  '备注',
];

describe('POST /api/v1/order-imports', () => {
  it('401 anonymous, 403 for reception, 415 without multipart, a 4xx on `file` for a file that is no spreadsheet', async () => {
    const file = csvBytes([
      header,
      ['XS-1', '1', '2026-11-01', '宁波甬江阀门', '', 'VLV-01', '', '1', '10', '', ''],
    ]);
    expect((await uploadAs(undefined, 'a.csv', file)).statusCode).toBe(401);
    expect((await uploadAs(reception, 'a.csv', file)).statusCode).toBe(403);
    const json = await h.request({ method: 'POST', url: '/api/v1/order-imports', as: am, payload: { a: 1 } });
    expect(json.statusCode).toBe(415);
    const pdf = await uploadAs(am, 'a.csv', Buffer.from('%PDF-1.7 not a sheet'));
    // The status is the customer import's (shared inspection) for this code; the field issue is the contract.
    expect(pdf.statusCode).toBeGreaterThanOrEqual(400);
    expect(pdf.statusCode).toBeLessThan(500);
    expect(pdf.json().errors[0]).toMatchObject({ path: 'file', code: 'not_a_spreadsheet' });
    expect(await h.database.db.selectFrom('order_import').select('id').execute()).toHaveLength(0);
  });

  it('reads the header and first rows and suggests the mapping from ERP headers', async () => {
    const res = await uploadAs(
      am,
      '销售明细.csv',
      csvBytes(
        [header, ['XS-1', '1', '2026/11/01', '宁波甬江阀门', '', 'VLV-01', '', '1', '¥10.00', '直销', '']],
        'gb18030',
      ),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fileName: '销售明细.csv',
      format: 'csv',
      encoding: 'gb18030',
      headers: header,
      preview: [['XS-1', '1', '2026/11/01', '宁波甬江阀门', '', 'VLV-01', '', '1', '¥10.00', '直销', '']],
      suggestedMapping: {
        0: 'externalRef',
        1: 'lineNo',
        2: 'orderedOn',
        3: 'customerName',
        4: 'creditCode',
        5: 'productCode',
        6: 'productName',
        7: 'quantity',
        8: 'amount',
        9: 'channel',
        10: 'notes',
      },
      totalRows: 1,
      version: 1,
    });
    expect(res.json().fields.find((f: { key: string }) => f.key === 'amount')).toMatchObject({
      required: true,
    });
  });
});

describe('POST /api/v1/order-imports/:id/start', () => {
  it("401, 404 for someone else's import, 400 for a mapping without amount, customer or product, 409 when started", async () => {
    const up = await uploadAs(
      am,
      'm.csv',
      csvBytes([
        ['日期', '备注', '数量'],
        ['2026-11-01', 'x', '1'],
      ]),
    );
    const { id, version } = up.json();
    const url = `/api/v1/order-imports/${id}/start`;
    const body = { mapping: { 0: 'orderedOn', 1: 'notes', 2: 'quantity' }, version };
    expect((await h.request({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    expect((await h.request({ method: 'POST', url, as: am2, payload: body })).statusCode).toBe(404);
    expect((await h.request({ method: 'POST', url, as: reception, payload: body })).statusCode).toBe(403);
    const bad = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, mapping: { ...body.mapping, 7: 'amount', 0: 'bogus' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('mapping.0');
    const incomplete = await h.request({ method: 'POST', url, as: am, payload: body });
    expect(incomplete.statusCode).toBe(400);
    expect(
      incomplete
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['amount_required', 'customer_required', 'product_required']);
    const job = await h.request({ method: 'GET', url: `/api/v1/order-imports/${id}`, as: am });
    expect(job.json().status).toBe('uploaded');
  });
});

describe('importing orders', () => {
  const rows = [
    header,
    // 2: by credit code, amount with thousands separator, channel label
    ['XS-001', '1', '2026-11-01', '', code1, 'VLV-01', '', '10', '1,234.50', '经销', '首单'],
    // 3: same document, second line; by name with a different legal suffix; product by name
    ['XS-001', '2', '2026/11/02', '杭州钱塘流体设备股份有限公司', '', '', '蝶阀 DN100', '2.5', '¥88', '', ''],
    // 4: 万 as a unit; a retired product is fine for history
    ['XS-002', '1', '2026年10月5日', '宁波甬江阀门', '', 'SEAL-9', '', '100', '1.2万元', '线上', ''],
    // 5: negative amount, zero quantity
    ['XS-003', '1', '2026-11-03', '宁波甬江阀门', '', 'VLV-01', '', '0', '-50', '', ''],
    // 6: unknown customer and unknown product
    ['XS-004', '1', '2026-11-03', '不存在的公司', '', 'NOPE-1', '', '1', '10', '', ''],
    // 7: ambiguous customer name, ambiguous product name
    ['XS-005', '1', '2026-11-03', '绍兴越城机电', '', '', '同名产品', '1', '10', '', ''],
    // 8: another account manager's customer
    ['XS-006', '1', '2026-11-03', '温州瓯海泵业', '', 'VLV-01', '', '1', '10', '', ''],
    // 9: after today; impossible channel
    ['XS-007', '1', '2026-11-26', '宁波甬江阀门', '', 'VLV-01', '', '1', '10', '传真', ''],
    // 10: impossible date, fractions of a fen
    ['XS-008', '1', '2026-02-30', '宁波甬江阀门', '', 'VLV-01', '', '1', '10.005', '', ''],
    // 11: repeats row 2's document line
    ['XS-001', '1', '2026-11-01', '宁波甬江阀门', '', 'VLV-01', '', '1', '10', '', ''],
    // 12: nothing to say who bought
    ['XS-009', '1', '2026-11-03', '', '', 'VLV-01', '', '1', '10', '', ''],
  ];

  it('imports good rows, rejects each bad one naming row, column and value; re-importing adds nothing', async () => {
    const file = csvBytes(rows);
    const job = await importOrders(am, '十一月销售.csv', file);
    expect(job).toMatchObject({
      status: 'done',
      processed: 11,
      created: 3,
      alreadyImported: 0,
      rejected: 8,
      error: null,
    });
    const byRow = new Map<number, string[]>();
    for (const r of job.rejections) byRow.set(r.row, [...(byRow.get(r.row) ?? []), r.code]);
    expect(Object.fromEntries(byRow)).toEqual({
      5: ['negative_amount', 'quantity_not_positive'],
      6: ['customer_not_found', 'product_not_found'],
      7: ['customer_ambiguous', 'product_ambiguous'],
      8: ['customer_out_of_scope'],
      9: ['date_in_future', 'invalid_channel'],
      10: ['impossible_date', 'amount_too_precise'],
      11: ['ref_in_file'],
      12: ['customer_missing'],
    });
    const message = (row: number, code: string) =>
      job.rejections.find((r) => r.row === row && r.code === code)!;
    expect(message(6, 'customer_not_found')).toMatchObject({ column: '客户名称' });
    expect(message(6, 'customer_not_found').message).toContain('不存在的公司');
    expect(message(6, 'product_not_found').message).toContain('NOPE-1');
    expect(message(7, 'customer_ambiguous').message).toContain('2 个客户');
    expect(message(8, 'customer_out_of_scope').message).toContain('温州瓯海泵业');
    expect(message(11, 'ref_in_file').message).toContain('第 2 行');
    expect(message(5, 'negative_amount')).toMatchObject({ column: '价税合计' });

    const orders = await h.database.db
      .selectFrom('customer_order as o')
      .innerJoin('product as p', 'p.id', 'o.product_id')
      .select([
        'o.customer_id',
        'o.external_ref',
        'o.amount_fen',
        'o.quantity',
        'o.channel',
        'o.ordered_on',
        'p.code',
        'o.notes',
      ])
      .where('o.external_ref', 'like', 'XS-%')
      .orderBy('o.external_ref')
      .execute();
    expect(orders).toEqual([
      {
        customer_id: c1.id,
        external_ref: 'XS-001/1',
        amount_fen: '123450',
        quantity: '10.000',
        channel: 'distributor',
        ordered_on: '2026-11-01',
        code: 'VLV-01',
        notes: '首单',
      },
      {
        customer_id: c2.id,
        external_ref: 'XS-001/2',
        amount_fen: '8800',
        quantity: '2.500',
        channel: 'direct',
        ordered_on: '2026-11-02',
        code: 'VLV-02',
        notes: '',
      },
      {
        customer_id: c1.id,
        external_ref: 'XS-002/1',
        amount_fen: '1200000',
        quantity: '100.000',
        channel: 'online',
        ordered_on: '2026-10-05',
        code: 'SEAL-9',
        notes: '',
      },
    ]);

    const again = await importOrders(am, '十一月销售.csv', file);
    expect(again).toMatchObject({ status: 'done', created: 0, alreadyImported: 3, rejected: 8 });
    const after = await h.database.db
      .selectFrom('customer_order')
      .select('id')
      .where('external_ref', 'like', 'XS-%')
      .execute();
    expect(after).toHaveLength(3);

    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', job.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'order_import.upload',
      'order_import.start',
      'order.import_batch',
    ]);
  });

  it('rejections.csv lists every rejected row with its reasons and original cells; only for its owner', async () => {
    const job = await importOrders(am, 'bad.csv', csvBytes([header, rows[5]!, rows[6]!]));
    const url = `/api/v1/order-imports/${job.id}/rejections.csv`;
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url, as: am2 })).statusCode).toBe(404);
    const res = await h.request({ method: 'GET', url, as: am });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('bad-未导入的行.csv'));
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`行号,列,原因,${header.join(',')}`);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2,客户名称；存货编码,/);
    expect(lines[1]).toContain('不存在的公司');
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/order-imports/${job.id}`, as: am2 })).statusCode,
    ).toBe(404);
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/order-imports/${job.id}`, as: admin })).statusCode,
    ).toBe(200);
  });

  it('an order recorded by hand with the same reference counts as already imported', async () => {
    const product = await h.database.db
      .selectFrom('product')
      .select('id')
      .where('code', '=', 'VLV-01')
      .executeTakeFirstOrThrow();
    await createOrder(h, am, {
      customerId: c1.id,
      productId: product.id,
      externalRef: 'HAND-1',
      orderedOn: '2026-11-10',
    });
    const job = await importOrders(
      am,
      'hand.csv',
      csvBytes([
        ['外部单号', '日期', '客户', '产品编码', '数量', '金额'],
        ['HAND-1', '2026-11-10', '宁波甬江阀门', 'VLV-01', '1', '100'],
        ['HAND-2', '2026-11-10', '宁波甬江阀门', 'VLV-01', '1', '100'],
      ]),
    );
    expect(job).toMatchObject({ created: 1, alreadyImported: 1, rejected: 0 });
  });

  it('xlsx: number and date cells; rows without references get fingerprints, so a re-import adds nothing', async () => {
    const file = await xlsxBytes([
      ['下单日期', '客户名称', '产品编码', '数量', '金额'],
      [new Date(Date.UTC(2026, 8, 1)), '杭州钱塘流体设备', 'VLV-02', 3, 1234.5],
      [new Date(Date.UTC(2026, 8, 1)), '杭州钱塘流体设备', 'VLV-02', 3, 1234.5], // the same line twice: two orders
      [46000, '杭州钱塘流体设备', 'vlv-01', 0.5, 0.1 + 0.2], // Excel serial 46000 = 2025-12-09
    ]);
    const first = await importOrders(am, 'erp.xlsx', file, { defaultChannel: 'phone' });
    expect(first).toMatchObject({ status: 'done', created: 3, alreadyImported: 0, rejected: 0 });
    const rowsNow = await h.database.db
      .selectFrom('customer_order')
      .select(['ordered_on', 'amount_fen', 'quantity', 'channel', 'external_ref'])
      .where('customer_id', '=', c2.id)
      .where('channel', '=', 'phone')
      .orderBy('ordered_on')
      .execute();
    expect(rowsNow.map((r) => [r.ordered_on, r.amount_fen, r.quantity])).toEqual([
      ['2025-12-09', '30', '0.500'],
      ['2026-09-01', '123450', '3.000'],
      ['2026-09-01', '123450', '3.000'],
    ]);
    expect(rowsNow.every((r) => r.external_ref?.startsWith('fp:'))).toBe(true);
    const second = await importOrders(am, 'erp.xlsx', file, { defaultChannel: 'phone' });
    expect(second).toMatchObject({ created: 0, alreadyImported: 3 });
  });

  it('finance imports orders for any customer: it reconciles all of them', async () => {
    const job = await importOrders(
      finance,
      'finance.csv',
      csvBytes([
        ['单号', '日期', '客户', '产品编码', '数量', '金额'],
        ['FIN-1', '2026-11-11', '温州瓯海泵业', 'VLV-01', '1', '500'],
      ]),
    );
    expect(job).toMatchObject({ created: 1, rejected: 0 });
    const o = await h.database.db
      .selectFrom('customer_order')
      .select('customer_id')
      .where('external_ref', '=', 'FIN-1')
      .executeTakeFirstOrThrow();
    expect(o.customer_id).toBe(c3.id);
  });
});
