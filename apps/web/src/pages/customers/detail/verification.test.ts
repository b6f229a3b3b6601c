import { describe, expect, it } from 'vitest';
import { verificationState } from './verification';

const now = new Date('2026-06-30T12:00:00Z');

describe('verificationState', () => {
  it('never verified is due', () => {
    expect(verificationState(null, 180, now)).toEqual({ due: true, daysAgo: null });
  });

  it('is due only when older than the setting, as the list filter counts it', () => {
    // Exactly 180 days is not yet "not verified in 180 days"; a second more is.
    expect(verificationState('2026-01-01T12:00:00Z', 180, now)).toEqual({ due: false, daysAgo: 180 });
    expect(verificationState('2026-01-01T11:59:59Z', 180, now)).toEqual({ due: true, daysAgo: 180 });
    expect(verificationState('2026-06-29T12:00:00Z', 180, now)).toEqual({ due: false, daysAgo: 1 });
    expect(verificationState('2026-06-29T12:00:00Z', 1, now).due).toBe(false);
    expect(verificationState('2026-06-28T12:00:00Z', 1, now).due).toBe(true);
  });
});
