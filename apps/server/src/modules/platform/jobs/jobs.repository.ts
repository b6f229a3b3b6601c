import type { DB } from '@weixi/db';
import type { JobState } from '@weixi/shared';
import { type Kysely, sql } from 'kysely';

type Db = Kysely<DB>;

/**
 * The only module code that reads pg-boss's tables (schema `pgboss`, pg-boss 10's layout): a job's
 * state, attempts, result and error live there; `job_run` adds who started it and its progress.
 * Jobs move from pgboss.job to pgboss.archive some hours after they finish, so reads look at both.
 */
export const bossSchema = 'pgboss';

export interface JobRow {
  id: string;
  name: string;
  state: JobState;
  data: unknown;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  /** created_on as Postgres prints it (microseconds): an exact keyset cursor value. */
  created_key: string;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
  archived: boolean;
  started_by: string | null;
  started_by_name: string | null;
  progress_done: number | null;
  progress_total: number | null;
}

const jobColumns = sql.raw(
  'id, name, state::text as state, data, retry_count, retry_limit, created_on, created_on::text as created_key, start_after, started_on, completed_on, output',
);

function bossTables(where: ReturnType<typeof sql>) {
  return sql`(
    select ${jobColumns}, false as archived from ${sql.table(`${bossSchema}.job`)} where ${where}
    union all
    select ${jobColumns}, true as archived from ${sql.table(`${bossSchema}.archive`)} where ${where}
  )`;
}

const withRun = sql.raw(`r.started_by, u.name as started_by_name, r.progress_done, r.progress_total`);

export async function findJob(db: Db, id: string): Promise<JobRow | null> {
  // job_run knows the name for jobs sent through the facade: with it, pg-boss's partitioned table
  // is read through one partition's primary key instead of every partition.
  const run = await db.selectFrom('job_run').select('name').where('id', '=', id).executeTakeFirst();
  const where = run ? sql`name = ${run.name} and id = ${id}::uuid` : sql`id = ${id}::uuid`;
  const { rows } = await sql<JobRow>`
    select j.*, ${withRun}
    from ${bossTables(where)} j
    left join job_run r on r.id = j.id
    left join app_user u on u.id = r.started_by
    order by j.archived
    limit 1`.execute(db);
  return rows[0] ?? null;
}

export interface JobFilter {
  name?: string | undefined;
  state?: JobState | undefined;
}

export async function listJobs(
  db: Db,
  filter: JobFilter,
  limit: number,
  after: { createdKey: string; id: string } | null,
): Promise<{ rows: JobRow[]; total: number }> {
  // pg-boss's internal queues (__pgboss__send-it, the cron relay) are plumbing, not jobs.
  const conditions = [sql`name not like '\\_\\_pgboss\\_\\_%'`];
  if (filter.name) conditions.push(sql`name = ${filter.name}`);
  if (filter.state) conditions.push(sql`state = ${filter.state}::${sql.raw(bossSchema)}.job_state`);
  const where = sql.join(conditions, sql` and `);
  const { rows: counted } = await sql<{ n: string }>`
    select count(*)::text as n from ${bossTables(where)} j`.execute(db);
  const keyset = after
    ? sql`where (j.created_on, j.id) < (${after.createdKey}::timestamptz, ${after.id}::uuid)`
    : sql``;
  const { rows } = await sql<JobRow>`
    select j.*, ${withRun}
    from ${bossTables(where)} j
    left join job_run r on r.id = j.id
    left join app_user u on u.id = r.started_by
    ${keyset}
    order by j.created_on desc, j.id desc
    limit ${limit + 1}`.execute(db);
  return { rows, total: Number(counted[0]?.n ?? 0) };
}

export interface QueueRow {
  name: string;
  cron: string | null;
  timezone: string | null;
  queued: number;
  active: number;
  failed: number;
  completed: number;
}

/** Every queue with its schedule and how many of its jobs wait, run, failed or finished (not archived). */
export async function listQueues(db: Db): Promise<QueueRow[]> {
  const { rows } = await sql<QueueRow>`
    select q.name, s.cron, s.timezone,
      count(j.id) filter (where j.state in ('created', 'retry'))::int as queued,
      count(j.id) filter (where j.state = 'active')::int as active,
      count(j.id) filter (where j.state = 'failed')::int as failed,
      count(j.id) filter (where j.state = 'completed')::int as completed
    from ${sql.table(`${bossSchema}.queue`)} q
    left join ${sql.table(`${bossSchema}.schedule`)} s on s.name = q.name
    left join ${sql.table(`${bossSchema}.job`)} j on j.name = q.name
    where q.name not like '\\_\\_pgboss\\_\\_%'
    group by q.name, s.cron, s.timezone
    order by q.name`.execute(db);
  return rows;
}

export async function queueExists(db: Db, name: string): Promise<boolean> {
  const { rows } = await sql`select 1 from ${sql.table(`${bossSchema}.queue`)} where name = ${name}`.execute(
    db,
  );
  return rows.length > 0;
}

// Arbitrary but fixed, next to housekeeping's: every process agrees on it.
const createQueueLockKey = 74_290_002;

/**
 * pg-boss 10's own function: creates the queue row and its job partition, or does nothing if it
 * exists. It attaches a partition to pgboss.job and adds foreign keys to pgboss.queue; two
 * processes doing that at once (a deploy starting several) deadlocked in our PostgreSQL test, so
 * queue creation takes a transaction-scoped advisory lock: one at a time across processes.
 */
export async function createQueue(db: Db, name: string, policy: string): Promise<void> {
  const create = async (trx: Db) => {
    await sql`select pg_advisory_xact_lock(${createQueueLockKey})`.execute(trx);
    await sql`select ${sql.raw(bossSchema)}.create_queue(${name}, ${JSON.stringify({ policy })}::json)`.execute(
      trx,
    );
  };
  if (db.isTransaction) await create(db);
  else await db.transaction().execute(create);
}

export async function insertJobRun(
  db: Db,
  run: { id: string; name: string; startedBy: string | null; at: Date },
): Promise<void> {
  await db
    .insertInto('job_run')
    .values({ id: run.id, name: run.name, started_by: run.startedBy, created_at: run.at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ started_by: run.startedBy }))
    .execute();
}

export async function jobStarter(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('job_run').select('started_by').where('id', '=', id).executeTakeFirst();
  return row?.started_by ?? null;
}

export async function saveProgress(
  db: Db,
  p: { id: string; name: string; done: number; total: number; at: Date },
): Promise<void> {
  await db
    .insertInto('job_run')
    .values({
      id: p.id,
      name: p.name,
      started_by: null,
      progress_done: p.done,
      progress_total: p.total,
      progress_at: p.at,
      created_at: p.at,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ progress_done: p.done, progress_total: p.total, progress_at: p.at }),
    )
    .execute();
}

/** job_run rows outlive pg-boss's archive by nothing: both keep 30 days. */
export async function purgeJobRuns(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('job_run').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
