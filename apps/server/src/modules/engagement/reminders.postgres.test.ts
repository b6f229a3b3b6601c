import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness } from '../../testing/harness';
import { openSecondPool } from '../../testing/second-pool';
import { startTestSmtp, type TestSmtp } from '../../testing/smtp';
import { JobQueue } from '../platform/jobs/job-queue';
import { outboxDeliverJob } from '../platform/outbox.jobs';
import { deliverOutbox } from '../platform/use-cases/deliver-outbox';
import { remindersJob } from './engagement.jobs';
import { sendReminders } from './use-cases/send-reminders';

// Two server processes with workers share one PostgreSQL database: each "process" is a JobQueue on
// its own pg pool, as in platform/jobs/job-queue.postgres.test.ts. PGlite is one process by design.
const url = process.env.TEST_DATABASE_URL;
const day = 86_400_000;
const people = 30;

let h: Harness;
let smtp: TestSmtp;
const pools: Kysely<DB>[] = [];

async function openPool(): Promise<Kysely<DB>> {
  const db = await openSecondPool(h, 4);
  pools.push(db);
  return db;
}

async function waitFor(probe: () => Promise<boolean>, what: string, ms = 30_000) {
  const until = performance.now() + ms;
  while (!(await probe())) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!url) return;
  // A slow server, so that the two workers' deliveries overlap.
  smtp = await startTestSmtp({ delayMs: 15 });
  h = await createHarness({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  for (const p of pools) await p.destroy();
  await h?.close();
  await smtp?.close();
});

describe.skipIf(!url)('reminders and e-mail with two worker processes on one database', () => {
  it('every reminder and every e-mail goes out exactly once', async () => {
    // Wednesday 25 November 2026, 08:05 in Shanghai.
    h.clock.set('2026-11-25T00:05:00Z');
    const dept = await h.makeDepartment('双进程提醒部');
    const users: { id: string; email: string }[] = [];
    for (let i = 0; i < people; i++) {
      const am = await h.signIn('account_manager', dept);
      users.push({ id: am.userId, email: am.email });
      const c = await createCustomer(h, am, { name: `双进程逾期客户${i}` });
      await h.database.db
        .updateTable('customer')
        .set({ last_follow_up_at: new Date(h.clock.now().getTime() - 200 * day) })
        .where('id', '=', c.id)
        .execute();
      const t = await h.request({
        method: 'POST',
        url: '/api/v1/tasks',
        as: am,
        payload: { title: `回访计划${i}`, dueOn: '2026-11-25' },
      });
      expect(t.statusCode).toBe(201);
    }

    const start = async () => {
      const db = await openPool();
      const queue = new JobQueue({
        db,
        clock: h.clock,
        config: h.config,
        logger: pino({ level: 'silent' }),
        work: true,
        definitions: [remindersJob, outboxDeliverJob],
        pollingIntervalSeconds: 0.5,
      });
      await queue.start();
      return { db, queue };
    };
    const [a, b] = await Promise.all([start(), start()]);
    try {
      const remind = (p: { db: Kysely<DB>; queue: JobQueue }) =>
        sendReminders({
          db: p.db,
          clock: h.clock,
          timeZone: h.config.TZ_BUSINESS,
          config: h.config,
          jobs: p.queue,
        });
      const deliver = (p: { db: Kysely<DB> }) =>
        deliverOutbox({ db: p.db, clock: h.clock, config: h.config });
      // Both processes run the reminders at the same moment (a schedule's run and a retry of one
      // whose completion was lost), each queues deliveries, and both also deliver by hand.
      const [ra, rb] = await Promise.all([
        remind(a),
        remind(b),
        a.queue.send(remindersJob, {}),
        b.queue.send(remindersJob, {}),
      ]);
      expect((ra.overdueDigests ?? 0) + (rb.overdueDigests ?? 0)).toBeLessThanOrEqual(people);
      await Promise.all([
        deliver(a),
        deliver(b),
        a.queue.send(outboxDeliverJob, {}),
        b.queue.send(outboxDeliverJob, {}),
      ]);

      const expected = people * 2;
      await waitFor(async () => {
        const { rows } = await sql<{
          n: string;
        }>`select count(*) as n from outbox where status = 'sent'`.execute(h.database.db);
        return Number(rows[0]!.n) >= expected;
      }, 'every e-mail to be sent');
      // Let any straggling job finish before counting.
      await waitFor(async () => {
        const { rows } = await sql<{ n: string }>`select count(*) as n from pgboss.job
          where name in ('engagement.reminders', 'outbox.deliver') and state in ('created', 'retry', 'active')`.execute(
          h.database.db,
        );
        return Number(rows[0]!.n) === 0;
      }, 'the queued jobs to finish');

      const notes = await h.database.db
        .selectFrom('notification')
        .select(['user_id', 'kind'])
        .where(
          'user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute();
      expect(notes).toHaveLength(expected);
      for (const u of users) {
        expect(
          notes
            .filter((n) => n.user_id === u.id)
            .map((n) => n.kind)
            .sort(),
        ).toEqual(['follow_up.overdue', 'task.due_soon']);
      }
      const outbox = await h.database.db
        .selectFrom('outbox')
        .select(['recipient', 'status', 'attempts'])
        .execute();
      expect(outbox).toHaveLength(expected);
      expect(outbox.every((o) => o.status === 'sent' && o.attempts === 1)).toBe(true);
      expect(smtp.received).toHaveLength(expected);
      const distinct = new Set(smtp.received.map((m) => `${m.to.join()}|${m.subject}`));
      expect(distinct.size).toBe(expected);
      for (const u of users) expect(smtp.received.filter((m) => m.to.includes(u.email))).toHaveLength(2);
    } finally {
      await Promise.all([a.queue.stop(), b.queue.stop()]);
    }
  }, 90_000);
});
