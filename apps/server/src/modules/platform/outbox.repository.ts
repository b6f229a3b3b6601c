import type { DB } from '@weixi/db';
import { type Kysely, type Selectable, sql } from 'kysely';

// The only file that touches the outbox table and reads who wants e-mail.

type Db = Kysely<DB>;

export type OutboxRow = Selectable<DB['outbox']>;

export interface EmailRecipient {
  id: string;
  email: string;
  locale: string;
  /** The person's choice for the topic; null where they kept the default. */
  choice: boolean | null;
}

/** Addresses, languages and e-mail choices for one topic of these people. */
export async function emailRecipients(
  db: Db,
  userIds: readonly string[],
  topic: string,
): Promise<EmailRecipient[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('app_user as u')
    .leftJoin('notification_preference as p', (j) =>
      j.onRef('p.user_id', '=', 'u.id').on('p.topic', '=', topic),
    )
    .select(['u.id', 'u.email', 'u.locale', 'p.email as choice'])
    .where('u.id', 'in', [...userIds])
    .execute();
}

export interface NewOutboxMessage {
  id: string;
  notificationId: string | null;
  recipient: string;
  subject: string;
  body: string;
}

export async function insertOutbox(db: Db, rows: readonly NewOutboxMessage[], at: Date): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      rows.map((r) => ({
        id: r.id,
        notification_id: r.notificationId,
        channel: 'email',
        recipient: r.recipient,
        subject: r.subject,
        body: r.body,
        next_attempt_at: at,
        created_at: at,
      })),
    )
    .execute();
}

/**
 * Claims up to `limit` messages due now: each gets one more attempt and is hidden from other
 * claimers until `leaseUntil` (a worker that dies mid-send leaves it to be retried then). `for
 * update skip locked` makes two workers claiming at once take different rows, never the same one.
 */
export async function claimDue(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<OutboxRow[]> {
  const { rows } =
    await sql<OutboxRow>`update outbox o set attempts = o.attempts + 1, next_attempt_at = ${leaseUntil}
    where o.id in (
      select id from outbox
      where status = 'pending' and next_attempt_at <= ${now}
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    and o.status = 'pending'
    returning o.*`.execute(db);
  return rows;
}

/** Records a delivery; only a claimed, still pending row is marked (a row is sent once). */
export async function markSent(db: Db, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records a failed attempt: retried at `retryAt`, or given up on (status failed) when it is null. */
export async function markAttemptFailed(
  db: Db,
  id: string,
  error: string,
  retryAt: Date | null,
): Promise<void> {
  await db
    .updateTable('outbox')
    .set(retryAt ? { last_error: error, next_attempt_at: retryAt } : { last_error: error, status: 'failed' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export async function findOutbox(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Puts one failed message back: pending, due `at`, attempts from zero (so the delivery job gives it
 * the whole back-off again). `last_error` is kept on purpose: the administrator still sees why it
 * failed until the next attempt overwrites it. Only a row still failed is changed (undefined when
 * it is not, e.g. another administrator retried it a moment ago).
 */
export async function requeueFailed(db: Db, id: string, at: Date): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: at })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
}

export interface RequeuedOutbox {
  id: string;
  /** As they were before the retry, for the audit log. */
  attempts: number;
  last_error: string | null;
}

/**
 * Puts every failed message back as requeueFailed does one, in one statement. The rows are locked
 * first so that the values reported as "before" are the ones this statement replaced, and so that
 * two administrators pressing the button at once requeue each message once.
 */
export async function requeueAllFailed(db: Db, at: Date): Promise<RequeuedOutbox[]> {
  const { rows } = await sql<RequeuedOutbox>`with f as (
      select id, attempts, last_error from outbox where status = 'failed' for update)
    update outbox o set status = 'pending', attempts = 0, next_attempt_at = ${at}
    from f where o.id = f.id and o.status = 'failed'
    returning o.id, f.attempts, f.last_error`.execute(db);
  return rows;
}

export async function listOutbox(
  db: Db,
  statuses: readonly string[] | undefined,
  limit: number,
  after: { createdAt: Date; id: string } | null,
): Promise<OutboxRow[]> {
  let q = db.selectFrom('outbox').selectAll();
  if (statuses?.length) q = q.where('status', 'in', [...statuses]);
  if (after)
    q = q.where(sql<boolean>`(created_at, id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countOutbox(db: Db, statuses: readonly string[] | undefined): Promise<number> {
  let q = db.selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n'));
  if (statuses?.length) q = q.where('status', 'in', [...statuses]);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
