import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { newId } from '@weixi/db';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, creditCode } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { searchDataFor } from './customer-input';
import { insertCustomers } from './customers.repository';
import { importFile } from './import/test-files';

let h: Harness;
let dataDir: string;
let admin: Session;
let am: Session;
let am2: Session;
let manager: Session;
let otherManager: Session;
let finance: Session;
beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'weixi-export-'));
  h = await createHarness({ DATA_DIR: dataDir });
  admin = await h.signIn('admin');
  const sales = await h.makeDepartment('销售部-导出');
  const other = await h.makeDepartment('其他部-导出');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
  finance = await h.signIn('finance');

  await h.request({
    method: 'POST',
    url: '/api/v1/custom-fields',
    as: admin,
    payload: {
      key: 'export_channel',
      labelZh: '渠道级别',
      labelEn: 'Channel level',
      type: 'single_select',
      options: [{ value: 'gold', labelZh: '金牌', labelEn: 'Gold' }],
    },
  });
  await createCustomer(h, am, {
    name: '宁波导出甲有限公司',
    creditCode: creditCode(),
    phone: '13800000001',
    email: 'jia@example.com',
    grade: 'A',
    category: 'key',
    provinceCode: '33',
    cityCode: '3302',
    districtCode: '330203',
    foundedOn: '2008-05-20',
    tags: ['出口', '重点'],
    custom: { export_channel: 'gold' },
  });
  await createCustomer(h, am, { name: '宁波导出乙有限公司', phone: '13800000002', grade: 'B' });
  await createCustomer(h, am, { name: '=导出丙有限公司', phone: '+86 138 0000 0003', grade: 'A' });
  await createCustomer(h, am2, { name: '别部门导出丁有限公司', phone: '13900000004', grade: 'A' });
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const exportUrl = (query: string) => `/api/v1/customers/export?${query}`;

function parseCsv(text: string): string[][] {
  return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
}

async function readXlsx(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.read(Readable.from(buffer));
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('GET /api/v1/customers/export', () => {
  it('401 anonymous, 403 for roles without export, 400 for bad parameters', async () => {
    expect((await h.request({ method: 'GET', url: exportUrl('format=csv') })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: exportUrl('format=csv'), as: finance })).statusCode).toBe(
      403,
    );
    const badFormat = await h.request({ method: 'GET', url: exportUrl('format=pdf'), as: am });
    expect(badFormat.statusCode).toBe(400);
    expect(badFormat.json().errors[0].path).toBe('query.format');
    const badGrade = await h.request({ method: 'GET', url: exportUrl('grade=E'), as: am });
    expect(badGrade.json().errors[0].path).toBe('query.grade.0');
    const badSort = await h.request({ method: 'GET', url: exportUrl('sort=relevance'), as: am });
    expect(badSort.json().errors[0].path).toBe('query.sort');
  });

  it('CSV: UTF-8 with BOM, Chinese headers, only the caller’s scope, plain phones for the owner; audited once', async () => {
    const res = await h.request({ method: 'GET', url: exportUrl('format=csv'), as: am });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="____-2026-11-25.csv"; filename*=UTF-8''${encodeURIComponent('客户档案-2026-11-25.csv')}`,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [head, ...rows] = parseCsv(res.rawPayload.subarray(3).toString('utf8'));
    expect(head!.slice(0, 4)).toEqual(['客户名称', '简称', '客户类型', '统一社会信用代码']);
    expect(head).toContain('渠道级别');
    expect(rows.map((r) => r[0]).sort()).toEqual([
      "'=导出丙有限公司",
      '宁波导出乙有限公司',
      '宁波导出甲有限公司',
    ]);
    const col = (name: string) => head!.indexOf(name);
    const jia = rows.find((r) => r[0] === '宁波导出甲有限公司')!;
    expect(jia[col('电话')]).toBe('13800000001');
    expect(jia[col('省份')]).toBe('浙江省');
    expect(jia[col('区县')]).toBe('海曙区');
    expect(jia[col('客户分类')]).toBe('重点客户');
    expect(jia[col('成立日期')]).toBe('2008-05-20');
    expect(jia[col('标签')]).toBe('出口，重点');
    expect(jia[col('渠道级别')]).toBe('金牌');
    // Text a spreadsheet would run as a formula is neutralised.
    expect(rows.find((r) => r[0] === "'=导出丙有限公司")![col('电话')]).toBe("'+86 138 0000 0003");

    const audit = await h.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'customer.export')
      .where('actor_id', '=', am.userId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ format: 'csv', rows: 3, completed: true });
  });

  it('xlsx: readable back with exceljs; masking as in the list for a manager; department scope', async () => {
    const res = await h.request({ method: 'GET', url: exportUrl('format=xlsx'), as: manager });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const [head, ...rows] = await readXlsx(res.rawPayload);
    expect(head![0]).toBe('客户名称');
    expect(rows.map((r) => r[0]).sort()).toEqual([
      '=导出丙有限公司',
      '宁波导出乙有限公司',
      '宁波导出甲有限公司',
    ]);
    const jia = rows.find((r) => r[0] === '宁波导出甲有限公司')!;
    expect(jia[head!.indexOf('电话')]).toBe('138****0001');
    expect(jia[head!.indexOf('邮箱')]).toBe('j***@example.com');
    expect(jia[head!.indexOf('成立日期')]).toEqual(new Date('2008-05-20T00:00:00Z'));

    const list = await h.request({ method: 'GET', url: '/api/v1/customers?q=宁波导出甲', as: manager });
    expect(list.json().items[0].phone).toBe('138****0001');

    const other = await readXlsx(
      (await h.request({ method: 'GET', url: exportUrl(''), as: otherManager })).rawPayload,
    );
    expect(other.slice(1).map((r) => r[0])).toEqual(['别部门导出丁有限公司']);
  });

  it('honours the list filters and the language; GB18030 on request', async () => {
    const graded = await h.request({ method: 'GET', url: exportUrl('format=csv&grade=A'), as: am });
    const [, ...a] = parseCsv(graded.rawPayload.toString('utf8').slice(1));
    expect(a.map((r) => r[0]).sort()).toEqual(["'=导出丙有限公司", '宁波导出甲有限公司']);

    const searched = await h.request({
      method: 'GET',
      url: exportUrl(`format=csv&q=${encodeURIComponent('导出乙')}`),
      as: am,
    });
    expect(
      parseCsv(searched.rawPayload.toString('utf8').slice(1))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['宁波导出乙有限公司']);

    const custom = await h.request({
      method: 'GET',
      url: exportUrl(`format=csv&custom=${encodeURIComponent('{"export_channel":"gold"}')}`),
      as: am,
    });
    expect(
      parseCsv(custom.rawPayload.toString('utf8').slice(1))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['宁波导出甲有限公司']);

    const en = await h.request({
      method: 'GET',
      url: exportUrl('format=csv&lang=en-US&grade=A&sort=name'),
      as: am,
    });
    expect(en.headers['content-disposition']).toContain('filename="customers-2026-11-25.csv"');
    const [enHead, ...enRows] = parseCsv(en.rawPayload.toString('utf8').slice(1));
    expect(enHead!.slice(0, 3)).toEqual(['Name', 'Short name', 'Kind']);
    expect(enHead).toContain('Channel level');
    const jia = enRows.find((r) => r[0] === '宁波导出甲有限公司')!;
    expect(jia[enHead!.indexOf('Category')]).toBe('Key');
    expect(jia[enHead!.indexOf('Channel level')]).toBe('Gold');

    const gb = await h.request({ method: 'GET', url: exportUrl('format=csv&encoding=gb18030'), as: am });
    expect(gb.headers['content-type']).toBe('text/csv; charset=gb18030');
    expect(gb.rawPayload.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = iconv.decode(gb.rawPayload, 'gb18030');
    expect(text.startsWith('客户名称,简称')).toBe(true);
    expect(text).toContain('宁波导出甲有限公司');
  });

  it('streams every page of a long list (keyset pages of 1,000)', async () => {
    const bulk = await h.signIn('account_manager');
    const now = h.clock.now();
    const rows = Array.from({ length: 2_345 }, (_, i) => {
      const name = `分页导出客户${String(i).padStart(5, '0')}`;
      return {
        id: newId(),
        name,
        owner_id: bulk.userId,
        ...searchDataFor({ name, short_name: '', phone: '', credit_code: null }, []),
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await insertCustomers(h.database.db, rows.slice(i, i + 500), bulk.userId, now);

    const csv = await h.request({ method: 'GET', url: exportUrl('format=csv'), as: bulk });
    const data = parseCsv(csv.rawPayload.toString('utf8').slice(1)).slice(1);
    expect(data).toHaveLength(2_345);
    expect(new Set(data.map((r) => r[0])).size).toBe(2_345);

    const xlsx = await readXlsx(
      (await h.request({ method: 'GET', url: exportUrl('sort=-name'), as: bulk })).rawPayload,
    );
    expect(xlsx).toHaveLength(2_346);
    expect(xlsx[1]![0]).toBe('分页导出客户02344');
    expect(xlsx.at(-1)![0]).toBe('分页导出客户00000');
  });

  it('an exported xlsx imports again unchanged: every row is recognised as already in the archive', async () => {
    const res = await h.request({ method: 'GET', url: exportUrl('format=xlsx'), as: am });
    const job = await importFile(h, am, '客户档案.xlsx', res.rawPayload, { policy: 'skip' });
    expect(job).toMatchObject({ status: 'done', processed: 3, skipped: 3, created: 0, rejected: 0 });
    const again = await importFile(h, am, '客户档案.xlsx', res.rawPayload, { policy: 'update' });
    expect(again).toMatchObject({ status: 'done', updated: 3, rejected: 0 });
    const [jia] = await h.database.db
      .selectFrom('customer')
      .selectAll()
      .where('name', '=', '宁波导出甲有限公司')
      .execute();
    expect(jia).toMatchObject({
      district_code: '330203',
      founded_on: '2008-05-20',
      category: 'key',
      custom: { export_channel: 'gold' },
    });
    expect(jia!.tags).toEqual(['出口', '重点']);
  });
});
