import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, testPassword } from '../../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ LOGIN_RATE_PER_MINUTE: '8' });
});
afterAll(async () => {
  await h.close();
});

const login = (email: string, password: string, ip = '10.0.0.1') =>
  h.request({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });

describe('POST /api/v1/auth/login', () => {
  it('signs in: HttpOnly SameSite=Lax cookie and the user with a CSRF token', async () => {
    const u = await h.makeUser({ role: 'account_manager' });
    const res = await login(u.email, testPassword, '10.1.0.1');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'weixi_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const body = res.json();
    expect(body).toMatchObject({ id: u.id, email: u.email, role: 'account_manager', dataScope: 'own' });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(body).not.toHaveProperty('passwordHash');
  });

  it('is case-insensitive on the email', async () => {
    const u = await h.makeUser();
    expect((await login(u.email.toUpperCase(), testPassword, '10.1.0.2')).statusCode).toBe(200);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const u = await h.makeUser();
    const wrong = await login(u.email, 'not-the-password', '10.1.0.3');
    const unknown = await login('nobody@test.local', 'whatever-password', '10.1.0.3');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    }
  });

  it('rejects malformed JSON, wrong types and unknown fields with field paths', async () => {
    const malformed = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed_json');

    const bad = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'not-an-email', password: 12345, admin: true },
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.code).toBe('validation_failed');
    const paths = body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['admin', 'email', 'password']);
    expect(body.errors.find((e: { path: string }) => e.path === 'admin').code).toBe('unknown_field');

    const tooLong = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `${'a'.repeat(300)}@x.cn`, password: 'x' },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].path).toBe('email');
  });

  it('refuses a body that is not JSON', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a%40b.c&password=x',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('locks the account after 5 failures, even for the right password, until the lock expires', async () => {
    const u = await h.makeUser();
    for (let i = 0; i < 5; i++)
      expect((await login(u.email, 'wrong-password', '10.2.0.1')).statusCode).toBe(401);
    const locked = await login(u.email, testPassword, '10.2.0.2');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);

    h.clock.advance(15 * 60_000 + 1000);
    expect((await login(u.email, testPassword, '10.2.0.3')).statusCode).toBe(200);
    h.clock.advance(-(15 * 60_000 + 1000));
  });

  it('rate-limits failures per address across accounts (429 with Retry-After)', async () => {
    const ip = '10.3.0.1';
    for (let i = 0; i < 8; i++) await login(`spray${i}@test.local`, 'guess-password', ip);
    const res = await login('spray-final@test.local', 'guess-password', ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('rate_limited');
    expect(res.headers['retry-after']).toBe('60');
    // Another address is unaffected.
    const u = await h.makeUser();
    expect((await login(u.email, testPassword, '10.3.0.2')).statusCode).toBe(200);
  });

  it('refuses a disabled user like a wrong password', async () => {
    const u = await h.makeUser();
    await h.database.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', u.id).execute();
    const res = await login(u.email, testPassword, '10.4.0.1');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_credentials');
  });
});

describe('GET /api/v1/me and sessions', () => {
  it('401 without a session', async () => {
    const res = await h.request({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('401 with a forged cookie', async () => {
    const res = await h.request({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: 'weixi_session=forged' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
  });

  it('returns the user with department and engine', async () => {
    const dept = await h.makeDepartment('客户服务部-me');
    const s = await h.signIn('service_agent', dept);
    const res = await h.request({ method: 'GET', url: '/api/v1/me', as: s });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: s.userId,
      role: 'service_agent',
      department: { id: dept, name: '客户服务部-me' },
      engine: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
    });
  });

  it('expires a session after its TTL without activity', async () => {
    const s = await h.signIn('finance');
    h.clock.advance(13 * 3_600_000);
    const res = await h.request({ method: 'GET', url: '/api/v1/me', as: s });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
    h.clock.advance(-13 * 3_600_000);
  });

  it('slides the expiry while the user is active', async () => {
    const s = await h.signIn('finance');
    for (let i = 0; i < 3; i++) {
      h.clock.advance(6 * 3_600_000);
      expect((await h.request({ method: 'GET', url: '/api/v1/me', as: s })).statusCode).toBe(200);
    }
    h.clock.advance(-18 * 3_600_000);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('401 without a session', async () => {
    expect((await h.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(401);
  });

  it('403 without the CSRF token, and the session survives', async () => {
    const s = await h.signIn('reception');
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
    expect((await h.request({ method: 'GET', url: '/api/v1/me', as: s })).statusCode).toBe(200);
  });

  it('ends the session', async () => {
    const s = await h.signIn('reception');
    const res = await h.request({ method: 'POST', url: '/api/v1/auth/logout', as: s });
    expect(res.statusCode).toBe(204);
    expect((await h.request({ method: 'GET', url: '/api/v1/me', as: s })).statusCode).toBe(401);
  });
});

describe('PATCH /api/v1/me', () => {
  it('401 / 400 / 200', async () => {
    expect((await h.request({ method: 'PATCH', url: '/api/v1/me', payload: { name: 'x' } })).statusCode).toBe(
      401,
    );
    const s = await h.signIn('account_manager');
    const bad = await h.request({ method: 'PATCH', url: '/api/v1/me', as: s, payload: { role: 'admin' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'role', code: 'unknown_field' });
    const badLocale = await h.request({
      method: 'PATCH',
      url: '/api/v1/me',
      as: s,
      payload: { locale: 'fr-FR' },
    });
    expect(badLocale.json().errors[0].path).toBe('locale');
    const ok = await h.request({
      method: 'PATCH',
      url: '/api/v1/me',
      as: s,
      payload: { name: '张三', locale: 'en-US' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '张三', locale: 'en-US', role: 'account_manager' });
  });
});

describe('POST /api/v1/me/password', () => {
  it('401 without a session', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/me/password',
      payload: { currentPassword: 'a', newPassword: 'b' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('400 on a wrong current password or a too-short new one, nothing changed', async () => {
    const s = await h.signIn('account_manager');
    const wrong = await h.request({
      method: 'POST',
      url: '/api/v1/me/password',
      as: s,
      payload: { currentPassword: 'wrong-one-xx', newPassword: 'Another-pass-2026' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('currentPassword');
    const short = await h.request({
      method: 'POST',
      url: '/api/v1/me/password',
      as: s,
      payload: { currentPassword: testPassword, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe('newPassword');
    expect((await h.login(s.email)).userId).toBe(s.userId);
  });

  it('changes the password and signs out other sessions only', async () => {
    const u = await h.makeUser();
    const here = await h.login(u.email);
    const elsewhere = await h.login(u.email);
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/me/password',
      as: here,
      payload: { currentPassword: testPassword, newPassword: 'Brand-new-pass-2026' },
    });
    expect(res.statusCode).toBe(204);
    expect((await h.request({ method: 'GET', url: '/api/v1/me', as: here })).statusCode).toBe(200);
    expect((await h.request({ method: 'GET', url: '/api/v1/me', as: elsewhere })).statusCode).toBe(401);
    expect((await h.login(u.email, 'Brand-new-pass-2026')).userId).toBe(u.id);
  });
});

describe('API tokens', () => {
  it('401 without a session', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/me/tokens' })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'x' } })).statusCode,
    ).toBe(401);
  });

  it('create shows the secret once; bearer auth works without CSRF; list hides it; revoke ends it', async () => {
    const s = await h.signIn('account_manager');
    const bad = await h.request({ method: 'POST', url: '/api/v1/me/tokens', as: s, payload: { name: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('name');

    const created = await h.request({
      method: 'POST',
      url: '/api/v1/me/tokens',
      as: s,
      payload: { name: 'ERP sync', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { token, id, prefix } = created.json();
    expect(token).toMatch(/^wx_/);
    expect(token.startsWith(prefix)).toBe(true);

    const me = await h.request({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: s.userId, csrfToken: null });
    const write = await h.request({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
      payload: { phone: '13900000000' },
    });
    expect(write.statusCode).toBe(200);

    const list = await h.request({ method: 'GET', url: '/api/v1/me/tokens', as: s });
    expect(list.json().items).toHaveLength(1);
    expect(JSON.stringify(list.json())).not.toContain(token);

    const other = await h.signIn('account_manager');
    expect(
      (await h.request({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, as: other })).statusCode,
    ).toBe(404);
    expect(
      (await h.request({ method: 'DELETE', url: '/api/v1/me/tokens/not-a-uuid', as: s })).statusCode,
    ).toBe(400);
    expect((await h.request({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, as: s })).statusCode).toBe(
      204,
    );
    const after = await h.request({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('an expired token is refused', async () => {
    const s = await h.signIn('account_manager');
    const { token } = (
      await h.request({
        method: 'POST',
        url: '/api/v1/me/tokens',
        as: s,
        payload: { name: 'short', expiresInDays: 1 },
      })
    ).json();
    h.clock.advance(2 * 86_400_000);
    expect(
      (await h.request({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } }))
        .statusCode,
    ).toBe(401);
    h.clock.advance(-2 * 86_400_000);
  });
});
