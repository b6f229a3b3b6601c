import type { Visit, VisitStatus } from '@weixi/shared';
import { AppError, fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { reachOf } from '../access';
import { assertCan, can } from '../engagement.policy';
import { countVisits, listVisits as listVisitRows, type VisitFilter } from '../visits.repository';
import { visitDetails } from './visit-details';

/** Counting stops here: a number beyond it says "1,000+" and costs no more than the page. */
const countCap = 1_000;

export interface ListVisitsInput {
  view: 'mine' | 'team' | 'all';
  visitorId?: string | undefined;
  customerId?: string | undefined;
  status?: VisitStatus[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

const cursorShape = [/^\d{4}-\d{2}-\d{2}$/, /^\d{1,3}$/, /^\d{2}:\d{2}:\d{2}$/];

/**
 * Visits in the order of the day (date, stop order, time): mine (I visit), team (visitors I manage;
 * managers only), all (also those to customers I may read).
 */
export async function listVisits(ctx: Ctx, input: ListVisitsInput) {
  assertCan(ctx.actor, 'plan_visit');
  if (input.view === 'team' && !can(ctx.actor, 'view_team'))
    throw new AppError('forbidden', 'Team lists are for managers (engagement.view_team)');
  const cursor = readCursor(input.cursor, 4);
  const keys = cursor ? cursor.values.slice(0, 3).map(String) : null;
  if (keys && !keys.every((k, i) => cursorShape[i]!.test(k)))
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');

  const scope = await ctx.scope();
  const reach = reachOf(ctx.actor, scope);
  const filter: VisitFilter = {
    view: input.view,
    visitorId: input.visitorId,
    customerId: input.customerId,
    statuses: input.status,
    from: input.from,
    to: input.to,
  };
  const after =
    keys && cursor
      ? { plannedOn: keys[0]!, stopKey: Number(keys[1]), timeKey: keys[2]!, id: cursor.id }
      : null;
  const [rows, total] = await Promise.all([
    listVisitRows(ctx.db, reach, scope, filter, input.limit + 1, after),
    countVisits(ctx.db, reach, scope, filter, countCap),
  ]);
  const page = pageOf(
    rows,
    input.limit,
    Math.min(total, countCap),
    (r) => r,
    (r) => [r.planned_on, String(r.stop_key), r.time_key, r.id],
  );
  const items: Visit[] = await visitDetails(ctx.db, page.items);
  return { ...page, items };
}
