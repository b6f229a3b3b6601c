import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let sales: string;
let am: Session;
let am2: Session;
let manager: Session;
let otherManager: Session;
let agent: Session;
let finance: Session;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  sales = await h.makeDepartment('销售部-公海');
  const other = await h.makeDepartment('其他部-公海');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
  agent = await h.signIn('service_agent', sales);
  finance = await h.signIn('finance');
});
afterAll(async () => {
  await h.close();
});

/** A customer in the pool: an administrator's new customer has no owner. */
const poolCustomer = (name: string, extra: Record<string, unknown> = {}) =>
  createCustomer(h, admin, { name, phone: '13812345678', ...extra });

const ownerOf = async (id: string) =>
  (
    await h.database.db
      .selectFrom('customer')
      .select(['owner_id', 'version', 'last_interaction_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).owner_id;

const history = (customerId: string) =>
  h.database.db
    .selectFrom('ownership_history')
    .select(['kind', 'from_user_id', 'to_user_id', 'reason', 'actor_id'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();

const claim = (as: Session | undefined, payload: unknown) =>
  h.request({
    method: 'POST',
    url: '/api/v1/pool/claims',
    ...(as ? { as } : {}),
    payload: payload as object,
  });
const release = (as: Session | undefined, payload: unknown) =>
  h.request({
    method: 'POST',
    url: '/api/v1/pool/releases',
    ...(as ? { as } : {}),
    payload: payload as object,
  });

describe('GET /api/v1/pool', () => {
  it('401 anonymous, 403 for finance, 400 for a bad filter', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/pool' })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: '/api/v1/pool', as: finance })).statusCode).toBe(403);
    const bad = await h.request({ method: 'GET', url: '/api/v1/pool?grade=Z&sort=relevance', as: am });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.grade.0']);
    const noTerm = await h.request({ method: 'GET', url: '/api/v1/pool?sort=relevance', as: am });
    expect(noTerm.json().errors.map((e: { path: string }) => e.path)).toEqual(['query.sort']);
  });

  it('lists unowned active customers to everyone who serves customers, masked, with the list filters', async () => {
    const a = await poolCustomer('公海甲机械有限公司', { grade: 'B' });
    const b = await poolCustomer('公海乙机械有限公司', { grade: 'C' });
    const owned = await createCustomer(h, am, { name: '公海丙机械有限公司' });
    const invalid = await poolCustomer('公海丁机械有限公司');
    const inv = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${invalid.id}/invalidate`,
      as: admin,
      payload: { reason: '已注销', version: 1 },
    });
    expect(inv.statusCode).toBe(200);

    // The account manager's own scope would not show unowned customers; the pool does.
    const res = await h.request({ method: 'GET', url: '/api/v1/pool?q=公海&limit=50', as: am2 });
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(ids).not.toContain(owned.id);
    expect(ids).not.toContain(invalid.id);
    const first = res.json().items.find((c: { id: string }) => c.id === a.id);
    expect(first).toMatchObject({
      phone: '138****5678',
      masked: true,
      owner: null,
      pool: { since: null, how: null },
    });

    const graded = await h.request({ method: 'GET', url: '/api/v1/pool?grade=C&q=公海', as: agent });
    expect(graded.json().items.map((c: { id: string }) => c.id)).toEqual([b.id]);
  });

  it('pages with a keyset cursor', async () => {
    for (const n of ['一', '二', '三']) await poolCustomer(`分页公海${n}号有限公司`);
    const p1 = (
      await h.request({ method: 'GET', url: '/api/v1/pool?q=分页公海&limit=2&sort=name', as: am })
    ).json();
    expect(p1.items).toHaveLength(2);
    const p2 = (
      await h.request({
        method: 'GET',
        url: `/api/v1/pool?q=分页公海&limit=2&sort=name&cursor=${p1.nextCursor}`,
        as: am,
      })
    ).json();
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    const forged = await h.request({ method: 'GET', url: '/api/v1/pool?cursor=abc', as: am });
    expect(forged.statusCode).toBe(400);
  });
});

describe('POST /api/v1/pool/claims', () => {
  it('401 anonymous; 400 for a bad body; 403 for roles that do not claim (nothing changes)', async () => {
    const c = await poolCustomer('认领校验有限公司');
    expect((await claim(undefined, { customerId: c.id })).statusCode).toBe(401);
    const none = await claim(am, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('customerId');
    const both = await claim(am, { customerId: c.id, customerIds: [c.id] });
    expect(both.statusCode).toBe(400);
    const bad = await claim(am, { customerIds: ['x'], extra: 1 });
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['customerIds.0', 'extra']);
    expect((await claim(agent, { customerId: c.id })).statusCode).toBe(403);
    expect((await claim(finance, { customerId: c.id })).statusCode).toBe(403);
    expect(await ownerOf(c.id)).toBeNull();
  });

  it('claims a pool customer: owner set, fresh clock, history and audit; held grows', async () => {
    const c = await poolCustomer('认领成功有限公司');
    const before = (await h.request({ method: 'GET', url: '/api/v1/pool/me', as: am2 })).json();
    const res = await claim(am2, { customerId: c.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      claimed: [{ id: c.id, name: '认领成功有限公司' }],
      held: before.held + 1,
      limit: 50,
    });
    expect(await ownerOf(c.id)).toBe(am2.userId);
    expect(await history(c.id)).toEqual([
      { kind: 'claim', from_user_id: null, to_user_id: am2.userId, reason: '', actor_id: am2.userId },
    ]);
    const audit = await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}/history`, as: am2 });
    expect(audit.json().items[0]).toMatchObject({
      action: 'customer.claim',
      after: { owner: { id: am2.userId } },
    });
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/me', as: am2 })).json().held).toBe(
      before.held + 1,
    );
  });

  it('an owned customer is 409 already_owned; an unknown or invalid one 404; nothing changes', async () => {
    const owned = await createCustomer(h, am, { name: '已有主客户' });
    const res = await claim(am2, { customerId: owned.id });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'already_owned', errors: [{ path: 'customerId' }] });
    expect(await ownerOf(owned.id)).toBe(am.userId);
    expect((await claim(am2, { customerId: '01900000-0000-7000-8000-000000000000' })).statusCode).toBe(404);

    // Several at once: all or nothing, each offender named by its index.
    const free = await poolCustomer('一起认领有限公司');
    const mixed = await claim(am2, { customerIds: [free.id, owned.id] });
    expect(mixed.statusCode).toBe(409);
    expect(mixed.json().errors).toEqual([
      expect.objectContaining({ path: 'customerIds.1', code: 'already_owned' }),
    ]);
    expect(await ownerOf(free.id)).toBeNull();
  });

  it('refuses a claim past the limit with 409 claim_limit_reached, limit and held', async () => {
    const setLimit = (n: number) =>
      h.request({
        method: 'PATCH',
        url: '/api/v1/pool/settings',
        as: admin,
        payload: { claimLimits: { department_manager: n } },
      });
    const boss = await h.signIn('department_manager', sales);
    expect((await setLimit(2)).statusCode).toBe(200);
    try {
      const [x, y, z] = [
        await poolCustomer('限额甲'),
        await poolCustomer('限额乙'),
        await poolCustomer('限额丙'),
      ];
      const overAtOnce = await claim(boss, { customerIds: [x.id, y.id, z.id] });
      expect(overAtOnce.statusCode).toBe(409);
      expect(overAtOnce.json()).toMatchObject({ code: 'claim_limit_reached', limit: 2, held: 0 });
      expect((await claim(boss, { customerIds: [x.id, y.id] })).statusCode).toBe(200);
      const third = await claim(boss, { customerId: z.id });
      expect(third.statusCode).toBe(409);
      expect(third.json()).toMatchObject({ code: 'claim_limit_reached', limit: 2, held: 2 });
      expect(await ownerOf(z.id)).toBeNull();
      expect((await h.request({ method: 'GET', url: '/api/v1/pool/me', as: boss })).json()).toMatchObject({
        held: 2,
        limit: 2,
        canClaim: false,
      });
    } finally {
      await setLimit(50);
    }
  });

  it('the releaser cannot reclaim during the cooldown (409 with the date it ends); others are not held back; later they can', async () => {
    const c = await createCustomer(h, am, { name: '冷静期客户' });
    expect((await release(am, { customerId: c.id, reason: '暂无需求' })).statusCode).toBe(200);
    const again = await claim(am, { customerId: c.id });
    expect(again.statusCode).toBe(409);
    // Released 2026-11-25 (Shanghai): 30 days later, on 2026-12-25, the claim is allowed.
    expect(again.json()).toMatchObject({ code: 'reclaim_cooldown', availableOn: '2026-12-25' });
    const pool = (await h.request({ method: 'GET', url: '/api/v1/pool?q=冷静期', as: am })).json();
    expect(pool.items[0].pool).toMatchObject({
      how: 'release',
      lastOwner: { id: am.userId },
      cooldownEndsOn: '2026-12-25',
    });
    // The cooldown is the releaser's alone.
    const forOthers = (await h.request({ method: 'GET', url: '/api/v1/pool?q=冷静期', as: am2 })).json();
    expect(forOthers.items[0].pool.cooldownEndsOn).toBeNull();
    const start = h.clock.now();
    try {
      // Sessions expire meanwhile: sign in again on the later days.
      h.clock.advance(29 * 86_400_000);
      expect((await claim(await h.login(am.email), { customerId: c.id })).statusCode).toBe(409);
      h.clock.advance(86_400_000);
      expect((await claim(await h.login(am.email), { customerId: c.id })).statusCode).toBe(200);
    } finally {
      h.clock.set(start);
    }
  });
});

describe('POST /api/v1/pool/releases', () => {
  it('401 anonymous; 400 without a reason; 404 outside the scope; 403 for a collaborator; nothing changes', async () => {
    const c = await createCustomer(h, am, { name: '释放校验有限公司', collaboratorIds: [am2.userId] });
    expect((await release(undefined, { customerId: c.id, reason: 'x' })).statusCode).toBe(401);
    const noReason = await release(am, { customerId: c.id, reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('reason');
    expect((await release(otherManager, { customerId: c.id, reason: '越权' })).statusCode).toBe(404);
    expect((await release(am2, { customerId: c.id, reason: '协作人' })).statusCode).toBe(403);
    expect(await ownerOf(c.id)).toBe(am.userId);
    expect(await history(c.id)).toHaveLength(1); // only its creation
  });

  it('the owner releases: back in the pool without collaborators, with history and audit', async () => {
    const c = await createCustomer(h, am, { name: '释放成功有限公司', collaboratorIds: [am2.userId] });
    const res = await release(am, { customerId: c.id, reason: '客户转型，暂无合作' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ customer: { id: c.id }, from: { id: am.userId } });
    expect(await ownerOf(c.id)).toBeNull();
    const collaborators = await h.database.db
      .selectFrom('customer_collaborator')
      .select('user_id')
      .where('customer_id', '=', c.id)
      .execute();
    expect(collaborators).toEqual([]);
    expect((await history(c.id)).map((r) => [r.kind, r.reason])).toEqual([
      ['create', ''],
      ['release', '客户转型，暂无合作'],
    ]);
    const audit = await h.request({ method: 'GET', url: `/api/v1/customers/${c.id}/history`, as: admin });
    expect(audit.json().items[0]).toMatchObject({
      action: 'customer.release',
      before: { owner: { id: am.userId }, collaboratorIds: [am2.userId] },
      after: { owner: null, reason: '客户转型，暂无合作' },
    });
    const again = await release(admin, { customerId: c.id, reason: '再次' });
    expect(again.statusCode).toBe(409);
  });

  it('a manager releases a team member’s customer and the owner is told', async () => {
    const c = await createCustomer(h, am, { name: '经理释放有限公司' });
    const res = await release(manager, { customerId: c.id, reason: '长期未跟进' });
    expect(res.statusCode).toBe(200);
    const inbox = await h.database.db
      .selectFrom('notification')
      .select(['kind', 'params', 'link'])
      .where('user_id', '=', am.userId)
      .where('kind', '=', 'pool.released_by_manager')
      .execute();
    expect(inbox).toEqual([
      {
        kind: 'pool.released_by_manager',
        params: { name: '经理释放有限公司', reason: '长期未跟进', by: expect.any(String) },
        link: '/grading/pool',
      },
    ]);
  });
});

describe('GET /api/v1/pool/me and /pool/at-risk', () => {
  it('401 anonymous, 403 for finance, my numbers otherwise', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/me' })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/me', as: finance })).statusCode).toBe(403);
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/at-risk' })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/at-risk', as: finance })).statusCode).toBe(
      403,
    );
    const fresh = await h.signIn('account_manager', sales);
    await createCustomer(h, fresh, { name: '我的第一家' });
    const me = (await h.request({ method: 'GET', url: '/api/v1/pool/me', as: fresh })).json();
    expect(me).toEqual({ held: 1, limit: 50, canClaim: true, atRisk: 0, warnDays: 7, cooldownDays: 30 });
    const agentMe = (await h.request({ method: 'GET', url: '/api/v1/pool/me', as: agent })).json();
    expect(agentMe).toMatchObject({ limit: 0, canClaim: false });
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/at-risk', as: fresh })).json()).toEqual({
      items: [],
    });
  });
});

describe('/api/v1/pool/settings', () => {
  it('anyone signed in reads them; 401 anonymous', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/settings' })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url: '/api/v1/pool/settings', as: am });
    expect(res.json()).toMatchObject({
      claimLimits: { account_manager: 50 },
      recycleDays: { A: 90, none: 90 },
      warnDays: 7,
      cooldownDays: 30,
      exemptKeyCategory: false,
      executiveKeyMin: 3,
      executiveKeyMax: 5,
    });
  });

  it('only an administrator changes them; bad and clashing values are 400s by field; nothing changes', async () => {
    const patch = (as: Session | undefined, payload: unknown) =>
      h.request({
        method: 'PATCH',
        url: '/api/v1/pool/settings',
        ...(as ? { as } : {}),
        payload: payload as object,
      });
    expect((await patch(undefined, { warnDays: 5 })).statusCode).toBe(401);
    expect((await patch(manager, { warnDays: 5 })).statusCode).toBe(403);
    const bad = await patch(admin, { warnDays: -1, claimLimits: { finance: 3 }, recycleDays: { E: 3 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['claimLimits.finance', 'recycleDays.E', 'warnDays']);
    const clash = await patch(admin, { warnDays: 10, recycleDays: { A: 10 }, executiveKeyMin: 6 });
    expect(clash.statusCode).toBe(400);
    expect(clash.json().errors.map((e: { path: string }) => e.path)).toEqual([
      'recycleDays.A',
      'executiveKeyMin',
    ]);
    expect((await h.request({ method: 'GET', url: '/api/v1/pool/settings', as: am })).json().warnDays).toBe(
      7,
    );

    const ok = await patch(admin, { recycleDays: { D: 60 }, cooldownDays: 45 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ recycleDays: { A: 90, D: 60 }, cooldownDays: 45, warnDays: 7 });
    await patch(admin, { recycleDays: { D: 90 }, cooldownDays: 30 });
  });
});

describe('POST /api/v1/pool/recycle-runs', () => {
  it('401 anonymous, 403 for non-administrators, 202 with a job to follow for an administrator', async () => {
    expect((await h.request({ method: 'POST', url: '/api/v1/pool/recycle-runs' })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'POST', url: '/api/v1/pool/recycle-runs', as: manager })).statusCode,
    ).toBe(403);
    const res = await h.request({ method: 'POST', url: '/api/v1/pool/recycle-runs', as: admin });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    const outcomes = await h.runJobs();
    expect(outcomes).toEqual([
      expect.objectContaining({
        id: jobId,
        name: 'pool.recycle',
        state: 'completed',
        result: expect.any(Object),
      }),
    ]);
    const job = await h.request({ method: 'GET', url: `/api/v1/jobs/${jobId}`, as: admin });
    expect(job.json()).toMatchObject({ state: 'completed', result: { recycled: 0, warned: 0 } });
  });
});

describe('OpenAPI', () => {
  it('documents the pool and ownership routes from the shared schemas', async () => {
    const doc = (await h.request({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of [
      '/api/v1/pool',
      '/api/v1/pool/claims',
      '/api/v1/pool/releases',
      '/api/v1/pool/me',
      '/api/v1/pool/settings',
      '/api/v1/ownership/transfers',
      '/api/v1/ownership/key-customers',
      '/api/v1/customers/{id}/ownership',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/pool/claims'].post.responses['409']).toBeDefined();
  });
});
