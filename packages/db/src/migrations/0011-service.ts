import { type Kysely, sql } from 'kysely';
import { newId } from '../ids';

const tracked = sql.raw(`version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    created_by uuid references app_user(id) on delete set null,
    updated_by uuid references app_user(id) on delete set null`);

// Migrations see the schema as it was when they were written, not today's typed DB: untyped on purpose.
// Issue 6 (DOMAIN §5, service); the reasons are in docs/decisions/012-service.md. The rules these
// columns hold (status flow, SLA clock, survey answers) are pure functions in packages/domain
// (tickets.ts, sla.ts, surveys.ts, reply-templates.ts); the SLA policies, business calendar and
// other service settings are one jsonb row in `setting` (key 'service.settings').
export async function up(db: Kysely<unknown>): Promise<void> {
  // ── managed lists ──────────────────────────────────────────────────────────────────────────────
  // Ticket categories (产品质量, 物流, 安装, 账务…): reply templates and figures are per category.
  await sql`create table ticket_category (
    id uuid primary key,
    name text not null check (length(name) between 1 and 60),
    description text not null default '' check (length(description) <= 500),
    active boolean not null default true,
    sort_order integer not null default 0,
    ${tracked}
  )`.execute(db);
  await sql`create unique index ticket_category_name on ticket_category (lower(name))`.execute(db);

  // Root causes (根本原因): closing a complaint names one, so recurring causes can be counted.
  await sql`create table root_cause (
    id uuid primary key,
    name text not null check (length(name) between 1 and 80),
    description text not null default '' check (length(description) <= 500),
    active boolean not null default true,
    sort_order integer not null default 0,
    ${tracked}
  )`.execute(db);
  await sql`create unique index root_cause_name on root_cause (lower(name))`.execute(db);

  // Reply templates (标准服务用语) with {{placeholders}}; category null: for every category.
  await sql`create table reply_template (
    id uuid primary key,
    title text not null check (length(title) between 1 and 80),
    category_id uuid references ticket_category(id),
    body text not null check (length(body) between 1 and 4000),
    active boolean not null default true,
    ${tracked}
  )`.execute(db);
  await sql`create index reply_template_category on reply_template (category_id, title)`.execute(db);

  // A new installation starts with common lists (an administrator renames, reorders or
  // deactivates them): without root causes no complaint could be closed on day one.
  const categories = ['产品质量', '物流配送', '安装调试', '维修保养', '账务发票', '服务态度', '使用咨询'];
  for (const [i, name] of categories.entries())
    await sql`insert into ticket_category (id, name, sort_order) values (${newId()}, ${name}, ${i})`.execute(
      db,
    );
  const causes = [
    ['产品设计缺陷', '设计或选型不满足客户的使用条件'],
    ['生产质量问题', '制造、装配或来料质量不合格'],
    ['物流延误或破损', '运输、仓储环节的延误、错发或破损'],
    ['安装调试不规范', '安装、调试未按规程进行'],
    ['响应或沟通不及时', '未在承诺时间内答复，或信息未传达到位'],
    ['客户培训不足', '客户未掌握正确的使用或保养方法'],
    ['客户使用不当', '超出说明书规定的使用方式或环境'],
    ['账务处理差错', '开票、对账或收付款错误'],
  ];
  for (const [i, [name, description]] of causes.entries())
    await sql`insert into root_cause (id, name, description, sort_order)
      values (${newId()}, ${name}, ${description}, ${i})`.execute(db);
  // 标准服务用语: the answers every agent gives the same way.
  const templates = [
    [
      '受理确认',
      '{{contact.name}}您好，您反映的问题我们已受理，工单号 {{ticket.number}}。我是客服{{agent.name}}，将全程跟进，处理进展会及时告知您。',
    ],
    [
      '处理完成回访',
      '{{contact.name}}您好，工单 {{ticket.number}} 反映的问题已处理完毕。请问现在使用是否正常？如仍有问题，请随时联系我们。感谢您对{{customer.name}}与我们合作的支持！',
    ],
    [
      '致歉说明',
      '{{contact.name}}您好，对于给贵公司带来的不便，我们深表歉意。我们已查明原因并采取了改进措施，后续会加强管理，避免类似问题再次发生。',
    ],
  ];
  for (const [title, body] of templates)
    await sql`insert into reply_template (id, title, body) values (${newId()}, ${title}, ${body})`.execute(
      db,
    );

  // ── tickets (投诉 / 售后工单) ─────────────────────────────────────────────────────────────────
  await sql`create sequence ticket_number_seq`.execute(db);
  await sql`create table ticket (
    id uuid primary key,
    -- What people say on the phone: "工单 1024".
    number bigint not null default nextval('ticket_number_seq') unique,
    customer_id uuid not null references customer(id),
    contact_id uuid references contact(id) on delete set null,
    channel text not null check (channel in ('phone','email','online','wechat','visit')),
    kind text not null check (kind in ('complaint','service_request','question')),
    category_id uuid references ticket_category(id),
    priority text not null check (priority in ('urgent','high','normal','low')),
    important boolean not null default false,
    subject text not null check (length(subject) between 1 and 200),
    description text not null default '' check (length(description) <= 8000),
    owner_id uuid references app_user(id),
    status text not null default 'new'
      check (status in ('new','acknowledged','in_progress','resolved','closed')),
    stage text not null default 'confirm_need'
      check (stage in ('confirm_need','agree_plan','deliver','collect_feedback')),
    root_cause_id uuid references root_cause(id),
    resolution text not null default '' check (length(resolution) <= 4000),
    -- The SLA clock starts when the customer reached us (a phone call logged later keeps its time).
    received_at timestamptz not null,
    first_response_at timestamptz,
    resolved_at timestamptz,
    closed_at timestamptz,
    reopen_count integer not null default 0 check (reopen_count >= 0),
    -- The targets fixed when the ticket was opened (policy changes do not move running clocks).
    sla_policy_index integer,
    first_response_target_ms bigint not null check (first_response_target_ms > 0),
    first_response_mode text not null check (first_response_mode in ('business','calendar')),
    resolution_target_ms bigint not null check (resolution_target_ms > 0),
    resolution_mode text not null check (resolution_mode in ('business','calendar')),
    -- Deadlines given the pauses so far; kept by the use cases from the pure SLA clock.
    first_response_due_at timestamptz not null,
    resolution_due_at timestamptz not null,
    -- The deadline that matters now (first response until answered, then resolution); null when
    -- resolved, closed or waiting on the customer. The queue sorts by it ("time to breach").
    next_due_at timestamptz,
    -- Waiting on the customer since (the clock is paused); null: not waiting.
    waiting_since timestamptz,
    first_response_breached boolean not null default false,
    resolution_breached boolean not null default false,
    -- Sent once per deadline (the SLA job), so re-runs and two workers warn and escalate once.
    first_response_warned_at timestamptz,
    resolution_warned_at timestamptz,
    first_response_escalated_at timestamptz,
    resolution_escalated_at timestamptz,
    ${tracked}
  )`.execute(db);
  // The queue: open tickets by time to breach, per owner, and for everyone in scope.
  await sql`create index ticket_queue_owner on ticket (owner_id, next_due_at, id)
    where status in ('new','acknowledged','in_progress')`.execute(db);
  // The team and "all" views filter by owner and priority while walking this one: carrying both
  // saves a heap visit per skipped row (team queue 1.3 → 0.4 ms warm at 1M tickets).
  await sql`create index ticket_queue on ticket (next_due_at, id) include (owner_id, priority)
    where status in ('new','acknowledged','in_progress')`.execute(db);
  await sql`create index ticket_customer on ticket (customer_id, received_at desc, id desc)`.execute(db);
  // Figures walk tickets by period; recent first.
  await sql`create index ticket_received on ticket (received_at, id)`.execute(db);
  await sql`create index ticket_root_cause on ticket (root_cause_id, closed_at) where root_cause_id is not null`.execute(
    db,
  );

  // Periods the ticket waited on the customer (SLA pauses); to_at null: still waiting.
  await sql`create table ticket_pause (
    id uuid primary key,
    ticket_id uuid not null references ticket(id) on delete cascade,
    from_at timestamptz not null,
    to_at timestamptz,
    reason text not null default '' check (length(reason) <= 500),
    check (to_at is null or to_at >= from_at)
  )`.execute(db);
  await sql`create index ticket_pause_ticket on ticket_pause (ticket_id, from_at)`.execute(db);
  await sql`create unique index ticket_pause_open on ticket_pause (ticket_id) where to_at is null`.execute(
    db,
  );

  // The ticket's history: every change, internal notes and replies to the customer. Carries the
  // customer so the timeline reads it with one index.
  await sql`create table ticket_event (
    id uuid primary key,
    ticket_id uuid not null references ticket(id) on delete cascade,
    customer_id uuid not null references customer(id),
    at timestamptz not null,
    actor_id uuid references app_user(id) on delete set null,
    kind text not null check (kind ~ '^[a-z][a-z_]*$'),
    -- Replies are what the customer was told; notes stay inside.
    visibility text not null default 'internal' check (visibility in ('internal','customer')),
    body text not null default '' check (length(body) <= 8000),
    data jsonb not null default '{}'
  )`.execute(db);
  await sql`create index ticket_event_ticket on ticket_event (ticket_id, at, id)`.execute(db);
  await sql`create index ticket_event_customer on ticket_event (customer_id, at desc, id desc)`.execute(db);

  // ── surveys (满意度调查) ───────────────────────────────────────────────────────────────────────
  await sql`create table survey (
    id uuid primary key,
    title text not null check (length(title) between 1 and 120),
    intro text not null default '' check (length(intro) <= 2000),
    -- SurveyDefinition.questions (packages/domain/src/surveys.ts).
    questions jsonb not null,
    status text not null default 'draft' check (status in ('draft','active','archived')),
    ${tracked}
  )`.execute(db);

  // Sending a survey to chosen customers on a schedule: every interval_days from next_run_on.
  await sql`create table survey_schedule (
    id uuid primary key,
    survey_id uuid not null references survey(id),
    name text not null check (length(name) between 1 and 120),
    -- {grades?: [], categories?: [], customerIds?: []}: who receives it.
    audience jsonb not null,
    interval_days integer not null check (interval_days between 1 and 3660),
    next_run_on date not null,
    last_run_at timestamptz,
    active boolean not null default true,
    ${tracked}
  )`.execute(db);

  // One link sent to one customer; the signed token names this row. Single use: answered_at is
  // set by the statement that stores the answer, only where it was still null.
  await sql`create table survey_invitation (
    id uuid primary key,
    survey_id uuid not null references survey(id),
    customer_id uuid not null references customer(id),
    contact_id uuid references contact(id) on delete set null,
    ticket_id uuid references ticket(id),
    schedule_id uuid references survey_schedule(id),
    channel text not null check (channel in ('email','link')),
    recipient text,
    locale text not null default 'zh-CN' check (locale in ('zh-CN','en-US')),
    sent_at timestamptz not null,
    expires_at timestamptz not null,
    opened_at timestamptz,
    answered_at timestamptz,
    created_by uuid references app_user(id) on delete set null
  )`.execute(db);
  await sql`create index survey_invitation_survey on survey_invitation (survey_id, sent_at desc)`.execute(db);
  await sql`create index survey_invitation_customer on survey_invitation (customer_id, sent_at desc)`.execute(
    db,
  );
  await sql`create index survey_invitation_ticket on survey_invitation (ticket_id) where ticket_id is not null`.execute(
    db,
  );

  await sql`create table survey_response (
    id uuid primary key,
    invitation_id uuid not null unique references survey_invitation(id),
    survey_id uuid not null references survey(id),
    customer_id uuid not null references customer(id),
    ticket_id uuid references ticket(id),
    submitted_at timestamptz not null,
    answers jsonb not null,
    -- The first CSAT and NPS question's scores, for figures without unpacking answers.
    csat smallint check (csat between 1 and 5),
    nps smallint check (nps between 0 and 10),
    low_score boolean not null default false,
    follow_up_task_id uuid references task(id)
  )`.execute(db);
  await sql`create index survey_response_survey on survey_response (survey_id, submitted_at)`.execute(db);
  await sql`create index survey_response_submitted on survey_response (submitted_at)`.execute(db);
  await sql`create index survey_response_customer on survey_response (customer_id, submitted_at desc)`.execute(
    db,
  );
}
