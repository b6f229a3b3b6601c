import { type DB, newId } from '@weixi/db';
import { followUpDue } from '@weixi/domain';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../testing/harness';

// Decision 011: customer.follow_up_due_at is kept by a trigger (migration 0010), and
// packages/domain's followUpDue is its specification. These properties hold the two equal on
// whatever engine the suite runs on (PGlite by default, PostgreSQL with TEST_DATABASE_URL).

let h: Harness;
let owners: string[];
beforeAll(async () => {
  h = await createHarness();
  owners = [];
  for (let i = 0; i < 3; i++) owners.push((await h.makeUser({ role: 'account_manager' })).id);
});
afterAll(async () => {
  await h.close();
});

const grades = ['A', 'B', 'C', 'D'] as const;
const day = 86_400_000;
// 2020-01-01 … 2027-12-31, to the millisecond: JavaScript's precision, so both sides see one instant.
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2027, 11, 31) })
  .map((ms) => new Date(ms));

const facts = fc.record({
  status: fc.constantFrom('active', 'active', 'active', 'invalid', 'merged'),
  grade: fc.constantFrom<string | null>(...grades, null),
  category: fc.constantFrom('key', 'normal', 'potential'),
  createdAt: instant,
  lastFollowUpAt: fc.option(instant, { nil: null }),
  lastOwnerContactAt: fc.option(instant, { nil: null }),
  owner: fc.constantFrom(0, 1, 2, null),
});
type Facts = typeof facts extends fc.Arbitrary<infer T> ? T : never;

const standards = fc.record({
  A: fc.integer({ min: 1, max: 366 }),
  B: fc.integer({ min: 1, max: 366 }),
  C: fc.integer({ min: 1, max: 366 }),
  D: fc.integer({ min: 1, max: 366 }),
});

/** The database's session time zone must not matter: the rule counts whole 24-hour days. */
const sessionZones = ['UTC', 'Asia/Shanghai', 'Europe/Berlin', 'America/New_York'] as const;

async function configure(db: Kysely<DB>, days: Record<string, number>, keyContactDays: number | null) {
  for (const g of grades)
    await sql`update grade_service_standard set follow_up_days = ${days[g]!} where grade = ${g}`.execute(db);
  if (keyContactDays === null) await sql`delete from setting where key = 'engagement.settings'`.execute(db);
  else
    await sql`insert into setting (key, value) values ('engagement.settings', ${JSON.stringify({ keyContactDays, countInbound: false })}::jsonb)
      on conflict (key) do update set value = excluded.value`.execute(db);
}

const ownerId = (i: number | null) => (i === null ? null : owners[i]!);

async function insertCustomers(db: Kysely<DB>, rows: Facts[]): Promise<string[]> {
  const ids = rows.map(() => newId());
  // Set-based like the importer: the statement trigger sees every inserted row at once.
  await sql`insert into customer (id, name, name_key, status, grade, category, owner_id, created_at, updated_at,
      last_follow_up_at, last_owner_contact_at)
    select u.id, '跟进规则客户', '跟进规则客户', u.status, u.grade, u.category, u.owner_id, u.created_at, u.created_at,
      u.last_follow_up_at, u.last_owner_contact_at
    from unnest(${ids}::uuid[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.grade)}::text[],
      ${rows.map((r) => r.category)}::text[], ${rows.map((r) => ownerId(r.owner))}::uuid[],
      ${rows.map((r) => r.createdAt.toISOString())}::timestamptz[],
      ${rows.map((r) => r.lastFollowUpAt?.toISOString() ?? null)}::timestamptz[],
      ${rows.map((r) => r.lastOwnerContactAt?.toISOString() ?? null)}::timestamptz[])
      as u(id, status, grade, category, owner_id, created_at, last_follow_up_at, last_owner_contact_at)`.execute(
    db,
  );
  return ids;
}

/** Compares every customer's stored due time with the domain rule over its stored facts. */
async function expectRuleHolds(db: Kysely<DB>, ids: string[], days: Record<string, number>, key: number) {
  const { rows } = await sql<{
    id: string;
    status: string;
    grade: string | null;
    category: string;
    created_at: Date;
    last_follow_up_at: Date | null;
    last_owner_contact_at: Date | null;
    follow_up_due_at: Date | null;
    owner_id: string | null;
    copied_owner_id: string | null;
  }>`select c.id, c.status, c.grade, c.category, c.created_at, c.last_follow_up_at, c.last_owner_contact_at,
      f.due_at as follow_up_due_at, c.owner_id, f.owner_id as copied_owner_id
    from customer c join customer_follow_up f on f.customer_id = c.id where c.id = any(${ids}::uuid[])`.execute(
    db,
  );
  expect(rows).toHaveLength(ids.length);
  for (const r of rows) {
    // The side table's copy of the owner serves "my due list": it must follow every change.
    expect(r.copied_owner_id).toBe(r.owner_id);
    const expected = followUpDue(
      {
        status: r.status,
        grade: r.grade,
        category: r.category,
        createdAt: new Date(r.created_at),
        lastFollowUpAt: r.last_follow_up_at && new Date(r.last_follow_up_at),
        lastOwnerContactAt: r.last_owner_contact_at && new Date(r.last_owner_contact_at),
      },
      days,
      key,
    );
    expect({ id: r.id, due: r.follow_up_due_at ? new Date(r.follow_up_due_at).toISOString() : null }).toEqual(
      {
        id: r.id,
        due: expected?.dueAt.toISOString() ?? null,
      },
    );
  }
}

/** Runs `fn` in a transaction whose session time zone is `zone`, then rolls it back. */
async function inZone(zone: string, fn: (db: Kysely<DB>) => Promise<void>): Promise<void> {
  const rollback = new Error('rollback');
  await h.database.db
    .transaction()
    .execute(async (trx) => {
      await sql`select set_config('TimeZone', ${zone}, true)`.execute(trx);
      await fn(trx);
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
}

describe('customer_follow_up triggers (migrations 0010, 0012) = followUpDue (packages/domain)', () => {
  it('on insert and on every update of the facts, for random standards, settings and time zones', async () => {
    await fc.assert(
      fc.asyncProperty(
        standards,
        fc.option(fc.integer({ min: 1, max: 366 }), { nil: null }),
        fc.constantFrom(...sessionZones),
        fc.array(facts, { minLength: 1, maxLength: 25 }),
        fc.array(facts, { minLength: 1, maxLength: 25 }),
        async (days, keyContactDays, zone, inserted, updates) => {
          await inZone(zone, async (db) => {
            await configure(db, days, keyContactDays);
            // Without the setting, the key-contact rule uses its default (30 days).
            const key = keyContactDays ?? 30;
            const ids = await insertCustomers(db, inserted);
            await expectRuleHolds(db, ids, days, key);
            // Columns written directly, as imports, merges, regrades and the pool do.
            for (const [i, id] of ids.entries()) {
              const u = updates[i % updates.length]!;
              await sql`update customer set status = ${u.status}, grade = ${u.grade}, category = ${u.category},
                  created_at = ${u.createdAt.toISOString()}::timestamptz,
                  last_follow_up_at = ${u.lastFollowUpAt?.toISOString() ?? null}::timestamptz,
                  last_owner_contact_at = ${u.lastOwnerContactAt?.toISOString() ?? null}::timestamptz
                where id = ${id}`.execute(db);
            }
            await expectRuleHolds(db, ids, days, key);
            // One statement writing many customers differently (a regrade or import batch): the
            // statement trigger sees them all at once.
            const batch = ids.map((id, i) => ({ id, ...updates[(i + 1) % updates.length]! }));
            await sql`update customer c set status = u.status, grade = u.grade, category = u.category,
                created_at = u.created_at, last_follow_up_at = u.last_follow_up_at,
                last_owner_contact_at = u.last_owner_contact_at
              from unnest(${batch.map((u) => u.id)}::uuid[], ${batch.map((u) => u.status)}::text[],
                ${batch.map((u) => u.grade)}::text[], ${batch.map((u) => u.category)}::text[],
                ${batch.map((u) => u.createdAt.toISOString())}::timestamptz[],
                ${batch.map((u) => u.lastFollowUpAt?.toISOString() ?? null)}::timestamptz[],
                ${batch.map((u) => u.lastOwnerContactAt?.toISOString() ?? null)}::timestamptz[])
                as u(id, status, grade, category, created_at, last_follow_up_at, last_owner_contact_at)
              where c.id = u.id`.execute(db);
            await expectRuleHolds(db, ids, days, key);
            // A single column at a time fires it too.
            await sql`update customer set grade = 'A' where id = any(${ids}::uuid[])`.execute(db);
            await expectRuleHolds(db, ids, days, key);
            await sql`update customer set category = 'key' where id = any(${ids}::uuid[])`.execute(db);
            await expectRuleHolds(db, ids, days, key);
          });
        },
      ),
      { numRuns: 30, seed: 20261203 },
    );
  });

  it('a change of owner recomputes the owner-contact clock from the new owner’s outbound interactions', async () => {
    const interaction = fc.record({
      direction: fc.constantFrom('outbound', 'inbound'),
      staff: fc.subarray([0, 1, 2]),
      occurredAt: instant,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(interaction, { maxLength: 10 }),
        fc.array(fc.constantFrom(0, 1, 2, null), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...sessionZones),
        async (logged, changes, zone) => {
          await inZone(zone, async (db) => {
            const days = { A: 30, B: 90, C: 90, D: 180 };
            await configure(db, days, 30);
            const createdAt = new Date(Date.UTC(2019, 5, 1));
            const [id] = await insertCustomers(db, [
              {
                status: 'active',
                grade: 'B',
                category: 'key',
                createdAt,
                lastFollowUpAt: null,
                lastOwnerContactAt: null,
                owner: 0,
              },
            ]);
            for (const x of logged) {
              const iid = newId();
              await sql`insert into interaction (id, customer_id, channel, direction, occurred_at, summary, qualifies)
                values (${iid}, ${id!}, 'phone', ${x.direction}, ${x.occurredAt.toISOString()}::timestamptz, '电话', true)`.execute(
                db,
              );
              for (const s of x.staff)
                await sql`insert into interaction_staff (interaction_id, user_id) values (${iid}, ${owners[s]!})`.execute(
                  db,
                );
            }
            let owner: number | null = 0;
            let expectedClock: number | null = null;
            for (const next of changes) {
              await sql`update customer set owner_id = ${ownerId(next)} where id = ${id!}`.execute(db);
              if (next !== owner) {
                const times = logged
                  .filter((x) => x.direction === 'outbound' && next !== null && x.staff.includes(next))
                  .map((x) => x.occurredAt.getTime());
                expectedClock = times.length ? Math.max(...times) : null;
                owner = next;
              }
              const { rows } = await sql<{ last_owner_contact_at: Date | null }>`
                select last_owner_contact_at from customer where id = ${id!}`.execute(db);
              const clock = rows[0]!.last_owner_contact_at;
              expect(clock ? new Date(clock).getTime() : null).toBe(expectedClock);
              await expectRuleHolds(db, [id!], days, 30);
            }
          });
        },
      ),
      { numRuns: 25, seed: 20261204 },
    );
  });

  it('an owner who never took part leaves the key-contact clock at the creation date', async () => {
    await inZone('UTC', async (db) => {
      await configure(db, { A: 30, B: 90, C: 90, D: 180 }, 30);
      const createdAt = new Date('2026-01-01T00:00:00Z');
      const [id] = await insertCustomers(db, [
        {
          status: 'active',
          grade: 'D',
          category: 'key',
          createdAt,
          lastFollowUpAt: new Date('2026-03-01T00:00:00Z'),
          lastOwnerContactAt: new Date('2026-03-01T00:00:00Z'),
          owner: 0,
        },
      ]);
      await sql`update customer set owner_id = ${owners[1]!} where id = ${id!}`.execute(db);
      const { rows } = await sql<{ last_owner_contact_at: Date | null; follow_up_due_at: Date }>`
        select c.last_owner_contact_at, f.due_at as follow_up_due_at
        from customer c join customer_follow_up f on f.customer_id = c.id where c.id = ${id!}`.execute(db);
      expect(rows[0]!.last_owner_contact_at).toBeNull();
      // created + 30 days (before last follow-up + D's 180): the new owner owes a contact at once.
      expect(new Date(rows[0]!.follow_up_due_at).getTime()).toBe(createdAt.getTime() + 30 * day);
    });
  });

  it('an edit that changes none of the rule’s inputs leaves the due-time row unwritten', async () => {
    await inZone('UTC', async (db) => {
      await configure(db, { A: 30, B: 90, C: 90, D: 180 }, 30);
      const ids = await insertCustomers(db, [
        {
          status: 'active',
          grade: 'B',
          category: 'normal',
          createdAt: new Date('2026-01-01T00:00:00Z'),
          lastFollowUpAt: null,
          lastOwnerContactAt: null,
          owner: 0,
        },
        {
          status: 'active',
          grade: 'C',
          category: 'key',
          createdAt: new Date('2026-02-01T00:00:00Z'),
          lastFollowUpAt: null,
          lastOwnerContactAt: null,
          owner: 0,
        },
      ]);
      // Every write of a row gives it a new tuple id, even inside this one transaction (where xmin
      // would not change).
      const versions = async () =>
        (
          await sql<{ ctid: string }>`select ctid::text as ctid from customer_follow_up
            where customer_id = any(${ids}::uuid[]) order by array_position(${ids}::uuid[], customer_id)`.execute(
            db,
          )
        ).rows.map((r) => r.ctid);
      const before = await versions();
      // A name edit, and a grade rewritten to the value it already has (a regrade that changed nothing).
      await sql`update customer set name = name || '（改）' where id = any(${ids}::uuid[])`.execute(db);
      await sql`update customer set grade = grade where id = any(${ids}::uuid[])`.execute(db);
      expect(await versions()).toEqual(before);
      // A grade change that does not move the due time (C → B: both 90 days) writes nothing either.
      await sql`update customer set grade = 'B' where id = ${ids[1]!}`.execute(db);
      expect(await versions()).toEqual(before);
      await expectRuleHolds(db, ids, { A: 30, B: 90, C: 90, D: 180 }, 30);
      // And a change that does move it writes (the check above can fail).
      await sql`update customer set grade = 'A' where id = ${ids[0]!}`.execute(db);
      expect((await versions())[0]).not.toBe(before[0]);
    });
  });
});
