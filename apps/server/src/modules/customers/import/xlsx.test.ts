import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

  it('leaves no temporary file or open descriptor behind, however early the reading stops', async () => {
    // exceljs's own reader copied sheets stored before the shared strings (its writer's order) to
    // temporary files, kept open until the process exited when reading stopped early, and deleted
    // them while a skipped sheet's stream could still be opening one (an uncaught ENOENT in CI).
    const wb = new ExcelJS.Workbook();
    for (let s = 1; s <= 3; s++)
      wb.addWorksheet(`表${s}`).addRows(Array.from({ length: 50 }, (_, i) => [`第${s}表`, i]));
    const file = path.join(dir, 'three-sheets.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const tempFiles = () => readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));
    const descriptors = () => readdirSync('/proc/self/fd').length;
    const tempBefore = tempFiles().length;
    const fdBefore = descriptors();
    for (let i = 0; i < 30; i++) {
      const sheetNo = String(1 + (i % 3));
      let first: unknown;
      for await (const row of readXlsxRows(file, sheetNo)) {
        first = row.cells[0] && 'v' in row.cells[0] ? row.cells[0].v : null;
        break; // a preview reads a few rows and stops
      }
      expect(first).toBe(`第${sheetNo}表`);
    }
    const all = [];
    for await (const row of readXlsxRows(file, '3')) all.push(row);
    expect(all).toHaveLength(50);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tempFiles().length).toBe(tempBefore);
    expect(descriptors()).toBeLessThanOrEqual(fdBefore + 2);
  });

  it('reads dates of a workbook counted from 1904, and names a missing sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('客户').addRows([['签约日期'], [new Date(Date.UTC(2024, 4, 20))]]);
    const file = path.join(dir, 'date1904.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const rows = [];
    for await (const row of readXlsxRows(file, '1')) rows.push(row);
    expect(rows[1]?.cells[0]).toEqual({ t: 'date', v: new Date(Date.UTC(2024, 4, 20)) });
    await expect(async () => {
      for await (const _ of readXlsxRows(file, '7'));
    }).rejects.toThrow('the workbook has no sheet 7');
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
