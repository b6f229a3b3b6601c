import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readXlsxRows } from './xlsx';

const dir = mkdtempSync(path.join(os.tmpdir(), 'weixi-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readXlsxRows', () => {
  it('reads workbooks whose workbook.xml comes last (exceljs#3064), every time', async () => {
    // exceljs's writer stores xl/workbook.xml after the sheets; its streaming reader used to fail
    // on such files at random with "Cannot read properties of undefined (reading 'sheets')".
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('客户').addRows([
      ['名称', '电话'],
      ['宁波怡信电子科技有限公司', '0574-87654321'],
    ]);
    wb.addWorksheet('说明').addRow(['第二张表']);
    const file = path.join(dir, 'exported.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    // Timing decides the race: many reads at once, as imports under load do.
    const read = async (sheetNo: string) => {
      const rows = [];
      for await (const row of readXlsxRows(file, sheetNo)) rows.push(row);
      return rows;
    };
    const all = await Promise.all(Array.from({ length: 40 }, (_, i) => read(i % 2 ? '2' : '1')));
    for (const [i, rows] of all.entries()) expect(rows).toHaveLength(i % 2 ? 1 : 2);
    for (let i = 0; i < 10; i++) {
      const rows = [];
      for await (const row of readXlsxRows(file, '1')) rows.push(row);
      expect(rows.map((r) => r.cells.map((c) => (c && 'v' in c ? c.v : null)))).toEqual([
        ['名称', '电话'],
        ['宁波怡信电子科技有限公司', '0574-87654321'],
      ]);
      const second = [];
      for await (const row of readXlsxRows(file, '2')) second.push(row);
      expect(second).toHaveLength(1);
    }
  });

  it('never splits a Chinese character where the unzipped XML is cut into chunks (exceljs#2063)', async () => {
    // exceljs's streaming reader decodes each 16 KiB chunk of unzipped XML on its own, so a
    // three-byte character across a chunk boundary became two U+FFFD (about one row in 2,000 of
    // a real import). Thousands of rows of Chinese text put many characters across boundaries,
    // both in the shared-strings table (Excel's way) and inline in the sheet (other writers').
    const names = Array.from(
      { length: 4000 },
      (_, i) => `宁波${'怡信电子科技'.slice(0, 1 + (i % 6))}第${i}号客户有限公司（华东区）`,
    );
    for (const sharedStrings of [true, false]) {
      const file = path.join(dir, `chinese-${sharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: sharedStrings });
      const ws = wb.addWorksheet('客户');
      ws.addRow(['名称', '地址']).commit();
      for (const n of names) ws.addRow([n, `浙江省宁波市江北区${n}路`]).commit();
      ws.commit();
      await wb.commit();
      const read: string[] = [];
      for await (const row of readXlsxRows(file, '1')) {
        const [name, address] = row.cells.map((c) => (c && 'v' in c ? String(c.v) : ''));
        if (row.number > 1) read.push(name!, address!);
      }
      expect(read.filter((t) => t.includes('\uFFFD'))).toEqual([]);
      expect(read).toEqual(names.flatMap((n) => [n, `浙江省宁波市江北区${n}路`]));
    }
  });
});
