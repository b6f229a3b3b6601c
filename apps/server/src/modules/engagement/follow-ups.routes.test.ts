import { followUpPageSchema } from '@weixi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let sales: string;
let salesEast: string;
let other: string;
let am: Session;
let am2: Session;
let amEast: Session;
let amOther: Session;
let manager: Session;
let finance: Session;

const day = 86_400_000;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  sales = await h.makeDepartment('销售部-回访');
  salesEast = await h.makeDepartment('销售部-回访-华东', sales);
  other = await h.makeDepartment('其他部-回访');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', sales);
  amEast = await h.signIn('account_manager', salesEast);
  amOther = await h.signIn('account_manager', other);
  manager = await h.signIn('department_manager', sales);
  finance = await h.signIn('finance');
});
afterAll(async () => {
  await h.close();
});

/** A customer of `as` whose next follow-up falls due at `due` (ungraded: D's 180 days after the last one). */
async function customerDue(as: Session, name: string, due: string, extra: { category?: string } = {}) {
  const c = await createCustomer(h, as, { name });
  await h.database.db
    .updateTable('customer')
    .set({ last_follow_up_at: new Date(Date.parse(due) - 180 * day), ...extra })
    .where('id', '=', c.id)
    .execute();
  return c.id;
}

const get = (as: Session | undefined, url: string) =>
  h.request({ method: 'GET', url, ...(as ? { as } : {}) });

interface Item {
  customer: { id: string; name: string };
  owner: { id: string } | null;
  dueAt: string;
  dueOn: string;
  overdueDays: number;
  reason: string;
  followUpDays: number;
}
const ids = (res: { json(): { items: Item[] } }) => res.json().items.map((i) => i.customer.id);

describe('GET /api/v1/follow-ups', () => {
  it('401 anonymous; 400 names the field; 403 for a team list without a manager’s role', async () => {
    expect((await get(undefined, '/api/v1/follow-ups')).statusCode).toBe(401);
    const bad = await get(am, '/api/v1/follow-ups?due=soon&view=mine');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.due']);
    const mineNarrowed = await get(am, `/api/v1/follow-ups?view=mine&ownerId=${am2.userId}`);
    expect(mineNarrowed.statusCode).toBe(400);
    expect(mineNarrowed.json().errors[0]).toMatchObject({ path: 'query.ownerId', code: 'not_allowed' });
    const cursor = await get(am, '/api/v1/follow-ups?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().errors[0].path).toBe('query.cursor');
    expect((await get(am, '/api/v1/follow-ups?view=team')).statusCode).toBe(403);
    expect((await get(finance, '/api/v1/follow-ups?view=team')).statusCode).toBe(403);
  });

  it('sorts each customer into overdue, today and this week by the business day, across midnight in Shanghai', async () => {
    const me = await h.signIn('account_manager', sales);
    // Wednesday 25 November 2026, 23:59 in Shanghai (15:59 UTC).
    h.clock.set('2026-11-25T15:59:00Z');
    const tuesday = await customerDue(me, '回访窗口周二', '2026-11-24T10:00:00Z'); // Tue 18:00
    const late = await customerDue(me, '回访窗口周三深夜', '2026-11-25T15:30:00Z'); // Wed 23:30
    const early = await customerDue(me, '回访窗口周四凌晨', '2026-11-25T16:30:00Z'); // Thu 00:30
    const sunday = await customerDue(me, '回访窗口周日', '2026-11-29T15:00:00Z'); // Sun 23:00
    const monday = await customerDue(me, '回访窗口下周一', '2026-11-29T16:00:00Z'); // next Mon 00:00

    const at = async (due: string) => ids(await get(me, `/api/v1/follow-ups?due=${due}`));
    expect(await at('overdue')).toEqual([tuesday]);
    expect(await at('today')).toEqual([late]);
    expect(await at('week')).toEqual([late, early, sunday]);
    expect(await at('all')).toEqual([tuesday, late, early, sunday, monday]);

    // Two minutes later it is Thursday in Shanghai (still Wednesday in UTC).
    h.clock.set('2026-11-25T16:01:00Z');
    expect(await at('overdue')).toEqual([tuesday, late]);
    expect(await at('today')).toEqual([early]);
    expect(await at('week')).toEqual([early, sunday]);
    const items = (await get(me, '/api/v1/follow-ups?due=all')).json().items as Item[];
    expect(items.map((i) => [i.dueOn, i.overdueDays])).toEqual([
      ['2026-11-24', 2],
      ['2026-11-25', 1],
      ['2026-11-26', 0],
      ['2026-11-29', 0],
      ['2026-11-30', 0],
    ]);
    // Tuesday 18:00 Shanghai is the 24th there; the business date of the due time, not UTC's.
    expect(items[0]).toMatchObject({
      dueAt: '2026-11-24T10:00:00.000Z',
      reason: 'cadence',
      followUpDays: 180,
    });
    h.clock.set('2026-11-25T08:00:00Z');
  });

  it('leaves customers that are no longer active out, and pages with a keyset cursor', async () => {
    const me = await h.signIn('account_manager', sales);
    const created: string[] = [];
    for (const n of [1, 2, 3, 4, 5])
      created.push(await customerDue(me, `分页回访${n}号`, `2026-12-0${n}T02:00:00Z`));
    const invalid = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${created[2]}/invalidate`,
      as: admin,
      payload: { reason: '已注销', version: 1 },
    });
    expect(invalid.statusCode).toBe(200);
    const seen: string[] = [];
    let url = '/api/v1/follow-ups?due=all&limit=2';
    for (let page = 0; page < 5; page++) {
      const res = await get(me, url);
      expect(res.statusCode).toBe(200);
      // Sent as the presenter built it (no zod pass): exactly what the schema allows.
      expect(followUpPageSchema.parse(res.json())).toEqual(res.json());
      expect(res.json().total).toBe(4);
      seen.push(...ids(res));
      if (!res.json().nextCursor) break;
      url = `/api/v1/follow-ups?due=all&limit=2&cursor=${res.json().nextCursor}`;
    }
    expect(seen).toEqual([created[0], created[1], created[3], created[4]]);
  });

  it('gives a manager their department subtree and nobody else’s; narrowing outside it is a 403', async () => {
    const a = await customerDue(am, '团队回访甲', '2026-11-20T02:00:00Z');
    const b = await customerDue(am2, '团队回访乙', '2026-11-21T02:00:00Z');
    const c = await customerDue(amEast, '团队回访丙', '2026-11-22T02:00:00Z');
    const d = await customerDue(amOther, '团队回访丁', '2026-11-19T02:00:00Z');

    const team = ids(await get(manager, '/api/v1/follow-ups?view=team&due=overdue&limit=100'));
    expect(team).toEqual(expect.arrayContaining([a, b, c]));
    expect(team).not.toContain(d);
    // The account manager's own list holds only theirs.
    const mine = ids(await get(am, '/api/v1/follow-ups?due=overdue&limit=100'));
    expect(mine).toContain(a);
    expect(mine).not.toContain(b);

    const east = ids(
      await get(manager, `/api/v1/follow-ups?view=team&due=overdue&departmentId=${salesEast}`),
    );
    expect(east).toEqual([c]);
    const one = ids(await get(manager, `/api/v1/follow-ups?view=team&due=overdue&ownerId=${am2.userId}`));
    expect(one).toEqual([b]);

    const outsider = await get(manager, `/api/v1/follow-ups?view=team&ownerId=${amOther.userId}`);
    expect(outsider.statusCode).toBe(403);
    expect(outsider.json().errors[0].path).toBe('query.ownerId');
    const otherDept = await get(manager, `/api/v1/follow-ups?view=all&departmentId=${other}`);
    expect(otherDept.statusCode).toBe(403);
    expect((await get(am, `/api/v1/follow-ups?view=all&ownerId=${am2.userId}`)).statusCode).toBe(403);

    // Management sees everyone; an unknown department is a 400 on the field.
    const everyone = ids(await get(admin, '/api/v1/follow-ups?view=team&due=overdue&limit=100'));
    expect(everyone).toEqual(expect.arrayContaining([a, b, c, d]));
    const unknown = await get(
      admin,
      '/api/v1/follow-ups?view=all&departmentId=00000000-0000-7000-8000-000000000000',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'query.departmentId', code: 'not_found' });
  });

  it('“all” adds the customers one collaborates on to one’s own', async () => {
    const me = await h.signIn('account_manager', sales);
    const own = await customerDue(me, '协作回访自己的', '2026-11-20T03:00:00Z');
    const theirs = await customerDue(am2, '协作回访同事的', '2026-11-20T04:00:00Z');
    await h.database.db
      .insertInto('customer_collaborator')
      .values({ customer_id: theirs, user_id: me.userId, created_by: null })
      .execute();
    expect(ids(await get(me, '/api/v1/follow-ups?due=overdue'))).toEqual([own]);
    const all = await get(me, '/api/v1/follow-ups?view=all&due=overdue');
    expect(ids(all)).toEqual([own, theirs]);
    expect(all.json().items[1].owner.id).toBe(am2.userId);
    expect(all.json().total).toBe(2);
  });

  it('a key customer owes its owner a contact every keyContactDays; the reason says which rule set the date', async () => {
    const me = await h.signIn('account_manager', sales);
    const key = await customerDue(me, '重点客户回访', '2027-05-01T00:00:00Z', { category: 'key' });
    const row = await h.database.db
      .selectFrom('customer')
      .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
      .select(['f.due_at as follow_up_due_at', 'customer.created_at'])
      .where('customer.id', '=', key)
      .executeTakeFirstOrThrow();
    // Never contacted by the owner: 30 days after it was created, long before the cadence's date.
    expect(new Date(row.follow_up_due_at!).getTime()).toBe(new Date(row.created_at).getTime() + 30 * day);
    const [item] = (await get(me, '/api/v1/follow-ups?due=all')).json().items as Item[];
    expect(item).toMatchObject({ reason: 'key_contact', customer: { id: key } });
  });

  it('a grade override moves the due date to the new grade’s cadence', async () => {
    const me = await h.signIn('account_manager', sales);
    const id = await customerDue(me, '改级回访', '2027-03-01T00:00:00Z');
    const before = (await get(me, '/api/v1/follow-ups?due=all')).json().items[0] as Item;
    expect(before).toMatchObject({ dueAt: '2027-03-01T00:00:00.000Z', followUpDays: 180 });
    const override = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${id}/grade-override`,
      as: admin,
      payload: { field: 'grade', value: 'A', reason: '战略客户' },
    });
    expect(override.statusCode).toBe(200);
    const after = (await get(me, '/api/v1/follow-ups?due=all')).json().items[0] as Item;
    // The same last follow-up, A's 30 days instead of D's 180.
    expect(after).toMatchObject({
      dueAt: new Date(Date.parse('2027-03-01T00:00:00Z') - 150 * day).toISOString(),
      followUpDays: 30,
    });
  });
});

describe('GET /api/v1/follow-ups/summary', () => {
  it('401, 400, 403; counts per owner in view and overall', async () => {
    expect((await get(undefined, '/api/v1/follow-ups/summary')).statusCode).toBe(401);
    const bad = await get(manager, '/api/v1/follow-ups/summary?view=everyone');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.view');
    expect((await get(am, '/api/v1/follow-ups/summary?view=team')).statusCode).toBe(403);
    expect(
      (await get(manager, `/api/v1/follow-ups/summary?view=team&departmentId=${other}`)).statusCode,
    ).toBe(403);

    const dept = await h.makeDepartment('汇总部');
    const boss = await h.signIn('department_manager', dept);
    const x = await h.signIn('account_manager', dept);
    const y = await h.signIn('account_manager', dept);
    // Wednesday 25 November 2026, 16:00 in Shanghai.
    h.clock.set('2026-11-25T08:00:00Z');
    await customerDue(x, '汇总逾期1', '2026-11-20T00:00:00Z');
    await customerDue(x, '汇总逾期2', '2026-11-24T15:00:00Z');
    await customerDue(x, '汇总今天', '2026-11-25T12:00:00Z');
    await customerDue(y, '汇总本周', '2026-11-28T12:00:00Z');
    await customerDue(y, '汇总下周', '2026-12-01T12:00:00Z');

    const res = await get(boss, '/api/v1/follow-ups/summary?view=team');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ overdue: 2, today: 1, week: 2 });
    expect(body.byOwner).toEqual([
      { owner: { id: x.userId, name: expect.any(String) }, overdue: 2, today: 1, week: 1 },
      { owner: { id: y.userId, name: expect.any(String) }, overdue: 0, today: 0, week: 1 },
    ]);
    const mine = (await get(y, '/api/v1/follow-ups/summary')).json();
    expect(mine).toMatchObject({ overdue: 0, today: 0, week: 1, byOwner: [{ owner: { id: y.userId } }] });
  });
});
