import { defaultGradingRules } from '@weixi/domain/grading';
import { type Kysely, sql } from 'kysely';
import { newId } from '../ids';

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Grading rules (客户分级规则), versioned: a save inserts the next version and moves the
  // "current" mark, so every version stays readable with who saved it and when. Rows are never
  // updated except for that mark.
  await sql`create table grading_rule_set (
    id uuid primary key,
    version integer not null unique check (version >= 1),
    rules jsonb not null,
    note text not null default '',
    is_current boolean not null default false,
    created_at timestamptz not null default now(),
    created_by uuid references app_user(id) on delete set null
  )`.execute(db);
  await sql`create unique index grading_rule_set_current on grading_rule_set (is_current) where is_current`.execute(
    db,
  );
  // A new installation grades with the defaults (packages/domain/src/grading.ts) as version 1.
  await sql`insert into grading_rule_set (id, version, rules, note, is_current)
    values (${newId()}, 1, ${JSON.stringify(defaultGradingRules)}::jsonb, 'default', true)`.execute(db);

  // One row per graded customer: raw indicator values (also the population RFM is ranked over),
  // the weighted score, its points per indicator and the proposals. Written by set-based SQL for
  // all customers at once, so no version/updated_by columns. A regrade rewrites only rows whose
  // values changed — hence the last order's date rather than "days since", which would change
  // every row every night; `as_of` is the business date the row was last written.
  await sql`create table customer_score (
    customer_id uuid primary key references customer(id) on delete cascade,
    rule_version integer not null,
    as_of date not null,
    score numeric(5,2) not null check (score between 0 and 100),
    breakdown jsonb not null,
    value_12m_fen bigint not null,
    frequency_12m integer not null,
    last_order_on date,
    cooperation_years integer,
    satisfaction numeric(5,2),
    proposed_grade text not null check (proposed_grade in ('A','B','C','D')),
    proposed_category text not null check (proposed_category in ('key','normal','potential')),
    proposed_value_tier text not null check (proposed_value_tier in ('high','medium','potential','low')),
    rfm_r smallint check (rfm_r between 1 and 5),
    rfm_f smallint check (rfm_f between 1 and 5),
    rfm_m smallint check (rfm_m between 1 and 5),
    computed_at timestamptz not null
  )`.execute(db);

  // A person's decision that wins over the proposal until removed (one per customer and field).
  await sql`create table grade_override (
    customer_id uuid not null references customer(id) on delete cascade,
    field text not null check (field in ('grade','category','value_tier')),
    value text not null check (
      (field = 'grade' and value in ('A','B','C','D'))
      or (field = 'category' and value in ('key','normal','potential'))
      or (field = 'value_tier' and value in ('high','medium','potential','low'))),
    reason text not null check (reason <> ''),
    created_at timestamptz not null default now(),
    created_by uuid references app_user(id) on delete set null,
    primary key (customer_id, field)
  )`.execute(db);

  // Grade changes for the customer's timeline. A regrade appends these in the same statement that
  // changes the grades (up to a million rows at once), so the key is an identity, which keeps
  // insertion order, rather than a UUIDv7 made in the application.
  await sql`create table grade_history (
    id bigint generated always as identity primary key,
    customer_id uuid not null references customer(id) on delete cascade,
    from_grade text check (from_grade in ('A','B','C','D')),
    to_grade text check (to_grade in ('A','B','C','D')),
    cause text not null check (cause in ('rule','override','manual')),
    rule_version integer,
    reason text,
    actor_id uuid references app_user(id) on delete set null,
    at timestamptz not null
  )`.execute(db);
  await sql`create index grade_history_customer on grade_history (customer_id, id desc)`.execute(db);

  // The service standard each grade carries (DOMAIN §2/§3), read by follow-ups, pool, tickets and
  // hospitality. Defaults: A monthly with a dedicated manager, B and C quarterly, D half-yearly.
  await sql`create table grade_service_standard (
    grade text primary key check (grade in ('A','B','C','D')),
    follow_up_days integer not null check (follow_up_days between 1 and 366),
    service_model text not null check (service_model in ('dedicated','pooled')),
    hospitality_tier text not null check (hospitality_tier in ('key','general','none')),
    queue_priority smallint not null check (queue_priority between 1 and 9),
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid,
    updated_by uuid
  )`.execute(db);
  await sql`insert into grade_service_standard (grade, follow_up_days, service_model, hospitality_tier, queue_priority)
    values ('A', 30, 'dedicated', 'key', 1), ('B', 90, 'dedicated', 'general', 2),
           ('C', 90, 'pooled', 'general', 3), ('D', 180, 'pooled', 'none', 4)`.execute(db);
}
