import type { FastifyInstance } from 'fastify';
import { actorFromApiToken, actorFromSession } from '../modules/identity/use-cases/resolve-actor';
import { AppError } from './app-error';
import { requireActor } from './context';

export const sessionCookie = 'weixi_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves who is calling before any route runs: a bearer API token, or the session cookie.
 * Cookie-authenticated unsafe requests must echo the session's CSRF token in X-CSRF-Token:
 * another site can make a browser send our cookie, but cannot read the token to send it back.
 */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const { db, clock, config } = app.deps;
    const now = clock.now();
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await actorFromApiToken(db, auth.slice(7).trim(), now);
      if (!req.actor) throw new AppError('unauthenticated', 'The API token is unknown, revoked or expired');
      return;
    }
    const token = req.cookies[sessionCookie];
    if (token) req.actor = await actorFromSession(db, token, now, config.SESSION_TTL_HOURS);
    if (!req.actor) {
      req.sessionExpired = token !== undefined;
      // Default-deny: every /api/v1 route needs a user unless it is marked public, and this runs
      // before validation, so an anonymous caller learns nothing from validation errors.
      if (req.routeOptions.config?.public !== true && req.url.startsWith('/api/v1/')) requireActor(req);
      return;
    }
    if (!safeMethods.has(req.method) && req.headers['x-csrf-token'] !== req.actor.csrfToken) {
      throw new AppError(
        'csrf_failed',
        'Missing or wrong X-CSRF-Token header for a cookie-authenticated request',
      );
    }
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    sessionExpired?: boolean;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
}
