export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  lockMinutes: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export interface LockState {
  failedLogins: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/**
 * State after a failed attempt. Reaching the threshold locks and resets the counter, so the
 * next window after the lock expires starts fresh rather than locking again on one slip.
 */
export function afterFailedLogin(
  state: LockState,
  now: Date,
  policy: LockoutPolicy = defaultLockoutPolicy,
): LockState {
  const failures = state.failedLogins + 1;
  if (failures >= policy.maxFailures) {
    return { failedLogins: 0, lockedUntil: new Date(now.getTime() + policy.lockMinutes * 60_000) };
  }
  return { failedLogins: failures, lockedUntil: state.lockedUntil };
}

export function afterSuccessfulLogin(): LockState {
  return { failedLogins: 0, lockedUntil: null };
}
