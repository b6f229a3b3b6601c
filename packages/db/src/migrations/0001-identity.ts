import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  const tracked = sql`
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid,
    updated_by uuid`;

  await sql`create table department (
    id uuid primary key,
    name text not null,
    parent_id uuid references department(id) on delete restrict,
    manager_id uuid,
    ${tracked}
  )`.execute(db);
  // Sibling names are unique; roots count as siblings of each other.
  await sql`create unique index department_sibling_name on department (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name))`.execute(
    db,
  );
  await sql`create index department_parent on department (parent_id)`.execute(db);

  await sql`create table app_user (
    id uuid primary key,
    email text not null,
    name text not null,
    password_hash text not null,
    role text not null check (role in ('admin','executive','department_manager','account_manager','service_agent','finance','reception')),
    data_scope text not null check (data_scope in ('own','department','all')),
    department_id uuid references department(id) on delete restrict,
    phone text not null default '',
    status text not null default 'active' check (status in ('active','disabled')),
    locale text not null default 'zh-CN',
    failed_logins integer not null default 0,
    locked_until timestamptz,
    last_login_at timestamptz,
    password_changed_at timestamptz not null default now(),
    ${tracked}
  )`.execute(db);
  await sql`create unique index app_user_email on app_user (lower(email))`.execute(db);
  await sql`create index app_user_department on app_user (department_id)`.execute(db);
  await sql`create index app_user_created on app_user (created_at desc, id desc)`.execute(db);
  await sql`create index app_user_name on app_user (name, id)`.execute(db);
  await sql`alter table department add constraint department_manager_fk foreign key (manager_id) references app_user(id) on delete set null`.execute(
    db,
  );

  await sql`create table user_session (
    id text primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    last_seen_at timestamptz not null default now(),
    ip text,
    user_agent text
  )`.execute(db);
  await sql`create index user_session_user on user_session (user_id)`.execute(db);
  await sql`create index user_session_expires on user_session (expires_at)`.execute(db);

  await sql`create table api_token (
    id uuid primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    name text not null,
    token_hash text not null unique,
    prefix text not null,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    expires_at timestamptz,
    revoked_at timestamptz
  )`.execute(db);
  await sql`create index api_token_user on api_token (user_id)`.execute(db);

  await sql`create table login_attempt (
    id bigserial primary key,
    ip text not null,
    email text not null,
    at timestamptz not null,
    success boolean not null
  )`.execute(db);
  await sql`create index login_attempt_ip_at on login_attempt (ip, at)`.execute(db);

  await sql`create table audit_log (
    id uuid primary key,
    at timestamptz not null,
    actor_id uuid,
    action text not null,
    entity text not null,
    entity_id text,
    before jsonb,
    after jsonb,
    request_id text,
    ip text
  )`.execute(db);
  // uuidv7 ids are time-ordered, so (id desc) is the newest-first keyset order.
  await sql`create index audit_log_entity on audit_log (entity, entity_id, id desc)`.execute(db);
  await sql`create index audit_log_actor on audit_log (actor_id, id desc)`.execute(db);

  await sql`create table idempotency_key (
    user_id uuid not null,
    key text not null,
    method text not null,
    path text not null,
    request_hash text not null,
    status_code integer,
    response jsonb,
    created_at timestamptz not null default now(),
    primary key (user_id, key)
  )`.execute(db);
  await sql`create index idempotency_key_created on idempotency_key (created_at)`.execute(db);

  await sql`create table setting (
    key text primary key,
    value jsonb not null,
    version integer not null default 1,
    updated_at timestamptz not null default now(),
    updated_by uuid
  )`.execute(db);
}
