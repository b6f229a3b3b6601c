/**
 * Whether a record is due for verification (DOMAIN §1: records not verified in N days are
 * reviewed). Never verified counts as due. `now` is passed in so the rule is testable.
 */
export function verificationState(
  verifiedAt: string | null,
  verifyAfterDays: number,
  now: Date,
): { due: boolean; daysAgo: number | null } {
  if (!verifiedAt) return { due: true, daysAgo: null };
  const elapsed = now.getTime() - new Date(verifiedAt).getTime();
  // The same cut-off as the list's "not verified in N days" filter: strictly older than N days.
  return {
    due: elapsed > verifyAfterDays * 86_400_000,
    daysAgo: Math.max(0, Math.floor(elapsed / 86_400_000)),
  };
}
