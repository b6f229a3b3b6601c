import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { startTestSmtp, type TestSmtp } from '../../testing/smtp';
import { remindersJob } from '../engagement/engagement.jobs';
import { notify } from './notify';
import { outboxDeliverJob } from './outbox.jobs';
import { retryDelaysMinutes } from './use-cases/deliver-outbox';

// E-mail through the outbox against a real SMTP server (smtp-server on 127.0.0.1): what arrives,
// in whose language, with which link; what a refusing server does to a message over time.

const day = 86_400_000;
let smtp: TestSmtp;
let h: Harness;
let dept: string;

beforeAll(async () => {
  smtp = await startTestSmtp({ refuse: (address) => address.startsWith('refuse-') });
  h = await createHarness({
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://crm.example.com/',
    SMTP_FROM: '维系 <crm@example.com>',
  });
  dept = await h.makeDepartment('邮件部');
});
afterAll(async () => {
  await h.close();
  await smtp.close();
});

const outboxOf = (recipient: string) =>
  h.database.db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', recipient)
    .orderBy('created_at')
    .execute();

async function overdueCustomer(as: Session, name: string) {
  const c = await createCustomer(h, as, { name });
  await h.database.db
    .updateTable('customer')
    .set({ last_follow_up_at: new Date(h.clock.now().getTime() - 200 * day) })
    .where('id', '=', c.id)
    .execute();
  return c.id;
}

/** Sends a notice to `userIds` the way a use case does: inside a transaction of its own. */
const notifyNow = (userIds: string[], kind: string, params: Record<string, string | number>, link: string) =>
  h.database.db
    .transaction()
    .execute((trx) =>
      notify({ db: trx, clock: h.clock, config: h.config, jobs: h.jobs }, { userIds, kind, params, link }),
    );

describe('e-mail notices through the outbox', () => {
  it('reminders arrive by e-mail in each recipient’s language with a link into Weixi', async () => {
    const zh = await h.signIn('account_manager', dept);
    const en = await h.signIn('account_manager', dept);
    await h.database.db
      .updateTable('app_user')
      .set({ locale: 'en-US' })
      .where('id', '=', en.userId)
      .execute();
    await overdueCustomer(zh, '邮件逾期客户甲');
    await overdueCustomer(en, '邮件逾期客户乙');

    await h.jobs.send(remindersJob, {});
    const outcomes = await h.runJobs();
    expect(outcomes.map((o) => [o.name, o.state])).toEqual(
      expect.arrayContaining([
        ['engagement.reminders', 'completed'],
        ['outbox.deliver', 'completed'],
      ]),
    );

    const toZh = smtp.received.filter((m) => m.to.includes(zh.email));
    const toEn = smtp.received.filter((m) => m.to.includes(en.email));
    expect(toZh.map((m) => m.subject)).toEqual(['1 位客户的回访已逾期：邮件逾期客户甲']);
    expect(toEn.map((m) => m.subject)).toEqual(['1 customer(s) overdue for a follow-up: 邮件逾期客户乙']);
    expect(toZh[0]!.text).toContain('https://crm.example.com/engagement/follow-ups?due=overdue');
    expect(toZh[0]!.text).toContain('个人设置 › 通知设置');
    expect(toEn[0]!.text).toContain(
      'Open in Weixi: https://crm.example.com/engagement/follow-ups?due=overdue',
    );
    expect(toEn[0]!.from).toBe('crm@example.com');
    expect(toEn[0]!.headers.get('auto-submitted')).toBe('auto-generated');

    // The link is the bell's own link, and the page's list holds the customer.
    const bell = (await h.request({ method: 'GET', url: '/api/v1/notifications', as: en })).json().items;
    expect(bell.map((n: { link: string }) => n.link)).toEqual(['/engagement/follow-ups?due=overdue']);
    const page = (await h.request({ method: 'GET', url: '/api/v1/follow-ups?due=overdue', as: en })).json();
    expect(page.items.map((i: { customer: { name: string } }) => i.customer.name)).toEqual([
      '邮件逾期客户乙',
    ]);

    const rows = await outboxOf(en.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(rows[0]!.sent_at).not.toBeNull();
    expect(rows[0]!.notification_id).toBe(bell[0].id);

    // The reminder is not sent again by a second run the same day, nor is its e-mail.
    await h.jobs.send(remindersJob, {});
    await h.runJobs();
    expect(await outboxOf(en.email)).toHaveLength(1);
    expect(smtp.received.filter((m) => m.to.includes(en.email))).toHaveLength(1);
  });

  it('a refused recipient is retried with back-off, each attempt recorded, then given up after six', async () => {
    const u = await h.makeUser({
      role: 'account_manager',
      departmentId: dept,
      email: `refuse-${Date.now()}@test.local`,
    });
    expect(
      await notifyNow(
        [u.id],
        'task.overdue',
        { title: '寄送样品', dueOn: '2026-11-20' },
        '/engagement/tasks',
      ),
    ).toBe(1);
    await h.runJobs();
    let [row] = await outboxOf(u.email);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toMatch(/^550 /);
    expect(new Date(row!.next_attempt_at).getTime()).toBe(h.clock.now().getTime() + 60_000);

    // Not due yet: a delivery run now leaves it alone.
    await h.jobs.send(outboxDeliverJob, {});
    await h.runJobs();
    expect((await outboxOf(u.email))[0]!.attempts).toBe(1);

    for (const [i, minutes] of retryDelaysMinutes.entries()) {
      h.clock.advance(minutes * 60_000);
      await h.jobs.send(outboxDeliverJob, {});
      await h.runJobs();
      [row] = await outboxOf(u.email);
      expect(row!.attempts).toBe(i + 2);
      if (i + 2 < 6) {
        expect(row!.status).toBe('pending');
        expect(new Date(row!.next_attempt_at).getTime()).toBe(
          h.clock.now().getTime() + retryDelaysMinutes[i + 1]! * 60_000,
        );
      }
    }
    expect(row).toMatchObject({ status: 'failed', attempts: 6, sent_at: null });
    expect(row!.last_error).toMatch(/^550 /);
    expect(smtp.refused.filter((a) => a === u.email)).toHaveLength(6);
    expect(smtp.received.filter((m) => m.to.includes(u.email))).toHaveLength(0);
    // Failed for good: later runs leave it.
    h.clock.advance(day);
    await h.jobs.send(outboxDeliverJob, {});
    await h.runJobs();
    expect((await outboxOf(u.email))[0]!.attempts).toBe(6);
  });

  it('follows each person’s preference per topic; the bell gets every notice anyway', async () => {
    const off = await h.signIn('account_manager', dept);
    const put = await h.request({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      as: off,
      payload: {
        topics: [
          { topic: 'task', email: false },
          { topic: 'visit', email: true },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    await notifyNow(
      [off.userId],
      'task.due_soon',
      { title: '回电', dueOn: '2026-11-26' },
      '/engagement/tasks',
    );
    // Job results are e-mailed only to those who asked (off by default).
    await notifyNow([off.userId], 'job.completed', { job: 'grading.regrade-all' }, '/grading');
    expect(await outboxOf(off.email)).toHaveLength(0);
    await notifyNow([off.userId], 'pool.recycled', { count: 1, names: '某公司' }, '/grading/pool');
    expect(await outboxOf(off.email)).toHaveLength(1);
    const bell = (await h.request({ method: 'GET', url: '/api/v1/notifications', as: off })).json();
    expect(bell.total).toBe(3);
    await h.runJobs();
    expect(smtp.received.filter((m) => m.to.includes(off.email)).map((m) => m.subject)).toEqual([
      '1 位客户已回收到公海：某公司',
    ]);
  });
});

describe('without SMTP_URL', () => {
  it('writes no outbox rows and says e-mail is unavailable', async () => {
    const plain = await createHarness();
    try {
      const u = await plain.signIn('account_manager');
      await plain.database.db
        .transaction()
        .execute((trx) =>
          notify(
            { db: trx, clock: plain.clock, config: plain.config, jobs: plain.jobs },
            { userIds: [u.userId], kind: 'follow_up.overdue', params: { count: 1, names: '某公司' } },
          ),
        );
      expect(
        await plain.database.db
          .selectFrom('notification')
          .select('id')
          .where('user_id', '=', u.userId)
          .execute(),
      ).toHaveLength(1);
      expect(await plain.database.db.selectFrom('outbox').select('id').execute()).toHaveLength(0);
      const prefs = await plain.request({ method: 'GET', url: '/api/v1/me/notification-preferences', as: u });
      expect(prefs.json()).toMatchObject({ emailAvailable: false, address: u.email });
    } finally {
      await plain.close();
    }
  });
});

describe('GET /api/v1/outbox', () => {
  it('401, 403 for non-administrators, 400 for a bad status; newest first, filtered, in keyset pages', async () => {
    const url = '/api/v1/outbox';
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    // Earlier tests moved the clock past the first administrator's session.
    const admin = await h.signIn('admin');
    const am = await h.signIn('account_manager', dept);
    expect((await h.request({ method: 'GET', url, as: am })).statusCode).toBe(403);
    const bad = await h.request({ method: 'GET', url: `${url}?status=lost`, as: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.status.0');

    const all = await h.database.db.selectFrom('outbox').select(['id', 'created_at', 'status']).execute();
    const newestFirst = [...all]
      .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    const seen: string[] = [];
    let next = `${url}?limit=2`;
    for (;;) {
      const res = await h.request({ method: 'GET', url: next, as: admin });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBe(all.length);
      seen.push(...res.json().items.map((i: { id: string }) => i.id));
      if (!res.json().nextCursor) break;
      next = `${url}?limit=2&cursor=${res.json().nextCursor}`;
    }
    expect(seen).toEqual(newestFirst);

    const failed = (await h.request({ method: 'GET', url: `${url}?status=failed`, as: admin })).json();
    expect(failed.items.length).toBeGreaterThan(0);
    expect(failed.items.every((i: { status: string }) => i.status === 'failed')).toBe(true);
    expect(failed.items[0]).toMatchObject({
      channel: 'email',
      attempts: 6,
      sentAt: null,
      lastError: expect.stringMatching(/^550/),
    });
    expect(failed.items[0]).not.toHaveProperty('body');
  });
});
