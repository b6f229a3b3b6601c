import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let agent: Session;
let dept: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  dept = await h.makeDepartment('华东销售部');
  agent = await h.signIn('service_agent', dept);
});
afterAll(async () => {
  await h.close();
});

describe('GET /api/v1/staff', () => {
  it('401 anonymous', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/staff' })).statusCode).toBe(401);
  });

  it('400 on bad filters, naming the parameter', async () => {
    for (const q of ['limit=0', 'role=king', 'departmentId=x', 'cursor=%25']) {
      const res = await h.request({ method: 'GET', url: `/api/v1/staff?${q}`, as: agent });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().errors[0].path, q).toMatch(/^query\./);
    }
  });

  it('lists active colleagues by name for any role, without e-mail or phone', async () => {
    const a = await h.makeUser({ departmentId: dept, name: '王芳', role: 'account_manager' });
    const b = await h.makeUser({ departmentId: dept, name: '李强', role: 'account_manager' });
    const res = await h.request({
      method: 'GET',
      url: `/api/v1/staff?departmentId=${dept}&limit=50`,
      as: agent,
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; name: string; email?: string; phone?: string }[];
    const ids = items.map((i) => i.id);
    expect(ids).toContain(a.id);
    expect(ids).toContain(b.id);
    expect(items.map((i) => i.name)).toEqual([...items.map((i) => i.name)].sort());
    for (const item of items) {
      expect(item).not.toHaveProperty('email');
      expect(item).not.toHaveProperty('phone');
      expect(Object.keys(item).sort()).toEqual(['department', 'id', 'name', 'role']);
    }
    expect(items.find((i) => i.id === a.id)).toMatchObject({ department: { id: dept, name: '华东销售部' } });
  });

  it('searches by name and role and leaves out disabled accounts', async () => {
    const gone = await h.makeUser({ departmentId: dept, name: '周离职', role: 'account_manager' });
    const detail = await h.request({ method: 'GET', url: `/api/v1/users/${gone.id}`, as: admin });
    const del = await h.request({
      method: 'DELETE',
      url: `/api/v1/users/${gone.id}`,
      as: admin,
      headers: { 'if-match': `"${detail.json().version}"` },
    });
    expect(del.statusCode).toBe(200);
    const byName = await h.request({
      method: 'GET',
      url: `/api/v1/staff?q=${encodeURIComponent('周离')}`,
      as: agent,
    });
    expect(byName.json().items).toEqual([]);
    const kept = await h.makeUser({ departmentId: dept, name: '周在职', role: 'finance' });
    const found = await h.request({
      method: 'GET',
      url: `/api/v1/staff?q=${encodeURIComponent('周')}&role=finance`,
      as: agent,
    });
    expect(found.json().items.map((i: { id: string }) => i.id)).toEqual([kept.id]);
  });

  it('walks pages by name with a cursor, nothing twice', async () => {
    const d2 = await h.makeDepartment();
    for (const name of ['甲一', '乙二', '丙三', '丁四', '戊五']) await h.makeUser({ departmentId: d2, name });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/staff?departmentId=${d2}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await h.request({ method: 'GET', url, as: agent })).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(5);
    expect(new Set(seen).size).toBe(5);
  });
});
