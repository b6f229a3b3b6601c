import { defaultGradingRules } from '@weixi/domain';
import type { GradingRules } from '@weixi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { insertOrders } from '../../testing/grading';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let admin: Session;
let executive: Session;
let am: Session;
let manager: Session;
let otherManager: Session;
let otherAm: Session;
/** am's customers: a big recent buyer (A), a small one (C/D), one without orders. */
let big: string;
let small: string;
let idle: string;
let foreign: string;

const today = '2026-11-25'; // the harness clock, 08:00 UTC = 16:00 in Shanghai

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  executive = await h.signIn('executive');
  const sales = await h.makeDepartment('销售部-分级');
  const other = await h.makeDepartment('其他部-分级');
  am = await h.signIn('account_manager', sales);
  manager = await h.signIn('department_manager', sales);
  otherManager = await h.signIn('department_manager', other);
  otherAm = await h.signIn('account_manager', other);
  big = (
    await createCustomer(h, am, { name: '宁波大客户机械有限公司', signedOn: '2018-03-01', scale: 'large' })
  ).id;
  small = (
    await createCustomer(h, am, { name: '宁波小客户贸易有限公司', scale: 'small', signedOn: '2026-01-10' })
  ).id;
  idle = (await createCustomer(h, am, { name: '宁波未成交商行' })).id;
  foreign = (await createCustomer(h, otherAm, { name: '杭州别部门客户有限公司', grade: 'B' })).id;
  await insertOrders(h.database.db, big, [
    ...Array.from({ length: 8 }, (_, i) => ({
      on: `2026-${String(3 + i).padStart(2, '0')}-15`,
      fen: 8_000_000,
    })),
    { on: '2026-11-20', fen: 6_000_000 },
  ]);
  await insertOrders(h.database.db, small, [{ on: '2026-06-01', fen: 300_000 }]);
});
afterAll(async () => {
  await h.close();
});

const clone = (): GradingRules => structuredClone(defaultGradingRules);

async function regradeAllNow() {
  const res = await h.request({ method: 'POST', url: '/api/v1/grading/regrade', as: admin, payload: {} });
  expect(res.statusCode).toBe(202);
  const outcomes = await h.runJobs();
  expect(outcomes.filter((o) => o.name === 'grading.regrade-all').map((o) => o.state)).toEqual(['completed']);
  return res.json<{ jobId: string }>().jobId;
}

async function customerRow(id: string) {
  return h.database.db
    .selectFrom('customer')
    .select(['grade', 'category', 'value_tier', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('GET /api/v1/grading/rules', () => {
  it('401 anonymous; anyone signed in reads the rules in force with their version as ETag', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/grading/rules' })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url: '/api/v1/grading/rules', as: am });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      version: 1,
      current: true,
      rules: defaultGradingRules,
      createdBy: null,
    });
  });
});

describe('POST /api/v1/grading/regrade (all) and GET /api/v1/jobs/:id', () => {
  it('401 anonymous, 400 unknown field, 403 for a manager (nothing queued)', async () => {
    const url = '/api/v1/grading/regrade';
    expect((await h.request({ method: 'POST', url, payload: {} })).statusCode).toBe(401);
    const bad = await h.request({ method: 'POST', url, as: admin, payload: { everyone: true } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('everyone');
    expect((await h.request({ method: 'POST', url, as: manager, payload: {} })).statusCode).toBe(403);
    expect(await h.runJobs()).toEqual([]);
  });

  it('an admin starts a job (202), it grades everyone with progress, and the customers show the grades', async () => {
    const jobId = await regradeAllNow();
    const job = await h.request({ method: 'GET', url: `/api/v1/jobs/${jobId}`, as: admin });
    expect(job.json()).toMatchObject({ name: 'grading.regrade-all', state: 'completed' });
    expect(job.json().progress.done).toBe(job.json().progress.total);
    expect(job.json().result).toMatchObject({ scored: 4, ruleVersion: 1, asOf: today });
    // big: value 70 M fen → 100, 8 years → 100, 9 orders → 80, 5 days → 100: 40+20+20+15 = 95 → A
    expect(await customerRow(big)).toMatchObject({ grade: 'A', category: 'key', value_tier: 'high' });
    // small: ¥3,000 → 20, 0 years → 20, 1 order → 30, 177 days → 50: 8+4+7.5+7.5 = 27 → D; still a
    // prospect (new customers are), so potential.
    expect(await customerRow(small)).toMatchObject({
      grade: 'D',
      category: 'potential',
      value_tier: 'potential',
    });
    // No orders, a prospect: 0 → D, potential, potential.
    expect(await customerRow(idle)).toMatchObject({
      grade: 'D',
      category: 'potential',
      value_tier: 'potential',
    });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['actor_id'])
      .where('action', '=', 'grading.regrade.start')
      .where('entity_id', '=', jobId)
      .execute();
    expect(audit).toEqual([{ actor_id: admin.userId }]);
  });
});

describe('GET /api/v1/customers/:id/score', () => {
  it('401 anonymous, 400 for a malformed id, 404 out of scope', async () => {
    expect((await h.request({ method: 'GET', url: `/api/v1/customers/${big}/score` })).statusCode).toBe(401);
    const bad = await h.request({ method: 'GET', url: '/api/v1/customers/nope/score', as: am });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.id');
    const score = (id: string, as: Session) =>
      h.request({ method: 'GET', url: `/api/v1/customers/${id}/score`, as });
    expect((await score(big, otherAm)).statusCode).toBe(404);
    expect((await score(foreign, am)).statusCode).toBe(404);
    expect((await score(foreign, otherAm)).statusCode).toBe(200);
  });

  it('shows the breakdown, proposal, RFM and grade history to the owner', async () => {
    const res = await h.request({ method: 'GET', url: `/api/v1/customers/${big}/score`, as: am });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.current).toEqual({ grade: 'A', category: 'key', valueTier: 'high' });
    expect(s.score).toMatchObject({ total: 95, ruleVersion: 1, asOf: today, proposal: { grade: 'A' } });
    expect(s.score.breakdown).toEqual([
      { key: 'value12m', raw: 70_000_000, points: 100, weight: 40, appliedWeight: 40, contribution: 40 },
      { key: 'cooperationYears', raw: 8, points: 100, weight: 20, appliedWeight: 20, contribution: 20 },
      { key: 'frequency12m', raw: 9, points: 80, weight: 25, appliedWeight: 25, contribution: 20 },
      { key: 'recencyDays', raw: 5, points: 100, weight: 15, appliedWeight: 15, contribution: 15 },
      { key: 'satisfaction', raw: null, points: 0, weight: 0, appliedWeight: 0, contribution: 0 },
    ]);
    // Two customers with orders: big is the better of the two in every dimension.
    expect(s.score.rfm).toEqual({ r: 2, f: 2, m: 2 });
    expect(s.history).toMatchObject([
      { from: null, to: 'A', cause: 'rule', ruleVersion: 1, by: { id: admin.userId } },
    ]);
    const idleScore = (
      await h.request({ method: 'GET', url: `/api/v1/customers/${idle}/score`, as: am })
    ).json();
    expect(idleScore.score.rfm).toBeNull();
  });
});

describe('POST /api/v1/customers/:id/grade-override', () => {
  const url = (id: string) => `/api/v1/customers/${id}/grade-override`;

  it('401, 400 with field paths, 403 for an account manager, 404 out of scope — nothing changes', async () => {
    const before = await customerRow(small);
    expect((await h.request({ method: 'POST', url: url(small), payload: {} })).statusCode).toBe(401);
    const bad = await h.request({
      method: 'POST',
      url: url(small),
      as: manager,
      payload: { field: 'grade', value: 'E', reason: ' ' },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['reason', 'value']);
    const forbidden = await h.request({
      method: 'POST',
      url: url(small),
      as: am,
      payload: { field: 'grade', value: 'B', reason: '老客户' },
    });
    expect(forbidden.statusCode).toBe(403);
    const outside = await h.request({
      method: 'POST',
      url: url(small),
      as: otherManager,
      payload: { field: 'grade', value: 'B', reason: '老客户' },
    });
    expect(outside.statusCode).toBe(404);
    expect(await customerRow(small)).toEqual(before);
    const overrides = await h.database.db.selectFrom('grade_override').selectAll().execute();
    expect(overrides).toEqual([]);
  });

  it('a manager overrides with a reason: the grade changes now, wins over regrades, is audited and in the history', async () => {
    const res = await h.request({
      method: 'POST',
      url: url(small),
      as: manager,
      payload: { field: 'grade', value: 'B', reason: '战略合作伙伴，明年订单翻倍' },
    });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.current.grade).toBe('B');
    expect(s.score.proposal.grade).toBe('D');
    expect(s.overrides).toMatchObject([
      { field: 'grade', value: 'B', reason: '战略合作伙伴，明年订单翻倍', by: { id: manager.userId } },
    ]);
    expect(s.history[0]).toMatchObject({
      from: 'D',
      to: 'B',
      cause: 'override',
      reason: '战略合作伙伴，明年订单翻倍',
    });
    await regradeAllNow();
    expect(await customerRow(small)).toMatchObject({ grade: 'B' });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', small)
      .where('action', 'like', 'customer.grade_override%')
      .execute();
    expect(audit).toEqual([
      {
        action: 'customer.grade_override.set',
        before: { grade: 'D', override: null },
        after: { grade: 'B', override: { value: 'B', reason: '战略合作伙伴，明年订单翻倍' } },
      },
    ]);
  });

  it('overrides the value tier too, and refuses an invalidated customer', async () => {
    const res = await h.request({
      method: 'POST',
      url: url(idle),
      as: executive,
      payload: { field: 'valueTier', value: 'high', reason: '集团总部招标在即' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().current.valueTier).toBe('high');
    const gone = (await createCustomer(h, am, { name: '宁波已注销客户' })).id;
    await h.database.db.updateTable('customer').set({ status: 'invalid' }).where('id', '=', gone).execute();
    const refused = await h.request({
      method: 'POST',
      url: url(gone),
      as: manager,
      payload: { field: 'grade', value: 'A', reason: '试试' },
    });
    expect(refused.statusCode).toBe(409);
  });
});

describe('DELETE /api/v1/customers/:id/grade-override/:field', () => {
  const url = (id: string, field: string) => `/api/v1/customers/${id}/grade-override/${field}`;

  it('401, 400 for an unknown field, 403 for an account manager, 404 out of scope or without override', async () => {
    expect((await h.request({ method: 'DELETE', url: url(small, 'grade') })).statusCode).toBe(401);
    const bad = await h.request({ method: 'DELETE', url: url(small, 'score'), as: manager });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('params.field');
    expect((await h.request({ method: 'DELETE', url: url(small, 'grade'), as: am })).statusCode).toBe(403);
    expect(
      (await h.request({ method: 'DELETE', url: url(small, 'grade'), as: otherManager })).statusCode,
    ).toBe(404);
    expect((await h.request({ method: 'DELETE', url: url(small, 'category'), as: manager })).statusCode).toBe(
      404,
    );
    expect(await customerRow(small)).toMatchObject({ grade: 'B' });
  });

  it('removing the override puts the proposal back in force, in the history', async () => {
    const res = await h.request({ method: 'DELETE', url: url(small, 'grade'), as: manager });
    expect(res.statusCode).toBe(200);
    expect(res.json().current.grade).toBe('D');
    expect(res.json().overrides).toEqual([]);
    expect(res.json().history[0]).toMatchObject({ from: 'B', to: 'D', cause: 'override', reason: null });
  });
});

describe('POST /api/v1/grading/regrade with customerId', () => {
  const url = '/api/v1/grading/regrade';

  it('400 for a malformed id, 403 for an account manager, 404 out of scope', async () => {
    const bad = await h.request({ method: 'POST', url, as: manager, payload: { customerId: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('customerId');
    expect((await h.request({ method: 'POST', url, as: am, payload: { customerId: big } })).statusCode).toBe(
      403,
    );
    expect(
      (await h.request({ method: 'POST', url, as: otherManager, payload: { customerId: big } })).statusCode,
    ).toBe(404);
  });

  it('regrades one customer now after its orders changed and answers with the new score', async () => {
    await insertOrders(h.database.db, small, [
      { on: '2026-11-01', fen: 30_000_000 },
      { on: '2026-11-10', fen: 30_000_000 },
    ]);
    const res = await h.request({ method: 'POST', url, as: manager, payload: { customerId: small } });
    expect(res.statusCode).toBe(200);
    // ¥603,000 → 100, 0 years → 20, 3 orders → 60, 15 days → 100: 40 + 4 + 15 + 15 = 74 → B
    expect(res.json().score).toMatchObject({ total: 74, proposal: { grade: 'B', valueTier: 'high' } });
    expect(res.json().current).toMatchObject({ grade: 'B', valueTier: 'high' });
    // Placed against the quintiles of the last full regrade (big and small), without ranking
    // everyone again: still behind big in every dimension.
    expect(res.json().score.rfm).toEqual({ r: 1, f: 1, m: 1 });
  });
});

describe('GET /api/v1/grading/distribution', () => {
  it('401 anonymous; counts are limited to the caller’s scope', async () => {
    expect((await h.request({ method: 'GET', url: '/api/v1/grading/distribution' })).statusCode).toBe(401);
    const mine = (await h.request({ method: 'GET', url: '/api/v1/grading/distribution', as: am })).json();
    expect(mine.total).toBe(3);
    expect(mine.grades).toEqual(
      expect.arrayContaining([
        { value: 'A', count: 1 },
        { value: 'B', count: 1 },
        { value: 'D', count: 1 },
      ]),
    );
    expect(mine.lastRegradeAt).toEqual(expect.any(String));
    const all = (await h.request({ method: 'GET', url: '/api/v1/grading/distribution', as: admin })).json();
    expect(all.total).toBe(4);
    expect(all.valueTiers.reduce((n: number, v: { count: number }) => n + v.count, 0)).toBe(4);
  });
});

describe('POST /api/v1/grading/rules/preview', () => {
  const url = '/api/v1/grading/rules/preview';

  it('401, 403 for non-admins, 400 with every problem', async () => {
    expect((await h.request({ method: 'POST', url, payload: { rules: clone() } })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'POST', url, as: manager, payload: { rules: clone() } })).statusCode,
    ).toBe(403);
    const r = clone();
    r.indicators[0]!.weight = 50;
    const bad = await h.request({ method: 'POST', url, as: admin, payload: { rules: r } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: 'rules.indicators', code: 'weights_sum' }),
    ]);
  });

  it('counts who would move, writing nothing', async () => {
    const r = clone();
    r.cutoffs = { A: 90, B: 80, C: 20 }; // big stays A (95); small 74: B → C; idle and foreign stay D (0)
    const before = await customerRow(small);
    const res = await h.request({ method: 'POST', url, as: admin, payload: { rules: r } });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ asOf: today, total: 4, changed: { grade: 1 } });
    expect(p.gradeMatrix).toEqual([
      { from: 'D', to: 'D', count: 2 },
      { from: 'A', to: 'A', count: 1 },
      { from: 'B', to: 'C', count: 1 },
    ]);
    expect(p.categoryMatrix.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(4);
    expect(await customerRow(small)).toEqual(before);
  });
});

describe('PUT /api/v1/grading/rules and GET /api/v1/grading/rules/versions', () => {
  const url = '/api/v1/grading/rules';

  it('401, 403 for non-admins, 428 without a version, 400 with every issue at its path, 409 when stale', async () => {
    expect((await h.request({ method: 'PUT', url, payload: { rules: clone() } })).statusCode).toBe(401);
    const put = (as: Session, payload: unknown, headers: Record<string, string> = { 'if-match': '"1"' }) =>
      h.request({ method: 'PUT', url, as, payload: payload as Record<string, unknown>, headers });
    expect((await put(manager, { rules: clone() })).statusCode).toBe(403);
    expect((await put(admin, { rules: clone() }, {})).statusCode).toBe(428);
    const r = clone();
    r.indicators[0]!.weight = 45;
    r.indicators[2]!.bands[1]!.min = 0.5;
    r.cutoffs.B = 85;
    const bad = await put(admin, { rules: r });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      'rules.indicators.2.bands.1.min:overlap',
      'rules.indicators:weights_sum',
      'rules.cutoffs.B:not_below',
    ]);
    const shape = clone() as unknown as { indicators: { bands: { points: number }[] }[] };
    shape.indicators[1]!.bands[0]!.points = 101;
    const shapeBad = await put(admin, { rules: shape });
    expect(shapeBad.statusCode).toBe(400);
    expect(shapeBad.json().errors[0].path).toBe('rules.indicators.1.bands.0.points');
    expect((await put(admin, { rules: clone() }, { 'if-match': '"7"' })).statusCode).toBe(409);
    const current = await h.request({ method: 'GET', url, as: admin });
    expect(current.json().version).toBe(1);
  });

  it('saves the next version, keeps the old one, and the next regrade uses it', async () => {
    const r = clone();
    r.indicators[0]!.weight = 30;
    r.indicators[2]!.weight = 35;
    const res = await h.request({
      method: 'PUT',
      url,
      as: admin,
      headers: { 'if-match': '"1"' },
      payload: { rules: r, note: '更看重采购频次' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json()).toMatchObject({
      version: 2,
      current: true,
      note: '更看重采购频次',
      createdBy: { id: admin.userId },
    });

    expect((await h.request({ method: 'GET', url: `${url}/versions` })).statusCode).toBe(401);
    const forged = await h.request({ method: 'GET', url: `${url}/versions?cursor=zzz`, as: am });
    expect(forged.statusCode).toBe(400);
    const page1 = await h.request({ method: 'GET', url: `${url}/versions?limit=1`, as: am });
    expect(page1.json()).toMatchObject({ total: 2, items: [{ version: 2, current: true }] });
    const page2 = await h.request({
      method: 'GET',
      url: `${url}/versions?limit=1&cursor=${page1.json().nextCursor}`,
      as: am,
    });
    expect(page2.json()).toMatchObject({ items: [{ version: 1, current: false }], nextCursor: null });

    await regradeAllNow();
    const s = (await h.request({ method: 'GET', url: `/api/v1/customers/${big}/score`, as: am })).json();
    expect(s.score.ruleVersion).toBe(2);
    // 30×100 + 20×100 + 35×80 + 15×100 = 9300 → 93
    expect(s.score.total).toBe(93);
  });
});

describe('GET/PUT /api/v1/grading/service-standards', () => {
  const url = '/api/v1/grading/service-standards';

  it('401 anonymous; the defaults: A monthly with a dedicated manager … D half-yearly', async () => {
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url, as: am });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((s: { grade: string; followUpDays: number; serviceModel: string }) => [
          s.grade,
          s.followUpDays,
          s.serviceModel,
        ]),
    ).toEqual([
      ['A', 30, 'dedicated'],
      ['B', 90, 'dedicated'],
      ['C', 90, 'pooled'],
      ['D', 180, 'pooled'],
    ]);
  });

  it('401, 403 for non-admins, 400 with paths, 409 when stale — nothing changes', async () => {
    const item = {
      grade: 'B',
      followUpDays: 60,
      serviceModel: 'dedicated',
      hospitalityTier: 'general',
      queuePriority: 2,
      version: 1,
    };
    expect((await h.request({ method: 'PUT', url, payload: { items: [item] } })).statusCode).toBe(401);
    expect(
      (await h.request({ method: 'PUT', url, as: manager, payload: { items: [item] } })).statusCode,
    ).toBe(403);
    const bad = await h.request({
      method: 'PUT',
      url,
      as: admin,
      payload: { items: [{ ...item, followUpDays: 0 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('items.0.followUpDays');
    const twice = await h.request({ method: 'PUT', url, as: admin, payload: { items: [item, item] } });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0].path).toBe('items.1.grade');
    const stale = await h.request({
      method: 'PUT',
      url,
      as: admin,
      payload: { items: [{ ...item, version: 9 }] },
    });
    expect(stale.statusCode).toBe(409);
    const now = (await h.request({ method: 'GET', url, as: admin })).json();
    expect(now.items[1]).toMatchObject({ grade: 'B', followUpDays: 90, version: 1 });
  });

  it('an admin changes a grade’s standard (audited)', async () => {
    const res = await h.request({
      method: 'PUT',
      url,
      as: admin,
      payload: {
        items: [
          {
            grade: 'B',
            followUpDays: 60,
            serviceModel: 'dedicated',
            hospitalityTier: 'key',
            queuePriority: 2,
            version: 1,
          },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[1]).toMatchObject({
      grade: 'B',
      followUpDays: 60,
      hospitalityTier: 'key',
      version: 2,
      updatedBy: { id: admin.userId },
    });
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'grading.service_standards.update')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ B: { followUpDays: 90 } });
    expect(audit.after).toMatchObject({ B: { followUpDays: 60 } });
  });
});
