import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AppError } from './app-error';
import { registerErrorHandler } from './error-handler';

async function appThrowing(err: unknown) {
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.get('/boom', async () => {
    throw err;
  });
  await app.ready();
  return app;
}

describe('error handler', () => {
  it('hides the internals of unexpected errors behind a 500 with the request id', async () => {
    const app = await appThrowing(new Error('connection to 10.0.0.5 failed: password "s3cret"'));
    const res = await app.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).not.toContain('s3cret');
    expect(res.body).not.toContain('10.0.0.5');
    expect(res.json()).toMatchObject({ code: 'internal', status: 500, title: 'Internal Server Error' });
    expect(res.json().detail).toContain(res.json().detail.match(/request (\S+)\)/)[1]);
  });

  it('maps driver codes, not messages: 23505 → 409 already_exists on the guarded field', async () => {
    const err = Object.assign(new Error('duplicate key value violates unique constraint'), {
      code: '23505',
      constraint: 'app_user_email',
    });
    const res = await (await appThrowing(err)).inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'already_exists', errors: [{ path: 'email' }] });
  });

  it('23503 (foreign key) → 409 conflict; 22P02 (bad text representation) → 400', async () => {
    const fk = await (await appThrowing(Object.assign(new Error('x'), { code: '23503' }))).inject({
      method: 'GET',
      url: '/boom',
    });
    expect(fk.statusCode).toBe(409);
    const fmt = await (await appThrowing(Object.assign(new Error('x'), { code: '22P02' }))).inject({
      method: 'GET',
      url: '/boom',
    });
    expect(fmt.statusCode).toBe(400);
  });

  it('AppError carries its code, status, field issues and Retry-After', async () => {
    const err = new AppError('rate_limited', 'slow down', {
      retryAfterSeconds: 42,
      errors: [{ path: 'email', code: 'x', message: 'y' }],
    });
    const res = await (await appThrowing(err)).inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.json()).toMatchObject({
      code: 'rate_limited',
      detail: 'slow down',
      retryAfterSeconds: 42,
      instance: '/boom',
    });
  });
});
