import { type Kysely, sql } from 'kysely';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  const tracked = sql`
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid,
    updated_by uuid`;

  await sql`create table customer (
    id uuid primary key,
    kind text not null default 'company' check (kind in ('company','person')),
    name text not null,
    short_name text not null default '',
    credit_code text,
    industry text not null default '',
    scale text check (scale in ('micro','small','medium','large','enterprise')),
    province_code text,
    city_code text,
    district_code text,
    address text not null default '',
    latitude numeric(9,6),
    longitude numeric(9,6),
    phone text not null default '',
    email text not null default '',
    wechat text not null default '',
    website text not null default '',
    source text check (source in ('sales','marketing_event','referral','inbound','other')),
    founded_on date,
    signed_on date,
    tags text[] not null default '{}',
    preferences text not null default '',
    owner_id uuid references app_user(id) on delete set null,
    department_id uuid references department(id) on delete set null,
    category text not null default 'normal' check (category in ('key','normal','potential')),
    grade text check (grade in ('A','B','C','D')),
    value_tier text check (value_tier in ('high','medium','potential','low')),
    lifecycle text not null default 'prospect' check (lifecycle in ('prospect','active','dormant','lost')),
    status text not null default 'active' check (status in ('active','invalid','merged')),
    invalid_reason text,
    invalidated_at timestamptz,
    invalidated_by uuid,
    merged_into_id uuid references customer(id),
    verified_at timestamptz,
    verified_by uuid references app_user(id) on delete set null,
    custom jsonb not null default '{}',
    name_key text not null,
    pinyin_key text not null default '',
    phone_keys text[] not null default '{}',
    search_lexemes text[] not null default '{}',
    search tsvector generated always as (array_to_tsvector(search_lexemes)) stored,
    ${tracked}
  )`.execute(db);
  // Search: app-computed lexemes (Han unigrams/bigrams, pinyin, initials, phones, codes) in a
  // tsvector, so 1- and 2-character Chinese terms are index hits on PGlite and PostgreSQL alike.
  await sql`create index customer_search on customer using gin (search)`.execute(db);
  await sql`create index customer_owner_grade on customer (owner_id, grade, id desc)`.execute(db);
  await sql`create index customer_department on customer (department_id, id desc)`.execute(db);
  await sql`create index customer_status on customer (status, id desc)`.execute(db);
  await sql`create index customer_name on customer (name, id)`.execute(db);
  await sql`create index customer_updated on customer (updated_at desc, id desc)`.execute(db);
  await sql`create index customer_verified on customer (verified_at nulls first, id) where status = 'active'`.execute(
    db,
  );
  await sql`create index customer_credit_code on customer (credit_code) where credit_code is not null`.execute(
    db,
  );
  await sql`create index customer_name_key on customer (name_key)`.execute(db);
  await sql`create index customer_phone_keys on customer using gin (phone_keys)`.execute(db);
  await sql`create index customer_custom on customer using gin (custom jsonb_path_ops)`.execute(db);
  await sql`create index customer_tags on customer using gin (tags)`.execute(db);

  await sql`create table customer_collaborator (
    customer_id uuid not null references customer(id) on delete cascade,
    user_id uuid not null references app_user(id) on delete cascade,
    created_at timestamptz not null default now(),
    created_by uuid,
    primary key (customer_id, user_id)
  )`.execute(db);
  await sql`create index customer_collaborator_user on customer_collaborator (user_id, customer_id)`.execute(
    db,
  );

  await sql`create table contact (
    id uuid primary key,
    customer_id uuid not null references customer(id) on delete cascade,
    name text not null,
    employer text not null default '',
    position text not null default '',
    address text not null default '',
    phone text not null default '',
    email text not null default '',
    wechat text not null default '',
    birthday date,
    decision_role text check (decision_role in ('decision_maker','influencer','user','gatekeeper')),
    has_decision_authority boolean not null default false,
    preferred_channel text check (preferred_channel in ('phone','email','sms','wechat','visit')),
    personal_notes text not null default '',
    is_key boolean not null default false,
    phone_key text not null default '',
    ${tracked}
  )`.execute(db);
  await sql`create index contact_customer on contact (customer_id, is_key desc, name)`.execute(db);

  await sql`create table custom_field_definition (
    id uuid primary key,
    entity text not null default 'customer' check (entity in ('customer','contact')),
    key text not null,
    label_zh text not null,
    label_en text not null,
    type text not null check (type in ('text','number','date','single_select','multi_select','boolean')),
    options jsonb not null default '[]',
    required boolean not null default false,
    position integer not null default 0,
    active boolean not null default true,
    ${tracked},
    unique (entity, key)
  )`.execute(db);

  await sql`create table saved_view (
    id uuid primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    entity text not null,
    name text not null,
    query jsonb not null,
    ${tracked},
    unique (user_id, entity, name)
  )`.execute(db);

  await sql`create table import_job (
    id uuid primary key,
    user_id uuid not null references app_user(id) on delete cascade,
    entity text not null,
    status text not null check (status in ('uploaded','running','done','failed')),
    file_name text not null,
    file_path text not null,
    format text not null,
    encoding text,
    options jsonb not null default '{}',
    total_rows integer,
    processed_rows integer not null default 0,
    created_count integer not null default 0,
    updated_count integer not null default 0,
    skipped_count integer not null default 0,
    rejected_count integer not null default 0,
    error text,
    started_at timestamptz,
    finished_at timestamptz,
    ${tracked}
  )`.execute(db);
  await sql`create index import_job_user on import_job (user_id, id desc)`.execute(db);
  await sql`create table import_row_error (
    job_id uuid not null references import_job(id) on delete cascade,
    row_number integer not null,
    column_name text,
    reason text not null,
    primary key (job_id, row_number, reason)
  )`.execute(db);
}
