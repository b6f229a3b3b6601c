import { dateInTimeZone, followUpDue, overdueDays } from '@weixi/domain';
import type { FollowUpCounts, FollowUpItem, FollowUpSummary } from '@weixi/shared';
import type { FollowUpRow, OwnerCounts } from './follow-ups.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** What presenting a follow-up needs besides the row: the rules in force and the time. */
export interface FollowUpRules {
  /** The service standard's follow-up days per grade. */
  followUpDays: Record<string, number>;
  keyContactDays: number;
  now: Date;
  timeZone: string;
}

/** Only these fields of a due follow-up leave the server. */
export function presentFollowUp(row: FollowUpRow, rules: FollowUpRules): FollowUpItem {
  const dueAt = new Date(row.follow_up_due_at);
  // Which rule set the date; the stored due time is the one shown (the trigger keeps it).
  const due = followUpDue(
    {
      status: row.status,
      grade: row.grade,
      category: row.category,
      createdAt: new Date(row.created_at),
      lastFollowUpAt: row.last_follow_up_at ? new Date(row.last_follow_up_at) : null,
      lastOwnerContactAt: row.last_owner_contact_at ? new Date(row.last_owner_contact_at) : null,
    },
    rules.followUpDays,
    rules.keyContactDays,
  );
  return {
    customer: {
      id: row.id,
      name: row.name,
      grade: row.grade as FollowUpItem['customer']['grade'],
      category: row.category as FollowUpItem['customer']['category'],
    },
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    dueAt: dueAt.toISOString(),
    dueOn: dateInTimeZone(dueAt, rules.timeZone),
    overdueDays: overdueDays(dueAt, rules.now, rules.timeZone),
    reason: due?.reason ?? 'cadence',
    lastFollowUpAt: iso(row.last_follow_up_at),
    lastOwnerContactAt: iso(row.last_owner_contact_at),
    followUpDays: rules.followUpDays[row.grade ?? 'D'] ?? 0,
  };
}

/** Per-owner counts, the busiest first, with the totals over them. */
export function presentSummary(rows: readonly OwnerCounts[]): FollowUpSummary {
  const total: FollowUpCounts = { overdue: 0, today: 0, week: 0 };
  for (const r of rows) {
    total.overdue += r.overdue;
    total.today += r.today;
    total.week += r.week;
  }
  const byOwner = [...rows]
    .sort(
      (a, b) =>
        b.overdue - a.overdue ||
        b.today - a.today ||
        b.week - a.week ||
        a.owner_name.localeCompare(b.owner_name),
    )
    .map((r) => ({
      owner: { id: r.owner_id, name: r.owner_name },
      overdue: r.overdue,
      today: r.today,
      week: r.week,
    }));
  return { ...total, byOwner };
}
