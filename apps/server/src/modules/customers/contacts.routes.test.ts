import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let am: Session;
let other: Session;
let customerId: string;
beforeAll(async () => {
  h = await createHarness();
  am = await h.signIn('account_manager');
  other = await h.signIn('account_manager');
  customerId = (await createCustomer(h, am, { name: '联系人测试公司' })).id;
});
afterAll(async () => {
  await h.close();
});

const url = (id = customerId) => `/api/v1/customers/${id}/contacts`;

describe('contacts', () => {
  it('401 anonymous; 404 for a customer out of scope (read and write), nothing created', async () => {
    expect((await h.request({ method: 'GET', url: url() })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: url(), as: other })).statusCode).toBe(404);
    const res = await h.request({ method: 'POST', url: url(), as: other, payload: { name: '越权' } });
    expect(res.statusCode).toBe(404);
    expect(
      await h.database.db.selectFrom('contact').select('id').where('name', '=', '越权').execute(),
    ).toHaveLength(0);
  });

  it('400 with field paths: missing name, impossible birthday, bad enum, unknown field', async () => {
    const res = await h.request({
      method: 'POST',
      url: url(),
      as: am,
      payload: { birthday: '1990-02-29', decisionRole: 'boss', hobby: 'golf' },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['birthday', 'decisionRole', 'hobby', 'name']);
  });

  it('creates, lists key contacts first, updates with versions, deletes', async () => {
    const a = await h.request({
      method: 'POST',
      url: url(),
      as: am,
      payload: { name: '王经理', position: '采购经理' },
    });
    const b = await h.request({
      method: 'POST',
      url: url(),
      as: am,
      payload: {
        name: '李总',
        position: '总经理',
        isKey: true,
        decisionRole: 'decision_maker',
        hasDecisionAuthority: true,
        birthday: '1975-08-15',
        preferredChannel: 'wechat',
        personalNotes: '女儿今年高考',
      },
    });
    expect(a.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ name: '李总', isKey: true, birthday: '1975-08-15', version: 1 });
    const list = (await h.request({ method: 'GET', url: url(), as: am })).json();
    expect(list.items.map((c: { name: string }) => c.name)).toEqual(['李总', '王经理']);

    const id = a.json().id;
    const upd = await h.request({
      method: 'PATCH',
      url: `${url()}/${id}`,
      as: am,
      payload: { position: '采购总监' },
      headers: { 'if-match': '"1"' },
    });
    expect(upd.json()).toMatchObject({ position: '采购总监', version: 2 });
    const stale = await h.request({
      method: 'PATCH',
      url: `${url()}/${id}`,
      as: am,
      payload: { position: '覆盖', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect((await h.request({ method: 'DELETE', url: `${url()}/${id}`, as: am })).statusCode).toBe(428);
    expect(
      (await h.request({ method: 'DELETE', url: `${url()}/${id}`, as: am, headers: { 'if-match': '"2"' } }))
        .statusCode,
    ).toBe(204);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `${url()}/${id}`,
          as: am,
          payload: { position: 'x', version: 2 },
        })
      ).statusCode,
    ).toBe(404);

    const history = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${customerId}/history`, as: am })
    ).json();
    expect(history.items.slice(0, 4).map((x: { action: string }) => x.action)).toEqual([
      'contact.delete',
      'contact.update',
      'contact.create',
      'contact.create',
    ]);
  });

  it('a contact id under another customer is not found', async () => {
    const c2 = await createCustomer(h, am, { name: '另一家', contacts: [{ name: '孤立联系人' }] });
    const contactId = c2.contacts[0]!.id;
    const res = await h.request({
      method: 'PATCH',
      url: `${url()}/${contactId}`,
      as: am,
      payload: { name: 'x', version: 1 },
    });
    expect(res.statusCode).toBe(404);
  });
});
