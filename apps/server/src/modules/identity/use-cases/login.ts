import { afterFailedLogin, afterSuccessfulLogin, isLocked } from '@weixi/domain';
import { AppError } from '../../../http/app-error';
import type { AnonCtx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import {
  countFailedAttemptsSince,
  findUserByEmail,
  insertSession,
  recordLoginAttempt,
  setLoginState,
} from '../identity.repository';
import { dummyPasswordHash, randomToken, sha256, verifyPassword } from '../passwords';

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/**
 * Two defences: a per-IP rate limit on failures (stops spraying many accounts) and a per-account
 * lock after consecutive failures (stops guessing one password). Both live in the database so
 * they hold across server processes.
 */
export async function login(ctx: AnonCtx, input: { email: string; password: string }): Promise<LoginResult> {
  const now = ctx.clock.now();
  const { config } = ctx;
  const recentFailures = await countFailedAttemptsSince(ctx.db, ctx.ip, new Date(now.getTime() - 60_000));
  if (recentFailures >= config.LOGIN_RATE_PER_MINUTE) {
    throw new AppError('rate_limited', 'Too many failed sign-in attempts from this address; wait a minute', {
      retryAfterSeconds: 60,
    });
  }

  const user = await findUserByEmail(ctx.db, input.email);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await recordLoginAttempt(ctx.db, ctx.ip, input.email, now, false);
    throw new AppError('invalid_credentials', 'Email or password is wrong');
  }
  const lockState = { failedLogins: user.failed_logins, lockedUntil: user.locked_until };
  if (isLocked(lockState, now)) {
    await recordLoginAttempt(ctx.db, ctx.ip, input.email, now, false);
    const seconds = Math.ceil((user.locked_until!.getTime() - now.getTime()) / 1000);
    throw new AppError(
      'account_locked',
      'This account is locked after repeated failed sign-ins; try again later',
      {
        retryAfterSeconds: seconds,
      },
    );
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok || user.status !== 'active') {
    const next = ok
      ? lockState
      : afterFailedLogin(lockState, now, {
          maxFailures: config.LOGIN_MAX_FAILURES,
          lockMinutes: config.LOGIN_LOCK_MINUTES,
        });
    await setLoginState(ctx.db, user.id, {
      failed_logins: next.failedLogins,
      locked_until: next.lockedUntil,
    });
    await recordLoginAttempt(ctx.db, ctx.ip, input.email, now, false);
    if (next.lockedUntil && next.lockedUntil !== lockState.lockedUntil) {
      await recordAudit(ctx, { action: 'user.locked', entity: 'user', entityId: user.id, actorId: user.id });
    }
    // A disabled account answers like a wrong password: no hint that the email exists.
    throw new AppError('invalid_credentials', 'Email or password is wrong');
  }

  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(now.getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  await insertSession(ctx.db, {
    id: sha256(token),
    user_id: user.id,
    csrf_token: csrfToken,
    expires_at: expiresAt,
    // From the injected clock, not the database's now(): sliding expiry compares the two.
    created_at: now,
    last_seen_at: now,
    ip: ctx.ip,
    user_agent: ctx.userAgent?.slice(0, 300) ?? null,
  });
  const reset = afterSuccessfulLogin();
  await setLoginState(ctx.db, user.id, {
    failed_logins: reset.failedLogins,
    locked_until: reset.lockedUntil,
    last_login_at: now,
  });
  await recordLoginAttempt(ctx.db, ctx.ip, input.email, now, true);
  await recordAudit(ctx, { action: 'session.login', entity: 'user', entityId: user.id, actorId: user.id });
  return { token, csrfToken, expiresAt, userId: user.id };
}
