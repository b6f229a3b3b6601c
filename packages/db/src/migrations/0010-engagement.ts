import { type Kysely, sql } from 'kysely';

const tracked = sql.raw(`version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid references app_user(id) on delete set null,
    updated_by uuid references app_user(id) on delete set null`);

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
// Issue 5 (DOMAIN §3 and the visit half of §4); the reasons are in docs/decisions/011-engagement.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  // ── visits (拜访): plan → check-in → report ─────────────────────────────────────────────────────
  await sql`create table visit (
    id uuid primary key,
    customer_id uuid not null references customer(id),
    visitor_id uuid not null references app_user(id),
    planned_on date not null,
    planned_time time,
    stop_order smallint check (stop_order between 1 and 99),
    purpose text not null check (length(purpose) between 1 and 200),
    objectives text not null default '' check (length(objectives) <= 2000),
    materials text[] not null default '{}',
    status text not null default 'planned' check (status in ('planned','checked_in','reported','cancelled')),
    cancel_reason text,
    check_in_at timestamptz,
    check_in_latitude numeric(9,6) check (check_in_latitude between -90 and 90),
    check_in_longitude numeric(9,6) check (check_in_longitude between -180 and 180),
    check_in_accuracy_m integer check (check_in_accuracy_m >= 0),
    check_in_distance_m integer check (check_in_distance_m >= 0),
    check_in_flag text check (check_in_flag in ('ok','far','no_location','no_customer_location')),
    received_by jsonb not null default '[]',
    needs text not null default '',
    problems text not null default '',
    objections text not null default '',
    prospects text not null default '',
    competitor_info text not null default '',
    credit_change text check (credit_change in ('none','improved','worsened')),
    credit_change_cause text not null default '',
    report_summary text not null default '',
    reported_at timestamptz,
    ${tracked}
  )`.execute(db);
  // A person's day (planner, My day), a customer's visits (timeline), and what is due per date.
  await sql`create index visit_visitor_day on visit (visitor_id, planned_on, stop_order, id)`.execute(db);
  await sql`create index visit_customer on visit (customer_id, planned_on desc, id desc)`.execute(db);

  // ── interactions (沟通记录) ─────────────────────────────────────────────────────────────────────
  await sql`create table interaction (
    id uuid primary key,
    customer_id uuid not null references customer(id),
    channel text not null
      check (channel in ('phone','email','sms','wechat','face_to_face','visit','event')),
    direction text not null check (direction in ('outbound','inbound')),
    occurred_at timestamptz not null,
    summary text not null check (length(summary) between 1 and 4000),
    needs_found text not null default '' check (length(needs_found) <= 2000),
    next_step text not null default '' check (length(next_step) <= 1000),
    guide_business boolean not null default false,
    guide_needs boolean not null default false,
    guide_rapport boolean not null default false,
    guide_value boolean not null default false,
    visit_id uuid references visit(id),
    -- Whether it resets the follow-up cadence (decision 011), fixed when it is logged.
    qualifies boolean not null,
    ${tracked}
  )`.execute(db);
  await sql`create index interaction_customer on interaction (customer_id, occurred_at desc, id desc)`.execute(
    db,
  );
  await sql`create index interaction_logger on interaction (created_by, occurred_at desc)`.execute(db);
  // Lists over wide scopes (a department, everyone) walk the newest interactions first.
  await sql`create index interaction_occurred on interaction (occurred_at desc, id desc)`.execute(db);
  await sql`create unique index interaction_visit on interaction (visit_id) where visit_id is not null`.execute(
    db,
  );

  await sql`create table interaction_contact (
    interaction_id uuid not null references interaction(id) on delete cascade,
    contact_id uuid not null references contact(id) on delete cascade,
    primary key (interaction_id, contact_id)
  )`.execute(db);
  await sql`create index interaction_contact_contact on interaction_contact (contact_id)`.execute(db);
  await sql`create table interaction_staff (
    interaction_id uuid not null references interaction(id) on delete cascade,
    user_id uuid not null references app_user(id) on delete cascade,
    primary key (interaction_id, user_id)
  )`.execute(db);
  await sql`create index interaction_staff_user on interaction_staff (user_id)`.execute(db);

  // ── tasks (任务): commitments from visits now, tickets and surveys later ───────────────────────
  await sql`create table task (
    id uuid primary key,
    title text not null check (length(title) between 1 and 200),
    description text not null default '' check (length(description) <= 4000),
    customer_id uuid references customer(id),
    owner_id uuid not null references app_user(id),
    due_on date not null,
    status text not null default 'open' check (status in ('open','done','cancelled')),
    source text not null default 'manual'
      check (source ~ '^[a-z][a-z_]*$'),
    source_id uuid,
    completed_at timestamptz,
    completed_by uuid references app_user(id) on delete set null,
    completion_note text not null default '',
    ${tracked}
  )`.execute(db);
  await sql`create index task_owner_open on task (owner_id, due_on, id) where status = 'open'`.execute(db);
  await sql`create index task_owner on task (owner_id, id desc)`.execute(db);
  await sql`create index task_customer on task (customer_id, created_at desc, id desc) where customer_id is not null`.execute(
    db,
  );
  await sql`create index task_source on task (source, source_id) where source_id is not null`.execute(db);

  // ── attachments: files of any entity, stored on disk by id ────────────────────────────────────
  await sql`create table attachment (
    id uuid primary key,
    entity text not null check (entity ~ '^[a-z][a-z_]*$'),
    entity_id uuid not null,
    file_name text not null check (length(file_name) between 1 and 255),
    content_type text not null,
    size_bytes bigint not null check (size_bytes >= 0),
    sha256 text not null,
    storage_key text not null,
    created_at timestamptz not null,
    created_by uuid references app_user(id) on delete set null
  )`.execute(db);
  await sql`create index attachment_entity on attachment (entity, entity_id, id)`.execute(db);

  // ── follow-up due dates on the customer (decision 011) ────────────────────────────────────────
  await sql`alter table customer add column last_follow_up_at timestamptz`.execute(db);
  await sql`alter table customer add column last_owner_contact_at timestamptz`.execute(db);
  await sql`alter table customer add column follow_up_due_at timestamptz`.execute(db);

  // The rule, in one place in SQL (packages/domain/src/cadence.ts is its specification and a test
  // holds them equal). Ungraded customers follow D's cadence; key-category customers also owe their
  // owner's proactive contact every keyContactDays. Stable: it reads the standards and the setting.
  // Days are whole 24-hour days (hours => 24 * n): `days => n` would add calendar days in the
  // session's time zone, and a server whose TimeZone observes daylight saving would be an hour off.
  await sql`create function follow_up_due_at(
      p_status text, p_grade text, p_category text, p_created_at timestamptz,
      p_last_follow_up_at timestamptz, p_last_owner_contact_at timestamptz
    ) returns timestamptz language sql stable as $$
    select case when p_status <> 'active' then null else
      least(
        coalesce(p_last_follow_up_at, p_created_at)
          + make_interval(hours => 24 * (select s.follow_up_days from grade_service_standard s
                                         where s.grade = coalesce(p_grade, 'D'))),
        case when p_category = 'key' then
          coalesce(p_last_owner_contact_at, p_created_at)
            + make_interval(hours => 24 * coalesce(
                (select (v.value->>'keyContactDays')::int from setting v where v.key = 'engagement.settings'), 30))
        end)
    end $$`.execute(db);

  // Kept by the database, so every write path (form, import, merge, regrade, override, transfer,
  // pool) keeps it right. A new owner's monthly-contact clock counts only their own contacts.
  await sql`create function customer_follow_up() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and new.owner_id is distinct from old.owner_id then
        new.last_owner_contact_at := (
          select max(i.occurred_at) from interaction i
          where i.customer_id = new.id and i.direction = 'outbound' and new.owner_id is not null
            and exists (select 1 from interaction_staff st
                        where st.interaction_id = i.id and st.user_id = new.owner_id));
      end if;
      new.follow_up_due_at := follow_up_due_at(new.status, new.grade, new.category, new.created_at,
        new.last_follow_up_at, new.last_owner_contact_at);
      return new;
    end $$`.execute(db);
  await sql`create trigger customer_follow_up
    before insert or update of status, grade, category, owner_id, created_at, last_follow_up_at,
      last_owner_contact_at on customer
    for each row execute function customer_follow_up()`.execute(db);
  await sql`update customer set follow_up_due_at = follow_up_due_at(status, grade, category, created_at,
    last_follow_up_at, last_owner_contact_at)`.execute(db);

  // Due lists per person (today, this week, overdue); a department's is one range scan per member.
  await sql`create index customer_follow_up_due on customer (owner_id, follow_up_due_at)
    where status = 'active' and follow_up_due_at is not null`.execute(db);

  // ── timeline (信息共享台账): time-ordered per customer for every source it merges ───────────────
  await sql`create index grade_history_customer_at on grade_history (customer_id, at desc)`.execute(db);
  await sql`create index ownership_history_customer_at on ownership_history (customer_id, at desc)`.execute(
    db,
  );
  await sql`create index audit_log_entity_at on audit_log (entity, entity_id, at desc)`.execute(db);

  // ── notification delivery ─────────────────────────────────────────────────────────────────────
  // Per person and topic, whether notices also go out by e-mail (in-app is always on: the bell is
  // the record). Rows exist only where someone changed the default.
  await sql`create table notification_preference (
    user_id uuid not null references app_user(id) on delete cascade,
    topic text not null check (topic ~ '^[a-z][a-z_]*$'),
    email boolean not null,
    updated_at timestamptz not null,
    primary key (user_id, topic)
  )`.execute(db);

  // The outbox: one row per message per channel, written in the transaction of the change it
  // announces, sent at least once by the outbox.deliver job, recorded always.
  await sql`create table outbox (
    id uuid primary key,
    notification_id uuid references notification(id) on delete set null,
    channel text not null check (channel in ('email')),
    recipient text not null,
    subject text not null,
    body text not null,
    status text not null default 'pending' check (status in ('pending','sent','failed')),
    attempts integer not null default 0,
    next_attempt_at timestamptz not null,
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create index outbox_pending on outbox (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index outbox_created on outbox (created_at)`.execute(db);
}
