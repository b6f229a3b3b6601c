import { dueBounds } from '@weixi/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness';
import { demoPassword, loadDemoData } from './demo-data';

const tz = 'Asia/Shanghai';

async function demoAt(now: string): Promise<Harness> {
  const h = await createHarness();
  h.clock.set(now);
  await h.makeUser({ role: 'admin', email: 'admin@weixi.local' });
  await loadDemoData(h.database.db, h.clock.now());
  return h;
}

/** What "My day" is made of for 张伟, read straight from the tables. */
async function zhangsDay(h: Harness) {
  const db = h.database.db;
  const now = h.clock.now();
  const b = dueBounds(now, tz);
  const zhang = (
    await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'zhang.wei@weixi.local')
      .executeTakeFirstOrThrow()
  ).id;
  const followUps = await db
    .selectFrom('customer')
    .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
    .select(['customer.name', 'f.due_at as follow_up_due_at'])
    .where('customer.owner_id', '=', zhang)
    .where('customer.status', '=', 'active')
    .execute();
  const due = (from: Date | null, to: Date) =>
    followUps
      .filter((c) => c.follow_up_due_at && (!from || c.follow_up_due_at >= from) && c.follow_up_due_at < to)
      .map((c) => c.name);
  const visits = await db
    .selectFrom('visit')
    .selectAll()
    .where('visitor_id', '=', zhang)
    .orderBy('planned_on')
    .execute();
  const tasks = await db
    .selectFrom('task')
    .select(['title', 'due_on', 'source', 'source_id', 'status', 'created_at'])
    .where('owner_id', '=', zhang)
    .orderBy('due_on')
    .execute();
  return {
    zhang,
    b,
    overdue: due(null, b.startOfToday),
    today: due(b.startOfToday, b.startOfTomorrow),
    visits,
    tasks,
  };
}

describe('demo engagement data', () => {
  let h: Harness;
  // Loading the whole demo company takes a few seconds, many more on a busy machine.
  beforeAll(async () => {
    h = await demoAt('2026-11-25T08:00:00Z');
  }, 180_000);
  afterAll(async () => {
    await h.close();
  });

  it('gives 张伟 a meaningful first day: an overdue and a due follow-up, today’s visit, a report’s tasks', async () => {
    const d = await zhangsDay(h);
    expect(d.overdue).toEqual(['重庆长江汽车配件有限公司']);
    expect(d.today).toEqual(['杭州海纳光电股份有限公司']);

    const planned = d.visits.filter((v) => v.planned_on === d.b.today);
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ status: 'planned', purpose: expect.stringContaining('长江汽配') });
    expect(planned[0]!.objectives).not.toBe('');
    expect(planned[0]!.materials.length).toBeGreaterThan(1);

    const reported = d.visits.filter((v) => v.status === 'reported');
    expect(reported).toHaveLength(1);
    const visit = reported[0]!;
    const reportedAt = new Date(visit.reported_at!).getTime();
    expect(h.clock.now().getTime() - reportedAt).toBeGreaterThan(2 * 86_400_000);
    expect(h.clock.now().getTime() - reportedAt).toBeLessThan(8 * 86_400_000);
    expect(visit.report_summary).not.toBe('');
    expect(visit.received_by.length).toBeGreaterThan(0);

    const commitments = d.tasks.filter((t) => t.source === 'visit' && t.source_id === visit.id);
    expect(commitments).toHaveLength(2);
    const [overdue, thisWeek] = commitments;
    expect(overdue!.due_on < d.b.today).toBe(true);
    expect(thisWeek!.due_on >= d.b.today).toBe(true);
    expect(new Date(`${thisWeek!.due_on}T00:00:00+08:00`) < d.b.startOfNextWeek).toBe(true);
    for (const t of commitments) expect(t.status).toBe('open');

    // The report made an interaction of the visit, so it counts as a follow-up.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from interaction
      where visit_id = ${visit.id} and channel = 'visit'`.execute(h.database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('follows each customer’s story: key accounts often, the dormant and the lost one long ago', async () => {
    const { rows } = await sql<{ name: string; n: number; recent: number; last: Date; inbound: number }>`
      select c.name, count(i.id)::int as n,
        (count(i.id) filter (where i.occurred_at > ${h.clock.now()}::timestamptz - interval '90 days'))::int as recent,
        max(i.occurred_at) as last, (count(i.id) filter (where i.direction = 'inbound'))::int as inbound
      from customer c join interaction i on i.customer_id = c.id group by c.name`.execute(h.database.db);
    const by = new Map(rows.map((r) => [r.name, r]));
    const daysAgo = (name: string) =>
      (h.clock.now().getTime() - new Date(by.get(name)!.last).getTime()) / 86_400_000;
    expect(by.get('宁波怡信电子科技有限公司')!.recent).toBeGreaterThanOrEqual(6);
    expect(by.get('宁波怡信电子科技有限公司')!.recent).toBeGreaterThan(
      by.get('苏州恒瑞精密机械有限公司')!.recent,
    );
    expect(daysAgo('成都天府食品有限公司')).toBeGreaterThan(300);
    expect(daysAgo('厦门鹭岛贸易有限公司')).toBeGreaterThan(700);
    expect(daysAgo('无锡太湖精工机械有限公司')).toBeCloseTo(86, 0);
    expect(rows.reduce((n, r) => n + r.inbound, 0)).toBeGreaterThan(5);
    // Every owned demo customer has a history; the pool's leads do not.
    expect(rows).toHaveLength(13);
  });

  it('keeps participants, the 3+1 guide and the customers’ clocks consistent with the interactions', async () => {
    const db = h.database.db;
    const bad = await sql<{ id: string }>`
      select i.id from interaction i
      where not exists (select 1 from interaction_staff s where s.interaction_id = i.id and s.user_id = i.created_by)
        or exists (select 1 from interaction_contact ic join contact k on k.id = ic.contact_id
                   where ic.interaction_id = i.id and k.customer_id <> i.customer_id)
        or i.summary !~ '[\u4e00-\u9fff]'
        or i.occurred_at > ${h.clock.now()}::timestamptz`.execute(db);
    expect(bad.rows).toEqual([]);
    const guides = await sql<{ all4: number; some: number; contacts: number; colleagues: number }>`
      select (count(*) filter (where guide_business and guide_needs and guide_rapport and guide_value))::int as all4,
        (count(*) filter (where guide_business or guide_needs or guide_rapport or guide_value))::int as some,
        (select count(distinct interaction_id)::int from interaction_contact) as contacts,
        (select count(*)::int from interaction_staff s join interaction i on i.id = s.interaction_id
          where s.user_id <> i.created_by) as colleagues
      from interaction`.execute(db);
    expect(guides.rows[0]!.all4).toBeGreaterThan(0);
    expect(guides.rows[0]!.some).toBeGreaterThan(50);
    expect(guides.rows[0]!.contacts).toBeGreaterThan(50);
    expect(guides.rows[0]!.colleagues).toBeGreaterThan(0);

    const clocks = await sql<{ name: string }>`
      select c.name from customer c
      left join lateral (
        select max(i.occurred_at) filter (where i.qualifies) as follow_up,
          max(i.occurred_at) filter (where i.direction = 'outbound' and exists (
            select 1 from interaction_staff s where s.interaction_id = i.id and s.user_id = c.owner_id)) as owner_contact,
          max(i.occurred_at) as latest
        from interaction i where i.customer_id = c.id) x on true
      where c.last_follow_up_at is distinct from x.follow_up
        or c.last_owner_contact_at is distinct from x.owner_contact
        or c.last_interaction_at < x.latest
        or (c.status = 'active' and (select f.due_at from customer_follow_up f where f.customer_id = c.id) is null)`.execute(
      db,
    );
    expect(clocks.rows).toEqual([]);
    // Inbound calls are logged but are not our follow-ups (decision 011).
    const inbound = await sql<{ n: number }>`select count(*)::int as n from interaction
      where direction = 'inbound' and channel in ('phone', 'email', 'wechat', 'sms') and qualifies`.execute(
      db,
    );
    expect(inbound.rows[0]!.n).toBe(0);
  });

  it('shows on the customer’s timeline', async () => {
    const zhang = await h.login('zhang.wei@weixi.local', demoPassword);
    const db = h.database.db;
    const yixin = await db
      .selectFrom('customer')
      .select('id')
      .where('name', '=', '宁波怡信电子科技有限公司')
      .executeTakeFirstOrThrow();
    const res = await h.request({
      method: 'GET',
      url: `/api/v1/customers/${yixin.id}/timeline?limit=30`,
      as: zhang,
    });
    expect(res.statusCode).toBe(200);
    const kinds = new Set(res.json().items.map((i: { kind: string }) => i.kind));
    for (const k of ['interaction', 'visit', 'task', 'order']) expect(kinds.has(k)).toBe(true);
  });
});

describe('demo engagement data on a late Sunday evening', () => {
  it('still has a follow-up due today, one overdue, and the week’s task due today', async () => {
    // 23:50 on Sunday 2026-11-29 in Shanghai: "today" ends in ten minutes, and so does the week.
    const h = await demoAt('2026-11-29T15:50:00Z');
    try {
      const d = await zhangsDay(h);
      expect(d.b.today).toBe('2026-11-29');
      expect(d.overdue).toEqual(['重庆长江汽车配件有限公司']);
      expect(d.today).toEqual(['杭州海纳光电股份有限公司']);
      const commitments = d.tasks.filter((t) => t.source === 'visit');
      expect(commitments.map((t) => t.due_on)).toEqual(['2026-11-27', '2026-11-29']);
      expect(d.visits.some((v) => v.planned_on === '2026-11-29' && v.status === 'planned')).toBe(true);
    } finally {
      await h.close();
    }
  }, 180_000);
});
