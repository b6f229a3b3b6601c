import { addDays, dateInTimeZone, dueBounds } from '@weixi/domain';
import type { DueWindow, Task, TaskStatus } from '@weixi/shared';
import { AppError, fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { reachOf } from '../access';
import { assertCan, can, managesPerson } from '../engagement.policy';
import { presentTask } from '../tasks.presenter';
import {
  countTasks,
  findAssignee,
  listTasks as listTaskRows,
  type TaskFilter,
  type TaskView,
} from '../tasks.repository';

/** Counting stops here: a number beyond it says "1,000+" and costs no more than the page. */
const countCap = 1_000;

export interface ListTasksInput {
  view: 'mine' | 'team' | 'all';
  status?: TaskStatus[] | undefined;
  due?: DueWindow | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
  source?: string[] | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Due dates bounding a window, as business dates (due_on is a date, not a time). */
function dueRange(window: DueWindow | undefined, now: Date, timeZone: string) {
  if (!window || window === 'all') return {};
  const b = dueBounds(now, timeZone);
  if (window === 'overdue') return { dueBefore: b.today };
  if (window === 'today') return { dueFrom: b.today, dueBefore: addDays(b.today, 1) };
  return { dueFrom: b.today, dueBefore: dateInTimeZone(b.startOfNextWeek, timeZone) };
}

/**
 * Task lists: mine (I own them), team (owners I manage; managers only), all (mine, the ones I
 * created for others, and my team's). Open tasks by due date, anything else newest first.
 */
export async function listTasks(ctx: Ctx, input: ListTasksInput) {
  assertCan(ctx.actor, 'manage_tasks');
  if (input.view === 'team' && !can(ctx.actor, 'view_team'))
    throw new AppError('forbidden', 'Team lists are for managers (engagement.view_team)');
  const scope = await ctx.scope();
  if (input.view === 'team' && input.ownerId && input.ownerId !== ctx.actor.id) {
    const owner = await findAssignee(ctx.db, input.ownerId);
    if (owner && !managesPerson(ctx.actor, scope, { id: owner.id, departmentId: owner.department_id }))
      throw new AppError('forbidden', 'That person is not in your team');
  }
  const statuses = input.status ?? ['open'];
  const order = statuses.length === 1 && statuses[0] === 'open' ? 'due' : 'newest';
  const cursor = readCursor(input.cursor, order === 'due' ? 2 : 1);
  const dueKey = cursor && order === 'due' ? String(cursor.values[0]) : null;
  if (dueKey !== null && !/^\d{4}-\d{2}-\d{2}$/.test(dueKey))
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');

  const reach = reachOf(ctx.actor, scope);
  const filter: TaskFilter = {
    view: input.view,
    statuses,
    ownerId: input.ownerId,
    customerId: input.customerId,
    sources: input.source,
    ...dueRange(input.due, ctx.clock.now(), ctx.config.TZ_BUSINESS),
  };
  const [rows, total] = await Promise.all([
    listTaskRows(
      ctx.db,
      reach,
      filter,
      order,
      input.limit + 1,
      cursor ? { dueOn: dueKey, id: cursor.id } : null,
    ),
    countTasks(ctx.db, reach, filter, countCap),
  ]);
  const today = dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  return pageOf<TaskView, Task>(
    rows,
    input.limit,
    Math.min(total, countCap),
    (r) => presentTask(r, today),
    (r) => (order === 'due' ? [r.due_on, r.id] : [r.id]),
  );
}
