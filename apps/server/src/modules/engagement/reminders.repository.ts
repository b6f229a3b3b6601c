import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';

// The only file of the reminders job (engagement.reminders) that touches the database.

type Db = Kysely<DB>;

export interface DueDigestRow {
  owner_id: string;
  overdue: number;
  overdue_first: { id: string; name: string }[];
  soon: number;
  soon_first: { id: string; name: string }[];
  soon_due_at: Date | null;
  overdue_sent: boolean;
  soon_sent: boolean;
}

/**
 * For the next active people after `after` (by id) who still lack one of today's digests: how many
 * of their follow-ups are overdue and how many fall due before `leadEnd`, with the first three of
 * each. Each count is a range scan of the index customer_follow_up_due for one owner.
 */
export async function dueDigests(
  db: Db,
  after: string | null,
  limit: number,
  b: { startOfToday: Date; leadEnd: Date; overdueKey: string; soonKey: string },
): Promise<{ rows: DueDigestRow[]; last: string | null }> {
  const people = await db
    .selectFrom('app_user')
    .select('id')
    .where('status', '=', 'active')
    .$if(after !== null, (q) => q.where('id', '>', after!))
    .orderBy('id')
    .limit(limit)
    .execute();
  const ids = people.map((p) => p.id);
  if (ids.length === 0) return { rows: [], last: null };
  // customer_follow_up f: a due time exists only for active customers.
  const mine = sql`f.owner_id = u.id and f.due_at is not null`;
  const overdue = sql`${mine} and f.due_at < ${b.startOfToday}`;
  const soon = sql`${mine} and f.due_at >= ${b.startOfToday} and f.due_at < ${b.leadEnd}`;
  const sent = (key: string) =>
    sql<boolean>`exists (select 1 from notification n where n.user_id = u.id and n.dedupe_key = ${key})`;
  const { rows } = await sql<DueDigestRow & { overdue: string; soon: string }>`
    select u.id as owner_id, x.*
    from app_user u
    cross join lateral (select ${sent(b.overdueKey)} as overdue_sent, ${sent(b.soonKey)} as soon_sent) s
    cross join lateral (select
        (select count(*) from customer_follow_up f where ${overdue}) as overdue,
        (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name)), '[]'::json) from (
          select c.id, c.name from customer_follow_up f join customer c on c.id = f.customer_id
          where ${overdue} order by f.due_at, f.customer_id limit 3) p) as overdue_first,
        (select count(*) from customer_follow_up f where ${soon}) as soon,
        (select coalesce(json_agg(json_build_object('id', p.id, 'name', p.name)), '[]'::json) from (
          select c.id, c.name from customer_follow_up f join customer c on c.id = f.customer_id
          where ${soon} order by f.due_at, f.customer_id limit 3) p) as soon_first,
        (select min(f.due_at) from customer_follow_up f where ${soon}) as soon_due_at,
        s.overdue_sent, s.soon_sent
      ) x
    where u.id = any(${ids}::uuid[]) and not (s.overdue_sent and s.soon_sent)
    order by u.id`.execute(db);
  return {
    rows: rows.map((r) => ({ ...r, overdue: Number(r.overdue), soon: Number(r.soon) })),
    last: ids.at(-1) ?? null,
  };
}

export interface TaskReminderRow {
  id: string;
  title: string;
  owner_id: string;
  due_on: string;
  customer_name: string | null;
}

/**
 * Open tasks of active owners due before `dueBefore` (a business date) whose reminder has not gone
 * out yet: the overdue notice for those due before `today`, the due-soon one for the rest. Keys
 * carry the due date, so a rescheduled task is reminded again.
 */
export async function tasksToRemind(
  db: Db,
  after: string | null,
  limit: number,
  d: { today: string; dueBefore: string },
): Promise<TaskReminderRow[]> {
  const { rows } = await sql<TaskReminderRow>`
    select t.id, t.title, t.owner_id, to_char(t.due_on, 'YYYY-MM-DD') as due_on, c.name as customer_name
    from task t
    join app_user u on u.id = t.owner_id and u.status = 'active'
    left join customer c on c.id = t.customer_id
    where t.status = 'open' and t.due_on < ${d.dueBefore}::date
      ${after ? sql`and t.id > ${after}::uuid` : sql``}
      and not exists (select 1 from notification n where n.user_id = t.owner_id
        and n.dedupe_key = (case when t.due_on < ${d.today}::date then 'task.overdue:' else 'task.due_soon:' end)
          || t.id || ':' || to_char(t.due_on, 'YYYY-MM-DD'))
    order by t.id
    limit ${limit}`.execute(db);
  return rows;
}
