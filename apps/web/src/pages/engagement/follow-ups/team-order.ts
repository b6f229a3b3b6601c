import type { FollowUpSummary } from '@weixi/shared';

/** People with the most overdue first, then due today, then this week: whom a manager should help. */
export function ownersByUrgency(byOwner: FollowUpSummary['byOwner']): FollowUpSummary['byOwner'] {
  return [...byOwner].sort(
    (a, b) =>
      b.overdue - a.overdue ||
      b.today - a.today ||
      b.week - a.week ||
      a.owner.name.localeCompare(b.owner.name),
  );
}
