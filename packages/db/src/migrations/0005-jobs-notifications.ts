import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  // In-app notifications (站内通知). One row per recipient and event, whatever channels later
  // deliver it (issue 5's outbox for e-mail and WeCom will reference these rows): the row is the
  // message itself, not an in-app delivery. It stores a message key (`kind`) and parameters, not
  // rendered text, so it reads in the language the user has chosen when they look at it.
  await sql`create table notification (
    id uuid primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    kind text not null check (kind ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$'),
    params jsonb not null default '{}',
    link text check (link is null or link like '/%'),
    entity text,
    entity_id text,
    actor_id uuid references app_user(id) on delete set null,
    dedupe_key text,
    created_at timestamptz not null,
    read_at timestamptz
  )`.execute(db);
  // "My notifications, newest first" (ids are UUIDv7, so id order is time order) and the unread
  // subset that the bell counts and the unread filter pages through.
  await sql`create index notification_user on notification (user_id, id desc)`.execute(db);
  await sql`create index notification_user_unread on notification (user_id, id desc) where read_at is null`.execute(
    db,
  );
  // A job that runs at least once may notify twice; the same key for the same person is one notice.
  await sql`create unique index notification_dedupe on notification (user_id, dedupe_key)
    where dedupe_key is not null`.execute(db);

  // What pg-boss does not keep about a job: who started it (so they may watch it) and its progress.
  // The job's state, attempts, result and error stay in pg-boss's own tables (schema pgboss);
  // the id is the pg-boss job id.
  await sql`create table job_run (
    id uuid primary key,
    name text not null,
    started_by uuid references app_user(id) on delete set null,
    progress_done integer,
    progress_total integer,
    progress_at timestamptz,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index job_run_started_by on job_run (started_by, id desc) where started_by is not null`.execute(
    db,
  );
  await sql`create index job_run_created on job_run (created_at)`.execute(db);
}
