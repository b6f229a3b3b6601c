import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { csvBytes, importFile, upload } from './import/test-files';

// Custom fields of contacts (entity `contact`): defined by administrators, held by contacts,
// checked exactly as a customer's custom values are. Own harness: a required contact field
// would change what every other suite's contacts must carry.

let h: Harness;
let dataDir: string;
let admin: Session;
let manager: Session;
let am: Session;
let outsider: Session;
let customerId: string;

const defineField = async (body: Record<string, unknown>) => {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/custom-fields',
    as: admin,
    payload: { entity: 'contact', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`define ${res.statusCode} ${res.body}`);
  return res.json<{ id: string; version: number }>();
};

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'weixi-contact-custom-'));
  h = await createHarness({ DATA_DIR: dataDir });
  admin = await h.signIn('admin');
  const dept = await h.makeDepartment('联系人自定义字段部');
  manager = await h.signIn('department_manager', dept);
  am = await h.signIn('account_manager', dept);
  outsider = await h.signIn('account_manager', await h.makeDepartment());
  await defineField({ key: 'hobby', labelZh: '爱好', labelEn: 'Hobby', type: 'text', required: true });
  await defineField({ key: 'met_on', labelZh: '结识日期', labelEn: 'Met on', type: 'date' });
  await defineField({ key: 'vip', labelZh: '贵宾', labelEn: 'VIP', type: 'boolean' });
  await defineField({
    key: 'tea',
    labelZh: '喜欢的茶',
    labelEn: 'Tea',
    type: 'multi_select',
    options: [
      { value: 'longjing', labelZh: '龙井', labelEn: 'Longjing' },
      { value: 'puer', labelZh: '普洱', labelEn: "Pu'er" },
    ],
  });
  // A customer field with the same key: contact values are checked against the contact ones only.
  await h.request({
    method: 'POST',
    url: '/api/v1/custom-fields',
    as: admin,
    payload: { entity: 'customer', key: 'erp_no', labelZh: 'ERP 编号', labelEn: 'ERP no.', type: 'text' },
  });
  customerId = (await createCustomer(h, am, { name: '联系人自定义字段公司' })).id;
});
afterAll(async () => {
  await h.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const contactsUrl = (id = customerId) => `/api/v1/customers/${id}/contacts`;
const paths = (res: { json: () => { errors?: { path: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.path).sort();
const contactsNamed = (name: string) =>
  h.database.db.selectFrom('contact').select(['id', 'custom']).where('name', '=', name).execute();

describe('migration 0006', () => {
  it('gives contacts a custom jsonb column and drops the unused import tables', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in ('contact', 'import_job', 'import_row_error')
        and column_name in ('custom', 'id', 'job_id')`.execute(h.database.db);
    expect(rows.map((r) => `${r.table_name}.${r.column_name}:${r.data_type}`).sort()).toEqual([
      'contact.custom:jsonb',
      'contact.id:uuid',
    ]);
  });
});

describe('contact custom values over HTTP', () => {
  it('400 naming custom.<key> when a required one is missing; nothing is created', async () => {
    const res = await h.request({ method: 'POST', url: contactsUrl(), as: am, payload: { name: '缺爱好' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ path: 'custom.hobby', code: 'required' }],
    });
    expect(await contactsNamed('缺爱好')).toHaveLength(0);
  });

  it('400 on the wrong type, an unknown key or a value outside the options, each on its path', async () => {
    const res = await h.request({
      method: 'POST',
      url: contactsUrl(),
      as: am,
      payload: {
        name: '类型错',
        custom: { hobby: 7, met_on: '2026-02-30', vip: 'yes', tea: ['oolong'], erp_no: 'X1' },
      },
    });
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { path: string; code: string }[];
    expect(Object.fromEntries(errors.map((e) => [e.path, e.code]))).toEqual({
      'custom.hobby': 'invalid_type',
      'custom.met_on': 'invalid_date',
      'custom.vip': 'invalid_type',
      'custom.tea': 'invalid_option',
      'custom.erp_no': 'unknown_field',
    });
    const badKey = await h.request({
      method: 'POST',
      url: contactsUrl(),
      as: am,
      payload: { name: '键错', custom: { 'Bad-Key': 1 } },
    });
    expect(badKey.statusCode).toBe(400);
    expect(await contactsNamed('类型错')).toHaveLength(0);
  });

  it('values round-trip: stored, listed, patched per key, cleared with null, in the history', async () => {
    const created = await h.request({
      method: 'POST',
      url: contactsUrl(),
      as: am,
      payload: {
        name: '陈国华',
        custom: { hobby: '  钓鱼 ', met_on: '2025-05-01', vip: true, tea: ['puer', 'longjing', 'puer'] },
      },
    });
    expect(created.statusCode).toBe(201);
    const contact = created.json();
    // Stored as checked: text trimmed, repeated options once.
    expect(contact.custom).toEqual({
      hobby: '钓鱼',
      met_on: '2025-05-01',
      vip: true,
      tea: ['puer', 'longjing'],
    });
    const listed = (await h.request({ method: 'GET', url: contactsUrl(), as: am })).json();
    expect(listed.items.find((c: { id: string }) => c.id === contact.id).custom).toEqual(contact.custom);
    const detail = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${customerId}`, as: am })
    ).json();
    expect(detail.contacts.find((c: { id: string }) => c.id === contact.id).custom).toEqual(contact.custom);

    const patched = await h.request({
      method: 'PATCH',
      url: `${contactsUrl()}/${contact.id}`,
      as: am,
      headers: { 'if-match': '"1"' },
      payload: { custom: { vip: null, met_on: '2025-06-01' } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().custom).toEqual({
      hobby: '钓鱼',
      met_on: '2025-06-01',
      vip: null,
      tea: ['puer', 'longjing'],
    });

    // A required value cannot be cleared, and a refused patch changes nothing.
    const cleared = await h.request({
      method: 'PATCH',
      url: `${contactsUrl()}/${contact.id}`,
      as: am,
      headers: { 'if-match': '"2"' },
      payload: { custom: { hobby: '' } },
    });
    expect(cleared.statusCode).toBe(400);
    expect(paths(cleared)).toEqual(['custom.hobby']);
    const [row] = await contactsNamed('陈国华');
    expect(row?.custom).toMatchObject({ hobby: '钓鱼', met_on: '2025-06-01' });

    // Edits without custom values leave them alone, even with a required field defined later.
    const renamed = await h.request({
      method: 'PATCH',
      url: `${contactsUrl()}/${contact.id}`,
      as: am,
      headers: { 'if-match': '"2"' },
      payload: { position: '总经理' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().custom.hobby).toBe('钓鱼');

    const history = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${customerId}/history`, as: am })
    ).json();
    // Newest first: the rename, then the custom-value edit.
    const updates = history.items.filter((e: { action: string }) => e.action === 'contact.update');
    const update = updates[1];
    expect(update.before.custom).toMatchObject({ met_on: '2025-05-01', vip: true });
    expect(update.after.custom).toMatchObject({ met_on: '2025-06-01', vip: null });
  });

  it('out of scope: 404 and nothing changes', async () => {
    const [row] = await contactsNamed('陈国华');
    const res = await h.request({
      method: 'PATCH',
      url: `${contactsUrl()}/${row!.id}`,
      as: outsider,
      headers: { 'if-match': '"3"' },
      payload: { custom: { hobby: '越权' } },
    });
    expect(res.statusCode).toBe(404);
    expect((await contactsNamed('陈国华'))[0]?.custom.hobby).toBe('钓鱼');
    expect(
      (await h.request({ method: 'PATCH', url: `${contactsUrl()}/${row!.id}`, payload: {} })).statusCode,
    ).toBe(401);
  });

  it('a new customer’s contacts are checked too, under contacts.<n>.custom.<key>', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers',
      as: am,
      payload: {
        name: '带联系人的新客户',
        confirmDuplicates: true,
        contacts: [
          { name: '甲', custom: { hobby: '围棋' } },
          { name: '乙', custom: { vip: 'no' } },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['contacts.1.custom.hobby', 'contacts.1.custom.vip']);
    expect(
      await h.database.db
        .selectFrom('customer')
        .select('id')
        .where('name', '=', '带联系人的新客户')
        .execute(),
    ).toHaveLength(0);

    const ok = await createCustomer(h, am, {
      name: '带联系人的新客户',
      contacts: [{ name: '甲', custom: { hobby: '围棋', tea: ['longjing'] } }],
    });
    expect((ok.contacts[0] as unknown as { custom: unknown }).custom).toEqual({
      hobby: '围棋',
      tea: ['longjing'],
    });
  });

  it('merging customers keeps the contacts’ custom values', async () => {
    const survivor = await createCustomer(h, am, {
      name: '合并存续公司',
      contacts: [{ name: '存续方联系人', custom: { hobby: '书法' } }],
    });
    const merged = await createCustomer(h, am, {
      name: '合并被并公司',
      contacts: [{ name: '被并方联系人', custom: { hobby: '登山', met_on: '2024-10-01', vip: true } }],
    });
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers/merge',
      as: manager,
      payload: { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 },
    });
    expect(res.statusCode).toBe(200);
    const byName = Object.fromEntries(
      (res.json().contacts as { name: string; custom: unknown; customerId: string }[]).map((c) => [
        c.name,
        c,
      ]),
    );
    expect(byName['被并方联系人']).toMatchObject({
      customerId: survivor.id,
      custom: { hobby: '登山', met_on: '2024-10-01', vip: true },
    });
    expect(byName['存续方联系人']?.custom).toEqual({ hobby: '书法' });
  });
});

describe('contact custom values in the import', () => {
  it('suggests 联系人<label> columns, requires them of rows with a contact, and stores them', async () => {
    const header = ['客户名称', '联系人', '联系人爱好', '联系人结识日期', '喜欢的茶'];
    const rows = [
      header,
      ['导入联系人甲公司', '王强', '跑步', '2024/3/1', '龙井；普洱'],
      ['导入联系人乙公司', '李娜', '', '', ''],
      ['导入联系人丙公司', '', '', '', ''],
      ['导入联系人丁公司', '张伟', '游泳', '2024-02-30', ''],
    ];
    const up = await upload(h, am, '联系人字段.csv', csvBytes(rows));
    expect(up.statusCode).toBe(201);
    const body = up.json();
    expect(body.suggestedMapping).toEqual({
      '0': 'name',
      '1': 'contactName',
      '2': 'contactCustom.hobby',
      '3': 'contactCustom.met_on',
      // A bare label is suggested too when no customer field has it.
      '4': 'contactCustom.tea',
    });
    expect(body.fields).toContainEqual({
      key: 'contactCustom.hobby',
      labelZh: '联系人爱好',
      labelEn: 'Contact Hobby',
      group: 'contact',
      required: false,
      requiredWithContact: true,
    });
    expect(
      body.fields.find((f: { key: string }) => f.key === 'contactCustom.met_on').requiredWithContact,
    ).toBe(false);

    const job = await importFile(h, am, '联系人字段.csv', csvBytes(rows));
    expect(job).toMatchObject({ status: 'done', created: 2, rejected: 2 });
    expect(job.rejections.map((r) => [r.row, r.column, r.code])).toEqual([
      [3, '联系人爱好', 'custom_invalid'],
      [5, '联系人结识日期', 'custom_invalid'],
    ]);
    expect(job.rejections[0]?.message).toContain('爱好');
    const contacts = await h.database.db
      .selectFrom('contact')
      .innerJoin('customer', 'customer.id', 'contact.customer_id')
      .select(['contact.name', 'contact.custom'])
      .where('customer.name', 'like', '导入联系人%')
      .execute();
    expect(contacts).toEqual([
      { name: '王强', custom: { hobby: '跑步', met_on: '2024-03-01', tea: ['longjing', 'puer'] } },
    ]);
    // A row without a contact needs no contact values: 丙 was created without one.
    expect(
      await h.database.db
        .selectFrom('customer')
        .select('id')
        .where('name', '=', '导入联系人丙公司')
        .execute(),
    ).toHaveLength(1);
  });

  it('starting needs a column for required contact fields when contacts are imported, and a contact name for contact fields', async () => {
    const rows = [
      ['客户名称', '联系人', '联系人结识日期'],
      ['映射检查公司', '赵六', '2024-01-01'],
    ];
    const up = (await upload(h, am, 'map.csv', csvBytes(rows))).json();
    const start = (mapping: Record<string, string | null>) =>
      h.request({
        method: 'POST',
        url: `/api/v1/customer-imports/${up.id}/start`,
        as: am,
        payload: { mapping, duplicatePolicy: 'skip', version: up.version },
      });
    const missing = await start({ '0': 'name', '1': 'contactName', '2': 'contactCustom.met_on' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ path: 'mapping', code: 'required_field_unmapped' }),
    ]);
    expect(missing.json().errors[0].message).toContain('contactCustom.hobby');
    const noName = await start({ '0': 'name', '1': null, '2': 'contactCustom.met_on' });
    expect(noName.json().errors.map((e: { code: string }) => e.code)).toEqual(['contact_name_unmapped']);
    const unknown = await start({ '0': 'name', '1': 'contactName', '2': 'contactCustom.nope' });
    expect(unknown.json().errors[0]).toMatchObject({ path: 'mapping.2', code: 'unknown_field' });
  });
});
