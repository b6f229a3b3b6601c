import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { runPoolRecycling } from './use-cases/run-recycling';

// One timeline per file: the clock only moves forward, so every step below builds on the last.
let h: Harness;
let admin: Session;
let amEmail: string;
let am: Session;
let helper: Session;
let gm: Session;
const day = 86_400_000;
let start: number;

beforeAll(async () => {
  h = await createHarness();
  start = h.clock.now().getTime();
  admin = await h.signIn('admin');
  const sales = await h.makeDepartment('销售部-回收');
  am = await h.signIn('account_manager', sales);
  amEmail = am.email;
  helper = await h.signIn('account_manager', sales);
  gm = await h.signIn('executive');
});
afterAll(async () => {
  await h.close();
});

/** Moves the clock to `n` days after the start (same time of day) and signs the people in again. */
async function toDay(n: number) {
  h.clock.set(new Date(start + n * day));
  am = await h.login(amEmail);
  admin = await h.login(admin.email);
  helper = await h.login(helper.email);
  gm = await h.login(gm.email);
}

const run = () => runPoolRecycling({ db: h.database.db, clock: h.clock, timeZone: h.config.TZ_BUSINESS });

const customer = (id: string) =>
  h.database.db
    .selectFrom('customer')
    .select(['owner_id', 'recycle_warned_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const messages = (kind: string) =>
  h.database.db
    .selectFrom('notification')
    .select(['params', 'link', 'dedupe_key'])
    .where('user_id', '=', am.userId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

describe('recycling to the pool with a moved clock', () => {
  let quiet: { id: string };
  let busy: { id: string };
  let keyOfGm: { id: string };
  let graded: { id: string };

  it('day 0: the owner has customers; nothing is due', async () => {
    quiet = await createCustomer(h, am, { name: '沉默客户有限公司', collaboratorIds: [helper.userId] });
    busy = await createCustomer(h, am, { name: '常联系客户有限公司' });
    keyOfGm = await createCustomer(h, am, { name: '总经理重点客户有限公司' });
    graded = await createCustomer(h, am, { name: 'A级长周期客户有限公司', grade: 'A' });
    const add = await h.request({
      method: 'POST',
      url: '/api/v1/ownership/key-customers',
      as: gm,
      payload: { customerId: keyOfGm.id },
    });
    expect(add.statusCode).toBe(200);
    const set = await h.request({
      method: 'PATCH',
      url: '/api/v1/pool/settings',
      as: admin,
      payload: { recycleDays: { A: 180 } },
    });
    expect(set.statusCode).toBe(200);
    expect(await run()).toEqual({ recycled: 0, warned: 0, ownersRecycled: 0, ownersWarned: 0 });
  });

  it('day 50: verifying a record counts as working on it', async () => {
    await toDay(50);
    const c = await h.request({ method: 'GET', url: `/api/v1/customers/${busy.id}`, as: am });
    const v = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${busy.id}/verify`,
      as: am,
      payload: { version: c.json().version },
    });
    expect(v.statusCode).toBe(200);
    const own = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${busy.id}/ownership`, as: am })
    ).json();
    expect(new Date(own.lastInteractionAt).getTime()).toBe(start + 50 * day);
  });

  it('day 82: no warning yet', async () => {
    await toDay(82);
    expect((await run()).warned).toBe(0);
  });

  it('day 83: the owner is warned once, about the silent customer only; a re-run warns nobody again', async () => {
    await toDay(83);
    expect(await run()).toEqual({ recycled: 0, warned: 1, ownersRecycled: 0, ownersWarned: 1 });
    expect((await customer(quiet.id)).recycle_warned_at).not.toBeNull();
    const warnings = await messages('pool.recycle_warning');
    expect(warnings).toEqual([
      {
        params: { count: 1, names: '沉默客户有限公司', days: 7, dueOn: expect.any(String) },
        link: '/grading/pool?tab=at-risk',
        dedupe_key: expect.stringContaining('pool.recycle_warning:'),
      },
    ]);
    expect(await run()).toEqual({ recycled: 0, warned: 0, ownersRecycled: 0, ownersWarned: 0 });
    expect(await messages('pool.recycle_warning')).toHaveLength(1);

    const me = (await h.request({ method: 'GET', url: '/api/v1/pool/me', as: am })).json();
    expect(me.atRisk).toBe(1);
    const atRisk = (await h.request({ method: 'GET', url: '/api/v1/pool/at-risk', as: am })).json();
    expect(atRisk.items).toEqual([
      expect.objectContaining({ id: quiet.id, dueOn: warnings[0]!.params.dueOn }),
    ]);
  });

  it('day 89: still the owner’s', async () => {
    await toDay(89);
    expect((await run()).recycled).toBe(0);
    expect((await customer(quiet.id)).owner_id).toBe(am.userId);
  });

  it('day 90: recycled — owner and collaborators gone, history, audit, one summary; the key customer stays', async () => {
    await toDay(90);
    const before = await customer(quiet.id);
    expect(await run()).toEqual({ recycled: 1, warned: 0, ownersRecycled: 1, ownersWarned: 0 });
    const after = await customer(quiet.id);
    expect(after.owner_id).toBeNull();
    expect(after.version).toBe(before.version + 1);
    const collaborators = await h.database.db
      .selectFrom('customer_collaborator')
      .select('user_id')
      .where('customer_id', '=', quiet.id)
      .execute();
    expect(collaborators).toEqual([]);
    const history = await h.database.db
      .selectFrom('ownership_history')
      .select(['kind', 'from_user_id', 'actor_id'])
      .where('customer_id', '=', quiet.id)
      .where('kind', '=', 'recycle')
      .execute();
    expect(history).toEqual([{ kind: 'recycle', from_user_id: am.userId, actor_id: null }]);
    const audit = await h.request({ method: 'GET', url: `/api/v1/customers/${quiet.id}/history`, as: admin });
    expect(audit.json().items[0]).toMatchObject({
      action: 'customer.recycle',
      actor: null,
      before: { owner: { id: am.userId }, collaboratorIds: [helper.userId] },
      after: { owner: null },
    });
    expect(await messages('pool.recycled')).toEqual([
      { params: { count: 1, names: '沉默客户有限公司' }, link: '/grading/pool', dedupe_key: null },
    ]);
    expect((await customer(keyOfGm.id)).owner_id).toBe(am.userId);
    expect((await customer(graded.id)).owner_id).toBe(am.userId);
    // The key customer and the 180-day A customer were never even warned.
    expect((await customer(keyOfGm.id)).recycle_warned_at).toBeNull();
    expect((await customer(graded.id)).recycle_warned_at).toBeNull();

    // Nothing twice on a re-run.
    expect(await run()).toEqual({ recycled: 0, warned: 0, ownersRecycled: 0, ownersWarned: 0 });
    expect(await messages('pool.recycled')).toHaveLength(1);

    // The recycled customer is in the pool; its former owner is in the cooldown.
    const pool = (await h.request({ method: 'GET', url: '/api/v1/pool?q=沉默客户', as: helper })).json();
    expect(pool.items[0]).toMatchObject({
      id: quiet.id,
      pool: { how: 'recycle', lastOwner: { id: am.userId } },
    });
    const reclaim = await h.request({
      method: 'POST',
      url: '/api/v1/pool/claims',
      as: am,
      payload: { customerId: quiet.id },
    });
    expect(reclaim.json().code).toBe('reclaim_cooldown');
  });

  it('a claim starts a fresh clock for the new owner', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/pool/claims',
      as: helper,
      payload: { customerId: quiet.id },
    });
    expect(res.statusCode).toBe(200);
    const own = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${quiet.id}/ownership`, as: helper })
    ).json();
    expect(new Date(own.lastInteractionAt).getTime()).toBe(start + 90 * day);
    expect(own.recycle.warnOn).toBe(
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(start + 173 * day),
    );
  });

  it('day 172: the customer verified on day 50 is warned (day 133 passed unseen), the claimed one is not', async () => {
    await toDay(172);
    expect(await run()).toMatchObject({ recycled: 0, warned: 1 });
    expect((await customer(busy.id)).recycle_warned_at).not.toBeNull();
    expect((await customer(quiet.id)).recycle_warned_at).toBeNull();
  });

  it('overdue without a warning (recycle days shortened): warned first, recycled a full week later', async () => {
    // The A customer, silent since day 0, was due on day 180; at 100 days it is long overdue.
    const set = await h.request({
      method: 'PATCH',
      url: '/api/v1/pool/settings',
      as: admin,
      payload: { recycleDays: { A: 100 } },
    });
    expect(set.statusCode).toBe(200);
    expect(await run()).toMatchObject({ recycled: 0, warned: 1 });
    expect((await customer(graded.id)).owner_id).toBe(am.userId);
    await toDay(178);
    expect((await run()).recycled).toBe(0); // (and the claimed customer gets its warning: day 173 passed)
    expect((await customer(quiet.id)).recycle_warned_at).not.toBeNull();
    await toDay(179);
    expect(await run()).toMatchObject({ recycled: 2, ownersRecycled: 1 });
    expect((await customer(graded.id)).owner_id).toBeNull();
    expect((await customer(busy.id)).owner_id).toBeNull();
    expect((await customer(quiet.id)).owner_id).toBe(helper.userId);
    // One summary for the owner's two customers.
    expect((await messages('pool.recycled')).at(-1)?.params).toMatchObject({ count: 2 });
  });

  it('key-category customers are exempt when the administrator says so', async () => {
    const key = await createCustomer(h, am, { name: '重点类客户有限公司', category: 'key' });
    const normal = await createCustomer(h, am, { name: '普通类客户有限公司', category: 'normal' });
    await h.request({
      method: 'PATCH',
      url: '/api/v1/pool/settings',
      as: admin,
      payload: { exemptKeyCategory: true },
    });
    await toDay(179 + 85);
    await run();
    expect((await customer(normal.id)).recycle_warned_at).not.toBeNull();
    expect((await customer(key.id)).recycle_warned_at).toBeNull();
    await toDay(179 + 120);
    await run();
    expect((await customer(normal.id)).owner_id).toBeNull();
    expect((await customer(key.id)).owner_id).toBe(am.userId);
    const own = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${key.id}/ownership`, as: am })
    ).json();
    expect(own.recycle).toEqual({ exemption: 'key_category', dueOn: null, warnOn: null });
  });

  it('runs as the scheduled job too, reporting its counts', async () => {
    const id = await h.jobs.send('pool.recycle', {}, { startedBy: admin.userId });
    const [outcome] = await h.runJobs();
    expect(outcome).toMatchObject({ id, state: 'completed', result: { recycled: expect.any(Number) } });
  });
});
