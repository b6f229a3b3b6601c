import { dueBounds } from '@weixi/domain';
import type { DueWindow, FollowUpItem, WorkView } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { followUpAudience } from '../follow-up-audience';
import { presentFollowUp } from '../follow-ups.presenter';
import {
  countFollowUps,
  type DueRange,
  type FollowUpRow,
  listFollowUps as listRows,
} from '../follow-ups.repository';
import { followUpRules } from './follow-up-rules';

/** Counting stops here: beyond it the list says "10,000+" and costs no more than the page. */
const countCap = 10_000;

export interface ListFollowUpsInput {
  view: WorkView;
  due: DueWindow;
  ownerId?: string | undefined;
  departmentId?: string | undefined;
  grade?: string[] | undefined;
  limit: number;
  cursor?: string | undefined;
}

/**
 * The due windows in the business time zone: overdue before today; today; this week from today to
 * the end of Sunday (overdue ones are their own list); all: every active customer's next one.
 */
export function dueRange(window: DueWindow, now: Date, timeZone: string): DueRange {
  const b = dueBounds(now, timeZone);
  switch (window) {
    case 'overdue':
      return { from: null, before: b.startOfToday };
    case 'today':
      return { from: b.startOfToday, before: b.startOfTomorrow };
    case 'week':
      return { from: b.startOfToday, before: b.startOfNextWeek };
    case 'all':
      return { from: null, before: null };
  }
}

/** Due follow-ups (回访) of the people in view, soonest due first (keyset pages). */
export async function listFollowUps(ctx: Ctx, input: ListFollowUpsInput) {
  const after = readCursor(input.cursor, 2);
  const afterDue = after ? new Date(String(after.values[0])) : null;
  if (after && (afterDue === null || Number.isNaN(afterDue.getTime())))
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  const audience = await followUpAudience(ctx, input);
  const filter = { ...dueRange(input.due, ctx.clock.now(), ctx.config.TZ_BUSINESS), grades: input.grade };
  const [rows, total, rules] = await Promise.all([
    listRows(
      ctx.db,
      audience,
      filter,
      input.limit + 1,
      after && afterDue ? { dueAt: afterDue, id: after.id } : null,
    ),
    countFollowUps(ctx.db, audience, filter, countCap),
    followUpRules(ctx),
  ]);
  return pageOf<FollowUpRow, FollowUpItem>(
    rows,
    input.limit,
    total,
    (r) => presentFollowUp(r, rules),
    (r) => [new Date(r.follow_up_due_at).toISOString(), r.id],
  );
}
