import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { clearSeededServiceLists } from './list-fixtures';

let h: Harness;
let admin: Session;
let manager: Session;
let agent: Session;
let sales: Session;
let finance: Session;

beforeAll(async () => {
  h = await createHarness();
  // These tests build their own lists and count them; the defaults a new installation starts
  // with are checked in service-seed.test.ts.
  await clearSeededServiceLists(h);
  admin = await h.signIn('admin');
  const dept = await h.makeDepartment('客服清单部');
  manager = await h.signIn('department_manager', dept);
  agent = await h.signIn('service_agent', dept);
  // Reads only their own reports' work; still works tickets.
  sales = await h.signIn('account_manager', dept);
  finance = await h.signIn('finance', dept);
});
afterAll(async () => {
  await h.close();
});

for (const [path, name] of [
  ['/api/v1/service/categories', '物流配送'],
  ['/api/v1/service/root-causes', '包装不当'],
] as const) {
  describe(path, () => {
    let id: string;

    it('POST: 401, 400, 403 for non-administrators, 201, 409 on a name differing only in case', async () => {
      expect((await h.request({ method: 'POST', url: path, payload: { name } })).statusCode).toBe(401);
      const bad = await h.request({
        method: 'POST',
        url: path,
        as: admin,
        payload: { name: '  ', extra: 1 },
      });
      expect(bad.statusCode).toBe(400);
      expect(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
      ).toEqual(['extra', 'name']);
      expect(
        (await h.request({ method: 'POST', url: path, as: manager, payload: { name } })).statusCode,
      ).toBe(403);
      const created = await h.request({
        method: 'POST',
        url: path,
        as: admin,
        payload: { name: `${name} Box`, description: '说明', sortOrder: 2 },
      });
      expect(created.statusCode).toBe(201);
      expect(created.headers.etag).toBe('"1"');
      expect(created.json()).toEqual({
        id: expect.any(String),
        name: `${name} Box`,
        description: '说明',
        active: true,
        sortOrder: 2,
        version: 1,
      });
      id = created.json().id;
      const dup = await h.request({ method: 'POST', url: path, as: admin, payload: { name: `${name} BOX` } });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().errors).toEqual([expect.objectContaining({ path: 'name', code: 'duplicate' })]);
      const headers = { 'idempotency-key': `create-${path.length}-entry` };
      const first = await h.request({ method: 'POST', url: path, as: admin, headers, payload: { name } });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ sortOrder: 0 });
      // A retry with the same key replays the answer instead of tripping over the name.
      const again = await h.request({ method: 'POST', url: path, as: admin, headers, payload: { name } });
      expect(again.statusCode).toBe(201);
      expect(again.json().id).toBe(first.json().id);
    });

    it('GET: 401, 403 for roles that do not work tickets, 400 on a bad flag; front-line roles list in order', async () => {
      expect((await h.request({ method: 'GET', url: path })).statusCode).toBe(401);
      const list = await h.request({ method: 'GET', url: path, as: agent });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { name: string }) => i.name)).toEqual([name, `${name} Box`]);
      expect((await h.request({ method: 'GET', url: path, as: sales })).statusCode).toBe(200);
      expect((await h.request({ method: 'GET', url: path, as: finance })).statusCode).toBe(403);
      expect(
        (await h.request({ method: 'GET', url: `${path}?includeInactive=maybe`, as: agent })).statusCode,
      ).toBe(400);
    });

    it('PATCH: 401, 403, 404, 428, rename clash 409, deactivate (not delete) with version; stale 409', async () => {
      const at = `${path}/${id}`;
      expect(
        (await h.request({ method: 'PATCH', url: at, payload: { active: false, version: 1 } })).statusCode,
      ).toBe(401);
      expect(
        (await h.request({ method: 'PATCH', url: at, as: agent, payload: { active: false, version: 1 } }))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await h.request({
            method: 'PATCH',
            url: `${path}/0190d6f0-0000-7000-8000-000000000001`,
            as: admin,
            payload: { active: false, version: 1 },
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (await h.request({ method: 'PATCH', url: at, as: admin, payload: { active: false } })).statusCode,
      ).toBe(428);
      const clash = await h.request({
        method: 'PATCH',
        url: at,
        as: admin,
        payload: { name: name.toUpperCase(), version: 1 },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().errors[0].path).toBe('name');
      const off = await h.request({
        method: 'PATCH',
        url: at,
        as: admin,
        headers: { 'if-match': '"1"' },
        payload: { active: false, description: '停用' },
      });
      expect(off.statusCode).toBe(200);
      expect(off.json()).toMatchObject({ active: false, description: '停用', version: 2 });
      const stale = await h.request({
        method: 'PATCH',
        url: at,
        as: admin,
        payload: { active: true, version: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

      const active = (await h.request({ method: 'GET', url: path, as: agent })).json().items;
      expect(active.map((i: { id: string }) => i.id)).not.toContain(id);
      const all = (await h.request({ method: 'GET', url: `${path}?includeInactive=true`, as: admin })).json()
        .items;
      expect(all.find((i: { id: string }) => i.id === id)).toMatchObject({ active: false });

      const audit = await h.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', id)
        .orderBy('at')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        expect.stringMatching(/\.create$/),
        expect.stringMatching(/\.update$/),
      ]);
    });
  });
}
