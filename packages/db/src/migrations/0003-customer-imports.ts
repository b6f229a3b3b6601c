import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  // One customer import (导入) job: the uploaded file, the user's column mapping, and progress that
  // the batch loop writes after every committed batch, so any server process can report it.
  await sql`create table customer_import (
    id uuid primary key,
    file_name text not null,
    format text not null check (format in ('xlsx','csv')),
    encoding text,
    file_path text not null,
    sheet_no text,
    headers jsonb not null default '[]',
    mapping jsonb,
    duplicate_policy text check (duplicate_policy in ('skip','update','create')),
    default_owner_id uuid references app_user(id) on delete set null,
    default_owner_set boolean not null default false,
    status text not null default 'uploaded'
      check (status in ('uploaded','running','done','failed','interrupted')),
    total_rows integer,
    processed integer not null default 0,
    created integer not null default 0,
    updated integer not null default 0,
    skipped integer not null default 0,
    rejected integer not null default 0,
    error text,
    started_by uuid references app_user(id) on delete set null,
    started_at timestamptz,
    heartbeat_at timestamptz,
    finished_at timestamptz,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid references app_user(id) on delete set null,
    updated_by uuid
  )`.execute(db);
  await sql`create index customer_import_creator on customer_import (created_by, id desc)`.execute(db);
  // Finding jobs whose process died: few rows are ever running, so a partial index stays tiny.
  await sql`create index customer_import_running on customer_import (heartbeat_at) where status = 'running'`.execute(
    db,
  );

  // Every problem that rejected a row: several per row when several cells are wrong, so the user
  // fixes them all in one go. raw keeps the row's original cells for rejections.csv.
  await sql`create table customer_import_rejection (
    import_id uuid not null references customer_import(id) on delete cascade,
    row_number integer not null,
    seq smallint not null,
    column_name text,
    code text not null,
    message text not null,
    raw jsonb not null default '[]',
    primary key (import_id, row_number, seq)
  )`.execute(db);
}
