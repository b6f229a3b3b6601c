import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

describe('operations endpoints', () => {
  it('/healthz and /readyz answer without a session', async () => {
    expect((await h.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await h.request({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
  });

  it('/api/v1/about needs a session and names the engine', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/about' })).statusCode).toBe(401);
    const s = await h.signIn('reception');
    const body = (await h.request({ method: 'GET', url: '/api/v1/about', as: s })).json();
    const pg = Boolean(process.env.TEST_DATABASE_URL);
    expect(body).toMatchObject({
      name: 'Weixi',
      engine: pg ? 'postgres' : 'pglite',
      embedded: !pg,
      businessTimeZone: 'Asia/Shanghai',
    });
    expect(body.engineVersion).toMatch(/^\d+/);
  });

  it('serves an OpenAPI 3.1 document generated from the shared schemas, and a docs page', async () => {
    const doc = (await h.request({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/departments',
      '/api/v1/audit',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const create = doc.paths['/api/v1/users'].post;
    expect(Object.keys(create.requestBody.content['application/json'].schema.properties)).toContain('email');
    expect(create.responses['409']).toBeDefined();
    const docs = await h.request({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('sets security headers', async () => {
    const res = await h.request({ method: 'GET', url: '/healthz' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('unknown API routes are problem+json 404s, for signed-in users too', async () => {
    const anon = await h.request({ method: 'GET', url: '/api/nope' });
    expect(anon.statusCode).toBe(404);
    expect(anon.headers['content-type']).toContain('application/problem+json');
    const s = await h.signIn('finance');
    const res = await h.request({ method: 'GET', url: '/api/v1/nope', as: s });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });

  it('refuses bodies over the size limit with 413', async () => {
    const s = await h.signIn('admin');
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/departments',
      as: s,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });
});
