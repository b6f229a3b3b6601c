import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, creditCode } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let manager: Session;
let am: Session;
let dept: string;
beforeAll(async () => {
  h = await createHarness();
  dept = await h.makeDepartment('合并测试部');
  manager = await h.signIn('department_manager', dept);
  am = await h.signIn('account_manager', dept);
});
afterAll(async () => {
  await h.close();
});

const merge = (as: Session, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url: '/api/v1/customers/merge', as, payload });

describe('POST /api/v1/customers/merge', () => {
  it('401 anonymous, 403 for account managers, 400 on merging into itself, 404 out of scope', async () => {
    const a = await createCustomer(h, am, { name: '合并甲' });
    const b = await createCustomer(h, am, { name: '合并乙' });
    const body = { survivorId: a.id, mergedId: b.id, survivorVersion: 1, mergedVersion: 1 };
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/customers/merge', payload: body })).statusCode,
    ).toBe(401);
    expect((await merge(am, body)).statusCode).toBe(403);
    expect((await merge(manager, { ...body, mergedId: a.id })).statusCode).toBe(400);
    const outsider = await h.signIn('account_manager', await h.makeDepartment());
    const hidden = await createCustomer(h, outsider, { name: '外部客户' });
    expect((await merge(manager, { ...body, mergedId: hidden.id })).statusCode).toBe(404);
    expect((await merge(manager, { ...body, take: { color: 'merged' } })).json().errors[0].path).toBe(
      'take.color',
    );
  });

  it('moves contacts and collaborators, takes chosen fields, unites tags, keeps the merged record and both histories', async () => {
    const collaborator = await h.makeUser({ role: 'account_manager', departmentId: dept });
    const code = creditCode();
    const survivor = await createCustomer(h, am, {
      name: '宁波怡信电子科技有限公司',
      phone: '057400000001',
      tags: ['出口'],
      contacts: [{ name: '陈国华' }],
    });
    const merged = await createCustomer(h, am, {
      name: '宁波怡信电子',
      creditCode: code,
      phone: '057400000002',
      industry: '电子',
      tags: ['重点'],
      contacts: [{ name: '刘晓燕', phone: '13700001111' }],
      collaboratorIds: [collaborator.id],
    });
    const res = await merge(manager, {
      survivorId: survivor.id,
      mergedId: merged.id,
      survivorVersion: 1,
      mergedVersion: 1,
      take: { creditCode: 'merged', industry: 'merged' },
    });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({
      id: survivor.id,
      name: '宁波怡信电子科技有限公司',
      creditCode: code,
      industry: '电子',
      phone: '057****0001',
      masked: true,
      version: 2,
    });
    expect(c.tags.sort()).toEqual(['出口', '重点']);
    expect(c.contacts.map((k: { name: string }) => k.name).sort()).toEqual(['刘晓燕', '陈国华']);
    expect(c.collaborators.map((u: { id: string }) => u.id)).toEqual([collaborator.id]);

    const gone = await h.database.db
      .selectFrom('customer')
      .select(['status', 'merged_into_id'])
      .where('id', '=', merged.id)
      .executeTakeFirstOrThrow();
    expect(gone).toEqual({ status: 'merged', merged_into_id: survivor.id });
    // The merged contact's phone and the merged credit code now find the survivor.
    const found = (
      await h.request({ method: 'GET', url: '/api/v1/customers?q=1370000', as: manager })
    ).json();
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([survivor.id]);

    const history = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${survivor.id}/history`, as: manager })
    ).json();
    expect(history.items[0]).toMatchObject({ action: 'customer.merge', actor: { id: manager.userId } });
    expect(history.items[0].after.mergedFrom).toBe(merged.id);
    expect(history.items[0].before.merged.name).toBe('宁波怡信电子');
    const mergedHistory = await h.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', merged.id)
      .execute();
    expect(mergedHistory.map((x) => x.action).sort()).toEqual(['customer.create', 'customer.merged_into']);

    // A merged customer can still be read (it points at the survivor) but not edited or merged again.
    const again = await merge(manager, {
      survivorId: survivor.id,
      mergedId: merged.id,
      survivorVersion: 2,
      mergedVersion: 2,
    });
    expect(again.statusCode).toBe(409);
    const edit = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${merged.id}`,
      as: manager,
      payload: { name: 'x', version: 2 },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('a stale version of either side is refused and nothing moves', async () => {
    const a = await createCustomer(h, am, { name: '版本甲', contacts: [{ name: '甲的人' }] });
    const b = await createCustomer(h, am, { name: '版本乙', contacts: [{ name: '乙的人' }] });
    const res = await merge(manager, {
      survivorId: a.id,
      mergedId: b.id,
      survivorVersion: 1,
      mergedVersion: 9,
    });
    expect(res.statusCode).toBe(409);
    const contacts = await h.database.db
      .selectFrom('contact')
      .select('customer_id')
      .where('name', '=', '乙的人')
      .executeTakeFirstOrThrow();
    expect(contacts.customer_id).toBe(b.id);
  });
});

describe('history of a merged customer', () => {
  it('names the survivor of "merged into" entries, only for readers who may read it', async () => {
    const admin = await h.signIn('admin');
    const owner = await h.signIn('account_manager', await h.makeDepartment());
    const other = await h.signIn('account_manager', await h.makeDepartment());
    const merged = await createCustomer(h, owner, { name: '被合并的客户甲' });
    const survivor = await createCustomer(h, other, { name: '存续的客户乙' });
    const res = await merge(admin, {
      survivorId: survivor.id,
      mergedId: merged.id,
      survivorVersion: 1,
      mergedVersion: 1,
    });
    expect(res.statusCode).toBe(200);

    const entry = async (as: Session) => {
      const history = await h.request({ method: 'GET', url: `/api/v1/customers/${merged.id}/history`, as });
      expect(history.statusCode).toBe(200);
      return history.json().items.find((x: { action: string }) => x.action === 'customer.merged_into');
    };
    expect((await entry(admin)).after).toMatchObject({
      mergedIntoId: survivor.id,
      mergedInto: { id: survivor.id, name: '存续的客户乙' },
    });
    // The merged customer's owner may read its history, but the survivor is not theirs to read.
    expect((await entry(owner)).after.mergedInto).toEqual({ id: survivor.id, name: null });
    expect(JSON.stringify(await entry(owner))).not.toContain('存续的客户乙');
    // Only the read is enriched: the audit log keeps what was written.
    const stored = await h.database.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_id', '=', merged.id)
      .where('action', '=', 'customer.merged_into')
      .executeTakeFirstOrThrow();
    expect(stored.after).toEqual({ status: 'merged', mergedIntoId: survivor.id });
  });
});

describe('GET /api/v1/customers/duplicates', () => {
  it('403 for account managers; groups customers sharing a key, with pages', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/customers/duplicates', as: am })).statusCode).toBe(
      403,
    );
    await createCustomer(h, am, { name: '重复扫描股份有限公司' });
    await createCustomer(h, am, { name: '重复扫描有限公司' });
    await createCustomer(h, am, { name: '电话重复一', phone: '+86 139 5555 6666' });
    await createCustomer(h, am, { name: '电话重复二', phone: '13955556666' });
    const groups: { reason: string; key: string; customers: { name: string }[] }[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers/duplicates?limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await h.request({ method: 'GET', url, as: manager })).json();
      groups.push(...body.groups);
      cursor = body.nextCursor;
    } while (cursor);
    const byName = groups.find((g) => g.reason === 'name' && g.key === '重复扫描');
    expect(byName?.customers.map((c) => c.name).sort()).toEqual(['重复扫描有限公司', '重复扫描股份有限公司']);
    expect(groups.find((g) => g.reason === 'phone' && g.key === '13955556666')?.customers).toHaveLength(2);
  });
});
