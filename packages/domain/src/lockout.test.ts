import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from './lockout';

const policy = { maxFailures: 5, lockMinutes: 15 };
const t0 = new Date('2026-11-25T08:00:00Z');

describe('login lock-out', () => {
  it('locks on the fifth consecutive failure, not before', () => {
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 4; i++) {
      state = afterFailedLogin(state, t0, policy);
      expect(isLocked(state, t0)).toBe(false);
      expect(state.failedLogins).toBe(i);
    }
    state = afterFailedLogin(state, t0, policy);
    expect(isLocked(state, t0)).toBe(true);
    expect(state.lockedUntil?.toISOString()).toBe('2026-11-25T08:15:00.000Z');
  });

  it('unlocks exactly when the lock expires', () => {
    const locked = { failedLogins: 0, lockedUntil: new Date('2026-11-25T08:15:00Z') };
    expect(isLocked(locked, new Date('2026-11-25T08:14:59.999Z'))).toBe(true);
    expect(isLocked(locked, new Date('2026-11-25T08:15:00Z'))).toBe(false);
  });

  it('a success resets the counter and the lock', () => {
    expect(afterSuccessfulLogin()).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it('property: the counter never reaches the threshold without a lock', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60 }), (max, failures) => {
        let state = { failedLogins: 0, lockedUntil: null as Date | null };
        for (let i = 0; i < failures; i++)
          state = afterFailedLogin(state, t0, { maxFailures: max, lockMinutes: 1 });
        expect(state.failedLogins).toBeLessThan(max);
        expect(isLocked(state, t0)).toBe(failures >= max);
      }),
    );
  });
});
