import type { Visit } from '@weixi/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { planVisit } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';

// A visit report writes to the visit and to its customer; a merge locks both customers and then
// moves the visit. Taken in opposite orders the two transactions would deadlock (PostgreSQL aborts
// one of them with 40P01, a 500 for the user). Only PostgreSQL runs them truly at once; PGlite has
// one connection and serialises them.
const url = process.env.TEST_DATABASE_URL;

let h: Harness;
let manager: Session;
let am: Session;

beforeAll(async () => {
  if (!url) return;
  h = await createHarness();
  const dept = await h.makeDepartment('合并拜访部');
  manager = await h.signIn('department_manager', dept);
  am = await h.signIn('account_manager', dept);
});
afterAll(async () => {
  await h?.close();
});

/** Waits until `n` sessions of this database wait for a row lock. */
async function waitersReach(n: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(h.database.db);
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never saw ${n} sessions waiting for a lock`);
}

describe.skipIf(!url)('a visit report and a merge of its customer at the same moment', () => {
  it('do not deadlock: the merge finishes, the report is told to send again, nothing is half-written', async () => {
    const survivor = await createCustomer(h, am, { name: '并发拜访存续有限公司' });
    const merged = await createCustomer(h, am, {
      name: '并发拜访被并商贸公司',
      contacts: [{ name: '周敏' }],
    });
    const visit = await planVisit(h, am, { customerId: merged.id, plannedOn: '2026-11-26' });
    const sendReport = () =>
      h.request({
        method: 'POST',
        url: `/api/v1/visits/${visit.id}/report`,
        as: am,
        payload: {
          summary: '并发时的拜访',
          commitments: [{ title: '寄样品', dueOn: '2026-12-02' }],
          version: 1,
        },
      });

    // The test holds the merged customer's contact, so the merge stops right after it has locked
    // both customers (it moves contacts first, visits later) — the moment a report arrives.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((r) => {
      locked = r;
    });
    const holder = h.database.db.transaction().execute(async (trx) => {
      await sql`select id from contact where customer_id = ${merged.id} for update`.execute(trx);
      locked();
      await held;
    });
    await lockTaken;
    const merge = h.request({
      method: 'POST',
      url: '/api/v1/customers/merge',
      as: manager,
      payload: { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 },
    });
    await waitersReach(1);
    const report = sendReport();
    // The report now waits for the customer (held by the merge). Had it locked the visit first, the
    // merge would wait for the visit next: a cycle.
    await waitersReach(2);
    release();
    await holder;
    const [m, r] = await Promise.all([merge, report]);

    expect(m.statusCode, m.body).toBe(200);
    expect(r.statusCode, r.body).toBe(409);
    // Not the database's deadlock victim ("Concurrent update; retry", after a second's wait):
    // the report waited its turn and was told why it must be sent again.
    expect(r.json()).toMatchObject({ status: 409, detail: expect.stringContaining('merged') });
    const stored = await h.database.db
      .selectFrom('visit')
      .select(['customer_id', 'status', 'version'])
      .where('id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ customer_id: survivor.id, status: 'planned', version: 1 });
    const logged = await h.database.db
      .selectFrom('interaction')
      .select('id')
      .where('visit_id', '=', visit.id)
      .execute();
    expect(logged).toEqual([]);
    const tasks = await h.database.db
      .selectFrom('task')
      .select('id')
      .where('source_id', '=', visit.id)
      .execute();
    expect(tasks).toEqual([]);

    // Sent again, the report lands on the survivor.
    const again = await sendReport();
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<Visit>()).toMatchObject({ status: 'reported', customer: { id: survivor.id } });
    const interactions = await h.database.db
      .selectFrom('interaction')
      .select('customer_id')
      .where('visit_id', '=', visit.id)
      .execute();
    expect(interactions).toEqual([{ customer_id: survivor.id }]);
  });
});
