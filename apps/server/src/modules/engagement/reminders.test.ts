import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { remindersJob } from './engagement.jobs';

let h: Harness;
let dept: string;
const day = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
  dept = await h.makeDepartment('提醒部');
});
afterAll(async () => {
  await h.close();
});

/** A customer of `as` due at `due` (ungraded: 180 days after its last follow-up). */
async function customerDue(as: Session, name: string, due: string) {
  const c = await createCustomer(h, as, { name });
  await h.database.db
    .updateTable('customer')
    .set({ last_follow_up_at: new Date(Date.parse(due) - 180 * day) })
    .where('id', '=', c.id)
    .execute();
  return c.id;
}

async function task(as: Session, title: string, dueOn: string, customerId: string | null = null) {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/tasks',
    as,
    payload: { title, dueOn, customerId },
  });
  if (res.statusCode !== 201) throw new Error(`task: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

async function runReminders() {
  await h.jobs.send(remindersJob, {});
  const outcomes = await h.runJobs();
  const run = outcomes.find((o) => o.name === 'engagement.reminders');
  expect(run?.state).toBe('completed');
  return run?.result;
}

const notices = (userId: string) =>
  h.database.db
    .selectFrom('notification')
    .select(['kind', 'params', 'link', 'entity', 'entity_id', 'dedupe_key'])
    .where('user_id', '=', userId)
    .orderBy('kind')
    .orderBy('id')
    .execute();

describe('engagement.reminders', () => {
  it('sends each person one digest a day per list and one notice per task, however often it runs', async () => {
    // Wednesday 25 November 2026, 08:05 in Shanghai.
    h.clock.set('2026-11-25T00:05:00Z');
    const am = await h.signIn('account_manager', dept);
    await customerDue(am, '提醒逾期一', '2026-11-20T02:00:00Z');
    await customerDue(am, '提醒逾期二', '2026-11-23T02:00:00Z');
    const soon = await customerDue(am, '提醒明天到期', '2026-11-26T02:00:00Z'); // Thursday, within the 1-day lead
    await customerDue(am, '提醒下周到期', '2026-12-02T02:00:00Z');
    const customer = await createCustomer(h, am, { name: '任务客户' });
    const dueToday = await task(am, '寄送报价单', '2026-11-25', customer.id);
    await task(am, '安排技术交流', '2026-11-30');

    const first = await runReminders();
    expect(first).toEqual({ dueSoonDigests: 1, overdueDigests: 1, tasksDueSoon: 1, tasksOverdue: 0 });
    const sent = await notices(am.userId);
    expect(sent).toEqual([
      {
        kind: 'follow_up.due_soon',
        params: { count: 1, names: '提醒明天到期', dueOn: '2026-11-26' },
        link: '/engagement/follow-ups?due=week',
        entity: 'customer',
        entity_id: soon,
        dedupe_key: 'follow_up.due_soon:2026-11-25',
      },
      {
        kind: 'follow_up.overdue',
        params: { count: 2, names: '提醒逾期一、提醒逾期二' },
        link: '/engagement/follow-ups?due=overdue',
        entity: 'customer',
        entity_id: null,
        dedupe_key: 'follow_up.overdue:2026-11-25',
      },
      {
        kind: 'task.due_soon',
        params: { title: '寄送报价单 · 任务客户', dueOn: '2026-11-25' },
        link: `/engagement/tasks/${dueToday}`,
        entity: 'task',
        entity_id: dueToday,
        dedupe_key: `task.due_soon:${dueToday}:2026-11-25`,
      },
    ]);

    // An hour later, and again: nothing new.
    h.clock.advance(3_600_000);
    expect(await runReminders()).toEqual({
      dueSoonDigests: 0,
      overdueDigests: 0,
      tasksDueSoon: 0,
      tasksOverdue: 0,
    });
    expect(await runReminders()).toEqual({
      dueSoonDigests: 0,
      overdueDigests: 0,
      tasksDueSoon: 0,
      tasksOverdue: 0,
    });
    expect(await notices(am.userId)).toHaveLength(3);

    // Next morning: new digests; the task due yesterday is now overdue, once.
    h.clock.set('2026-11-26T00:05:00Z');
    expect(await runReminders()).toEqual({
      dueSoonDigests: 1,
      overdueDigests: 1,
      tasksDueSoon: 0,
      tasksOverdue: 1,
    });
    expect(await runReminders()).toEqual({
      dueSoonDigests: 0,
      overdueDigests: 0,
      tasksDueSoon: 0,
      tasksOverdue: 0,
    });
    const next = (await notices(am.userId)).filter(
      (n) => n.dedupe_key?.includes('2026-11-26') || n.kind === 'task.overdue',
    );
    expect(next.map((n) => [n.kind, n.params])).toEqual([
      ['follow_up.due_soon', { count: 1, names: '提醒明天到期', dueOn: '2026-11-26' }],
      ['follow_up.overdue', { count: 2, names: '提醒逾期一、提醒逾期二' }],
      ['task.overdue', { title: '寄送报价单 · 任务客户', dueOn: '2026-11-25' }],
    ]);
    h.clock.set('2026-11-25T08:00:00Z');
  });

  it('reminds within the lead time the administrator set, and never a disabled account', async () => {
    h.clock.set('2026-11-25T00:05:00Z');
    const am = await h.signIn('account_manager', dept);
    const gone = await h.signIn('account_manager', dept);
    await customerDue(am, '提前三天', '2026-11-28T02:00:00Z');
    await customerDue(gone, '离职员工的客户', '2026-11-20T02:00:00Z');
    await h.database.db
      .updateTable('app_user')
      .set({ status: 'disabled' })
      .where('id', '=', gone.userId)
      .execute();
    expect(await notices(am.userId)).toEqual([]);
    await runReminders();
    // Due Saturday: not within the default one day.
    expect(await notices(am.userId)).toEqual([]);

    await h.database.db
      .insertInto('setting')
      .values({ key: 'engagement.settings', value: JSON.stringify({ reminderLeadDays: 3 }) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify({ reminderLeadDays: 3 }) }))
      .execute();
    await runReminders();
    expect((await notices(am.userId)).map((n) => n.kind)).toEqual(['follow_up.due_soon']);
    expect(await notices(gone.userId)).toEqual([]);
    h.clock.set('2026-11-25T08:00:00Z');
  });
});
