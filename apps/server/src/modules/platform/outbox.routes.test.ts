import { newId } from '@weixi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { startTestSmtp, type TestSmtp } from '../../testing/smtp';
import { notify } from './notify';
import { outboxDeliverJob } from './outbox.jobs';
import { insertOutbox } from './outbox.repository';
import { retryDelaysMinutes } from './use-cases/deliver-outbox';

// An administrator puts failed e-mails back: one, or all at once. Delivery goes to a real SMTP
// server on 127.0.0.1 that refuses the addresses in `refusing` — until the test "fixes" them.

const unknownId = '0190d6f0-0000-7000-8000-000000000000';
const refusing = new Set<string>();
let smtp: TestSmtp;
let h: Harness;

beforeAll(async () => {
  smtp = await startTestSmtp({ refuse: (address) => refusing.has(address) });
  h = await createHarness({ SMTP_URL: smtp.url, SMTP_FROM: '维系 <crm@example.com>' });
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

let seq = 0;
const address = (label: string) => `${label}-${Date.now().toString(36)}-${seq++}@test.local`;

const rowOf = (id: string) =>
  h.database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/**
 * A message already in the given state, written straight to the table: the routes' rules depend
 * only on the state, and reaching "failed" for real takes six refused attempts over half a day
 * (the last test does that once).
 */
async function seedMessage(status: 'pending' | 'sent' | 'failed', recipient = address(status)) {
  const id = newId();
  await insertOutbox(
    h.database.db,
    [{ id, notificationId: null, recipient, subject: `测试邮件 ${status}`, body: '正文' }],
    h.clock.now(),
  );
  if (status === 'failed')
    await h.database.db
      .updateTable('outbox')
      .set({ status, attempts: 6, last_error: '550 Mailbox unavailable' })
      .where('id', '=', id)
      .execute();
  if (status === 'sent')
    await h.database.db
      .updateTable('outbox')
      .set({ status, attempts: 1, sent_at: h.clock.now() })
      .where('id', '=', id)
      .execute();
  return { id, recipient };
}

const retry = (id: string, as?: Session) =>
  h.request({ method: 'POST', url: `/api/v1/outbox/${id}/retry`, ...(as ? { as } : {}) });
const retryAll = (as?: Session) =>
  h.request({ method: 'POST', url: '/api/v1/outbox/retry-failed', ...(as ? { as } : {}) });
const auditOf = async (id: string, as: Session) =>
  (await h.request({ method: 'GET', url: `/api/v1/audit?entity=outbox&entityId=${id}`, as })).json().items;

describe('POST /api/v1/outbox/:id/retry (admin)', () => {
  it('401 anonymous, 403 for other roles, 400 for a bad id, 404 for an unknown one; nothing changes', async () => {
    const { id } = await seedMessage('failed');
    expect((await retry(id)).statusCode).toBe(401);
    for (const role of ['executive', 'department_manager', 'account_manager'] as const) {
      const res = await retry(id, await h.signIn(role));
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const admin = await h.signIn('admin');
    const bad = await retry('42', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
    const unknown = await retry(unknownId, admin);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 6 });
    expect(await auditOf(id, admin)).toEqual([]);
  });

  it('409 outbox_not_failed for a message that was sent or still waits; it is left as it was', async () => {
    const admin = await h.signIn('admin');
    for (const status of ['sent', 'pending'] as const) {
      const { id } = await seedMessage(status);
      const before = await rowOf(id);
      const res = await retry(id, admin);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 409, code: 'outbox_not_failed' });
      expect(res.json().detail).toContain(status);
      expect(await rowOf(id)).toEqual(before);
    }
  });

  it('puts a failed message back, due now with its attempts from zero and its last error kept; audited; twice is a 409', async () => {
    const admin = await h.signIn('admin');
    const { id, recipient } = await seedMessage('failed');
    const res = await retry(id, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id,
      channel: 'email',
      recipient,
      subject: '测试邮件 failed',
      status: 'pending',
      attempts: 0,
      nextAttemptAt: h.clock.now().toISOString(),
      lastError: '550 Mailbox unavailable',
      sentAt: null,
      createdAt: expect.any(String),
    });
    const [entry] = await auditOf(id, admin);
    expect(entry).toMatchObject({
      action: 'outbox.retry',
      actor: { id: admin.userId },
      before: { status: 'failed', attempts: 6, lastError: '550 Mailbox unavailable' },
      after: { status: 'pending', attempts: 0 },
    });
    const again = await retry(id, admin);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('outbox_not_failed');

    // The delivery job was queued with it: the message goes out without waiting for the schedule.
    await h.runJobs();
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(smtp.received.filter((m) => m.to.includes(recipient))).toHaveLength(1);
  });
});

describe('POST /api/v1/outbox/retry-failed (admin)', () => {
  it('401 anonymous, 403 for other roles; nothing changes', async () => {
    const { id } = await seedMessage('failed');
    expect((await retryAll()).statusCode).toBe(401);
    expect((await retryAll(await h.signIn('account_manager'))).statusCode).toBe(403);
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: 6 });
  });

  it('puts every failed message back, leaves the others, says how many; each one audited and delivered', async () => {
    const admin = await h.signIn('admin');
    const failed = [await seedMessage('failed'), await seedMessage('failed')];
    const sent = await seedMessage('sent');
    const now = h.clock.now();
    const pending = await seedMessage('pending');
    const sentBefore = await rowOf(sent.id);
    const failedBefore = await h.database.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'failed')
      .execute();

    const res = await retryAll(admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ requeued: failedBefore.length });
    for (const { id } of failed) {
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'pending', attempts: 0, last_error: '550 Mailbox unavailable' });
      expect(new Date(row.next_attempt_at).getTime()).toBe(now.getTime());
      expect((await auditOf(id, admin))[0]).toMatchObject({
        action: 'outbox.retry',
        actor: { id: admin.userId },
        before: { status: 'failed', attempts: 6 },
        after: { status: 'pending', attempts: 0, all: true },
      });
    }
    expect(await rowOf(sent.id)).toEqual(sentBefore);
    expect(await auditOf(pending.id, admin)).toEqual([]);
    expect(
      await h.database.db.selectFrom('outbox').select('id').where('status', '=', 'failed').execute(),
    ).toEqual([]);
    // Nothing failed is left: a second press requeues nothing.
    expect((await retryAll(admin)).json()).toEqual({ requeued: 0 });

    await h.runJobs();
    for (const { id, recipient } of [...failed, pending]) {
      expect((await rowOf(id)).status).toBe('sent');
      expect(smtp.received.filter((m) => m.to.includes(recipient))).toHaveLength(1);
    }
  });
});

describe('OpenAPI', () => {
  it('describes both retry routes from the shared schemas', async () => {
    const doc = (await h.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const one = doc.paths['/api/v1/outbox/{id}/retry'].post;
    expect(Object.keys(one.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
    expect(Object.keys(one.responses['200'].content['application/json'].schema.properties)).toContain(
      'lastError',
    );
    const all = doc.paths['/api/v1/outbox/retry-failed'].post;
    expect(Object.keys(all.responses['200'].content['application/json'].schema.properties)).toEqual([
      'requeued',
    ]);
  });
});

describe('a message that failed for good, retried once its address works', () => {
  it('is delivered over SMTP, and a new failure starts the back-off afresh', async () => {
    const user = await h.makeUser({ role: 'account_manager', email: address('refused') });
    refusing.add(user.email);
    await h.database.db
      .transaction()
      .execute((trx) =>
        notify(
          { db: trx, clock: h.clock, config: h.config, jobs: h.jobs },
          { userIds: [user.id], kind: 'task.overdue', params: { title: '寄送样品', dueOn: '2026-11-20' } },
        ),
      );
    await h.runJobs();
    for (const minutes of retryDelaysMinutes) {
      h.clock.advance(minutes * 60_000);
      await h.jobs.send(outboxDeliverJob, {});
      await h.runJobs();
    }
    const [row] = await h.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', user.email)
      .execute();
    expect(row).toMatchObject({ status: 'failed', attempts: 6, sent_at: null });
    expect(smtp.refused.filter((a) => a === user.email)).toHaveLength(6);

    // Still refused: the retry's first attempt fails and is backed off by the first delay again,
    // not given up on (its attempts started from zero).
    const admin = await h.signIn('admin');
    expect((await retry(row!.id, admin)).statusCode).toBe(200);
    await h.runJobs();
    expect(await rowOf(row!.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect(new Date((await rowOf(row!.id)).next_attempt_at).getTime()).toBe(
      h.clock.now().getTime() + retryDelaysMinutes[0] * 60_000,
    );

    // The address is fixed: the next attempt goes through.
    refusing.delete(user.email);
    h.clock.advance(retryDelaysMinutes[0] * 60_000);
    await h.jobs.send(outboxDeliverJob, {});
    await h.runJobs();
    expect(await rowOf(row!.id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    const mail = smtp.received.filter((m) => m.to.includes(user.email));
    expect(mail.map((m) => m.subject)).toEqual([row!.subject]);
    expect(mail[0]!.text).toContain('寄送样品');
  });
});
