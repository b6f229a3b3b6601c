import {
  type ClassCondition,
  type GradingRules,
  gradingIndicatorKeys,
  gradingRulesSchema,
} from '@weixi/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandPoints,
  type ClassFacts,
  classify,
  daysBetween,
  defaultGradingRules,
  fullYearsBetween,
  gradeForScore,
  type IndicatorValues,
  ntileBucket,
  proposeCategory,
  proposeValueTier,
  rfmBoundsOf,
  rfmFromBounds,
  rfmScores,
  scoreCustomer,
  validateGradingRules,
} from './grading';

const clone = (): GradingRules => structuredClone(defaultGradingRules);
const paths = (rules: GradingRules) => validateGradingRules(rules).map((i) => `${i.path}:${i.code}`);

const facts = (over: Partial<ClassFacts> = {}): ClassFacts => ({
  grade: 'C',
  score: 50,
  value12m: 0,
  cooperationYears: 2,
  scale: 'small',
  lifecycle: 'active',
  industry: '制造业',
  provinceCode: '33',
  ...over,
});

describe('defaultGradingRules', () => {
  it('passes the shared schema and the semantic checks', () => {
    expect(gradingRulesSchema.safeParse(defaultGradingRules).success).toBe(true);
    expect(validateGradingRules(defaultGradingRules)).toEqual([]);
  });

  it('weighs every indicator, satisfaction at 0 until surveys exist', () => {
    expect(defaultGradingRules.indicators.map((i) => i.key).sort()).toEqual([...gradingIndicatorKeys].sort());
    expect(defaultGradingRules.indicators.find((i) => i.key === 'satisfaction')?.weight).toBe(0);
  });
});

describe('validateGradingRules', () => {
  it('reports weights that do not add up to 100 %, with the sum', () => {
    const r = clone();
    r.indicators[0]!.weight = 35;
    const issues = validateGradingRules(r);
    expect(issues).toEqual([
      {
        path: 'indicators',
        code: 'weights_sum',
        message: 'the weights add up to 95 %; they must add up to 100 %',
      },
    ]);
  });

  it('names the exact band field: overlapping, descending, open before the end, max not above min', () => {
    const r = clone();
    r.indicators[2]!.bands[1]!.min = 0.5; // previous band runs up to 1
    r.indicators[1]!.bands[2]!.min = 0; // below the previous band's min of 1
    r.indicators[3]!.bands[0]!.max = null; // open band, not last
    r.indicators[0]!.bands[1]!.max = 1; // equal to its min
    expect(paths(r).sort()).toEqual(
      [
        'indicators.2.bands.1.min:overlap',
        'indicators.1.bands.2.min:not_ascending',
        'indicators.3.bands.0.max:open_not_last',
        'indicators.0.bands.1.max:not_above_min',
      ].sort(),
    );
  });

  it('allows gaps between bands: values in a gap score 0', () => {
    const r = clone();
    r.indicators[2]!.bands[1]!.min = 2; // gap [1, 2)
    expect(validateGradingRules(r)).toEqual([]);
    expect(bandPoints(r.indicators[2]!.bands, 1)).toBe(0);
  });

  it('wants cut-offs strictly ordered A > B > C', () => {
    const r = clone();
    r.cutoffs = { A: 60, B: 60, C: 70 };
    expect(paths(r)).toEqual(['cutoffs.B:not_below', 'cutoffs.C:not_below']);
  });

  it('refuses duplicate and missing indicators', () => {
    const r = clone();
    r.indicators[4] = { ...r.indicators[3]!, weight: 0 };
    expect(paths(r)).toEqual(['indicators.4.key:duplicate', 'indicators:missing']);
  });

  it('refuses satisfaction carrying all the weight', () => {
    const r = clone();
    for (const ind of r.indicators) ind.weight = ind.key === 'satisfaction' ? 100 : 0;
    expect(paths(r)).toEqual(['indicators.4.weight:alone']);
  });

  it('refuses a category or value-tier rule without conditions', () => {
    const r = clone();
    r.category.rules.push({ value: 'key', when: {} });
    r.valueTier.rules.unshift({ value: 'high', when: {} });
    expect(paths(r)).toEqual(['category.rules.4.when:empty', 'valueTier.rules.0.when:empty']);
  });

  it('reports every problem at once', () => {
    const r = clone();
    r.indicators[0]!.weight = 0;
    r.cutoffs.C = 99;
    r.indicators[0]!.bands[2]!.min = 10;
    expect(validateGradingRules(r).length).toBe(3);
  });

  it('any ascending, non-overlapping band list with weights summing to 100 passes (property)', () => {
    const bandsArb = fc
      .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 8 })
      .map((edges) => edges.sort((a, b) => a - b))
      .chain((edges) =>
        fc.tuple(
          fc.constant(edges),
          fc.array(fc.integer({ min: 0, max: 100 }), { minLength: edges.length, maxLength: edges.length }),
          fc.boolean(),
        ),
      )
      .map(([edges, pts, openEnd]) =>
        edges.slice(0, -1).map((min, i) => ({
          min,
          max: openEnd && i === edges.length - 2 ? null : edges[i + 1]!,
          points: pts[i]!,
        })),
      );
    const weightsArb = fc
      .array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 })
      .filter((w) => w.reduce((a, b) => a + b, 0) <= 100)
      .map((w) => [...w, 100 - w.reduce((a, b) => a + b, 0)]);
    fc.assert(
      fc.property(fc.array(bandsArb, { minLength: 5, maxLength: 5 }), weightsArb, (bands, weights) => {
        const r = clone();
        // Satisfaction last, so the remainder weight never leaves it alone at 100.
        r.indicators.forEach((ind, i) => {
          ind.bands = bands[i]!;
          ind.weight = weights[(i + 4) % 5]!;
        });
        const issues = validateGradingRules(r);
        const alone = r.indicators[4]!.weight === 100;
        expect(issues.map((i) => i.code)).toEqual(alone ? ['alone'] : []);
      }),
    );
  });
});

describe('bandPoints', () => {
  const bands = defaultGradingRules.indicators[0]!.bands;
  it.each([
    [0, 0],
    [1, 20],
    [999_999, 20],
    [1_000_000, 40],
    [49_999_999, 80],
    [50_000_000, 100],
    [9e14, 100],
  ])('value %d fen → %d points (min inclusive, max exclusive)', (raw, points) => {
    expect(bandPoints(bands, raw)).toBe(points);
  });
  it('unknown values score 0', () => {
    expect(bandPoints(bands, null)).toBe(0);
  });
});

const values = (over: Partial<IndicatorValues> = {}): IndicatorValues => ({
  value12m: 30_000_000, // 80
  cooperationYears: 4, // 75
  frequency12m: 7, // 80
  recencyDays: 10, // 100
  satisfaction: null,
  ...over,
});

describe('scoreCustomer', () => {
  it('weighs points: 40×80 + 20×75 + 25×80 + 15×100 = 8200 → 82', () => {
    const s = scoreCustomer(defaultGradingRules, values());
    expect(s.total).toBe(82);
    expect(s.breakdown.map((b) => [b.key, b.points, b.contribution])).toEqual([
      ['value12m', 80, 32],
      ['cooperationYears', 75, 15],
      ['frequency12m', 80, 20],
      ['recencyDays', 100, 15],
      ['satisfaction', 0, 0],
    ]);
    expect(gradeForScore(defaultGradingRules.cutoffs, s.total)).toBe('A');
  });

  it('a customer without orders scores only its years of cooperation', () => {
    const s = scoreCustomer(
      defaultGradingRules,
      values({ value12m: 0, frequency12m: 0, recencyDays: null, cooperationYears: null }),
    );
    expect(s.total).toBe(0);
    expect(gradeForScore(defaultGradingRules.cutoffs, s.total)).toBe('D');
  });

  it('redistributes a missing satisfaction weight over the other indicators', () => {
    const r = clone();
    r.indicators[0]!.weight = 30;
    r.indicators[4]!.weight = 10;
    // 30×80 + 20×75 + 25×80 + 15×100 = 7400 over 90 % → 82.22
    const missing = scoreCustomer(r, values());
    expect(missing.total).toBe(82.22);
    expect(missing.breakdown.find((b) => b.key === 'satisfaction')).toMatchObject({
      appliedWeight: 0,
      contribution: 0,
    });
    expect(missing.breakdown.find((b) => b.key === 'value12m')?.appliedWeight).toBe(33.33);
    // With a survey value it counts like any other: + 10×100 → 8400 / 100
    expect(scoreCustomer(r, values({ satisfaction: 95 })).total).toBe(84);
  });

  it('stays within 0–100 and equals the exact weighted mean rounded half up (property)', () => {
    const raw = fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: null });
    fc.assert(
      fc.property(raw, raw, raw, raw, raw, fc.integer({ min: 0, max: 99 }), (v, y, f, r, sat, satWeight) => {
        const rules = clone();
        const rest = 100 - satWeight;
        const w = [Math.floor(rest * 0.4), Math.floor(rest * 0.2), Math.floor(rest * 0.25)];
        rules.indicators[0]!.weight = w[0]!;
        rules.indicators[1]!.weight = w[1]!;
        rules.indicators[2]!.weight = w[2]!;
        rules.indicators[3]!.weight = rest - w[0]! - w[1]! - w[2]!;
        rules.indicators[4]!.weight = satWeight;
        const vals: IndicatorValues = {
          value12m: v,
          cooperationYears: y,
          frequency12m: f,
          recencyDays: r,
          satisfaction: sat,
        };
        const s = scoreCustomer(rules, vals);
        expect(s.total).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeLessThanOrEqual(100);
        let num = 0;
        let den = 0;
        for (const ind of rules.indicators) {
          if (ind.key === 'satisfaction' && sat === null) continue;
          num += ind.weight * bandPoints(ind.bands, vals[ind.key]);
          den += ind.weight;
        }
        // Integer arithmetic: round(num / den, 2) half up.
        const cents = Math.floor((num * 100 * 2 + den) / (2 * den));
        expect(Math.round(s.total * 100)).toBe(cents);
      }),
    );
  });

  it('more points on any indicator never lower the grade (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 0, max: 60 }),
        (a, b, freq) => {
          const lo = scoreCustomer(
            defaultGradingRules,
            values({ value12m: Math.min(a, b), frequency12m: freq }),
          );
          const hi = scoreCustomer(
            defaultGradingRules,
            values({ value12m: Math.max(a, b), frequency12m: freq }),
          );
          expect(hi.total).toBeGreaterThanOrEqual(lo.total);
          const order = ['D', 'C', 'B', 'A'];
          expect(order.indexOf(gradeForScore(defaultGradingRules.cutoffs, hi.total))).toBeGreaterThanOrEqual(
            order.indexOf(gradeForScore(defaultGradingRules.cutoffs, lo.total)),
          );
        },
      ),
    );
  });
});

describe('gradeForScore', () => {
  it.each([
    [100, 'A'],
    [80, 'A'],
    [79.99, 'B'],
    [60, 'B'],
    [59.99, 'C'],
    [40, 'C'],
    [39.99, 'D'],
    [0, 'D'],
  ])('%d → %s (cut-offs are inclusive lower bounds)', (score, grade) => {
    expect(gradeForScore({ A: 80, B: 60, C: 40 }, score)).toBe(grade);
  });
});

describe('category and value tier', () => {
  it('default categories: A is key, large B is key, prospects and big low buyers are potential', () => {
    expect(proposeCategory(defaultGradingRules, facts({ grade: 'A' }))).toBe('key');
    expect(proposeCategory(defaultGradingRules, facts({ grade: 'B', scale: 'enterprise' }))).toBe('key');
    expect(proposeCategory(defaultGradingRules, facts({ grade: 'B', scale: 'small' }))).toBe('normal');
    expect(proposeCategory(defaultGradingRules, facts({ grade: 'D', lifecycle: 'prospect' }))).toBe(
      'potential',
    );
    expect(proposeCategory(defaultGradingRules, facts({ grade: 'C', scale: 'medium' }))).toBe('potential');
    expect(proposeCategory(defaultGradingRules, facts({ grade: 'C', scale: null }))).toBe('normal');
  });

  it('default value tiers by 12-month value, then size or newness', () => {
    expect(proposeValueTier(defaultGradingRules, facts({ value12m: 20_000_000 }))).toBe('high');
    expect(proposeValueTier(defaultGradingRules, facts({ value12m: 19_999_999 }))).toBe('medium');
    expect(proposeValueTier(defaultGradingRules, facts({ value12m: 100, scale: 'large' }))).toBe('potential');
    expect(proposeValueTier(defaultGradingRules, facts({ value12m: 100, cooperationYears: null }))).toBe(
      'potential',
    );
    expect(proposeValueTier(defaultGradingRules, facts({ value12m: 100, cooperationYears: 3 }))).toBe('low');
  });

  it('every condition of a rule must hold; the first matching rule wins', () => {
    const spec: { rules: { value: string; when: ClassCondition }[]; otherwise: string } = {
      rules: [
        { value: 'x', when: { minScore: 70, industries: ['化工'] } },
        { value: 'y', when: { provinceCodes: ['33'] } },
      ],
      otherwise: 'z',
    };
    expect(classify(spec, facts({ score: 75, industry: '化工' }))).toBe('x');
    expect(classify(spec, facts({ score: 75, industry: '制造业' }))).toBe('y');
    expect(classify(spec, facts({ score: 69.99, industry: '化工', provinceCode: null }))).toBe('z');
  });
});

describe('dates', () => {
  it.each([
    ['2020-11-25', '2026-11-25', 6],
    ['2020-11-26', '2026-11-25', 5],
    ['2024-02-29', '2025-02-28', 0],
    ['2024-02-29', '2025-03-01', 1],
    ['2027-01-01', '2026-11-25', 0],
  ])('full years from %s to %s = %d', (since, asOf, years) => {
    expect(fullYearsBetween(since, asOf)).toBe(years);
  });
  it('no start, no years', () => {
    expect(fullYearsBetween(null, '2026-11-25')).toBeNull();
  });
  it('days between dates across a leap day', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-11-25', '2026-11-25')).toBe(0);
  });
});

describe('ntileBucket and rfmScores', () => {
  it('matches SQL ntile(5): 7 rows → 1,1,2,2,3,4,5; 3 rows → 1,2,3', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((p) => ntileBucket(p, 7))).toEqual([1, 1, 2, 2, 3, 4, 5]);
    expect([0, 1, 2].map((p) => ntileBucket(p, 3))).toEqual([1, 2, 3]);
    expect(() => ntileBucket(3, 3)).toThrow(RangeError);
  });

  it('buckets are ordered and differ in size by at most one (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), (n) => {
        const buckets = Array.from({ length: n }, (_, p) => ntileBucket(p, n));
        for (let i = 1; i < n; i++) expect(buckets[i]!).toBeGreaterThanOrEqual(buckets[i - 1]!);
        const sizes = [1, 2, 3, 4, 5].map((b) => buckets.filter((x) => x === b).length).filter((s) => s > 0);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(buckets.at(-1)).toBe(Math.min(5, n));
      }),
    );
  });

  it('recent, frequent, big buyers score 5; ties are broken by id', () => {
    const rows = [
      { id: 'a', recencyDays: 400, frequency: 1, monetary: 100 },
      { id: 'b', recencyDays: 200, frequency: 2, monetary: 200 },
      { id: 'c', recencyDays: 100, frequency: 3, monetary: 300 },
      { id: 'd', recencyDays: 50, frequency: 4, monetary: 400 },
      { id: 'e', recencyDays: 5, frequency: 5, monetary: 500 },
    ];
    const s = rfmScores(rows);
    expect(s.get('e')).toEqual({ r: 5, f: 5, m: 5 });
    expect(s.get('a')).toEqual({ r: 1, f: 1, m: 1 });
    const tied = rfmScores(rows.map((r) => ({ ...r, monetary: 7 })));
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => tied.get(id)!.m)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a larger value never gets a lower score (property)', () => {
    const row = fc.record({
      recencyDays: fc.integer({ min: 0, max: 1000 }),
      frequency: fc.integer({ min: 0, max: 50 }),
      monetary: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (raw) => {
        const rows = raw.map((r, i) => ({ ...r, id: String(i).padStart(4, '0') }));
        const s = rfmScores(rows);
        for (const a of rows)
          for (const b of rows) {
            const sa = s.get(a.id)!;
            const sb = s.get(b.id)!;
            if (a.monetary > b.monetary) expect(sa.m).toBeGreaterThanOrEqual(sb.m);
            if (a.frequency > b.frequency) expect(sa.f).toBeGreaterThanOrEqual(sb.f);
            if (a.recencyDays < b.recencyDays) expect(sa.r).toBeGreaterThanOrEqual(sb.r);
          }
        for (const v of s.values()) for (const x of [v.r, v.f, v.m]) expect(x >= 1 && x <= 5).toBe(true);
      }),
    );
  });
});

describe('rfmFromBounds', () => {
  it('places every member of the population exactly where rfmScores put it (property)', () => {
    const row = fc.record({
      recencyDays: fc.integer({ min: 0, max: 30 }),
      frequency: fc.integer({ min: 0, max: 6 }),
      monetary: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 80 }), (raw) => {
        const rows = raw.map((r, i) => ({ ...r, id: `c${String((i * 7919) % 997).padStart(4, '0')}-${i}` }));
        const scores = rfmScores(rows);
        const bounds = rfmBoundsOf(rows);
        for (const r of rows) expect(rfmFromBounds(bounds, r)).toEqual(scores.get(r.id));
      }),
    );
  });

  it('no orders or no full regrade yet: no RFM', () => {
    expect(rfmFromBounds(null, { id: 'a', recencyDays: 3, frequency: 1, monetary: 1 })).toBeNull();
    expect(
      rfmFromBounds({ r: [], f: [], m: [] }, { id: 'a', recencyDays: null, frequency: 0, monetary: 0 }),
    ).toBeNull();
  });
});
