import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, creditCode } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import {
  csvBytes,
  importFile,
  type JobView,
  multipart,
  upload,
  waitForImport,
  xlsxBytes,
} from './import/test-files';

let h: Harness;
let dataDir: string;
let admin: Session;
let am: Session;
let am2: Session;
let manager: Session;
let finance: Session;
let sales: string;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'weixi-import-'));
  h = await createHarness({ DATA_DIR: dataDir });
  admin = await h.signIn('admin');
  sales = await h.makeDepartment('销售部-导入');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  finance = await h.signIn('finance');
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// The live heap after a full collection: garbage awaiting collection says nothing about what is held.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;
function liveHeap(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

const header = [
  '客户名称',
  '统一社会信用代码',
  '电话',
  '省份',
  '城市',
  '区县',
  '客户分级',
  '客户分类',
  '标签',
  '成立日期',
];

/**
 * 200,000 rows that repeat an archive customer's credit code except every 1,000th, which is new;
 * the last has an impossible date. Latin names, so the test measures streaming rather than pinyin.
 */
function bulkCsv(existingCode: string): Buffer {
  const lines = ['客户名称,统一社会信用代码,电话,成立日期'];
  for (let i = 1; i <= 200_000; i++) {
    const code = i % 1000 === 0 ? '' : existingCode;
    lines.push(`Bulk ${i} Co,${code},139${String(i).padStart(8, '0')},${i === 200_000 ? '2026-02-30' : ''}`);
  }
  return Buffer.from(lines.join('\r\n'));
}

/** Customers with these names, in the order the names are given (not the database's collation). */
async function customersNamed(names: string[]) {
  const rows = await h.database.db
    .selectFrom('customer')
    .selectAll()
    .select(sql<string[]>`tsvector_to_array(search)`.as('search_lexemes'))
    .where('name', 'in', names)
    .execute();
  return names.flatMap((n) => rows.filter((r) => r.name === n));
}

function problem(res: {
  statusCode: number;
  json: () => { code: string; errors?: { path: string; code: string; message: string }[] };
}) {
  const body = res.json();
  return { status: res.statusCode, code: body.code, issue: body.errors?.[0] };
}

describe('POST /api/v1/customer-imports (upload)', () => {
  it('401 anonymous, 403 for roles that may not import, 415 without multipart, 400 without a file part', async () => {
    const file = csvBytes([header, ['匿名导入公司']]);
    expect((await upload(h, undefined, 'a.csv', file)).statusCode).toBe(401);
    expect((await upload(h, finance, 'a.csv', file)).statusCode).toBe(403);
    const json = await h.request({
      method: 'POST',
      url: '/api/v1/customer-imports',
      as: am,
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const wrongPart = multipart('a.csv', file, 'attachment');
    const noFile = await h.request({
      method: 'POST',
      url: '/api/v1/customer-imports',
      as: am,
      headers: wrongPart.headers,
      payload: wrongPart.payload,
    });
    expect(problem(noFile)).toMatchObject({ status: 400, issue: { path: 'file', code: 'required' } });
  });

  it('reads a UTF-8 CSV: headers, preview, suggested mapping, target fields; keeps the file under DATA_DIR/imports', async () => {
    const res = await upload(
      h,
      am,
      '客户名单.csv',
      csvBytes([
        header,
        [
          '宁波怡信电子科技有限公司',
          '',
          '0574-88880001',
          '浙江省',
          '宁波市',
          '鄞州区',
          'A',
          '重点',
          '出口，重点',
          '2008/5/20',
        ],
      ]),
    );
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      fileName: '客户名单.csv',
      format: 'csv',
      encoding: 'utf-8',
      headers: header,
      preview: [
        [
          '宁波怡信电子科技有限公司',
          '',
          '0574-88880001',
          '浙江省',
          '宁波市',
          '鄞州区',
          'A',
          '重点',
          '出口，重点',
          '2008/5/20',
        ],
      ],
      suggestedMapping: {
        0: 'name',
        1: 'creditCode',
        2: 'phone',
        3: 'province',
        4: 'city',
        5: 'district',
        6: 'grade',
        7: 'category',
        8: 'tags',
        9: 'foundedOn',
      },
      totalRows: 1,
      version: 1,
    });
    expect(body.fields.find((f: { key: string }) => f.key === 'name')).toMatchObject({
      required: true,
      labelZh: '客户名称',
    });
    expect(existsSync(path.join(dataDir, 'imports', body.id))).toBe(true);
  });

  it('detects GB18030 (as Chinese Excel saves CSV) and UTF-8 with a BOM, and reads the Chinese correctly', async () => {
    const rows = [
      ['客户名称', '电话', '城市'],
      ['杭州鑫源贸易有限公司', '0571-1234567', '杭州市'],
    ];
    const gb = await upload(h, am, 'gbk.csv', csvBytes(rows, 'gb18030'));
    expect(gb.json()).toMatchObject({ encoding: 'gb18030', headers: rows[0], preview: [rows[1]] });
    const bom = await upload(h, am, 'bom.csv', csvBytes(rows, 'utf-8-bom'));
    expect(bom.json()).toMatchObject({ encoding: 'utf-8-bom', headers: rows[0], preview: [rows[1]] });
  });

  it('refuses text that is neither UTF-8 nor GB18030, naming the line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('客户名称,电话\r\n宁波一号,1\r\n', 'utf8'),
      Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2c, 0xff, 0x0d, 0x0a]),
    ]);
    const res = await upload(h, am, 'latin.csv', bytes);
    expect(problem(res)).toMatchObject({
      status: 422,
      code: 'unknown_encoding',
      issue: { path: 'file', code: 'unknown_encoding' },
    });
    expect(res.json().errors[0].message).toContain('第 3 行');
  });

  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'PDF'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'PNG'],
    ['old .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), '.xls'],
    ['binary', Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), '二进制'],
    [
      'HTML saved as .xls',
      Buffer.from('<html><body><table><tr><td>客户</td></tr></table></body></html>'),
      'HTML',
    ],
  ])('refuses a %s file with not_a_spreadsheet, saying what it is', async (_kind, bytes, found) => {
    const res = await upload(h, am, 'customers.xls', bytes);
    expect(problem(res)).toMatchObject({
      status: 415,
      code: 'not_a_spreadsheet',
      issue: { path: 'file', code: 'not_a_spreadsheet' },
    });
    expect(res.json().errors[0].message).toContain(found);
  });

  it('refuses a ZIP that is not a workbook (a .docx) and a damaged xlsx', async () => {
    const xlsx = await xlsxBytes([['客户名称'], ['甲公司']]);
    // Same container, renamed parts: what a Word document looks like from the outside.
    const docx = Buffer.from(
      xlsx.toString('latin1').replaceAll('xl/workbook.xml', 'wo/document.xml'),
      'latin1',
    );
    expect(problem(await upload(h, am, 'a.docx', docx))).toMatchObject({
      status: 415,
      code: 'not_a_spreadsheet',
      issue: { code: 'not_a_spreadsheet' },
    });
    const cut = await upload(h, am, 'cut.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)));
    expect(problem(cut)).toMatchObject({
      status: 422,
      code: 'unreadable_file',
      issue: { code: 'unreadable_file' },
    });
  });

  it('refuses empty files: no bytes, only blank lines, a workbook without rows', async () => {
    const empty = { status: 422, code: 'empty_file', issue: { path: 'file', code: 'empty_file' } };
    expect(problem(await upload(h, am, 'empty.csv', Buffer.alloc(0)))).toMatchObject(empty);
    expect(problem(await upload(h, am, 'blank.csv', Buffer.from('\r\n \r\n\r\n')))).toMatchObject(empty);
    expect(problem(await upload(h, am, 'blank.xlsx', await xlsxBytes([])))).toMatchObject(empty);
  });

  it('refuses header problems, naming the columns or cells', async () => {
    const noHeader = await upload(
      h,
      am,
      'a.csv',
      csvBytes([
        ['宁波怡信', '13800001234'],
        ['杭州鑫源', '13900001234'],
      ]),
    );
    expect(problem(noHeader)).toMatchObject({
      status: 422,
      code: 'no_header_row',
      issue: { path: 'file', code: 'no_header_row' },
    });
    expect(noHeader.json().errors[0].message).toContain('B1');

    const blankFirst = await upload(h, am, 'a.xlsx', await xlsxBytes([[], ['客户名称'], ['甲公司']]));
    expect(problem(blankFirst)).toMatchObject({ code: 'no_header_row', issue: { code: 'no_header_row' } });

    const blank = await upload(
      h,
      am,
      'a.csv',
      csvBytes([
        ['客户名称', '', '电话'],
        ['甲公司', '备注', '1'],
      ]),
    );
    expect(problem(blank)).toMatchObject({
      status: 422,
      code: 'blank_header',
      issue: { code: 'blank_header' },
    });
    expect(blank.json().errors[0].message).toContain('B');

    const dup = await upload(
      h,
      am,
      'a.csv',
      csvBytes([
        ['客户名称', '电话', '电话'],
        ['甲公司', '1', '2'],
      ]),
    );
    expect(problem(dup)).toMatchObject({
      status: 422,
      code: 'duplicate_header',
      issue: { code: 'duplicate_header' },
    });
    expect(dup.json().errors[0].message).toContain('B、C');

    const merged = await upload(
      h,
      am,
      'merged.xlsx',
      await xlsxBytes(
        [
          ['客户信息表', null, null],
          ['客户名称', '电话', '城市'],
          ['甲公司', '1', '宁波'],
        ],
        (ws) => ws.mergeCells('A1:C1'),
      ),
    );
    expect(problem(merged)).toMatchObject({
      status: 422,
      code: 'merged_header',
      issue: { path: 'file', code: 'merged_header' },
    });
    expect(merged.json().errors[0].message).toContain('A1:C1');
  });

  it('413 for a file above the size limit (an administrator setting); nothing is kept', async () => {
    await h.database.db
      .insertInto('setting')
      .values({ key: 'customerImport', value: JSON.stringify({ maxFileMb: 0.001 }), updated_by: null })
      .execute();
    try {
      const before = readdirSync(path.join(dataDir, 'imports')).length;
      const big = csvBytes([
        ['客户名称'],
        ...Array.from({ length: 200 }, (_, i) => [`超限客户${i}有限公司`]),
      ]);
      const res = await upload(h, am, 'big.csv', big);
      expect(problem(res)).toMatchObject({
        status: 413,
        code: 'file_too_large',
        issue: { path: 'file', code: 'file_too_large' },
      });
      expect(readdirSync(path.join(dataDir, 'imports')).length).toBe(before);
      const list = await h.request({ method: 'GET', url: '/api/v1/customer-imports', as: am });
      expect(list.json().maxFileBytes).toBe(1049);
    } finally {
      await h.database.db.deleteFrom('setting').where('key', '=', 'customerImport').execute();
    }
  });

  it('Idempotency-Key: the same file again answers with the first upload; other bytes are refused', async () => {
    const send = (fileName: string, content: Buffer, key: string | null, as = am) => {
      const body = multipart(fileName, content);
      return h.request({
        method: 'POST',
        url: '/api/v1/customer-imports',
        as,
        headers: { ...body.headers, ...(key ? { 'idempotency-key': key } : {}) },
        payload: body.payload,
      });
    };
    const file = csvBytes([
      ['客户名称', '电话'],
      ['幂等上传有限公司', '0574-1'],
    ]);
    const stored = () => readdirSync(path.join(dataDir, 'imports')).length;
    const jobs = async () =>
      (await h.database.db.selectFrom('customer_import').select('id').execute()).map((r) => r.id);
    const before = { files: stored(), jobs: (await jobs()).length };

    const first = await send('幂等.csv', file, 'upload-key-0001');
    expect(first.statusCode).toBe(201);
    const again = await send('幂等.csv', file, 'upload-key-0001');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(stored()).toBe(before.files + 1);
    expect((await jobs()).length).toBe(before.jobs + 1);

    // The key's request hash covers the file's bytes and name, not only the URL.
    const edited = csvBytes([
      ['客户名称', '电话'],
      ['幂等上传有限公司', '0574-2'],
    ]);
    const otherBytes = await send('幂等.csv', edited, 'upload-key-0001');
    expect(otherBytes.statusCode).toBe(422);
    expect(otherBytes.json().code).toBe('idempotency_key_reused');
    expect((await send('改名.csv', file, 'upload-key-0001')).statusCode).toBe(422);
    expect(stored()).toBe(before.files + 1);

    // Keys are per user; a refused file releases its key for the corrected one; no key, no replay.
    expect((await send('幂等.csv', file, 'upload-key-0001', am2)).json().id).not.toBe(first.json().id);
    expect((await send('bad.csv', Buffer.alloc(0), 'upload-key-0002')).statusCode).toBe(422);
    expect((await send('bad.csv', file, 'upload-key-0002')).statusCode).toBe(201);
    const plain = [await send('幂等.csv', file, null), await send('幂等.csv', file, null)];
    expect(plain[0]!.json().id).not.toBe(plain[1]!.json().id);
    expect((await send('幂等.csv', file, 'bad key!')).statusCode).toBe(400);
  });
});

describe('running an import', () => {
  it('imports valid rows, rejects each bad one with row, column and reason, and loses nothing valid', async () => {
    const good = creditCode();
    const rows = [
      header,
      [
        '宁波怡信电子科技有限公司',
        good,
        '0574-8888 0001',
        '浙江省',
        '宁波市',
        '鄞州区',
        'A',
        '重点',
        '出口，重点、华东',
        '2008年5月20日',
      ],
      ['坏信用代码公司', '91350100M000100Y44', '', '', '', '', '', '', '', ''],
      ['杭州鑫源贸易有限公司', '', '0571-1234567', '浙江', '杭州', '', 'b', '普通客户', '', '2015/3/1'],
      ['不可能日期公司', '', '', '', '', '', '', '', '', '2026-02-30'],
      ['未知地区公司', '', '', '火星省', '', '', '', '', '', ''],
      ['公'.repeat(201), '', '', '', '', '', '', '', '', ''],
      ['', '', '13800000000', '', '', '', '', '', '', ''],
      ['未知分级公司', '', '', '', '', '', 'E', '', '', ''],
      ['苏州工业园区客户有限公司', '', '', '江苏省', '苏州市', '', '', 'Potential', '', ''],
    ];
    const job = await importFile(h, am, '客户.csv', csvBytes(rows));
    expect(job).toMatchObject({
      status: 'done',
      totalRows: 9,
      processed: 9,
      created: 3,
      rejected: 6,
      skipped: 0,
    });
    expect(job.rejections.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, '统一社会信用代码', 'credit_code_checksum'],
      [5, '成立日期', 'impossible_date'],
      [6, '省份', 'region_unknown'],
      [7, '客户名称', 'too_long'],
      [8, '客户名称', 'required'],
      [9, '客户分级', 'invalid_option'],
    ]);
    expect(job.rejections[0]!.message).toContain('91350100M000100Y44');
    expect(job.rejections[5]!.message).toContain('E');

    const [nb, hz, sz] = await customersNamed([
      '宁波怡信电子科技有限公司',
      '杭州鑫源贸易有限公司',
      '苏州工业园区客户有限公司',
    ]);
    expect(nb).toMatchObject({
      credit_code: good,
      province_code: '33',
      city_code: '3302',
      district_code: '330212',
      grade: 'A',
      category: 'key',
      tags: ['出口', '重点', '华东'],
      founded_on: '2008-05-20',
      owner_id: am.userId,
      created_by: am.userId,
    });
    // Search lexemes exactly as create computes them: pinyin initials find it.
    expect(nb!.search_lexemes).toEqual(
      expect.arrayContaining(['宁波', 'ningboyixindianzikejiyouxiangongsi']),
    );
    expect(nb!.phone_keys).toEqual(['057488880001']);
    expect(hz).toMatchObject({
      province_code: '33',
      city_code: '3301',
      grade: 'B',
      category: 'normal',
      founded_on: '2015-03-01',
    });
    expect(sz).toMatchObject({ province_code: '32', city_code: '3205', category: 'potential' });
    const search = await h.request({ method: 'GET', url: '/api/v1/customers?q=nbyx', as: am });
    expect(search.json().items.map((c: { name: string }) => c.name)).toContain('宁波怡信电子科技有限公司');

    // One audit entry per batch, listing the created ids; not one per row.
    const audit = await h.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'customer.import_batch')
      .where('entity_id', '=', job.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect((audit[0]!.after as { created: string[] }).created.sort()).toEqual(
      [hz!.id, nb!.id, sz!.id].sort(),
    );
  });

  it('reads xlsx cells by type: date cells, numbers as phones, cached formula results; refuses formulas without a value and error cells', async () => {
    const file = await xlsxBytes(
      [
        ['客户名称', '电话', '成立日期', '签约日期', '行业'],
        ['表格日期公司', 13800001111, new Date(Date.UTC(2019, 4, 6)), 45000, '制造'],
        [
          '公式结果公司',
          { formula: '13800002222+0', result: 13800002222 },
          '2020/1/2',
          null,
          { formula: '"批"&"发"', result: '批发' },
        ],
        ['无缓存公式公司', { formula: '1+1' }, null, null, null],
        ['错误单元格公司', { error: '#N/A' }, null, null, null],
        ['=危险文本公司', '+86 138 0000 3333', null, null, '@SUM(A1)'],
      ],
      (ws) => {
        ws.getCell('C2').numFmt = 'yyyy-mm-dd';
      },
    );
    const job = await importFile(h, am, '类型.xlsx', file);
    expect(job).toMatchObject({ status: 'done', created: 3, rejected: 2 });
    expect(job.rejections).toEqual([
      expect.objectContaining({ row: 4, column: '电话', code: 'formula_without_value' }),
      expect.objectContaining({ row: 5, column: '电话', code: 'cell_error' }),
    ]);
    expect(job.rejections[0]!.message).toContain('B4');
    expect(job.rejections[0]!.message).toContain('=1+1');
    const rows = await customersNamed(['表格日期公司', '公式结果公司', '=危险文本公司']);
    expect(rows.map((r) => [r.name, r.phone, r.founded_on, r.signed_on, r.industry])).toEqual([
      ['表格日期公司', '13800001111', '2019-05-06', '2023-03-15', '制造'],
      ['公式结果公司', '13800002222', '2020-01-02', null, '批发'],
      ['=危险文本公司', '+86 138 0000 3333', null, null, '@SUM(A1)'],
    ]);
  });

  it('a 200,000-row file is accepted and streamed to the end, with row numbers as Excel shows them', async () => {
    const existing = creditCode();
    await createCustomer(h, am, { name: '已在档案中的大客户', creditCode: existing });
    const file = bulkCsv(existing);
    const up = await upload(h, am, '200k.csv', file);
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ totalRows: 200_000, preview: expect.any(Array) });
    expect(up.json().preview).toHaveLength(20);
    const heapBefore = liveHeap();
    let heapPeak = heapBefore;
    let samples = 0;
    const start = await h.request({
      method: 'POST',
      url: `/api/v1/customer-imports/${up.json().id}/start`,
      as: am,
      payload: { mapping: up.json().suggestedMapping, duplicatePolicy: 'skip', version: 1 },
    });
    expect(start.statusCode).toBe(202);
    let job: JobView;
    for (;;) {
      job = (
        await h.request({ method: 'GET', url: `/api/v1/customer-imports/${up.json().id}`, as: am })
      ).json();
      if (samples++ % 10 === 5) heapPeak = Math.max(heapPeak, liveHeap());
      if (job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job).toMatchObject({
      status: 'done',
      totalRows: 200_000,
      processed: 200_000,
      created: 199,
      skipped: 199_800,
      rejected: 1,
    });
    expect(job.rejections).toEqual([
      expect.objectContaining({ row: 200_001, column: '成立日期', code: 'impossible_date' }),
    ]);
    // Streamed: the live heap never holds the file's rows (200,000 checked rows take several hundred
    // MB); what it does hold is one batch and the keys of earlier rows for the in-file duplicate check.
    expect(heapPeak - heapBefore).toBeLessThan(100 * 1024 * 1024);
  }, 300_000);

  it('checks duplicates against the archive and earlier rows: skip, update (one match in scope only), create anyway', async () => {
    const codeA = creditCode();
    const mine = await createCustomer(h, am, {
      name: '查重甲有限公司',
      creditCode: codeA,
      phone: '0574-55550001',
      grade: 'C',
    });
    const other = await createCustomer(h, am2, { name: '别人的查重乙有限公司', phone: '0574-55550002' });
    await createCustomer(h, am, { name: '重名丙有限公司' });
    await createCustomer(h, am, { name: '重名丙', phone: '0574-55550003' });
    const rows = [
      ['客户名称', '统一社会信用代码', '电话', '客户分级', '行业'],
      ['查重甲', codeA, '', 'A', '新行业'],
      ['别人的查重乙有限公司', '', '', '', ''],
      ['重名丙股份有限公司', '', '0574-55550003', '', ''],
      ['全新丁有限公司', '', '0574-55550004', '', ''],
      ['全新丁(中国)有限公司', '', '', '', ''],
    ];
    const skip = await importFile(h, am, 'dup.csv', csvBytes(rows), { policy: 'skip' });
    expect(skip).toMatchObject({ status: 'done', skipped: 3, created: 1, rejected: 1 });
    expect(skip.rejections).toEqual([
      expect.objectContaining({ row: 6, column: '客户名称', code: 'duplicate_in_file' }),
    ]);
    expect(skip.rejections[0]!.message).toContain('第 5 行');

    const update = await importFile(h, am, 'dup.csv', csvBytes(rows.slice(0, 4)), { policy: 'update' });
    expect(update).toMatchObject({ status: 'done', updated: 1, rejected: 2 });
    expect(update.rejections.map((r) => [r.row, r.code])).toEqual([
      [3, 'duplicate_out_of_scope'],
      [4, 'duplicate_ambiguous'],
    ]);
    const [a] = await customersNamed(['查重甲有限公司']);
    expect(a).toMatchObject({
      grade: 'A',
      industry: '新行业',
      phone: '0574-55550001',
      version: mine.version + 1,
    });
    const [b] = await customersNamed(['别人的查重乙有限公司']);
    expect(b!.version).toBe(other.version);

    const create = await importFile(h, am, 'dup.csv', csvBytes(rows.slice(0, 3)), { policy: 'create' });
    expect(create).toMatchObject({ status: 'done', created: 2 });
    expect(await customersNamed(['查重甲'])).toHaveLength(1);
  });

  it('reports a repeat of an earlier row as a duplicate in the file, whichever batch each row is in', async () => {
    // Rows are written 500 to a batch; a repeat of a row an earlier batch created used to read as
    // "already in the archive" (skipped or updated), a repeat within one batch as "duplicate in file".
    for (const policy of ['skip', 'update'] as const) {
      const tag = `跨批${policy}`;
      const rows = [['客户名称', '电话']];
      for (let i = 0; i < 1_100; i++) rows.push([`${tag}${i}号有限公司`, '']);
      rows.push([`${tag}0号有限公司`, '']); // row 1,102 repeats row 2 (first batch)
      rows.push([`${tag}600号`, '']); // row 1,103 repeats row 602 (second batch) by normalised name
      rows.push([`${tag}1099号有限公司`, '']); // row 1,104 repeats row 1,101 (its own batch)
      const job = await importFile(h, am, `${tag}.csv`, csvBytes(rows), { policy });
      expect(job).toMatchObject({ status: 'done', created: 1_100, skipped: 0, updated: 0, rejected: 3 });
      expect(job.rejections.map((r) => [r.row, r.code, r.message.match(/第 (\d+) 行/)?.[1]])).toEqual([
        [1_102, 'duplicate_in_file', '2'],
        [1_103, 'duplicate_in_file', '602'],
        [1_104, 'duplicate_in_file', '1101'],
      ]);
    }
  }, 60_000);

  it('matches the 客户经理 column by name or e-mail; only managers may give rows to others', async () => {
    const colleague = await h.makeUser({ role: 'account_manager', departmentId: sales, name: '王芳导入' });
    const rows = [
      ['客户名称', '客户经理'],
      ['经理按姓名公司', '王芳导入'],
      ['经理按邮箱公司', colleague.email.toUpperCase()],
      ['经理不存在公司', '查无此人'],
      ['经理留空公司', ''],
    ];
    const byAm = await importFile(h, am, 'owner.csv', csvBytes(rows));
    expect(byAm.rejections.map((r) => [r.row, r.column, r.code])).toEqual([
      [2, '客户经理', 'owner_forbidden'],
      [3, '客户经理', 'owner_forbidden'],
      [4, '客户经理', 'owner_unknown'],
    ]);
    expect((await customersNamed(['经理留空公司']))[0]!.owner_id).toBe(am.userId);

    const byManager = await importFile(h, manager, 'owner.csv', csvBytes(rows.slice(0, 3)), {
      defaultOwnerId: am2.userId,
    });
    expect(byManager).toMatchObject({ created: 2, rejected: 0 });
    const owned = await customersNamed(['经理按姓名公司', '经理按邮箱公司']);
    expect(owned.map((c) => c.owner_id)).toEqual([colleague.id, colleague.id]);
  });

  it('reads custom fields by their labels and types, and rejects values the type cannot hold', async () => {
    for (const payload of [
      {
        key: 'import_level',
        labelZh: '渠道级别',
        labelEn: 'Channel level',
        type: 'single_select',
        options: [{ value: 'gold', labelZh: '金牌', labelEn: 'Gold' }],
      },
      { key: 'import_staff', labelZh: '员工数', labelEn: 'Staff', type: 'number' },
    ]) {
      expect(
        (await h.request({ method: 'POST', url: '/api/v1/custom-fields', as: admin, payload })).statusCode,
      ).toBe(201);
    }
    const job = await importFile(
      h,
      am,
      'custom.csv',
      csvBytes([
        ['客户名称', '渠道级别', '员工数'],
        ['自定义导入甲', '金牌', '1,200'],
        ['自定义导入乙', '银牌', '很多'],
      ]),
    );
    expect(job.rejections.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, '渠道级别', 'custom_invalid'],
      [3, '员工数', 'custom_invalid'],
    ]);
    const [c] = await customersNamed(['自定义导入甲']);
    expect(c!.custom).toEqual({ import_level: 'gold', import_staff: 1200 });
  });
});

describe('POST /api/v1/customer-imports/:id/start', () => {
  async function uploaded(as: Session) {
    return (
      await upload(
        h,
        as,
        'start.csv',
        csvBytes([
          ['客户名称', '电话', '备注列'],
          ['启动测试公司', '1', 'x'],
        ]),
      )
    ).json<{
      id: string;
      version: number;
    }>();
  }

  it('401, 400 naming the mapping, 404 for another user, 409 when stale or already started; admin may start it', async () => {
    const job = await uploaded(am);
    const url = `/api/v1/customer-imports/${job.id}/start`;
    const body = { mapping: { 0: 'name' }, duplicatePolicy: 'skip', version: job.version };
    expect((await h.request({ method: 'POST', url, payload: body })).statusCode).toBe(401);

    const noName = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, mapping: { 1: 'phone' } },
    });
    expect(problem(noName)).toMatchObject({ status: 400, issue: { path: 'mapping', code: 'name_required' } });
    const twice = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, mapping: { 0: 'name', 1: 'name' } },
    });
    expect(problem(twice)).toMatchObject({ status: 400, issue: { path: 'mapping.1', code: 'mapped_twice' } });
    const badColumn = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, mapping: { 0: 'name', 9: 'phone' } },
    });
    expect(problem(badColumn)).toMatchObject({
      status: 400,
      issue: { path: 'mapping.9', code: 'unknown_column' },
    });
    const badField = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, mapping: { 0: 'nombre' } },
    });
    expect(problem(badField)).toMatchObject({ status: 400, issue: { path: 'mapping.0' } });
    const badPolicy = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, duplicatePolicy: 'merge' },
    });
    expect(problem(badPolicy)).toMatchObject({ status: 400, issue: { path: 'duplicatePolicy' } });
    const otherOwner = await h.request({
      method: 'POST',
      url,
      as: am,
      payload: { ...body, defaultOwnerId: am2.userId },
    });
    expect(otherOwner.statusCode).toBe(403);

    expect((await h.request({ method: 'POST', url, as: am2, payload: body })).statusCode).toBe(404);
    expect(
      (await h.request({ method: 'POST', url, as: am, payload: { ...body, version: 7 } })).statusCode,
    ).toBe(409);
    const row = await h.database.db
      .selectFrom('customer_import')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('uploaded');

    const started = await h.request({ method: 'POST', url, as: admin, payload: body });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({
      id: job.id,
      status: 'running',
      mapping: { 0: 'name' },
      duplicatePolicy: 'skip',
    });
    expect(
      (await h.request({ method: 'POST', url, as: admin, payload: { ...body, version: 2 } })).statusCode,
    ).toBe(409);
    await waitForImport(h, admin, job.id);
  });
});

describe('reading imports', () => {
  it('GET one: 401, 404 for other users, the job with progress for its uploader and administrators', async () => {
    const job = await importFile(
      h,
      am,
      'read.csv',
      csvBytes([
        ['客户名称', '成立日期'],
        ['读取测试公司', '2026-13-01'],
      ]),
    );
    const url = `/api/v1/customer-imports/${job.id}`;
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url, as: am2 })).statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url, as: manager })).statusCode).toBe(404);
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/customer-imports/not-a-uuid', as: am })).statusCode,
    ).toBe(400);
    const mine = await h.request({ method: 'GET', url, as: am });
    expect(mine.json()).toMatchObject({
      status: 'done',
      processed: 1,
      rejected: 1,
      rejections: [{ row: 2, column: '成立日期', code: 'impossible_date' }],
    });
    expect(mine.json()).not.toHaveProperty('filePath');
    expect((await h.request({ method: 'GET', url, as: admin })).statusCode).toBe(200);
  });

  it('rejections.csv: every rejected row with number, column and reason, then its cells; UTF-8 with BOM', async () => {
    const job = await importFile(
      h,
      am,
      '修正.csv',
      csvBytes([
        ['客户名称', '统一社会信用代码', '成立日期'],
        ['好公司甲', '', ''],
        ['坏公司乙', '123', '2026-02-30'],
        ['=坏公司丙', '', '明天'],
      ]),
    );
    const url = `/api/v1/customer-imports/${job.id}/rejections.csv`;
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url, as: am2 })).statusCode).toBe(404);
    const res = await h.request({ method: 'GET', url, as: am });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('修正-未导入的行.csv')}`,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('行号,列,原因,客户名称,统一社会信用代码,成立日期');
    expect(lines[1]).toMatch(
      /^3,统一社会信用代码；成立日期,统一社会信用代码: .*；成立日期: .*,坏公司乙,123,2026-02-30$/,
    );
    // Formula-looking text is neutralised for Excel and re-imports as it was.
    expect(lines[2]).toMatch(/^4,成立日期,.*,'=坏公司丙,,明天$/);
    expect(lines).toHaveLength(3);

    // The file imports again as it is: the extra columns are not mapped, the rows are read.
    const again = await upload(h, am, 'again.csv', res.rawPayload);
    expect(again.json().suggestedMapping).toEqual({
      0: null,
      1: null,
      2: null,
      3: 'name',
      4: 'creditCode',
      5: 'foundedOn',
    });
    expect(again.json().preview[1][3]).toBe('=坏公司丙');
  });

  it('GET list: 401, only my imports, newest first, keyset pages', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/customer-imports' })).statusCode).toBe(401);
    const me = await h.signIn('account_manager', sales);
    const ids: string[] = [];
    for (const n of [1, 2, 3])
      ids.push((await upload(h, me, `list${n}.csv`, csvBytes([['客户名称'], [`列表${n}`]]))).json().id);
    const first = await h.request({ method: 'GET', url: '/api/v1/customer-imports?limit=2', as: me });
    expect(first.json()).toMatchObject({ total: 3, maxFileBytes: 50 * 1024 * 1024 });
    expect(first.json().items.map((i: { id: string }) => i.id)).toEqual([ids[2], ids[1]]);
    const second = await h.request({
      method: 'GET',
      url: `/api/v1/customer-imports?limit=2&cursor=${first.json().nextCursor}`,
      as: me,
    });
    expect(second.json().items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/customer-imports?cursor=bogus!', as: me })).statusCode,
    ).toBe(400);
  });

  it('a file that turns out damaged while importing fails the job with a clear message', async () => {
    const good = await xlsxBytes([['客户名称'], ['损坏测试甲'], ['损坏测试乙']]);
    const up = (await upload(h, am, 'damaged.xlsx', good)).json();
    // The stored upload is damaged between upload and start (disk error, truncated copy).
    writeFileSync(path.join(dataDir, 'imports', up.id), good.subarray(0, good.length - 200));
    const start = await h.request({
      method: 'POST',
      url: `/api/v1/customer-imports/${up.id}/start`,
      as: am,
      payload: { mapping: { 0: 'name' }, duplicatePolicy: 'skip', version: up.version },
    });
    expect(start.statusCode).toBe(202);
    const job = await waitForImport(h, am, up.id);
    expect(job).toMatchObject({ status: 'failed', created: 0 });
    expect(job.error).toMatch(/^读到第 \d+ 行后停止：/);
  });

  it('a running job whose heartbeat stopped reads as interrupted', async () => {
    const job = (await upload(h, am, 'crash.csv', csvBytes([['客户名称'], ['中断测试公司']]))).json();
    const twoMinutesAgo = new Date(h.clock.now().getTime() - 120_000);
    await h.database.db
      .updateTable('customer_import')
      .set({
        status: 'running',
        started_at: twoMinutesAgo,
        heartbeat_at: twoMinutesAgo,
        processed: 500,
        created: 500,
      })
      .where('id', '=', job.id)
      .execute();
    const res = await h.request({ method: 'GET', url: `/api/v1/customer-imports/${job.id}`, as: am });
    expect(res.json()).toMatchObject({ status: 'interrupted', processed: 500, created: 500 });
    expect(res.json().error).toBeTruthy();
  });
});

describe('encodings end to end', () => {
  it('imports a GB18030 file with the Chinese intact', async () => {
    const text = '客户名称,城市,标签\r\n温州瓯海眼镜有限公司,温州市,"眼镜，出口"\r\n';
    const job = await importFile(h, am, 'gb.csv', iconv.encode(text, 'gb18030'));
    expect(job).toMatchObject({ status: 'done', created: 1 });
    const [c] = await customersNamed(['温州瓯海眼镜有限公司']);
    expect(c).toMatchObject({ province_code: '33', city_code: '3303', tags: ['眼镜', '出口'] });
  });
});
