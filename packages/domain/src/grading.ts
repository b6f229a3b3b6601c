import {
  type ClassCondition,
  type CustomerCategory,
  type CustomerGrade,
  type FieldIssue,
  type GradingIndicatorKey,
  type GradingRules,
  gradingIndicatorKeys,
  type ScoreBand,
  type ValueTier,
} from '@weixi/shared';

/**
 * Grading rules (客户分级) as pure functions: validation with precise field paths, the weighted
 * score, the grade from the cut-offs, category and value tier from ordered rules, and RFM
 * quintiles. The server compiles the same rules into SQL (modules/grading/grading-sql.ts) so a
 * million customers are graded in set operations; its tests check that SQL against these
 * functions, which are the specification.
 */

/** Raw indicator values of one customer; null means unknown (no orders, no survey yet). */
export type IndicatorValues = Record<GradingIndicatorKey, number | null>;

/**
 * Indicators whose weight goes to the others when a customer has no value for it. Satisfaction
 * comes from surveys (issue 6): a customer nobody has surveyed is neither satisfied nor not, so
 * it must not pull the score down. Every other unknown value (no orders) scores 0 points.
 */
export const redistributedWhenMissing: ReadonlySet<GradingIndicatorKey> = new Set(['satisfaction']);

/**
 * The defaults a new installation starts from. Value, years of cooperation and purchase
 * frequency decide most (DOMAIN §2), recency keeps lapsed buyers from staying A; satisfaction
 * starts at weight 0 until surveys exist. Amounts are fen: 1,000,000 fen = ¥10,000.
 */
export const defaultGradingRules: GradingRules = {
  indicators: [
    {
      key: 'value12m',
      weight: 40,
      bands: [
        { min: 0, max: 1, points: 0 },
        { min: 1, max: 1_000_000, points: 20 },
        { min: 1_000_000, max: 5_000_000, points: 40 },
        { min: 5_000_000, max: 20_000_000, points: 60 },
        { min: 20_000_000, max: 50_000_000, points: 80 },
        { min: 50_000_000, max: null, points: 100 },
      ],
    },
    {
      key: 'cooperationYears',
      weight: 20,
      bands: [
        { min: 0, max: 1, points: 20 },
        { min: 1, max: 3, points: 50 },
        { min: 3, max: 5, points: 75 },
        { min: 5, max: null, points: 100 },
      ],
    },
    {
      key: 'frequency12m',
      weight: 25,
      bands: [
        { min: 0, max: 1, points: 0 },
        { min: 1, max: 3, points: 30 },
        { min: 3, max: 6, points: 60 },
        { min: 6, max: 12, points: 80 },
        { min: 12, max: null, points: 100 },
      ],
    },
    {
      key: 'recencyDays',
      weight: 15,
      bands: [
        { min: 0, max: 31, points: 100 },
        { min: 31, max: 91, points: 80 },
        { min: 91, max: 181, points: 50 },
        { min: 181, max: 366, points: 20 },
        { min: 366, max: null, points: 0 },
      ],
    },
    {
      key: 'satisfaction',
      weight: 0,
      bands: [
        { min: 0, max: 60, points: 0 },
        { min: 60, max: 80, points: 50 },
        { min: 80, max: 90, points: 80 },
        { min: 90, max: null, points: 100 },
      ],
    },
  ],
  cutoffs: { A: 80, B: 60, C: 40 },
  category: {
    rules: [
      // Key customers (重点客户): A customers, and large companies that already buy at B level.
      { value: 'key', when: { grades: ['A'] } },
      { value: 'key', when: { grades: ['B'], scales: ['large', 'enterprise'] } },
      // Potential customers (潜力客户): prospects, and sizeable companies that buy little so far.
      { value: 'potential', when: { lifecycles: ['prospect'] } },
      { value: 'potential', when: { grades: ['C', 'D'], scales: ['medium', 'large', 'enterprise'] } },
    ],
    otherwise: 'normal',
  },
  valueTier: {
    rules: [
      // ¥200,000 / ¥50,000 in the last 12 months.
      { value: 'high', when: { minValueFen: 20_000_000 } },
      { value: 'medium', when: { minValueFen: 5_000_000 } },
      // 潜在价值客户: able to buy more (size) or too new to have bought much yet.
      { value: 'potential', when: { scales: ['medium', 'large', 'enterprise'] } },
      { value: 'potential', when: { maxYears: 0 } },
    ],
    otherwise: 'low',
  },
};

const issue = (path: string, code: string, message: string): FieldIssue => ({ path, code, message });

const conditionKeys = [
  'grades',
  'minScore',
  'minValueFen',
  'maxYears',
  'scales',
  'lifecycles',
  'industries',
  'provinceCodes',
] as const satisfies readonly (keyof ClassCondition)[];

function validateBands(bands: ScoreBand[], at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  bands.forEach((band, j) => {
    const path = `${at}.bands.${j}`;
    if (band.max === null && j < bands.length - 1) {
      issues.push(issue(`${path}.max`, 'open_not_last', 'only the last band may have no upper limit'));
    }
    if (band.max !== null && band.max <= band.min) {
      issues.push(issue(`${path}.max`, 'not_above_min', `must be greater than its lower bound ${band.min}`));
    }
    const prev = bands[j - 1];
    if (prev) {
      if (band.min < prev.min) {
        issues.push(
          issue(
            `${path}.min`,
            'not_ascending',
            `bands must ascend: ${band.min} is below the previous band's ${prev.min}`,
          ),
        );
      } else if (prev.max !== null && band.min < prev.max) {
        issues.push(
          issue(
            `${path}.min`,
            'overlap',
            `overlaps the previous band, which runs up to ${prev.max} (exclusive)`,
          ),
        );
      }
    }
  });
  return issues;
}

function validateClassRules(spec: { rules: { when: ClassCondition }[] }, at: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  spec.rules.forEach((rule, i) => {
    if (!conditionKeys.some((k) => rule.when[k] !== undefined)) {
      issues.push(
        issue(
          `${at}.rules.${i}.when`,
          'empty',
          'a rule needs at least one condition (use "otherwise" for the rest)',
        ),
      );
    }
  });
  return issues;
}

/**
 * Every semantic problem of a rule set, each at its field's path (`indicators.2.bands.1.min`), so
 * an editor can show all of them at once. Shape (types, ranges) is the shared schema's job.
 */
export function validateGradingRules(rules: GradingRules): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Map<GradingIndicatorKey, number>();
  rules.indicators.forEach((ind, i) => {
    if (seen.has(ind.key)) {
      issues.push(
        issue(`indicators.${i}.key`, 'duplicate', `${ind.key} is already indicator ${seen.get(ind.key)}`),
      );
    } else seen.set(ind.key, i);
    issues.push(...validateBands(ind.bands, `indicators.${i}`));
  });
  const missing = gradingIndicatorKeys.filter((k) => !seen.has(k));
  if (missing.length > 0) {
    issues.push(
      issue(
        'indicators',
        'missing',
        `missing indicators: ${missing.join(', ')} (give them weight 0 to ignore them)`,
      ),
    );
  }
  const total = rules.indicators.reduce((sum, ind) => sum + ind.weight, 0);
  if (total !== 100) {
    issues.push(
      issue('indicators', 'weights_sum', `the weights add up to ${total} %; they must add up to 100 %`),
    );
  }
  rules.indicators.forEach((ind, i) => {
    if (redistributedWhenMissing.has(ind.key) && ind.weight >= 100) {
      issues.push(
        issue(
          `indicators.${i}.weight`,
          'alone',
          `${ind.key} cannot carry all the weight: customers without it would have nothing to be graded on`,
        ),
      );
    }
  });
  const { A, B, C } = rules.cutoffs;
  if (B >= A) issues.push(issue('cutoffs.B', 'not_below', `B (${B}) must be lower than A (${A})`));
  if (C >= B) issues.push(issue('cutoffs.C', 'not_below', `C (${C}) must be lower than B (${B})`));
  issues.push(...validateClassRules(rules.category, 'category'));
  issues.push(...validateClassRules(rules.valueTier, 'valueTier'));
  return issues;
}

/** Points of a raw value: the band containing it (min inclusive, max exclusive), else 0. */
export function bandPoints(bands: readonly ScoreBand[], raw: number | null): number {
  if (raw === null) return 0;
  for (const b of bands) {
    if (raw >= b.min && (b.max === null || raw < b.max)) return b.points;
  }
  return 0;
}

export interface ScoreBreakdownItem {
  key: GradingIndicatorKey;
  raw: number | null;
  points: number;
  weight: number;
  appliedWeight: number;
  contribution: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The weighted total (0–100, two decimals) and each indicator's share. Weights are whole percent
 * and points whole numbers, so the sum is an exact integer and the one division rounds half up —
 * exactly what `round(sum::numeric / weights, 2)` gives in SQL.
 */
export function scoreCustomer(
  rules: Pick<GradingRules, 'indicators'>,
  values: IndicatorValues,
): { total: number; breakdown: ScoreBreakdownItem[] } {
  let weighted = 0;
  let weights = 0;
  const items = rules.indicators.map((ind) => {
    const raw = values[ind.key];
    const counted = !(raw === null && redistributedWhenMissing.has(ind.key));
    const points = bandPoints(ind.bands, raw);
    if (counted) {
      weighted += ind.weight * points;
      weights += ind.weight;
    }
    return { key: ind.key, raw, points, weight: ind.weight, counted };
  });
  const total = weights > 0 ? Math.round((weighted * 100) / weights) / 100 : 0;
  return {
    total,
    breakdown: items.map(({ counted, ...it }) => {
      const applied = counted && weights > 0 ? (it.weight * 100) / weights : 0;
      return { ...it, appliedWeight: round2(applied), contribution: round2((applied * it.points) / 100) };
    }),
  };
}

export function gradeForScore(cutoffs: GradingRules['cutoffs'], score: number): CustomerGrade {
  if (score >= cutoffs.A) return 'A';
  if (score >= cutoffs.B) return 'B';
  if (score >= cutoffs.C) return 'C';
  return 'D';
}

/** What category and value-tier rules look at. */
export interface ClassFacts {
  /** The grade in force: the proposal, or an override. */
  grade: CustomerGrade;
  score: number;
  value12m: number;
  cooperationYears: number | null;
  scale: string | null;
  lifecycle: string;
  industry: string;
  provinceCode: string | null;
}

export function conditionHolds(when: ClassCondition, f: ClassFacts): boolean {
  if (when.grades && !when.grades.includes(f.grade)) return false;
  if (when.minScore !== undefined && f.score < when.minScore) return false;
  if (when.minValueFen !== undefined && f.value12m < when.minValueFen) return false;
  if (when.maxYears !== undefined && (f.cooperationYears ?? 0) > when.maxYears) return false;
  if (when.scales && (f.scale === null || !(when.scales as readonly string[]).includes(f.scale)))
    return false;
  if (when.lifecycles && !(when.lifecycles as readonly string[]).includes(f.lifecycle)) return false;
  if (when.industries && !when.industries.includes(f.industry)) return false;
  if (when.provinceCodes && (f.provinceCode === null || !when.provinceCodes.includes(f.provinceCode)))
    return false;
  return true;
}

/** The first rule whose conditions all hold decides; otherwise the fallback. */
export function classify<V extends string>(
  spec: { rules: readonly { value: V; when: ClassCondition }[]; otherwise: V },
  facts: ClassFacts,
): V {
  return spec.rules.find((r) => conditionHolds(r.when, facts))?.value ?? spec.otherwise;
}

export function proposeCategory(rules: GradingRules, facts: ClassFacts): CustomerCategory {
  return classify(rules.category, facts);
}

export function proposeValueTier(rules: GradingRules, facts: ClassFacts): ValueTier {
  return classify(rules.valueTier, facts);
}

const dateParts = (d: string) => d.split('-').map(Number) as [number, number, number];

/**
 * Full years from `since` to `asOf` (both YYYY-MM-DD), never negative; null without a start.
 * A signing on 29 February completes its year on 1 March in common years, as PostgreSQL's age() does.
 */
export function fullYearsBetween(since: string | null, asOf: string): number | null {
  if (since === null) return null;
  const [y0, m0, d0] = dateParts(since);
  const [y1, m1, d1] = dateParts(asOf);
  const years = y1 - y0 - (m1 * 100 + d1 < m0 * 100 + d0 ? 1 : 0);
  return Math.max(0, years);
}

/** Calendar days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const [y0, m0, d0] = dateParts(from);
  const [y1, m1, d1] = dateParts(to);
  return Math.round((Date.UTC(y1, m1 - 1, d1) - Date.UTC(y0, m0 - 1, d0)) / 86_400_000);
}

/**
 * SQL's ntile(k) for the row at 0-based `position` of `n`: buckets as equal as possible, the
 * first n mod k of them one row larger.
 */
export function ntileBucket(position: number, n: number, k = 5): number {
  if (!Number.isInteger(position) || position < 0 || position >= n) {
    throw new RangeError(`position ${position} is outside 0..${n - 1}`);
  }
  const size = Math.floor(n / k);
  const larger = n % k;
  const inLarger = larger * (size + 1);
  if (position < inLarger) return Math.floor(position / (size + 1)) + 1;
  return larger + Math.floor((position - inLarger) / size) + 1;
}

export interface RfmInput {
  id: string;
  /** Days since the last order. */
  recencyDays: number;
  /** Orders in the last 12 months. */
  frequency: number;
  /** Order value in the last 12 months (fen). */
  monetary: number;
}

export interface RfmScore {
  r: number;
  f: number;
  m: number;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * RFM scores 1–5 over the customers with orders: quintiles of recency (inverted: the most recent
 * buyers get 5), frequency and monetary value. Ties are broken by id so every run agrees; this is
 * `ntile(5) over (order by …, id)` in SQL.
 */
export function rfmScores(rows: readonly RfmInput[]): Map<string, RfmScore> {
  const n = rows.length;
  const out = new Map<string, RfmScore>(rows.map((r) => [r.id, { r: 0, f: 0, m: 0 }]));
  const rank = (sorted: RfmInput[], field: keyof RfmScore) =>
    sorted.forEach((row, i) => {
      out.get(row.id)![field] = ntileBucket(i, n);
    });
  rank(
    [...rows].sort((a, b) => b.recencyDays - a.recencyDays || byId(a, b)),
    'r',
  );
  rank(
    [...rows].sort((a, b) => a.frequency - b.frequency || byId(a, b)),
    'f',
  );
  rank(
    [...rows].sort((a, b) => a.monetary - b.monetary || byId(a, b)),
    'm',
  );
  return out;
}

/** The first row of an RFM bucket (2–5) in its dimension's order, kept after a full regrade. */
export interface RfmBound {
  bucket: number;
  value: number;
  id: string;
}
export type RfmBounds = Record<keyof RfmScore, RfmBound[]>;

/**
 * Places one customer in the quintiles of the last full regrade without ranking everyone again:
 * its bucket is 1 + the number of bucket starts at or before it in the dimension's order
 * (recency descending, frequency and value ascending; ties by id). For a customer of that
 * population this is exactly its `ntile(5)`.
 */
export function bucketFromBounds(
  bounds: readonly RfmBound[],
  value: number,
  id: string,
  descending: boolean,
): number {
  let bucket = 1;
  for (const b of bounds) {
    const before = descending ? b.value > value : b.value < value;
    if (before || (b.value === value && b.id <= id)) bucket++;
  }
  return bucket;
}

/** The bounds `rfmScores` would leave for these rows (used by tests and as the pure reference). */
export function rfmBoundsOf(rows: readonly RfmInput[]): RfmBounds {
  const n = rows.length;
  const bounds = (sorted: RfmInput[], pick: (r: RfmInput) => number): RfmBound[] =>
    sorted
      .map((row, i) => ({ row, i, bucket: ntileBucket(i, n) }))
      .filter(({ i, bucket }) => bucket > 1 && (i === 0 || ntileBucket(i - 1, n) !== bucket))
      .map(({ row, bucket }) => ({ bucket, value: pick(row), id: row.id }));
  return {
    r: bounds(
      [...rows].sort((a, b) => b.recencyDays - a.recencyDays || byId(a, b)),
      (r) => r.recencyDays,
    ),
    f: bounds(
      [...rows].sort((a, b) => a.frequency - b.frequency || byId(a, b)),
      (r) => r.frequency,
    ),
    m: bounds(
      [...rows].sort((a, b) => a.monetary - b.monetary || byId(a, b)),
      (r) => r.monetary,
    ),
  };
}

/** RFM of one customer against stored bounds; null without orders or without bounds yet. */
export function rfmFromBounds(
  bounds: RfmBounds | null,
  row: { id: string; recencyDays: number | null; frequency: number; monetary: number },
): RfmScore | null {
  if (!bounds || row.recencyDays === null) return null;
  return {
    r: bucketFromBounds(bounds.r, row.recencyDays, row.id, true),
    f: bucketFromBounds(bounds.f, row.frequency, row.id, false),
    m: bucketFromBounds(bounds.m, row.monetary, row.id, false),
  };
}
