import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let agent: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  agent = await h.signIn('account_manager');
});
afterAll(async () => {
  await h.close();
});

const create = (payload: Record<string, unknown>, as: Session = admin) =>
  h.request({ method: 'POST', url: '/api/v1/departments', as, payload });

describe('GET /api/v1/departments', () => {
  it('401 anonymous; any signed-in user may read the chart', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/departments' })).statusCode).toBe(401);
    await h.makeDepartment('可见部门');
    const res = await h.request({
      method: 'GET',
      url: `/api/v1/departments?q=${encodeURIComponent('可见')}`,
      as: agent,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ name: '可见部门', memberCount: 0, parentId: null });
  });

  it('400 on a bad parentId filter', async () => {
    const res = await h.request({ method: 'GET', url: '/api/v1/departments?parentId=x', as: agent });
    expect(res.statusCode).toBe(400);
  });

  it('pages through children of one parent by name', async () => {
    const parent = await h.makeDepartment();
    for (const n of ['华东区', '华南区', '华北区', '西南区', '东北区']) await h.makeDepartment(n, parent);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/departments?parentId=${parent}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await h.request({ method: 'GET', url, as: agent })).json();
      seen.push(...body.items.map((d: { name: string }) => d.name));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(['东北区', '华东区', '华北区', '华南区', '西南区'].sort());
  });
});

describe('POST /api/v1/departments', () => {
  it('401 anonymous, 403 non-admin', async () => {
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/departments', payload: { name: 'x' } })).statusCode,
    ).toBe(401);
    expect((await create({ name: '越权部门' }, agent)).statusCode).toBe(403);
  });

  it('400 on empty, over-long or unknown fields and a missing parent', async () => {
    const res = await create({ name: '   ', color: 'red' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['color', 'name']);
    expect((await create({ name: '部'.repeat(61) })).json().errors[0].path).toBe('name');
    const orphan = await create({ name: '孤儿', parentId: '01900000-0000-7000-8000-000000000000' });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().errors[0].path).toBe('parentId');
  });

  it('creates under a parent with a manager; sibling names are unique (409 on name)', async () => {
    const parent = await h.makeDepartment();
    const mgr = await h.makeUser({ role: 'department_manager' });
    const res = await create({ name: '销售三部', parentId: parent, managerId: mgr.id });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: '销售三部',
      parentId: parent,
      manager: { id: mgr.id },
      version: 1,
    });
    const dup = await create({ name: '销售三部', parentId: parent });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'already_exists', errors: [{ path: 'name' }] });
    // The same name under another parent is fine.
    expect((await create({ name: '销售三部', parentId: await h.makeDepartment() })).statusCode).toBe(201);
  });
});

describe('PATCH /api/v1/departments/:id', () => {
  it('401, 403, 404, 428', async () => {
    const d = await h.makeDepartment();
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/departments/${d}`,
          payload: { name: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/departments/${d}`,
          as: agent,
          payload: { name: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: '/api/v1/departments/01900000-0000-7000-8000-000000000000',
          as: admin,
          payload: { name: 'x', version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/departments/${d}`,
          as: admin,
          payload: { name: 'x' },
        })
      ).statusCode,
    ).toBe(428);
  });

  it('refuses to move a department under its own sub-department', async () => {
    const top = await h.makeDepartment();
    const child = await h.makeDepartment(undefined, top);
    const grandchild = await h.makeDepartment(undefined, child);
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/departments/${top}`,
      as: admin,
      payload: { parentId: grandchild, version: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'parentId', code: 'cycle' });
    const self = await h.request({
      method: 'PATCH',
      url: `/api/v1/departments/${top}`,
      as: admin,
      payload: { parentId: top, version: 1 },
    });
    expect(self.statusCode).toBe(400);
  });

  it('renames and moves; a stale version gets 409 and changes nothing', async () => {
    const d = await h.makeDepartment('旧名称');
    const target = await h.makeDepartment();
    const ok = await h.request({
      method: 'PATCH',
      url: `/api/v1/departments/${d}`,
      as: admin,
      payload: { name: '新名称', parentId: target },
      headers: { 'if-match': '"1"' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '新名称', parentId: target, version: 2 });
    const stale = await h.request({
      method: 'PATCH',
      url: `/api/v1/departments/${d}`,
      as: admin,
      payload: { name: '覆盖', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().currentVersion).toBe(2);
    const row = await h.database.db
      .selectFrom('department')
      .select('name')
      .where('id', '=', d)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('新名称');
  });
});

describe('DELETE /api/v1/departments/:id', () => {
  it('refuses a department with members or children, deletes an empty one', async () => {
    const withMember = await h.makeDepartment();
    await h.makeUser({ departmentId: withMember });
    const withChild = await h.makeDepartment();
    await h.makeDepartment(undefined, withChild);
    const empty = await h.makeDepartment();

    expect((await h.request({ method: 'DELETE', url: `/api/v1/departments/${empty}` })).statusCode).toBe(401);
    expect(
      (
        await h.request({
          method: 'DELETE',
          url: `/api/v1/departments/${empty}`,
          as: agent,
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(403);
    for (const id of [withMember, withChild]) {
      const res = await h.request({
        method: 'DELETE',
        url: `/api/v1/departments/${id}`,
        as: admin,
        headers: { 'if-match': '"1"' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('conflict');
    }
    expect(
      (
        await h.request({
          method: 'DELETE',
          url: `/api/v1/departments/${empty}`,
          as: admin,
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(204);
    expect(
      (await h.request({ method: 'GET', url: `/api/v1/departments/${empty}`, as: admin })).statusCode,
    ).toBe(404);
    const audit = (
      await h.request({ method: 'GET', url: `/api/v1/audit?entity=department&entityId=${empty}`, as: admin })
    ).json();
    expect(audit.items[0]).toMatchObject({ action: 'department.delete', after: null });
    expect(audit.items[0].before.id).toBe(empty);
  });
});
