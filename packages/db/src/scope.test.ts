import { resolveScope, scopeAllows } from '@weixi/domain';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './database';
import { newId } from './ids';
import { scopeFilter } from './scope';
import { openTestDatabase } from './testing';

// A stand-in for the customer table later modules will have: the helper must agree with the
// pure rule on every combination of owner, department and collaborator.
interface ScopedDb {
  scoped_thing: { id: number; owner_id: string | null; department_id: string | null };
  scoped_collab: { thing_id: number; user_id: string };
}

const users = ['u1', 'u2', 'u3'];
const departments = ['d1', 'd1a', 'd2'];

let database: Database;
let db: Kysely<ScopedDb>;
beforeAll(async () => {
  database = await openTestDatabase();
  db = database.db as unknown as Kysely<ScopedDb>;
  await sql`create table scoped_thing (id int primary key, owner_id text, department_id text)`.execute(db);
  await sql`create table scoped_collab (thing_id int, user_id text)`.execute(db);
  let id = 0;
  for (const owner of [...users, null]) {
    for (const dept of [...departments, null]) {
      id += 1;
      await db.insertInto('scoped_thing').values({ id, owner_id: owner, department_id: dept }).execute();
      if (id % 3 === 0)
        await db.insertInto('scoped_collab').values({ thing_id: id, user_id: 'u1' }).execute();
    }
  }
});
afterAll(async () => {
  await database.close();
});

async function visible(scope: ReturnType<typeof resolveScope>): Promise<number[]> {
  const rows = await db
    .selectFrom('scoped_thing as t')
    .select('t.id')
    .where(
      scopeFilter(scope, {
        owner: 't.owner_id',
        department: 't.department_id',
        collaborator: (userId) =>
          sql<boolean>`exists (select 1 from scoped_collab c where c.thing_id = t.id and c.user_id = ${userId})`,
      }),
    )
    .orderBy('t.id')
    .execute();
  return rows.map((r) => r.id);
}

describe('scopeFilter (SQL) agrees with scopeAllows (pure)', () => {
  it('department scope through the owner: members of the subtree, current membership', async () => {
    const dept = newId();
    const other = newId();
    const member = newId();
    const outsider = newId();
    await database.db
      .insertInto('department')
      .values([
        { id: dept, name: `scope-${dept}`, created_by: null, updated_by: null },
        { id: other, name: `scope-${other}`, created_by: null, updated_by: null },
      ])
      .execute();
    for (const [id, d] of [
      [member, dept],
      [outsider, other],
    ] as const) {
      await database.db
        .insertInto('app_user')
        .values({
          id,
          email: `${id}@t.local`,
          name: 'x',
          password_hash: 'x',
          role: 'account_manager',
          data_scope: 'own',
          department_id: d,
          created_by: null,
          updated_by: null,
        })
        .execute();
    }
    await sql`create table scoped_owned (id int primary key, owner_id uuid)`.execute(db);
    await sql`insert into scoped_owned values (1001, ${member}), (1002, ${outsider})`.execute(db);
    const scope = resolveScope('department', newId(), [dept]);
    const rows = await (db as unknown as Kysely<{ scoped_owned: { id: number; owner_id: string } }>)
      .selectFrom('scoped_owned as t')
      .select('t.id')
      .where(scopeFilter(scope, { owner: 't.owner_id' }))
      .execute();
    expect(rows.map((r) => r.id)).toEqual([1001]);
  });

  it('for every scope kind, user and department subtree', async () => {
    const all = await db.selectFrom('scoped_thing').selectAll().orderBy('id').execute();
    const collabs = await db.selectFrom('scoped_collab').selectAll().execute();
    const cases = fc.sample(
      fc.tuple(
        fc.constantFrom('own', 'department', 'all' as const),
        fc.constantFrom(...users),
        fc.subarray(departments),
      ),
      { numRuns: 40, seed: 7 },
    );
    for (const [kind, userId, subtree] of cases) {
      const scope = resolveScope(kind, userId, subtree);
      const expected = all
        .filter((r) =>
          scopeAllows(scope, {
            ownerId: r.owner_id,
            departmentId: r.department_id,
            collaboratorIds: collabs.filter((c) => c.thing_id === r.id).map((c) => c.user_id),
          }),
        )
        .map((r) => r.id);
      expect(await visible(scope), `${kind} ${userId} [${subtree.join(',')}]`).toEqual(expected);
    }
  });
});
