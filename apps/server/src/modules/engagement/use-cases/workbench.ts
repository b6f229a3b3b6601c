import { dateInTimeZone, dueBounds } from '@weixi/domain';
import type { Workbench } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { countUnread } from '../../platform/notifications.repository';
import { reachOf } from '../access';
import { presentFollowUp } from '../follow-ups.presenter';
import { countByOwner, listFollowUps } from '../follow-ups.repository';
import { presentTask } from '../tasks.presenter';
import { listTasks } from '../tasks.repository';
import { listVisits } from '../visits.repository';
import { openTaskCounts } from '../workbench.repository';
import { followUpRules } from './follow-up-rules';
import { visitDetails } from './visit-details';

/** Items per list on My day; the full lists are a click away. */
const itemsMax = 10;
/** More visits than this in one day is a data problem, not a plan. */
const visitsMax = 50;

/**
 * My day (工作台): today's business date, the actor's follow-ups overdue and due today (counts for
 * this week too), today's visits, open tasks by due date and unread notifications. Each part is one
 * indexed query on the actor's own rows, so it costs the same whatever the archive's size.
 */
export async function workbench(ctx: Ctx): Promise<Workbench> {
  const now = ctx.clock.now();
  const tz = ctx.config.TZ_BUSINESS;
  const b = dueBounds(now, tz);
  const me = { owners: [ctx.actor.id], collaborator: null };
  const scope = await ctx.scope();
  const reach = reachOf(ctx.actor, scope);
  const [counts, followUps, rules, visitRows, taskCounts, taskRows, unread] = await Promise.all([
    countByOwner(ctx.db, me, b),
    listFollowUps(ctx.db, me, { from: null, before: b.startOfTomorrow }, itemsMax, null),
    followUpRules(ctx),
    listVisits(
      ctx.db,
      reach,
      scope,
      { view: 'mine', from: b.today, to: b.today, statuses: ['planned', 'checked_in', 'reported'] },
      visitsMax,
      null,
    ),
    openTaskCounts(ctx.db, ctx.actor.id, { today: b.today, nextWeek: dateInTimeZone(b.startOfNextWeek, tz) }),
    listTasks(ctx.db, reach, { view: 'mine', statuses: ['open'] }, 'due', itemsMax, null),
    countUnread(ctx.db, ctx.actor.id),
  ]);
  const mine = counts[0] ?? { overdue: 0, today: 0, week: 0 };
  return {
    today: b.today,
    followUps: {
      overdue: mine.overdue,
      today: mine.today,
      week: mine.week,
      items: followUps.map((r) => presentFollowUp(r, rules)),
    },
    visits: await visitDetails(ctx.db, visitRows),
    tasks: { ...taskCounts, items: taskRows.map((t) => presentTask(t, b.today)) },
    notifications: { unread },
  };
}
