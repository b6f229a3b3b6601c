import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import type { Attachment, Interaction, Visit } from '@weixi/shared';
import CFB from 'cfb';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../../testing/customers';
import { issues, logInteraction, planVisit } from '../../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../../testing/harness';
import { multipart, xlsxBytes } from '../../customers/import/test-files';

let h: Harness;
let dir: string;
let admin: Session;
let am: Session;
let am2: Session;
let collaborator: Session;
let manager: Session;
let customer: { id: string };
let interaction: Interaction;
const maxBytes = 64 * 1024;

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'),
]);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

/** A zip with stored (uncompressed) entries: enough to build Office files and plain archives. */
function zipOf(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}
/** An OLE2 compound file holding these streams, as Office 97–2003 (and installers, and mail) store theirs. */
function compound(streams: Record<string, string>): Buffer {
  const container = CFB.utils.cfb_new();
  for (const [name, body] of Object.entries(streams))
    CFB.utils.cfb_add(container, `/${name}`, Buffer.from(body.repeat(700)));
  return Buffer.from(CFB.write(container, { type: 'buffer' }) as Uint8Array);
}

const docx = zipOf({
  '[Content_Types].xml':
    '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<w:document/>',
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'weixi-attachments-'));
  h = await createHarness({ ATTACHMENT_DIR: dir, ATTACHMENT_MAX_BYTES: String(maxBytes) });
  const sales = await h.makeDepartment('附件-销售部');
  admin = await h.signIn('admin');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', await h.makeDepartment('附件-其他部'));
  collaborator = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  customer = await createCustomer(h, am, { name: '附件测试公司', collaboratorIds: [collaborator.userId] });
  interaction = await logInteraction(h, am, { customerId: customer.id, occurredAt: '2026-11-25T07:00:00Z' });
});
afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const upload = (as: Session | undefined, url: string, fileName: string, content: Buffer, field = 'file') => {
  const body = multipart(fileName, content, field);
  return h.request({
    method: 'POST',
    url,
    ...(as ? { as } : {}),
    headers: body.headers,
    payload: body.payload,
  });
};
const toInteraction = (as: Session | undefined, fileName: string, content: Buffer, id = interaction.id) =>
  upload(as, `/api/v1/interactions/${id}/attachments`, fileName, content);
const rowCount = async () => (await h.database.db.selectFrom('attachment').select('id').execute()).length;
const filesOnDisk = async () => (await readdir(dir)).length;

describe('POST /api/v1/interactions/:id/attachments', () => {
  it('401 anonymous, 415 without multipart, 400 without a "file" part, 404 out of scope, 403 for a reader who may not edit', async () => {
    expect((await toInteraction(undefined, 'a.png', png)).statusCode).toBe(401);
    const json = await h.request({
      method: 'POST',
      url: `/api/v1/interactions/${interaction.id}/attachments`,
      as: am,
      payload: { a: 1 },
    });
    expect(json.statusCode).toBe(415);
    const noFile = await upload(
      am,
      `/api/v1/interactions/${interaction.id}/attachments`,
      'a.png',
      png,
      'other',
    );
    expect(noFile.statusCode).toBe(400);
    expect(issues(noFile)).toEqual(['file:required']);
    expect((await toInteraction(am2, 'a.png', png)).statusCode).toBe(404);
    expect((await toInteraction(collaborator, 'a.png', png)).statusCode).toBe(403);
    expect(await rowCount()).toBe(0);
    expect(await filesOnDisk()).toBe(0);
  });

  it('stores a file with a Chinese name; the download round-trips the bytes, the type and the name', async () => {
    const res = await toInteraction(am, '合同 扫描件（第1页）.png', png);
    expect(res.statusCode).toBe(201);
    const a = res.json<Attachment>();
    expect(a).toMatchObject({
      fileName: '合同 扫描件（第1页）.png',
      contentType: 'image/png',
      sizeBytes: png.length,
      createdBy: { id: am.userId },
      url: `/api/v1/attachments/${a.id}`,
    });
    const dl = await h.request({ method: 'GET', url: a.url, as: collaborator });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(dl.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('合同 扫描件（第1页）.png');
    const listed = await h.request({ method: 'GET', url: `/api/v1/interactions/${interaction.id}`, as: am });
    expect(listed.json<Interaction>().attachments.map((x) => x.id)).toEqual([a.id]);
    expect((await h.request({ method: 'GET', url: a.url, as: am2 })).statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url: a.url })).statusCode).toBe(401);
  });

  it('accepts pdf, docx, xlsx, GB18030 csv and UTF-8 text, judged by their bytes', async () => {
    const c = await createCustomer(h, am, { name: '附件类型公司' });
    const i = await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-25T07:00:00Z' });
    const cases: [string, Buffer, string][] = [
      ['报价.pdf', pdf, 'application/pdf'],
      ['纪要.docx', docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [
        '清单.xlsx',
        await xlsxBytes([['型号', '数量']]),
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ],
      [
        '名单.csv',
        iconv.encode('姓名,电话\r\n陈国华,13800001111\r\n', 'gb18030'),
        'text/csv; charset=gb18030',
      ],
      ['备注.txt', Buffer.from('客户希望下周再联系。\n', 'utf8'), 'text/plain; charset=utf-8'],
      ['旧合同.doc', compound({ WordDocument: 'w' }), 'application/msword'],
      ['旧清单.xls', compound({ Workbook: 'b' }), 'application/vnd.ms-excel'],
      ['旧演示.ppt', compound({ 'PowerPoint Document': 'p' }), 'application/vnd.ms-powerpoint'],
    ];
    for (const [name, bytes, type] of cases) {
      const res = await toInteraction(am, name, bytes, i.id);
      expect(res.statusCode, name).toBe(201);
      expect(res.json<Attachment>().contentType).toBe(type);
    }
  });

  it('413 over the size limit naming it in MB; 415 naming what was found — the file is not kept', async () => {
    const rows = await rowCount();
    const files = await filesOnDisk();
    const big = await toInteraction(
      am,
      '大文件.pdf',
      Buffer.concat([pdf, Buffer.alloc(maxBytes + 10, 0x20)]),
    );
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large' });
    expect(big.json().detail).toContain('0.1 MB');
    const refused: [string, Buffer, string][] = [
      ['setup.exe', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'a Windows program'],
      ['报价.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]), 'a Windows program'],
      ['run.sh', Buffer.from('#!/bin/sh\nrm -rf /\n'), 'a script'],
      ['page.txt', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'an HTML page'],
      ['logo.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'an SVG image'],
      ['photo.pdf', png, 'a PNG image'],
      ['archive.zip', zipOf({ 'a.txt': 'x' }), 'a ZIP archive'],
      ['data.bin', Buffer.from([0, 1, 2, 3, 0, 5]), 'a binary file'],
      ['纪要.xlsx', docx, 'a Word document'],
      // Office 97–2003 files are judged by the stream inside, not by the name.
      ['旧清单.doc', compound({ Workbook: 'b' }), 'an Excel 97–2003 workbook'],
      ['旧合同.xls', compound({ WordDocument: 'w' }), 'a Word 97–2003 document'],
      [
        '宏.xls',
        compound({ Workbook: 'b', '_VBA_PROJECT_CUR/VBA/dir': 'm' }),
        'an Office document with macros',
      ],
      ['setup.doc', compound({ '\u0005SummaryInformation': 's' }), 'not an Office document'],
      [
        '坏.doc',
        Buffer.concat([compound({ WordDocument: 'w' }).subarray(0, 512), Buffer.alloc(100, 7)]),
        'a damaged',
      ],
    ];
    for (const [name, bytes, found] of refused) {
      const res = await toInteraction(am, name, bytes);
      expect(res.statusCode, name).toBe(415);
      expect(res.json().code).toBe('unsupported_media_type');
      expect(res.json().detail, name).toContain(found);
    }
    expect(await rowCount()).toBe(rows);
    expect(await filesOnDisk()).toBe(files);
  });

  it('409 beyond 20 files on one record', async () => {
    const c = await createCustomer(h, am, { name: '附件上限公司' });
    const i = await logInteraction(h, am, { customerId: c.id, occurredAt: '2026-11-25T07:00:00Z' });
    for (let n = 0; n < 20; n++)
      expect((await toInteraction(am, `第${n}张.png`, png, i.id)).statusCode).toBe(201);
    const res = await toInteraction(am, '第21张.png', png, i.id);
    expect(res.statusCode).toBe(409);
    expect(issues(res)).toEqual(['file:too_many']);
  });
});

describe('visits and deleting', () => {
  it('a visit takes files from its visitor; its customer’s readers download them', async () => {
    const v: Visit = await planVisit(h, am, { customerId: customer.id, plannedOn: '2026-11-26' });
    const url = `/api/v1/visits/${v.id}/attachments`;
    expect(
      (await upload(am2, url, '门头.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).statusCode,
    ).toBe(404);
    const res = await upload(am, url, '门头.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    expect(res.statusCode).toBe(201);
    expect(res.json<Attachment>().contentType).toBe('image/jpeg');
    const visit = await h.request({ method: 'GET', url: `/api/v1/visits/${v.id}`, as: collaborator });
    expect(visit.json<Visit>().attachments.map((a) => a.fileName)).toEqual(['门头.jpg']);
    expect(
      (await h.request({ method: 'GET', url: res.json<Attachment>().url, as: manager })).statusCode,
    ).toBe(200);
  });

  it('DELETE: 401, 404 out of scope, 403 for anyone but the uploader or an admin; the file leaves the disk', async () => {
    const a = (await toInteraction(am, '删除.png', png)).json<Attachment>();
    const del = (as?: Session) => h.request({ method: 'DELETE', url: a.url, ...(as ? { as } : {}) });
    expect((await del()).statusCode).toBe(401);
    expect((await del(am2)).statusCode).toBe(404);
    expect((await del(manager)).statusCode).toBe(403);
    const files = await filesOnDisk();
    expect((await del(admin)).statusCode).toBe(204);
    expect(await filesOnDisk()).toBe(files - 1);
    expect((await h.request({ method: 'GET', url: a.url, as: am })).statusCode).toBe(404);
    const own = (await toInteraction(am, '自己删.png', png)).json<Attachment>();
    expect((await h.request({ method: 'DELETE', url: own.url, as: am })).statusCode).toBe(204);
  });

  it('deleting an interaction deletes its files', async () => {
    const i = await logInteraction(h, am, { customerId: customer.id, occurredAt: '2026-11-25T06:00:00Z' });
    const a = (await toInteraction(am, '随记录删除.png', png, i.id)).json<Attachment>();
    const files = await filesOnDisk();
    expect(
      (await h.request({ method: 'DELETE', url: `/api/v1/interactions/${i.id}?version=1`, as: am }))
        .statusCode,
    ).toBe(204);
    expect(await filesOnDisk()).toBe(files - 1);
    expect(
      await h.database.db.selectFrom('attachment').select('id').where('id', '=', a.id).execute(),
    ).toEqual([]);
  });
});
