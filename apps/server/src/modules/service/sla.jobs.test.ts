import { addBusinessTime, defaultBusinessCalendar } from '@weixi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness } from '../../testing/harness';
import { scheduleCatalog } from '../platform/jobs/catalog';
import { insertTicket } from './admin-fixtures';
import { slaWatchJob } from './sla.jobs';
import { markBreaches, markWarnings } from './sla-watch.repository';
import { watchSla } from './use-cases/watch-sla';

let h: Harness;
const users: Record<string, string> = {};
let customerId: string;
const hour = 3_600_000;
const t: Record<string, { id: string; number: string }> = {};

beforeAll(async () => {
  h = await createHarness();
  // 服务中心 (manager: centre) ⊃ 一组 (no manager of its own: escalates to the centre's)
  //                            ⊃ 二组 (manager: team2Lead)
  const centre = await h.makeDepartment('服务中心');
  const team1 = await h.makeDepartment('服务一组', centre);
  const team2 = await h.makeDepartment('服务二组', centre);
  const mk = async (key: string, role: Parameters<Harness['makeUser']>[0]) => {
    users[key] = (await h.makeUser(role)).id;
  };
  await mk('centreLead', { role: 'department_manager', departmentId: centre, name: '中心主管' });
  await mk('team2Lead', { role: 'department_manager', departmentId: team2, name: '二组组长' });
  await mk('agent1', { role: 'service_agent', departmentId: team1, name: '一组客服' });
  await mk('agent2', { role: 'service_agent', departmentId: team2, name: '二组客服' });
  await mk('exec1', { role: 'executive', name: '总经理' });
  await mk('exec2', { role: 'executive', name: '副总经理' });
  const am = await h.login((await h.makeUser({ role: 'account_manager', departmentId: team1 })).email);
  customerId = (await createCustomer(h, am, { name: '杭州华东电器' })).id;

  const now = h.clock.now().getTime();
  const at = (ms: number) => new Date(now + ms);
  // First response due in 1 h of a 10 h target: inside the 20 % warning share.
  t.soon = await insertTicket(h, {
    customerId,
    ownerId: users.agent1,
    receivedAt: at(-9 * hour),
    firstResponseTargetMs: 10 * hour,
    subject: '即将超时',
  });
  // Due in 3 h of a 10 h target: not yet.
  t.later = await insertTicket(h, {
    customerId,
    ownerId: users.agent1,
    receivedAt: at(-7 * hour),
    firstResponseTargetMs: 10 * hour,
    subject: '尚早',
  });
  // An important complaint not answered in time: owner, team lead and management.
  t.important = await insertTicket(h, {
    customerId,
    ownerId: users.agent2,
    kind: 'complaint',
    important: true,
    receivedAt: at(-2 * hour),
    firstResponseTargetMs: hour,
    subject: '重要投诉',
  });
  // Answered, but not resolved in time; an ordinary complaint: owner and the nearest manager only.
  t.late = await insertTicket(h, {
    customerId,
    ownerId: users.agent1,
    kind: 'complaint',
    status: 'in_progress',
    receivedAt: at(-30 * hour),
    firstResponseAt: at(-29 * hour),
    resolutionTargetMs: 24 * hour,
    subject: '解决超时',
  });
  // Past due but waiting on the customer, resolved, or closed: the clocks are not running.
  t.waiting = await insertTicket(h, {
    customerId,
    ownerId: users.agent1,
    status: 'in_progress',
    receivedAt: at(-30 * hour),
    firstResponseTargetMs: hour,
    resolutionTargetMs: 24 * hour,
    waitingSince: at(-20 * hour),
    subject: '等待客户',
  });
  t.resolved = await insertTicket(h, {
    customerId,
    ownerId: users.agent1,
    status: 'resolved',
    receivedAt: at(-30 * hour),
    firstResponseAt: at(-29 * hour),
    resolvedAt: at(-1 * hour),
    resolutionTargetMs: 24 * hour,
    subject: '已解决',
  });
});
afterAll(async () => {
  await h.close();
});

const run = () => watchSla({ db: h.database.db, clock: h.clock, config: h.config });

async function notifications() {
  const rows = await h.database.db
    .selectFrom('notification')
    .select(['user_id', 'kind', 'entity_id', 'params', 'link'])
    .where('kind', 'like', 'sla.%')
    .execute();
  const name = Object.fromEntries(Object.entries(users).map(([k, v]) => [v, k]));
  const ticket = Object.fromEntries(Object.entries(t).map(([k, v]) => [v.id, k]));
  return rows.map((r) => `${ticket[r.entity_id!]} ${r.kind} → ${name[r.user_id]}`).sort();
}

describe('service.sla-watch', () => {
  it('is scheduled every minute', () => {
    expect(scheduleCatalog).toContainEqual({ job: slaWatchJob, cron: '* * * * *' });
  });

  it('warns once, escalates once to the right people; a second run and a concurrent one send nothing more', async () => {
    const first = await run();
    expect(first).toEqual({ warned: 1, breached: 2, notified: 7 });
    const expected = [
      'important sla.breached.first_response → agent2',
      'important sla.escalated.first_response → exec1',
      'important sla.escalated.first_response → exec2',
      'important sla.escalated.first_response → team2Lead',
      'late sla.breached.resolution → agent1',
      'late sla.escalated.resolution → centreLead',
      'soon sla.warning.first_response → agent1',
    ];
    expect(await notifications()).toEqual(expected);

    const [a, b] = await Promise.all([run(), run()]);
    expect(a).toEqual({ warned: 0, breached: 0, notified: 0 });
    expect(b).toEqual({ warned: 0, breached: 0, notified: 0 });
    expect(await notifications()).toEqual(expected);

    const row = await h.database.db
      .selectFrom('ticket')
      .select([
        'first_response_breached',
        'first_response_escalated_at',
        'resolution_breached',
        'resolution_escalated_at',
        'version',
      ])
      .where('id', '=', t.important!.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ first_response_breached: true, resolution_breached: false, version: 1 });
    expect(new Date(row.first_response_escalated_at!).toISOString()).toBe(h.clock.now().toISOString());
    const warned = await h.database.db
      .selectFrom('ticket')
      .select(['id', 'first_response_warned_at'])
      .where('id', 'in', [t.soon!.id, t.later!.id])
      .execute();
    expect(warned.find((w) => w.id === t.soon!.id)!.first_response_warned_at).not.toBeNull();
    expect(warned.find((w) => w.id === t.later!.id)!.first_response_warned_at).toBeNull();
    // The queue shows the watch's verdict (the row turns orange when the owner's notice went out).
    const email = (
      await h.database.db
        .selectFrom('app_user')
        .select('email')
        .where('id', '=', users.agent1!)
        .executeTakeFirstOrThrow()
    ).email;
    const queue = await h.request({
      method: 'GET',
      url: '/api/v1/tickets?view=mine',
      as: await h.login(email),
    });
    expect(queue.statusCode, queue.body).toBe(200);
    const items = queue.json<{ items: { id: string; nextWarned: boolean }[] }>().items;
    expect(items.find((i) => i.id === t.soon!.id)?.nextWarned).toBe(true);
    expect(items.find((i) => i.id === t.later!.id)?.nextWarned).toBe(false);

    const n = await h.database.db
      .selectFrom('notification')
      .select(['params', 'link'])
      .where('kind', '=', 'sla.escalated.first_response')
      .where('user_id', '=', users.team2Lead!)
      .executeTakeFirstOrThrow();
    expect(n.link).toBe(`/service/tickets/${t.important!.id}`);
    // 08:00 UTC − 1 h = 15:00 in Shanghai.
    expect(n.params).toEqual({
      number: t.important!.number,
      subject: '重要投诉',
      customer: '杭州华东电器',
      dueAt: '2026-11-25 15:00',
      owner: '二组客服',
    });
  });

  it('as the scheduled job: later deadlines warn and escalate as they come, each once', async () => {
    // Two hours on: "later" is within its warning share, "soon" has breached.
    h.clock.advance(2 * hour);
    await h.jobs.send(slaWatchJob, {});
    await h.jobs.send(slaWatchJob, {});
    const outcomes = (await h.runJobs()).filter((o) => o.name === 'service.sla-watch');
    expect(outcomes.length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o.state === 'completed')).toBe(true);
    await run();
    const now = await notifications();
    expect(now.filter((x) => x.startsWith('soon ') || x.startsWith('later '))).toEqual([
      'later sla.warning.first_response → agent1',
      'soon sla.breached.first_response → agent1',
      'soon sla.escalated.first_response → centreLead',
      'soon sla.warning.first_response → agent1',
    ]);
    expect(now.filter((x) => x.startsWith('waiting ') || x.startsWith('resolved '))).toEqual([]);
  });

  it('two runs racing over a fresh breach: one marks it, the other finds nothing; one set of notices', async () => {
    const now = h.clock.now().getTime();
    t.race = await insertTicket(h, {
      customerId,
      ownerId: users.agent2,
      receivedAt: new Date(now - 3 * hour),
      firstResponseTargetMs: hour,
      resolutionTargetMs: 100 * hour,
      subject: '并发',
    });
    const results = await Promise.all([run(), run()]);
    expect(results.map((r) => r.breached).sort()).toEqual([0, 1]);
    expect((await notifications()).filter((x) => x.startsWith('race '))).toEqual([
      'race sla.breached.first_response → agent2',
      'race sla.escalated.first_response → team2Lead',
    ]);
  });
});

describe('a backlog of breaches', () => {
  it('is marked a batch at a time, earliest deadline first, each ticket once', async () => {
    const now = h.clock.now().getTime();
    const backlog = [];
    for (let i = 0; i < 3; i++)
      backlog.push(
        await insertTicket(h, {
          customerId,
          ownerId: users.agent1,
          receivedAt: new Date(now - (30 - i) * hour),
          firstResponseTargetMs: hour,
          subject: `积压 ${i}`,
        }),
      );
    const first = await markBreaches(h.database.db, 'first_response', h.clock.now(), 2);
    expect(first).toHaveLength(2);
    const second = await markBreaches(h.database.db, 'first_response', h.clock.now(), 2);
    const ids = [...first, ...second].map((x) => x.id);
    for (const b of backlog) expect(ids.filter((id) => id === b.id)).toHaveLength(1);
    // The oldest deadlines went first (RETURNING has no order: compare as sets).
    expect(first.map((x) => x.id).sort()).toEqual([backlog[0]?.id, backlog[1]?.id].sort());
    expect(await markBreaches(h.database.db, 'first_response', h.clock.now(), 2)).toEqual([]);
  });
});

describe('warnings on a business-hours clock', () => {
  it('count working time left, not wall-clock time: a Monday-morning deadline is near on Friday afternoon', async () => {
    // Friday 16:00 in Shanghai; working hours Mon–Fri 09:00–18:00. An 8-hour target warns at 20%:
    // with 96 minutes of working time or less left.
    const friday = new Date('2026-11-27T08:00:00Z');
    const cal = defaultBusinessCalendar;
    const ticket = async (subject: string, leftMs: number, mode: 'business' | 'calendar') => {
      const due =
        mode === 'business' ? addBusinessTime(friday, leftMs, cal) : new Date(friday.getTime() + leftMs);
      return (
        await insertTicket(h, {
          customerId,
          ownerId: users.agent1,
          receivedAt: new Date(friday.getTime() - hour),
          firstResponseTargetMs: 8 * hour,
          firstResponseMode: mode,
          firstResponseDueAt: due,
          subject,
        })
      ).id;
    };
    // Due at Friday 18:00 (2 h of working time left): near from 16:24.
    const notYet = await ticket('周五下班前', 2 * hour, 'business');
    // Due at 17:30 (1.5 h left): near now.
    const today = await ticket('今天', 1.5 * hour, 'business');
    // Due at Monday 09:30 (2.5 h of working time left: 16:00–18:00 and 09:00–09:30): near from
    // Friday 16:54, when 96 minutes of working time are left — not from Monday 07:54, 96 wall-clock
    // minutes before, when nobody is at work to act on it.
    const mondayEarly = await ticket('周一九点半', 2.5 * hour, 'business');
    // Due at Monday 10:30 (3.5 h left): near from Friday 17:54.
    const monday = await ticket('周一十点半', 3.5 * hour, 'business');
    // Calendar-mode controls, counted on the wall clock: due 17:30 (near now) and 19:00 (near at 17:24).
    const wallNear = await ticket('日历时间将到', 1.5 * hour, 'calendar');
    const wallLater = await ticket('日历时间尚早', 3 * hour, 'calendar');

    const warnedAt = async (at: Date) =>
      (await h.database.db.transaction().execute((trx) => markWarnings(trx, 'first_response', at, 20, cal)))
        .map((r) => r.id)
        .filter((id) => [notYet, monday, today, mondayEarly, wallNear, wallLater].includes(id))
        .sort();
    const minute = 60_000;
    expect(await warnedAt(friday)).toEqual([today, wallNear].sort());
    expect(await warnedAt(new Date(friday.getTime() + 53 * minute))).toEqual([notYet]);
    expect(await warnedAt(new Date(friday.getTime() + 54 * minute))).toEqual([mondayEarly]);
    expect(await warnedAt(new Date(friday.getTime() + 90 * minute))).toEqual([wallLater]);
    expect(await warnedAt(new Date(friday.getTime() + 113 * minute))).toEqual([]);
    expect(await warnedAt(new Date(friday.getTime() + 114 * minute))).toEqual([monday]);
    expect(await warnedAt(new Date('2026-11-30T01:00:00Z'))).toEqual([]);
  });
});
