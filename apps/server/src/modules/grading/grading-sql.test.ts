import { newId } from '@weixi/db';
import {
  type ClassFacts,
  classify,
  dateInTimeZone,
  daysBetween,
  defaultGradingRules,
  fullYearsBetween,
  gradeForScore,
  rfmScores,
  scoreCustomer,
  twelveMonthsStart,
  validateGradingRules,
} from '@weixi/domain';
import { type GradingRules, gradingRulesSchema } from '@weixi/shared';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertGradingCustomer, insertOrders } from '../../testing/grading';
import { createHarness, type Harness } from '../../testing/harness';
import { findCurrentRuleSet, insertRuleSet } from './grading.repository';
import { regradeAll, regradeCustomer, regradeDemo } from './regrade';

let h: Harness;
let adminId: string;

beforeAll(async () => {
  h = await createHarness();
  adminId = (await h.makeUser({ role: 'admin' })).id;
});
afterAll(async () => {
  await h.close();
});

/** A small deterministic generator, so a failing case can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Fixture {
  id: string;
  signedOn: string | null;
  scale: string | null;
  lifecycle: string;
  industry: string;
  provinceCode: string | null;
  orders: { on: string; fen: number }[];
  overrides: Partial<Record<'grade' | 'category' | 'value_tier', string>>;
}

const scales = [null, 'micro', 'small', 'medium', 'large', 'enterprise'];
const lifecycles = ['prospect', 'active', 'dormant', 'lost'];
const industries = ['制造业', '化工', '电子', ''];
const provinces = [null, '33', '32', '44'];

function dateBefore(asOf: string, days: number): string {
  const d = new Date(`${asOf}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

async function makeFixtures(seed: number, count: number, asOf: string): Promise<Fixture[]> {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const out: Fixture[] = [];
  for (let i = 0; i < count; i++) {
    const orderCount = rnd() < 0.25 ? 0 : Math.floor(rnd() * 15);
    const orders = Array.from({ length: orderCount }, () => ({
      // Up to ~3 years back, some exactly on the window's edges.
      on:
        rnd() < 0.1
          ? twelveMonthsStart(asOf)
          : rnd() < 0.05
            ? asOf
            : dateBefore(asOf, Math.floor(rnd() * 1100)),
      fen: Math.floor(rnd() * 3) === 0 ? Math.floor(rnd() * 100_000_000) : Math.floor(rnd() * 3_000_000),
    }));
    const f: Fixture = {
      id: newId(),
      signedOn:
        rnd() < 0.4 ? (rnd() < 0.1 ? '2024-02-29' : dateBefore(asOf, Math.floor(rnd() * 4000) - 100)) : null,
      scale: pick(scales),
      lifecycle: pick(lifecycles),
      industry: pick(industries),
      provinceCode: pick(provinces),
      orders,
      overrides: {},
    };
    if (rnd() < 0.1) f.overrides.grade = pick(['A', 'B', 'C', 'D']);
    if (rnd() < 0.05) f.overrides.category = pick(['key', 'normal', 'potential']);
    if (rnd() < 0.05) f.overrides.value_tier = pick(['high', 'medium', 'potential', 'low']);
    await insertGradingCustomer(h.database.db, { ...f, grade: pick([null, 'A', 'B', 'C', 'D']) });
    await insertOrders(h.database.db, f.id, f.orders);
    for (const [field, value] of Object.entries(f.overrides)) {
      await h.database.db
        .insertInto('grade_override')
        .values({ customer_id: f.id, field, value, reason: '测试', created_by: adminId })
        .execute();
    }
    out.push(f);
  }
  return out;
}

/** What the pure domain functions say each customer gets. */
function expected(rules: GradingRules, fixtures: Fixture[], asOf: string) {
  const from = twelveMonthsStart(asOf);
  const rows = fixtures.map((f) => {
    const past = f.orders.filter((o) => o.on <= asOf);
    const window = past.filter((o) => o.on >= from);
    const value12m = window.reduce((s, o) => s + o.fen, 0);
    const dates = past.map((o) => o.on).sort();
    const since = f.signedOn ?? dates[0] ?? null;
    const values = {
      value12m,
      cooperationYears: fullYearsBetween(since, asOf),
      frequency12m: window.length,
      recencyDays: dates.length ? daysBetween(dates.at(-1)!, asOf) : null,
      satisfaction: null,
    };
    const score = scoreCustomer(rules, values);
    const proposedGrade = gradeForScore(rules.cutoffs, score.total);
    const grade = (f.overrides.grade ?? proposedGrade) as ClassFacts['grade'];
    const facts: ClassFacts = {
      grade,
      score: score.total,
      value12m,
      cooperationYears: values.cooperationYears,
      scale: f.scale,
      lifecycle: f.lifecycle,
      industry: f.industry,
      provinceCode: f.provinceCode,
    };
    const category = classify(rules.category, facts);
    const valueTier = classify(rules.valueTier, facts);
    return {
      id: f.id,
      values,
      score: score.total,
      points: Object.fromEntries(score.breakdown.map((b) => [b.key, b.points])),
      proposedGrade,
      grade,
      category: f.overrides.category ?? category,
      valueTier: f.overrides.value_tier ?? valueTier,
      proposedCategory: category,
      proposedValueTier: valueTier,
    };
  });
  const rfm = rfmScores(
    rows
      .filter((r) => r.values.recencyDays !== null)
      .map((r) => ({
        id: r.id,
        recencyDays: r.values.recencyDays!,
        frequency: r.values.frequency12m,
        monetary: r.values.value12m,
      })),
  );
  return { rows, rfm };
}

async function actual(ids: string[]) {
  return h.database.db
    .selectFrom('customer as c')
    .innerJoin('customer_score as s', 's.customer_id', 'c.id')
    .select([
      'c.id',
      'c.grade',
      'c.category',
      'c.value_tier',
      's.score',
      's.breakdown',
      's.proposed_grade',
      's.proposed_category',
      's.proposed_value_tier',
      's.value_12m_fen',
      's.frequency_12m',
      's.last_order_on',
      's.cooperation_years',
      's.rfm_r',
      's.rfm_f',
      's.rfm_m',
    ])
    .where('c.id', 'in', ids)
    .execute();
}

async function useRules(rules: GradingRules) {
  const current = await findCurrentRuleSet(h.database.db);
  await h.database.db.transaction().execute((trx) =>
    insertRuleSet(trx, {
      id: newId(),
      version: current.version + 1,
      rules,
      note: '',
      actorId: adminId,
      at: h.clock.now(),
    }),
  );
}

async function clearCustomers() {
  // Each case grades its own population: RFM quintiles depend on everyone graded.
  await h.database.db
    .updateTable('customer')
    .set({ status: 'invalid' })
    .where('status', '=', 'active')
    .execute();
}

function compare(
  rules: GradingRules,
  fixtures: Fixture[],
  rows: Awaited<ReturnType<typeof actual>>,
  asOf: string,
) {
  const want = expected(rules, fixtures, asOf);
  expect(rows).toHaveLength(fixtures.length);
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const w of want.rows) {
    const got = byId.get(w.id)!;
    const ctx = `customer ${w.id} ${JSON.stringify(w.values)}`;
    expect(
      {
        score: Number(got.score),
        points: got.breakdown,
        proposedGrade: got.proposed_grade,
        grade: got.grade,
        category: got.category,
        valueTier: got.value_tier,
        proposedCategory: got.proposed_category,
        proposedValueTier: got.proposed_value_tier,
        value12m: Number(got.value_12m_fen),
        frequency: got.frequency_12m,
        recency: got.last_order_on === null ? null : daysBetween(got.last_order_on, asOf),
        years: got.cooperation_years,
        rfm: got.rfm_r === null ? null : { r: got.rfm_r, f: got.rfm_f, m: got.rfm_m },
      },
      ctx,
    ).toEqual({
      score: w.score,
      points: w.points,
      proposedGrade: w.proposedGrade,
      grade: w.grade,
      category: w.category,
      valueTier: w.valueTier,
      proposedCategory: w.proposedCategory,
      proposedValueTier: w.proposedValueTier,
      value12m: w.values.value12m,
      frequency: w.values.frequency12m,
      recency: w.values.recencyDays,
      years: w.values.cooperationYears,
      rfm: want.rfm.get(w.id) ?? null,
    });
  }
}

describe('the SQL regrade agrees with the pure rules (packages/domain/src/grading.ts)', () => {
  it('default rules, 60 customers in batches of 7: scores, proposals, overrides, RFM', async () => {
    await clearCustomers();
    await useRules(defaultGradingRules);
    const asOf = dateInTimeZone(h.clock.now(), h.config.TZ_BUSINESS);
    const fixtures = await makeFixtures(42, 60, asOf);
    const summary = await regradeAll(
      { db: h.database.db, clock: h.clock, timeZone: h.config.TZ_BUSINESS },
      { batchSize: 7 },
    );
    expect(summary).toMatchObject({ scored: 60, batches: 9, asOf });
    compare(defaultGradingRules, fixtures, await actual(fixtures.map((f) => f.id)), asOf);
  });

  it('random valid rule sets give the same results in SQL as in TypeScript (property)', async () => {
    const asOf = dateInTimeZone(h.clock.now(), h.config.TZ_BUSINESS);
    const edges = fc
      .uniqueArray(fc.integer({ min: 0, max: 60_000_000 }), { minLength: 2, maxLength: 6 })
      .map((xs) => xs.sort((a, b) => a - b));
    const small = fc
      .uniqueArray(fc.integer({ min: 0, max: 1200 }), { minLength: 2, maxLength: 6 })
      .map((xs) => xs.sort((a, b) => a - b));
    const bands = (e: fc.Arbitrary<number[]>) =>
      e.chain((xs) =>
        fc
          .tuple(
            fc.constant(xs),
            fc.array(fc.integer({ min: 0, max: 100 }), { minLength: xs.length, maxLength: xs.length }),
            fc.boolean(),
          )
          .map(([ys, pts, open]) =>
            ys.slice(0, -1).map((min, i) => ({
              min,
              max: open && i === ys.length - 2 ? null : ys[i + 1]!,
              points: pts[i]!,
            })),
          ),
      );
    const condition = fc
      .record(
        {
          grades: fc.subarray(['A', 'B', 'C', 'D'] as const, { minLength: 1 }),
          minScore: fc.integer({ min: 0, max: 100 }),
          minValueFen: fc.integer({ min: 0, max: 50_000_000 }),
          maxYears: fc.integer({ min: 0, max: 10 }),
          scales: fc.subarray(['micro', 'small', 'medium', 'large', 'enterprise'] as const, { minLength: 1 }),
          lifecycles: fc.subarray(['prospect', 'active', 'dormant', 'lost'] as const, { minLength: 1 }),
          industries: fc.subarray(['制造业', '化工', '电子'], { minLength: 1 }),
          provinceCodes: fc.subarray(['33', '32', '44'], { minLength: 1 }),
        },
        { requiredKeys: [] },
      )
      .filter((c) => Object.keys(c).length > 0);
    const ruleArb = fc
      .record({
        b: fc.tuple(
          bands(edges),
          bands(fc.constant([0, 1, 3, 5, 8])),
          bands(small),
          bands(small),
          bands(fc.constant([0, 50, 90])),
        ),
        w: fc.tuple(
          fc.integer({ min: 0, max: 40 }),
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 0, max: 20 }),
          fc.integer({ min: 0, max: 20 }),
        ),
        cut: fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
        cat: fc.array(fc.record({ value: fc.constantFrom('key', 'normal', 'potential'), when: condition }), {
          maxLength: 4,
        }),
        tier: fc.array(
          fc.record({ value: fc.constantFrom('high', 'medium', 'potential', 'low'), when: condition }),
          { maxLength: 4 },
        ),
      })
      .map(({ b, w, cut, cat, tier }): GradingRules => {
        const [A, B, C] = [...cut].sort((x, y) => y - x) as [number, number, number];
        const satisfaction = 100 - w.reduce((s, x) => s + x, 0);
        return {
          indicators: [
            { key: 'value12m', weight: w[0], bands: b[0] },
            { key: 'cooperationYears', weight: w[1], bands: b[1] },
            { key: 'frequency12m', weight: w[2], bands: b[2] },
            { key: 'recencyDays', weight: w[3], bands: b[3] },
            // Often a large satisfaction weight: redistributed for everyone (no surveys yet).
            { key: 'satisfaction', weight: satisfaction, bands: b[4] },
          ],
          cutoffs: { A, B, C },
          category: { rules: cat, otherwise: 'normal' },
          valueTier: { rules: tier, otherwise: 'low' },
        } as GradingRules;
      })
      .filter((r) => gradingRulesSchema.safeParse(r).success && validateGradingRules(r).length === 0);

    await clearCustomers();
    const fixtures = await makeFixtures(7, 40, asOf);
    await fc.assert(
      fc.asyncProperty(ruleArb, async (rules) => {
        await useRules(rules);
        await regradeAll(
          { db: h.database.db, clock: h.clock, timeZone: h.config.TZ_BUSINESS },
          { batchSize: 16 },
        );
        compare(rules, fixtures, await actual(fixtures.map((f) => f.id)), asOf);
      }),
      { numRuns: 12 },
    );
  });

  it('keeps batches small while most grades change and grows them once few do', async () => {
    await clearCustomers();
    await useRules(defaultGradingRules);
    const asOf = dateInTimeZone(h.clock.now(), h.config.TZ_BUSINESS);
    await makeFixtures(7, 60, asOf);
    const deps = { db: h.database.db, clock: h.clock, timeZone: h.config.TZ_BUSINESS };
    const steps = async () => {
      const done: number[] = [];
      const summary = await regradeAll(deps, {
        batchSizes: { busy: 5, quiet: 20 },
        progress: (d) => done.push(d),
      });
      // Progress after each batch, between the start (0) and the RFM step at the end.
      return { summary, batches: done.slice(1, summary.batches + 1) };
    };
    const first = await steps();
    expect(first.summary.changed).toBeGreaterThan(30);
    expect(first.batches.slice(0, 3)).toEqual([5, 10, 15]);
    // Nothing moves the second time: one small batch finds that out, then big ones.
    const second = await steps();
    expect(second.summary).toMatchObject({ scored: 60, changed: 0, batches: 4 });
    expect(second.batches).toEqual([5, 25, 45, 60]);
  });

  it('records grade changes once, and a second run with nothing changed writes no history', async () => {
    await clearCustomers();
    await useRules(defaultGradingRules);
    const deps = { db: h.database.db, clock: h.clock, timeZone: h.config.TZ_BUSINESS };
    const id = await insertGradingCustomer(h.database.db, { grade: 'A', signedOn: '2015-01-01' });
    const asOf = dateInTimeZone(h.clock.now(), h.config.TZ_BUSINESS);
    await insertOrders(h.database.db, id, [{ on: asOf, fen: 60_000_000 }]);
    const first = await regradeAll(deps);
    // value 100, years 100, frequency 30, recency 100 → 40 + 20 + 7.5 + 15 = 82.5 → A: unchanged.
    expect(first).toMatchObject({ scored: 1, rescored: 1, gradeChanges: 0 });
    h.clock.advance(400 * 86_400_000);
    const second = await regradeAll(deps);
    // A year later nothing in the window and no recent order: 0 + 20 + 0 + 0 → D.
    expect(second).toMatchObject({ scored: 1, gradeChanges: 1 });
    const tuple = () =>
      sql<{ xmin: string; xmax: string }>`select xmin::text, xmax::text from customer_score
        where customer_id = ${id}`.execute(h.database.db);
    const before = (await tuple()).rows[0];
    const again = await regradeAll(deps);
    // Nothing moved: the score row is not even rewritten — nor locked (xmax), which would cost a
    // write per customer every night.
    expect(again).toMatchObject({ scored: 1, rescored: 0, gradeChanges: 0, changed: 0 });
    expect((await tuple()).rows[0]).toEqual({ xmin: before?.xmin, xmax: '0' });
    const history = await h.database.db
      .selectFrom('grade_history')
      .select(['from_grade', 'to_grade', 'cause'])
      .where('customer_id', '=', id)
      .execute();
    expect(history).toEqual([{ from_grade: 'A', to_grade: 'D', cause: 'rule' }]);
    const one = await regradeCustomer(deps, id);
    expect(one).toEqual({ scored: true, changed: false, gradeChanged: false });
    h.clock.advance(-400 * 86_400_000);
  });

  it('the demo loader regrades inside its own transaction, and only when orders exist', async () => {
    await clearCustomers();
    await useRules(defaultGradingRules);
    await h.database.db.deleteFrom('customer_order').execute();
    const id = await insertGradingCustomer(h.database.db, { grade: 'A', signedOn: '2015-01-01' });
    // No orders at all: the hand-written grade stays.
    expect(await h.database.db.transaction().execute((trx) => regradeDemo(trx, h.clock.now()))).toBeNull();
    expect(
      (
        await h.database.db
          .selectFrom('customer')
          .select('grade')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).grade,
    ).toBe('A');
    await insertOrders(h.database.db, id, [{ on: '2026-11-01', fen: 100 }]);
    const summary = await h.database.db.transaction().execute((trx) => regradeDemo(trx, h.clock.now()));
    expect(summary).toMatchObject({ scored: 1, gradeChanges: 1 });
  });
});
