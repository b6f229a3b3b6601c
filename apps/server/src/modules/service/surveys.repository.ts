import type { DB } from '@weixi/db';
import type { DataScope, SurveyQuestion } from '@weixi/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import { customerScope } from '../customers/customers.repository';

// The only file that touches the survey tables (survey, survey_schedule, survey_invitation,
// survey_response), plus the reads of customers and contacts that sending a survey needs.

type Db = Kysely<DB>;

export type SurveyRow = Omit<Selectable<DB['survey']>, 'questions'> & { questions: SurveyQuestion[] };
export type InvitationRow = Selectable<DB['survey_invitation']>;
export type ScheduleRow = Selectable<DB['survey_schedule']>;

// ---------- surveys ----------

export async function findSurvey(
  db: Db,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SurveyRow | undefined> {
  let q = db.selectFrom('survey').selectAll().where('id', '=', id);
  if (opts.lock) q = q.forUpdate();
  return (await q.executeTakeFirst()) as SurveyRow | undefined;
}

export interface SurveyWithCount extends SurveyRow {
  responses: number;
}

export async function listSurveys(db: Db, status: string | undefined): Promise<SurveyWithCount[]> {
  let q = db
    .selectFrom('survey as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('survey_response as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.survey_id', '=', 's.id')
        .as('responses'),
    )
    .orderBy('s.updated_at', 'desc')
    .orderBy('s.id', 'desc')
    // Surveys are a handful per company; a cap keeps a runaway list bounded without paging.
    .limit(500);
  if (status) q = q.where('s.status', '=', status);
  const rows = await q.execute();
  return rows.map((r) => ({ ...(r as unknown as SurveyRow), responses: Number(r.responses ?? 0) }));
}

export async function getSurveyWithCount(db: Db, id: string): Promise<SurveyWithCount | undefined> {
  const row = await db
    .selectFrom('survey as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('survey_response as r')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('r.survey_id', '=', 's.id')
        .as('responses'),
    )
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row ? { ...(row as unknown as SurveyRow), responses: Number(row.responses ?? 0) } : undefined;
}

export async function insertSurvey(
  db: Db,
  s: { id: string; title: string; intro: string; questions: SurveyQuestion[]; actorId: string; now: Date },
): Promise<void> {
  await db
    .insertInto('survey')
    .values({
      id: s.id,
      title: s.title,
      intro: s.intro,
      questions: JSON.stringify(s.questions),
      status: 'draft',
      created_at: s.now,
      updated_at: s.now,
      created_by: s.actorId,
      updated_by: s.actorId,
    })
    .execute();
}

/** Applies a change at the version the caller saw; false when someone changed it meanwhile. */
export async function updateSurvey(
  db: Db,
  id: string,
  version: number,
  patch: { title?: string; intro?: string; questions?: SurveyQuestion[]; status?: string },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('survey')
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.intro !== undefined ? { intro: patch.intro } : {}),
      ...(patch.questions !== undefined ? { questions: JSON.stringify(patch.questions) } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      version: sql`version + 1`,
      updated_at: now,
      updated_by: actorId,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------- recipients ----------

export interface Recipient {
  customerId: string;
  customerName: string;
  ownerId: string | null;
  status: string;
  contactId: string | null;
  /** The contact's address when it has one, else the customer's; '' when neither has. */
  email: string;
}

/**
 * Who a survey goes to: the named contact of the customer (when it belongs to that customer) and
 * the address to use. `scope` null: no data-scope check (the system sending after a resolve or on a
 * schedule); a customer outside the scope is not found.
 */
export async function findRecipient(
  db: Db,
  scope: DataScope | null,
  customerId: string,
  contactId: string | null,
): Promise<(Recipient & { contactFound: boolean }) | undefined> {
  let q = db
    .selectFrom('customer as c')
    .leftJoin('contact as k', (j) =>
      j
        .onRef('k.customer_id', '=', 'c.id')
        .on('k.id', '=', contactId ?? '00000000-0000-0000-0000-000000000000'),
    )
    .select([
      'c.id',
      'c.name',
      'c.owner_id',
      'c.status',
      'c.email as customer_email',
      'k.id as contact_id',
      'k.email as contact_email',
    ])
    .where('c.id', '=', customerId);
  if (scope) q = q.where(customerScope(scope));
  const row = await q.executeTakeFirst();
  if (!row) return undefined;
  const contactEmail = row.contact_email?.trim() ?? '';
  return {
    customerId: row.id,
    customerName: row.name,
    ownerId: row.owner_id,
    status: row.status,
    contactId: row.contact_id,
    contactFound: contactId === null || row.contact_id !== null,
    email: contactEmail !== '' ? contactEmail : row.customer_email.trim(),
  };
}

export async function findTicketOfCustomer(
  db: Db,
  ticketId: string,
): Promise<{ id: string; customer_id: string; number: string; owner_id: string | null } | undefined> {
  const row = await db
    .selectFrom('ticket')
    .select(['id', 'customer_id', 'number', 'owner_id'])
    .where('id', '=', ticketId)
    .executeTakeFirst();
  return row ? { ...row, number: String(row.number) } : undefined;
}

// ---------- invitations ----------

export interface NewInvitation {
  id: string;
  surveyId: string;
  customerId: string;
  contactId: string | null;
  ticketId: string | null;
  scheduleId: string | null;
  channel: 'email' | 'link';
  recipient: string | null;
  locale: string;
  sentAt: Date;
  expiresAt: Date;
  createdBy: string | null;
}

export async function insertInvitation(db: Db, i: NewInvitation): Promise<InvitationRow> {
  return db
    .insertInto('survey_invitation')
    .values({
      id: i.id,
      survey_id: i.surveyId,
      customer_id: i.customerId,
      contact_id: i.contactId,
      ticket_id: i.ticketId,
      schedule_id: i.scheduleId,
      channel: i.channel,
      recipient: i.recipient,
      locale: i.locale,
      sent_at: i.sentAt,
      expires_at: i.expiresAt,
      created_by: i.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------- ticket events ----------

export async function insertTicketEvent(
  db: Db,
  e: {
    id: string;
    ticketId: string;
    customerId: string;
    at: Date;
    actorId: string | null;
    kind: 'survey_sent' | 'survey_answered';
    body?: string;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('ticket_event')
    .values({
      id: e.id,
      ticket_id: e.ticketId,
      customer_id: e.customerId,
      at: e.at,
      actor_id: e.actorId,
      kind: e.kind,
      visibility: 'internal',
      body: e.body ?? '',
      data: JSON.stringify(e.data),
    })
    .execute();
}

/** An unanswered invitation of the ticket to this survey whose link still works. */
export async function findOpenTicketInvitation(
  db: Db,
  ticketId: string,
  surveyId: string,
  now: Date,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('survey_invitation')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('survey_id', '=', surveyId)
    .where('answered_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export interface TicketInvitationRow extends InvitationRow {
  survey_title: string;
}

export async function listTicketInvitations(db: Db, ticketId: string): Promise<TicketInvitationRow[]> {
  return db
    .selectFrom('survey_invitation as i')
    .innerJoin('survey as s', 's.id', 'i.survey_id')
    .selectAll('i')
    .select('s.title as survey_title')
    .where('i.ticket_id', '=', ticketId)
    .orderBy('i.sent_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(100)
    .execute();
}

// ---------- the public page and answers ----------

export interface PageInvitation {
  id: string;
  locale: string;
  expires_at: Date;
  opened_at: Date | null;
  answered_at: Date | null;
  survey_title: string;
  survey_intro: string;
  questions: SurveyQuestion[];
}

/** The invitation a link names, with its survey, for the answer page. */
export async function findPageInvitation(db: Db, id: string): Promise<PageInvitation | undefined> {
  const row = await db
    .selectFrom('survey_invitation as i')
    .innerJoin('survey as s', 's.id', 'i.survey_id')
    .select([
      'i.id',
      'i.locale',
      'i.expires_at',
      'i.opened_at',
      'i.answered_at',
      's.title as survey_title',
      's.intro as survey_intro',
      's.questions',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  return row as PageInvitation | undefined;
}

/** First opening only: later visits keep the first time. */
export async function markOpened(db: Db, id: string, now: Date): Promise<void> {
  await db
    .updateTable('survey_invitation')
    .set({ opened_at: now })
    .where('id', '=', id)
    .where('opened_at', 'is', null)
    .execute();
}

export interface ClaimedInvitation {
  id: string;
  survey_id: string;
  customer_id: string;
  ticket_id: string | null;
  questions: SurveyQuestion[];
  /** The stored service settings (low-score thresholds), read in the same statement. */
  settings: unknown;
}

/**
 * Marks the invitation answered, only if it was not and still works, and returns what storing the
 * answer needs in the same round trip (the survey's questions, the service settings). The row
 * lock taken here makes a second, concurrent submission wait and then find answered_at set: one
 * answer per link, whatever the timing. Undefined: already answered, expired or unknown.
 */
export async function claimInvitation(
  db: Db,
  id: string,
  now: Date,
  settingsKey: string,
): Promise<ClaimedInvitation | undefined> {
  const { rows } = await sql<ClaimedInvitation>`update survey_invitation i set answered_at = ${now}
    from survey s
    where i.id = ${id} and s.id = i.survey_id and i.answered_at is null and i.expires_at > ${now}
    returning i.id, i.survey_id, i.customer_id, i.ticket_id, s.questions,
      (select value from setting where key = ${settingsKey}) as settings`.execute(db);
  return rows[0];
}

/** An invitation as it stands, with what checking an answer needs: one read, no lock. */
export interface PeekedInvitation extends ClaimedInvitation {
  answered_at: Date | null;
  expires_at: Date;
}

export async function peekInvitation(
  db: Db,
  id: string,
  settingsKey: string,
): Promise<PeekedInvitation | undefined> {
  const { rows } = await sql<PeekedInvitation>`select i.id, i.survey_id, i.customer_id, i.ticket_id,
      i.answered_at, i.expires_at, s.questions,
      (select value from setting where key = ${settingsKey}) as settings
    from survey_invitation i join survey s on s.id = i.survey_id
    where i.id = ${id}`.execute(db);
  return rows[0];
}

/**
 * Claims the invitation and stores the answer (and the ticket's event) in ONE statement: its
 * data-modifying parts commit together or not at all, so no transaction is opened — two round
 * trips per answer with the read before it, instead of begin, update, insert(s), commit. The claim
 * is conditional as in `claimInvitation`: of two submissions at once one stores, the other's
 * update finds the row answered and stores nothing. Returns whether this one stored.
 */
export async function claimAndStoreResponse(
  db: Db,
  r: {
    id: string;
    invitationId: string;
    submittedAt: Date;
    answers: Record<string, unknown>;
    csat: number | null;
    nps: number | null;
    eventId: string;
    eventData: Record<string, unknown>;
  },
): Promise<boolean> {
  const { rows } = await sql<{ stored: boolean }>`with claimed as (
      update survey_invitation set answered_at = ${r.submittedAt}
      where id = ${r.invitationId} and answered_at is null and expires_at > ${r.submittedAt}
      returning id, survey_id, customer_id, ticket_id
    ), response as (
      insert into survey_response (id, invitation_id, survey_id, customer_id, ticket_id, submitted_at,
        answers, csat, nps, low_score)
      select ${r.id}, c.id, c.survey_id, c.customer_id, c.ticket_id, ${r.submittedAt},
        ${JSON.stringify(r.answers)}::jsonb, ${r.csat}::smallint, ${r.nps}::smallint, false
      from claimed c
      returning id
    ), event as (
      insert into ticket_event (id, ticket_id, customer_id, at, actor_id, kind, visibility, body, data)
      select ${r.eventId}, c.ticket_id, c.customer_id, ${r.submittedAt}, null, 'survey_answered',
        'internal', '', ${JSON.stringify(r.eventData)}::jsonb
      from claimed c where c.ticket_id is not null
      returning id
    )
    select exists (select 1 from response) as stored`.execute(db);
  return rows[0]?.stored === true;
}

/** Why an invitation could not be claimed. */
export async function invitationState(
  db: Db,
  id: string,
): Promise<{ answered_at: Date | null; expires_at: Date } | undefined> {
  return db
    .selectFrom('survey_invitation')
    .select(['answered_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertResponse(
  db: Db,
  r: {
    id: string;
    invitationId: string;
    surveyId: string;
    customerId: string;
    ticketId: string | null;
    submittedAt: Date;
    answers: Record<string, unknown>;
    csat: number | null;
    nps: number | null;
    lowScore: boolean;
    followUpTaskId: string | null;
  },
): Promise<void> {
  await db
    .insertInto('survey_response')
    .values({
      id: r.id,
      invitation_id: r.invitationId,
      survey_id: r.surveyId,
      customer_id: r.customerId,
      ticket_id: r.ticketId,
      submitted_at: r.submittedAt,
      answers: JSON.stringify(r.answers),
      csat: r.csat,
      nps: r.nps,
      low_score: r.lowScore,
      follow_up_task_id: r.followUpTaskId,
    })
    .execute();
}

/** Who follows up a low score: the customer's owner, else the ticket's; with their language. */
export async function followUpOwner(
  db: Db,
  customerId: string,
  ticketId: string | null,
): Promise<{
  customerName: string;
  ownerId: string | null;
  ownerLocale: string | null;
  ticketNumber: string | null;
}> {
  const row = await db
    .selectFrom('customer as c')
    .leftJoin('ticket as t', (j) => j.on('t.id', '=', ticketId ?? '00000000-0000-0000-0000-000000000000'))
    .leftJoin('app_user as u', (j) =>
      j.on((eb) => eb('u.id', '=', eb.fn.coalesce('c.owner_id', 't.owner_id'))),
    )
    .select(['c.name', 'u.id as owner_id', 'u.locale', 't.number'])
    .where('c.id', '=', customerId)
    .executeTakeFirst();
  return {
    customerName: row?.name ?? '',
    ownerId: row?.owner_id ?? null,
    ownerLocale: row?.locale ?? null,
    ticketNumber: row?.number != null ? String(row.number) : null,
  };
}

/** Whether the customer is in the data scope. */
export async function customerVisible(db: Db, scope: DataScope, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('customer as c')
    .select('c.id')
    .where('c.id', '=', customerId)
    .where(customerScope(scope))
    .executeTakeFirst();
  return row !== undefined;
}

// ---------- results ----------

export interface Period {
  from: Date | undefined;
  /** Exclusive. */
  before: Date | undefined;
}

const inPeriod = (column: string, p: Period) =>
  sql.join(
    [
      sql<boolean>`true`,
      ...(p.from ? [sql<boolean>`${sql.ref(column)} >= ${p.from}`] : []),
      ...(p.before ? [sql<boolean>`${sql.ref(column)} < ${p.before}`] : []),
    ],
    sql` and `,
  );

/** Invitations sent in the period, and how many of them were answered. */
export async function invitationCounts(
  db: Db,
  surveyId: string,
  p: Period,
): Promise<{ sent: number; answered: number }> {
  const { rows } = await sql<{ sent: string; answered: string }>`select count(*) as sent,
      count(answered_at) as answered
    from survey_invitation where survey_id = ${surveyId} and ${inPeriod('sent_at', p)}`.execute(db);
  return { sent: Number(rows[0]?.sent ?? 0), answered: Number(rows[0]?.answered ?? 0) };
}

/** Responses submitted in the period, with the CSAT and NPS columns counted by value. */
export async function responseScoreCounts(
  db: Db,
  surveyId: string,
  p: Period,
): Promise<{ csat: number | null; nps: number | null; n: number }[]> {
  const { rows } = await sql<{
    csat: number | null;
    nps: number | null;
    n: string;
  }>`select csat, nps, count(*) as n
    from survey_response where survey_id = ${surveyId} and ${inPeriod('submitted_at', p)}
    group by csat, nps`.execute(db);
  return rows.map((r) => ({ csat: r.csat, nps: r.nps, n: Number(r.n) }));
}

/**
 * Answers counted per question and value, in the database: scores and single choices by value,
 * each option of a multiple choice by itself. Only the named (non-text) questions.
 */
export async function answerValueCounts(
  db: Db,
  surveyId: string,
  p: Period,
  questionIds: readonly string[],
): Promise<{ question: string; value: unknown; n: number }[]> {
  if (questionIds.length === 0) return [];
  const { rows } = await sql<{ question: string; value: unknown; n: string }>`select e.key as question,
      coalesce(x.v, e.value) as value, count(*) as n
    from survey_response r
    cross join lateral jsonb_each(r.answers) e
    left join lateral jsonb_array_elements(
      case when jsonb_typeof(e.value) = 'array' then e.value else '[]'::jsonb end) as x(v) on true
    where r.survey_id = ${surveyId} and ${inPeriod('r.submitted_at', p)}
      and e.key in (${sql.join(questionIds.map((id) => sql.val(id)))})
    group by 1, 2`.execute(db);
  return rows.map((r) => ({ question: r.question, value: r.value, n: Number(r.n) }));
}

/** How many responses answered each question. */
export async function answeredCounts(db: Db, surveyId: string, p: Period): Promise<Map<string, number>> {
  const { rows } = await sql<{ question: string; n: string }>`select k as question, count(*) as n
    from survey_response r cross join lateral jsonb_object_keys(r.answers) as k
    where r.survey_id = ${surveyId} and ${inPeriod('r.submitted_at', p)}
    group by k`.execute(db);
  return new Map(rows.map((r) => [r.question, Number(r.n)]));
}

/** The latest answers to a free-text question, newest first. */
export async function recentTexts(
  db: Db,
  surveyId: string,
  p: Period,
  questionId: string,
  limit: number,
): Promise<{ text: string; submitted_at: Date }[]> {
  const { rows } = await sql<{ text: string; submitted_at: Date }>`select r.answers ->> ${questionId} as text,
      r.submitted_at
    from survey_response r
    where r.survey_id = ${surveyId} and ${inPeriod('r.submitted_at', p)}
      and coalesce(r.answers ->> ${questionId}, '') <> ''
    order by r.submitted_at desc, r.id desc
    limit ${limit}`.execute(db);
  return rows;
}

export interface ResponseView {
  id: string;
  submitted_at: Date;
  customer_id: string;
  customer_name: string;
  ticket_id: string | null;
  ticket_number: string | null;
  csat: number | null;
  nps: number | null;
  low_score: boolean;
  answers: Record<string, number | string | string[]>;
}

/** One survey's responses of customers in the scope, newest first, keyset-paged on (submitted_at, id). */
export async function listResponses(
  db: Db,
  scope: DataScope,
  surveyId: string,
  p: Period,
  limit: number,
  after: { at: string; id: string } | null,
): Promise<ResponseView[]> {
  let q = db
    .selectFrom('survey_response as r')
    .innerJoin('customer as c', 'c.id', 'r.customer_id')
    .leftJoin('ticket as t', 't.id', 'r.ticket_id')
    .select([
      'r.id',
      'r.submitted_at',
      'r.customer_id',
      'c.name as customer_name',
      'r.ticket_id',
      't.number as ticket_number',
      'r.csat',
      'r.nps',
      'r.low_score',
      'r.answers',
    ])
    .where('r.survey_id', '=', surveyId)
    .where(customerScope(scope));
  if (p.from) q = q.where('r.submitted_at', '>=', p.from);
  if (p.before) q = q.where('r.submitted_at', '<', p.before);
  if (after) {
    q = q.where(sql<boolean>`(r.submitted_at, r.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await q.orderBy('r.submitted_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();
  return rows as ResponseView[];
}

// ---------- schedules ----------

export interface ScheduleView {
  id: string;
  survey_id: string;
  survey_title: string;
  survey_status: string;
  name: string;
  audience: Record<string, unknown>;
  interval_days: number;
  next_run_on: string;
  last_run_at: Date | null;
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface Audience {
  grades?: string[] | undefined;
  categories?: string[] | undefined;
  customerIds?: string[] | undefined;
}

function scheduleSelect(db: Db) {
  return db
    .selectFrom('survey_schedule as h')
    .innerJoin('survey as s', 's.id', 'h.survey_id')
    .select([
      'h.id',
      'h.survey_id',
      's.title as survey_title',
      's.status as survey_status',
      'h.name',
      'h.audience',
      'h.interval_days',
      'h.next_run_on',
      'h.last_run_at',
      'h.active',
      'h.version',
      'h.created_at',
      'h.updated_at',
    ]);
}

export async function listSchedules(db: Db): Promise<ScheduleView[]> {
  return scheduleSelect(db)
    .orderBy('h.active', 'desc')
    .orderBy('h.next_run_on')
    .orderBy('h.id')
    .limit(500)
    .execute();
}

export async function findSchedule(
  db: Db,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ScheduleView | undefined> {
  let q = scheduleSelect(db).where('h.id', '=', id);
  if (opts.lock) q = q.forUpdate('h');
  return q.executeTakeFirst();
}

export async function insertSchedule(
  db: Db,
  s: {
    id: string;
    surveyId: string;
    name: string;
    audience: Audience;
    intervalDays: number;
    nextRunOn: string;
    active: boolean;
    actorId: string;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('survey_schedule')
    .values({
      id: s.id,
      survey_id: s.surveyId,
      name: s.name,
      audience: JSON.stringify(s.audience),
      interval_days: s.intervalDays,
      next_run_on: s.nextRunOn,
      active: s.active,
      created_at: s.now,
      updated_at: s.now,
      created_by: s.actorId,
      updated_by: s.actorId,
    })
    .execute();
}

export async function updateSchedule(
  db: Db,
  id: string,
  version: number,
  patch: {
    surveyId?: string;
    name?: string;
    audience?: Audience;
    intervalDays?: number;
    nextRunOn?: string;
    active?: boolean;
  },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('survey_schedule')
    .set({
      ...(patch.surveyId !== undefined ? { survey_id: patch.surveyId } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.audience !== undefined ? { audience: JSON.stringify(patch.audience) } : {}),
      ...(patch.intervalDays !== undefined ? { interval_days: patch.intervalDays } : {}),
      ...(patch.nextRunOn !== undefined ? { next_run_on: patch.nextRunOn } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      version: sql`version + 1`,
      updated_at: now,
      updated_by: actorId,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Which of these customers exist (any status: an invalid one is simply skipped when sending). */
export async function existingCustomerIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('customer')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function dueScheduleIds(db: Db, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('survey_schedule')
    .select('id')
    .where('active', '=', true)
    .where('next_run_on', '<=', today)
    .orderBy('next_run_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes a due schedule for today's run: moves next_run_on past today by whole intervals (a
 * schedule missed for a few days runs once, not once per missed interval) only if it is still
 * due, so of two workers running at once exactly one gets the row; the other gets nothing.
 */
export async function claimSchedule(
  db: Db,
  id: string,
  today: string,
  now: Date,
): Promise<{ id: string; survey_id: string; audience: Audience; name: string } | undefined> {
  const { rows } = await sql<{ id: string; survey_id: string; audience: Audience; name: string }>`
    update survey_schedule
    set next_run_on = next_run_on + interval_days * ((${today}::date - next_run_on) / interval_days + 1),
      last_run_at = ${now}, version = version + 1, updated_at = ${now}
    where id = ${id} and active and next_run_on <= ${today}::date
    returning id, survey_id, audience, name`.execute(db);
  return rows[0];
}

export interface AudienceMember {
  customer_id: string;
  customer_name: string;
  owner_id: string | null;
  contact_id: string | null;
  email: string;
}

/**
 * The active customers of an audience: those listed by id, plus those matching every given
 * filter (grades, categories). With each, the address a survey goes to: the key contact's
 * (else the first contact's) with an e-mail, else the customer's own; '' when none.
 */
export async function audienceMembers(db: Db, a: Audience): Promise<AudienceMember[]> {
  const filters = [
    ...(a.grades?.length ? [sql<boolean>`c.grade in (${sql.join(a.grades.map((g) => sql.val(g)))})`] : []),
    ...(a.categories?.length
      ? [sql<boolean>`c.category in (${sql.join(a.categories.map((g) => sql.val(g)))})`]
      : []),
  ];
  const arms = [
    ...(filters.length ? [sql<boolean>`(${sql.join(filters, sql` and `)})`] : []),
    ...(a.customerIds?.length
      ? [sql<boolean>`c.id in (${sql.join(a.customerIds.map((id) => sql.val(id)))})`]
      : []),
  ];
  if (arms.length === 0) return [];
  const { rows } = await sql<AudienceMember>`select c.id as customer_id, c.name as customer_name, c.owner_id,
      k.id as contact_id, coalesce(k.email, btrim(c.email)) as email
    from customer c
    left join lateral (
      select id, btrim(email) as email from contact
      where customer_id = c.id and btrim(email) <> ''
      order by is_key desc, created_at, id limit 1) k on true
    where c.status = 'active' and (${sql.join(arms, sql` or `)})
    order by c.id`.execute(db);
  return rows;
}
