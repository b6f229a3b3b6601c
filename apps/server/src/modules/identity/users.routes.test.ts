import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session, testPassword } from '../../testing/harness';

let h: Harness;
let admin: Session;
let manager: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  manager = await h.signIn('department_manager', await h.makeDepartment());
});
afterAll(async () => {
  await h.close();
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: `u${Math.random().toString(36).slice(2, 10)}@test.local`,
  name: '李娜',
  password: 'Long-enough-pass-1',
  role: 'account_manager',
  ...overrides,
});

describe('GET /api/v1/users', () => {
  it('401 anonymous, 403 for non-admins', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url: '/api/v1/users', as: manager });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('forbidden');
  });

  it('400 on a bad limit, cursor or filter', async () => {
    for (const q of [
      'limit=0',
      'limit=201',
      'limit=abc',
      'cursor=%25%25',
      'cursor=bm9wZQ',
      'role=king',
      'departmentId=123',
      'sort=age',
    ]) {
      const res = await h.request({ method: 'GET', url: `/api/v1/users?${q}`, as: admin });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().errors[0].path, q).toMatch(/^query\./);
    }
  });

  it('walks every page with keyset cursors, no row twice or missed, in each sort order', async () => {
    const dept = await h.makeDepartment();
    const made = new Set<string>();
    for (const name of ['丁一', '王二', '张三', '李四', '赵五', '钱六', '孙七']) {
      made.add((await h.makeUser({ departmentId: dept, name })).id);
    }
    for (const sort of ['name', '-name', 'createdAt', '-createdAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/users?departmentId=${dept}&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await h.request({ method: 'GET', url, as: admin });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.total).toBe(7);
        seen.push(...body.items.map((u: { id: string }) => u.id));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages, sort).toBe(3);
      expect(new Set(seen)).toEqual(made);
      expect(seen).toHaveLength(7);
    }
  });

  it('filters by role, status and search text', async () => {
    const u = await h.makeUser({ role: 'finance', name: '财务专员甲' });
    const byRole = (
      await h.request({ method: 'GET', url: '/api/v1/users?role=finance&limit=200', as: admin })
    ).json();
    expect(byRole.items.every((x: { role: string }) => x.role === 'finance')).toBe(true);
    const byText = (
      await h.request({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('专员甲')}`, as: admin })
    ).json();
    expect(byText.items.map((x: { id: string }) => x.id)).toEqual([u.id]);
    const pct = (
      await h.request({ method: 'GET', url: `/api/v1/users?q=${encodeURIComponent('%')}`, as: admin })
    ).json();
    expect(pct.total).toBe(0);
  });
});

describe('POST /api/v1/users', () => {
  it('401 anonymous, 403 for non-admins (nothing created)', async () => {
    const body = newUser();
    expect((await h.request({ method: 'POST', url: '/api/v1/users', payload: body })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/users', as: manager, payload: body })).statusCode,
    ).toBe(403);
    const found = await h.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', body.email)
      .execute();
    expect(found).toHaveLength(0);
  });

  it('400 with every bad field named', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: {
        email: 'bad',
        name: 'x'.repeat(101),
        password: 'short',
        role: 'boss',
        departmentId: 'nope',
        extra: 1,
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['departmentId', 'email', 'extra', 'name', 'password', 'role']);
  });

  it('400 for a department that does not exist', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: newUser({ departmentId: '01900000-0000-7000-8000-000000000000' }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'departmentId', code: 'not_found' });
  });

  it('creates with role defaults, ETag and an audit entry without the password', async () => {
    const dept = await h.makeDepartment();
    const body = newUser({ role: 'department_manager', departmentId: dept, phone: '138 0000 1234' });
    const res = await h.request({ method: 'POST', url: '/api/v1/users', as: admin, payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const user = res.json();
    expect(user).toMatchObject({
      email: body.email,
      role: 'department_manager',
      dataScope: 'department',
      status: 'active',
      version: 1,
    });
    expect(user.department.id).toBe(dept);
    expect(JSON.stringify(user)).not.toMatch(/password|hash/i);
    expect((await h.login(body.email, body.password)).userId).toBe(user.id);

    const audit = (
      await h.request({ method: 'GET', url: `/api/v1/audit?entity=user&entityId=${user.id}`, as: admin })
    ).json();
    const entry = audit.items.find((a: { action: string }) => a.action === 'user.create');
    expect(entry.actor.id).toBe(admin.userId);
    expect(entry.after.email).toBe(body.email);
    expect(JSON.stringify(entry)).not.toMatch(/argon2|Long-enough/);
  });

  it('409 on a duplicate email, named on the field, case-insensitively', async () => {
    const body = newUser();
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/users', as: admin, payload: body })).statusCode,
    ).toBe(201);
    const dup = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: { ...body, email: body.email.toUpperCase() },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'already_exists', errors: [{ path: 'email' }] });
  });

  it('Idempotency-Key: a retry replays the first answer and creates nothing more; another body is refused', async () => {
    const body = newUser();
    const key = `create-user-${Date.now()}`;
    const first = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: body,
      headers: { 'idempotency-key': key },
    });
    const again = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: body,
      headers: { 'idempotency-key': key },
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const rows = await h.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', body.email)
      .execute();
    expect(rows).toHaveLength(1);
    const other = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: newUser(),
      headers: { 'idempotency-key': key },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
    const badKey = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: newUser(),
      headers: { 'idempotency-key': 'x' },
    });
    expect(badKey.statusCode).toBe(400);
  });

  it('a failed create does not burn its Idempotency-Key', async () => {
    const key = `retry-after-fix-${Date.now()}`;
    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: newUser({ departmentId: '01900000-0000-7000-8000-000000000000' }),
      headers: { 'idempotency-key': key },
    });
    expect(bad.statusCode).toBe(400);
    const fixed = await h.request({
      method: 'POST',
      url: '/api/v1/users',
      as: admin,
      payload: newUser(),
      headers: { 'idempotency-key': key },
    });
    expect(fixed.statusCode).toBe(201);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('401, 400 bad uuid, 403 non-admin, 404 unknown, 200 with ETag', async () => {
    const u = await h.makeUser();
    expect((await h.request({ method: 'GET', url: `/api/v1/users/${u.id}` })).statusCode).toBe(401);
    const bad = await h.request({ method: 'GET', url: '/api/v1/users/123', as: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
    expect((await h.request({ method: 'GET', url: `/api/v1/users/${u.id}`, as: manager })).statusCode).toBe(
      403,
    );
    expect(
      (
        await h.request({
          method: 'GET',
          url: '/api/v1/users/01900000-0000-7000-8000-000000000000',
          as: admin,
        })
      ).statusCode,
    ).toBe(404);
    const ok = await h.request({ method: 'GET', url: `/api/v1/users/${u.id}`, as: admin });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"1"');
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('401 and 403 change nothing', async () => {
    const u = await h.makeUser();
    expect(
      (await h.request({ method: 'PATCH', url: `/api/v1/users/${u.id}`, payload: { name: 'x', version: 1 } }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `/api/v1/users/${u.id}`,
          as: manager,
          payload: { role: 'admin', version: 1 },
        })
      ).statusCode,
    ).toBe(403);
    const row = await h.database.db
      .selectFrom('app_user')
      .select(['role', 'version'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'account_manager', version: 1 });
  });

  it('428 without a version, 400 on a garbage If-Match', async () => {
    const u = await h.makeUser();
    const missing = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      payload: { name: 'x' },
    });
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('precondition_required');
    const garbage = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      payload: { name: 'x' },
      headers: { 'if-match': '*' },
    });
    expect(garbage.statusCode).toBe(400);
  });

  it('updates with If-Match and bumps the version; a stale version gets 409 and overwrites nothing', async () => {
    const u = await h.makeUser();
    const first = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      payload: { name: '第一位编辑', phone: '13811112222' },
      headers: { 'if-match': '"1"' },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ name: '第一位编辑', version: 2 });
    expect(first.headers.etag).toBe('"2"');

    const stale = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      payload: { name: '第二位编辑', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', currentVersion: 2 });
    const row = await h.database.db
      .selectFrom('app_user')
      .select(['name', 'phone'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '第一位编辑', phone: '13811112222' });
  });

  it('concurrent updates with the same version: exactly one wins', async () => {
    const u = await h.makeUser();
    const results = await Promise.all(
      ['甲', '乙', '丙', '丁'].map((name) =>
        h.request({
          method: 'PATCH',
          url: `/api/v1/users/${u.id}`,
          as: admin,
          payload: { name, version: 1 },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json().name;
    const row = await h.database.db
      .selectFrom('app_user')
      .select(['name', 'version'])
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: winner, version: 2 });
  });

  it('a password reset ends the user’s sessions; unlock clears a lock-out', async () => {
    const u = await h.makeUser();
    const s = await h.login(u.email);
    const reset = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      payload: { password: 'Reset-by-admin-2026', version: 1 },
    });
    expect(reset.statusCode).toBe(200);
    expect((await h.request({ method: 'GET', url: '/api/v1/me', as: s })).statusCode).toBe(401);
    expect((await h.login(u.email, 'Reset-by-admin-2026')).userId).toBe(u.id);

    for (let i = 0; i < 5; i++) {
      await h.request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: u.email, password: 'nope-nope-nope' },
        remoteAddress: '10.9.0.1',
      });
    }
    const locked = (await h.request({ method: 'GET', url: `/api/v1/users/${u.id}`, as: admin })).json();
    expect(locked.lockedUntil).not.toBeNull();
    const unlocked = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      payload: { unlock: true, version: locked.version },
    });
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await h.login(u.email, 'Reset-by-admin-2026')).userId).toBe(u.id);
  });

  it('an admin cannot demote or disable themself', async () => {
    const me = (await h.request({ method: 'GET', url: `/api/v1/users/${admin.userId}`, as: admin })).json();
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${admin.userId}`,
      as: admin,
      payload: { role: 'finance', version: me.version },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('role');
  });

  it('409 when changing the email to one already taken', async () => {
    const a = await h.makeUser();
    const b = await h.makeUser();
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/users/${b.id}`,
      as: admin,
      payload: { email: a.email, version: 1 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('email');
  });
});

describe('DELETE /api/v1/users/:id', () => {
  it('401, 403, 428, 404, then disables: sessions end and sign-in fails, history keeps the user', async () => {
    const u = await h.makeUser();
    const s = await h.login(u.email);
    expect((await h.request({ method: 'DELETE', url: `/api/v1/users/${u.id}` })).statusCode).toBe(401);
    expect(
      (
        await h.request({
          method: 'DELETE',
          url: `/api/v1/users/${u.id}`,
          as: manager,
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.request({ method: 'DELETE', url: `/api/v1/users/${u.id}`, as: admin })).statusCode).toBe(
      428,
    );
    expect(
      (
        await h.request({
          method: 'DELETE',
          url: '/api/v1/users/01900000-0000-7000-8000-000000000000',
          as: admin,
          headers: { 'if-match': '"1"' },
        })
      ).statusCode,
    ).toBe(404);
    const res = await h.request({
      method: 'DELETE',
      url: `/api/v1/users/${u.id}`,
      as: admin,
      headers: { 'if-match': '"1"' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await h.request({ method: 'GET', url: '/api/v1/me', as: s })).statusCode).toBe(401);
    const login = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: u.email, password: testPassword },
    });
    expect(login.statusCode).toBe(401);
  });
});
