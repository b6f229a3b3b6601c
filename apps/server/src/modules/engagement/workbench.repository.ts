import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';

// My day's own query; its other parts reuse the follow-up, visit, task and notification repositories.

type Db = Kysely<DB>;

/**
 * A person's open tasks overdue, due today and due this week (today to Sunday): one range scan of
 * task_owner_open up to the end of the week.
 */
export async function openTaskCounts(
  db: Db,
  ownerId: string,
  d: { today: string; nextWeek: string },
): Promise<{ overdue: number; today: number; week: number }> {
  const { rows } = await sql<{ overdue: string; today: string; week: string }>`select
      count(*) filter (where due_on < ${d.today}::date) as overdue,
      count(*) filter (where due_on = ${d.today}::date) as today,
      count(*) filter (where due_on >= ${d.today}::date) as week
    from task where owner_id = ${ownerId} and status = 'open' and due_on < ${d.nextWeek}::date`.execute(db);
  const r = rows[0];
  return { overdue: Number(r?.overdue ?? 0), today: Number(r?.today ?? 0), week: Number(r?.week ?? 0) };
}
