import type { DB } from '@weixi/db';
import { addDays, type Clock, dateInTimeZone, dueBounds } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { sampleNames } from '../../ownership/use-cases/ownership-records';
import { type NotifyCtx, notify } from '../../platform/notify';
import { type DueDigestRow, dueDigests, type TaskReminderRow, tasksToRemind } from '../reminders.repository';
import { readEngagementSettings } from './read-engagement-settings';

export interface RemindersCtx {
  db: Kysely<DB>;
  clock: Clock;
  timeZone: string;
  config?: NotifyCtx['config'];
  jobs?: NotifyCtx['jobs'];
  signal?: AbortSignal;
}

export interface RemindersResult {
  dueSoonDigests: number;
  overdueDigests: number;
  tasksDueSoon: number;
  tasksOverdue: number;
}

/** People per transaction; tasks per transaction. */
const peoplePerBatch = 200;
const tasksPerBatch = 500;
/** A task notice names its customer after the title, in any language. */
const paramMax = 500;

/**
 * Reminds people before follow-ups and tasks fall due and when they become overdue (DOMAIN §3,
 * decision 011), hourly: each person gets at most one digest a day of follow-ups falling due within
 * `reminderLeadDays` and one of overdue follow-ups; each open task one notice when it comes within
 * the lead time and one when it is overdue. Dedupe keys (`follow_up.due_soon:<date>`,
 * `task.overdue:<task>:<due date>`) make re-runs and concurrent workers send nothing twice; a
 * person's notices are sent in the same transaction as the check.
 */
export async function sendReminders(ctx: RemindersCtx): Promise<RemindersResult> {
  const settings = await readEngagementSettings(ctx);
  const now = ctx.clock.now();
  const b = dueBounds(now, ctx.timeZone, settings.reminderLeadDays);
  const result: RemindersResult = { dueSoonDigests: 0, overdueDigests: 0, tasksDueSoon: 0, tasksOverdue: 0 };
  const keys = { soonKey: `follow_up.due_soon:${b.today}`, overdueKey: `follow_up.overdue:${b.today}` };
  // "This week" holds everything due soon unless the lead time reaches past Sunday.
  const soonList = b.leadEnd.getTime() <= b.startOfNextWeek.getTime() ? 'week' : 'all';

  let after: string | null = null;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const { rows, last } = await dueDigests(ctx.db, after, peoplePerBatch, { ...b, ...keys });
    if (last === null) break;
    after = last;
    if (rows.length === 0) continue;
    await ctx.db.transaction().execute(async (trx) => {
      const n = { db: trx, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs };
      for (const r of rows) {
        if (r.soon > 0 && !r.soon_sent && (await notify(n, dueSoon(r, keys.soonKey, soonList, ctx.timeZone))))
          result.dueSoonDigests += 1;
        if (r.overdue > 0 && !r.overdue_sent && (await notify(n, overdue(r, keys.overdueKey))))
          result.overdueDigests += 1;
      }
    });
  }

  let afterTask: string | null = null;
  const dueBefore = addDays(b.today, settings.reminderLeadDays + 1);
  for (;;) {
    ctx.signal?.throwIfAborted();
    const tasks = await tasksToRemind(ctx.db, afterTask, tasksPerBatch, { today: b.today, dueBefore });
    if (tasks.length === 0) break;
    afterTask = tasks.at(-1)!.id;
    await ctx.db.transaction().execute(async (trx) => {
      const n = { db: trx, clock: ctx.clock, config: ctx.config, jobs: ctx.jobs };
      for (const t of tasks) {
        const late = t.due_on < b.today;
        if (await notify(n, taskNotice(t, late))) {
          if (late) result.tasksOverdue += 1;
          else result.tasksDueSoon += 1;
        }
      }
    });
  }
  return result;
}

function dueSoon(r: DueDigestRow, dedupeKey: string, list: 'week' | 'all', timeZone: string) {
  return {
    userIds: [r.owner_id],
    kind: 'follow_up.due_soon',
    params: {
      count: r.soon,
      names: sampleNames(r.soon_first.map((c) => c.name)),
      dueOn: r.soon_due_at ? dateInTimeZone(new Date(r.soon_due_at), timeZone) : '',
    },
    link: `/engagement/follow-ups?due=${list}`,
    entity: 'customer',
    entityId: r.soon === 1 ? (r.soon_first[0]?.id ?? null) : null,
    dedupeKey,
  };
}

function overdue(r: DueDigestRow, dedupeKey: string) {
  return {
    userIds: [r.owner_id],
    kind: 'follow_up.overdue',
    params: { count: r.overdue, names: sampleNames(r.overdue_first.map((c) => c.name)) },
    link: '/engagement/follow-ups?due=overdue',
    entity: 'customer',
    entityId: r.overdue === 1 ? (r.overdue_first[0]?.id ?? null) : null,
    dedupeKey,
  };
}

function taskNotice(t: TaskReminderRow, late: boolean) {
  const kind = late ? 'task.overdue' : 'task.due_soon';
  return {
    userIds: [t.owner_id],
    kind,
    params: {
      title: (t.customer_name ? `${t.title} · ${t.customer_name}` : t.title).slice(0, paramMax),
      dueOn: t.due_on,
    },
    link: `/engagement/tasks/${t.id}`,
    entity: 'task',
    entityId: t.id,
    dedupeKey: `${kind}:${t.id}:${t.due_on}`,
  };
}
