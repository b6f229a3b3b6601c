import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
});
afterAll(async () => {
  await h.close();
});

describe('GET /api/v1/audit', () => {
  it('401 anonymous, 403 for every non-admin role', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
    for (const role of ['executive', 'department_manager', 'account_manager'] as const) {
      const s = await h.signIn(role);
      expect((await h.request({ method: 'GET', url: '/api/v1/audit', as: s })).statusCode).toBe(403);
    }
  });

  it('400 on a bad actor id or cursor', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/audit?actorId=me', as: admin })).statusCode).toBe(
      400,
    );
    expect((await h.request({ method: 'GET', url: '/api/v1/audit?cursor=abc', as: admin })).statusCode).toBe(
      400,
    );
  });

  it('records before/after of an update with actor, ip and time, newest first, filtered by actor', async () => {
    const editor = await h.signIn('admin');
    const d = await h.request({
      method: 'POST',
      url: '/api/v1/departments',
      as: editor,
      payload: { name: '审计测试部' },
      remoteAddress: '10.7.0.7',
    });
    const id = d.json().id;
    await h.request({
      method: 'PATCH',
      url: `/api/v1/departments/${id}`,
      as: editor,
      payload: { name: '审计测试部二', version: 1 },
    });

    const res = await h.request({
      method: 'GET',
      url: `/api/v1/audit?actorId=${editor.userId}&entity=department`,
      as: admin,
    });
    expect(res.statusCode).toBe(200);
    const [update, create] = res.json().items;
    expect(update).toMatchObject({ action: 'department.update', entityId: id, actor: { id: editor.userId } });
    expect(update.before.name).toBe('审计测试部');
    expect(update.after.name).toBe('审计测试部二');
    expect(create).toMatchObject({ action: 'department.create', before: null, ip: '10.7.0.7' });
    expect(new Date(create.at).toISOString()).toBe('2026-11-25T08:00:00.000Z');
  });

  it('a failed write leaves no audit entry (same transaction)', async () => {
    const before = (
      await h.request({ method: 'GET', url: '/api/v1/audit?entity=department&limit=200', as: admin })
    ).json().total;
    await h.request({ method: 'POST', url: '/api/v1/departments', as: admin, payload: { name: '重名部门' } });
    const dup = await h.request({
      method: 'POST',
      url: '/api/v1/departments',
      as: admin,
      payload: { name: '重名部门' },
    });
    expect(dup.statusCode).toBe(409);
    const after = (
      await h.request({ method: 'GET', url: '/api/v1/audit?entity=department&limit=200', as: admin })
    ).json().total;
    expect(after).toBe(before + 1);
  });

  it('pages newest first without overlap', async () => {
    const s = await h.signIn('admin');
    for (let i = 0; i < 5; i++)
      await h.request({
        method: 'POST',
        url: '/api/v1/departments',
        as: s,
        payload: { name: `分页部门${i}` },
      });
    const p1 = (
      await h.request({
        method: 'GET',
        url: `/api/v1/audit?actorId=${s.userId}&entity=department&limit=3`,
        as: admin,
      })
    ).json();
    const p2 = (
      await h.request({
        method: 'GET',
        url: `/api/v1/audit?actorId=${s.userId}&entity=department&limit=3&cursor=${p1.nextCursor}`,
        as: admin,
      })
    ).json();
    const names = [...p1.items, ...p2.items].map((e: { after: { name: string } }) => e.after.name);
    expect(names).toEqual(['分页部门4', '分页部门3', '分页部门2', '分页部门1', '分页部门0']);
    expect(p2.nextCursor).toBeNull();
  });
});
