import { redistributedWhenMissing, twelveMonthsStart } from '@weixi/domain';
import type { ClassCondition, GradingIndicatorKey, GradingRules, ScoreBand } from '@weixi/shared';
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The grading rules compiled into SQL (decision 009): band lookups become CASE expressions, the
 * order history per-customer aggregates, and one statement scores, classifies and writes a whole
 * range of customers. Pure: this file builds SQL, grading.repository.ts runs it. The expressions
 * mirror packages/domain/src/grading.ts term for term; grading-sql.test.ts checks that they agree.
 *
 * Numbers from the rules are inlined as literals (they are validated numbers, and constants let
 * the planner fold them); free text (industries, province codes) goes in as parameters.
 */

/** Which customers a statement covers. Ranges are by id: (after, upTo], open at either end. */
export type CustomerSlice =
  | { kind: 'all' }
  | { kind: 'range'; after: string | null; upTo: string | null }
  | { kind: 'one'; id: string };

export interface ScoreContext {
  /** The business date "last 12 months" and recency count from (YYYY-MM-DD). */
  asOf: string;
}

const num = (n: number) => {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return sql.lit(n);
};

function sliceFilter(column: string, slice: CustomerSlice): RawBuilder<SqlBool> {
  const col = sql.ref(column);
  if (slice.kind === 'one') return sql<SqlBool>`${col} = ${slice.id}::uuid`;
  if (slice.kind === 'all') return sql<SqlBool>`true`;
  const parts: RawBuilder<SqlBool>[] = [];
  if (slice.after !== null) parts.push(sql<SqlBool>`${col} > ${slice.after}::uuid`);
  if (slice.upTo !== null) parts.push(sql<SqlBool>`${col} <= ${slice.upTo}::uuid`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`true`;
}

/** Column of each indicator's raw value in the `vals` CTE. */
const rawColumn: Record<GradingIndicatorKey, string> = {
  value12m: 'value_12m',
  cooperationYears: 'cooperation_years',
  frequency12m: 'frequency_12m',
  recencyDays: 'recency_days',
  satisfaction: 'satisfaction',
};
const pointsColumn = (key: GradingIndicatorKey) => `p_${rawColumn[key]}`;

/** Points of a band list: the band containing the value (min inclusive, max exclusive), else 0; null → 0. */
function bandCase(column: string, bands: readonly ScoreBand[]): RawBuilder<number> {
  const col = sql.ref(column);
  const whens = bands.map((b) =>
    b.max === null
      ? sql`when ${col} >= ${num(b.min)} then ${num(b.points)}`
      : sql`when ${col} >= ${num(b.min)} and ${col} < ${num(b.max)} then ${num(b.points)}`,
  );
  return sql<number>`(case ${sql.join(whens, sql` `)} else 0 end)`;
}

/**
 * round(Σ weight × points / Σ counted weights, 2): an indicator with a missing value whose weight
 * is redistributed (satisfaction) drops out of both sums for that customer.
 */
function scoreExpression(rules: GradingRules): RawBuilder<number> {
  const terms: RawBuilder<unknown>[] = [];
  const missingWeights: RawBuilder<unknown>[] = [];
  for (const ind of rules.indicators) {
    if (ind.weight === 0) continue;
    const w = num(ind.weight);
    const p = sql.ref(pointsColumn(ind.key));
    if (redistributedWhenMissing.has(ind.key)) {
      const raw = sql.ref(rawColumn[ind.key]);
      terms.push(sql`(case when ${raw} is null then 0 else ${w} * ${p} end)`);
      missingWeights.push(sql`(case when ${raw} is null then ${w} else 0 end)`);
    } else terms.push(sql`${w} * ${p}`);
  }
  const numerator = terms.length ? sql.join(terms, sql` + `) : sql`0`;
  const denominator = missingWeights.length ? sql`(100 - ${sql.join(missingWeights, sql` - `)})` : sql`100`;
  return sql<number>`round((${numerator})::numeric / ${denominator}, 2)`;
}

function gradeExpression(rules: GradingRules): RawBuilder<string> {
  const { A, B, C } = rules.cutoffs;
  return sql<string>`(case when score >= ${num(A)} then 'A' when score >= ${num(B)} then 'B'
    when score >= ${num(C)} then 'C' else 'D' end)`;
}

const literalList = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

function conditionExpression(when: ClassCondition): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [];
  // Enum values are checked by the shared schema before they get here; literals let the planner fold them.
  if (when.grades) parts.push(sql<SqlBool>`new_grade in (${literalList(when.grades)})`);
  if (when.minScore !== undefined) parts.push(sql<SqlBool>`score >= ${num(when.minScore)}`);
  if (when.minValueFen !== undefined) parts.push(sql<SqlBool>`value_12m >= ${num(when.minValueFen)}`);
  if (when.maxYears !== undefined)
    parts.push(sql<SqlBool>`coalesce(cooperation_years, 0) <= ${num(when.maxYears)}`);
  if (when.scales) parts.push(sql<SqlBool>`scale in (${literalList(when.scales)})`);
  if (when.lifecycles) parts.push(sql<SqlBool>`lifecycle in (${literalList(when.lifecycles)})`);
  if (when.industries) parts.push(sql<SqlBool>`industry = any(${[...when.industries]}::text[])`);
  if (when.provinceCodes) parts.push(sql<SqlBool>`province_code = any(${[...when.provinceCodes]}::text[])`);
  // An empty condition is refused by validation; `true` keeps the SQL well-formed regardless.
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` and `)})` : sql<SqlBool>`true`;
}

function classExpression(spec: {
  rules: readonly { value: string; when: ClassCondition }[];
  otherwise: string;
}): RawBuilder<string> {
  if (spec.rules.length === 0) return sql<string>`${sql.lit(spec.otherwise)}::text`;
  const whens = spec.rules.map((r) => sql`when ${conditionExpression(r.when)} then ${sql.lit(r.value)}`);
  return sql<string>`(case ${sql.join(whens, sql` `)} else ${sql.lit(spec.otherwise)} end)`;
}

/** "YYYY-MM-DD" → [year, month × 100 + day], to inline the as-of date's parts. */
function dateKey(date: string): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m * 100 + d];
}

/**
 * The CTEs every grading statement starts with, ending in `final`: one row per active customer
 * of the slice with its current columns, raw values, points, score, proposals and the values in
 * force after overrides (new_grade, new_category, new_value_tier).
 */
export function scoringCtes(
  rules: GradingRules,
  slice: CustomerSlice,
  ctx: ScoreContext,
): RawBuilder<unknown> {
  const from = twelveMonthsStart(ctx.asOf);
  const [asOfYear, asOfDay] = dateKey(ctx.asOf);
  const points = rules.indicators.map(
    (ind) => sql`${bandCase(rawColumn[ind.key], ind.bands)} as ${sql.ref(pointsColumn(ind.key))}`,
  );
  return sql`
  ord as (
    select o.customer_id,
      sum(o.amount_fen) filter (where o.ordered_on >= ${from}::date) as value_12m,
      count(*) filter (where o.ordered_on >= ${from}::date) as frequency_12m,
      max(o.ordered_on) as last_on,
      min(o.ordered_on) as first_on
    from customer_order o
    where ${sliceFilter('o.customer_id', slice)} and o.ordered_on <= ${ctx.asOf}::date
    group by o.customer_id
  ),
  ov as (
    select g.customer_id,
      max(g.value) filter (where g.field = 'grade') as ov_grade,
      max(g.value) filter (where g.field = 'category') as ov_category,
      max(g.value) filter (where g.field = 'value_tier') as ov_value_tier
    from grade_override g
    where ${sliceFilter('g.customer_id', slice)}
    group by g.customer_id
  ),
  base as (
    select c.id, c.grade as cur_grade, c.category as cur_category, c.value_tier as cur_value_tier,
      c.scale, c.lifecycle, c.industry, c.province_code,
      coalesce(o.value_12m, 0)::bigint as value_12m,
      coalesce(o.frequency_12m, 0)::int as frequency_12m,
      o.last_on,
      (${ctx.asOf}::date - o.last_on) as recency_days,
      coalesce(c.signed_on, o.first_on) as since,
      -- Satisfaction surveys arrive with issue 6; until then nobody has a value and its weight is redistributed.
      null::numeric as satisfaction,
      ov.ov_grade, ov.ov_category, ov.ov_value_tier
    from customer c
    left join ord o on o.customer_id = c.id
    left join ov on ov.customer_id = c.id
    where c.status = 'active' and ${sliceFilter('c.id', slice)}
  ),
  vals as materialized (
    select base.*,
      case when since is null then null else greatest(0, ${num(asOfYear)} - extract(year from since)::int
        - case when ${num(asOfDay)} < (extract(month from since) * 100 + extract(day from since))::int then 1 else 0 end)
      end as cooperation_years
    from base
  ),
  pts as (select vals.*, ${sql.join(points)} from vals),
  -- Materialised on purpose: PostgreSQL inlines CTEs, and every later reference to \`score\` (the
  -- cut-offs, each category and value-tier condition, the outputs) would otherwise recompute the
  -- whole weighted sum, some thirty times per customer.
  scored as materialized (select pts.*, ${scoreExpression(rules)} as score from pts),
  graded as (
    select scored.*, ${gradeExpression(rules)} as proposed_grade from scored
  ),
  eff as (select graded.*, coalesce(ov_grade, proposed_grade) as new_grade from graded),
  classed as (
    select eff.*, ${classExpression(rules.category)} as proposed_category,
      ${classExpression(rules.valueTier)} as proposed_value_tier
    from eff
  ),
  final as (
    select classed.*, coalesce(ov_category, proposed_category) as new_category,
      coalesce(ov_value_tier, proposed_value_tier) as new_value_tier
    from classed
  )`;
}

/** Points per indicator, the breakdown stored with the score (raw values have their own columns). */
function breakdownExpression(rules: GradingRules): RawBuilder<unknown> {
  const pairs = rules.indicators.flatMap((ind) => [sql.lit(ind.key), sql.ref(pointsColumn(ind.key))]);
  return sql`jsonb_build_object(${sql.join(pairs)})`;
}

export interface WriteMeta {
  ruleVersion: number;
  cause: 'rule' | 'override' | 'manual';
  actorId: string | null;
  reason: string | null;
  at: Date;
}

/** The stored values a regrade compares before rewriting a score row (not as_of, not computed_at). */
const scoreValueColumns = [
  'rule_version',
  'score',
  'breakdown',
  'value_12m_fen',
  'frequency_12m',
  'last_order_on',
  'cooperation_years',
  'satisfaction',
  'proposed_grade',
  'proposed_category',
  'proposed_value_tier',
] as const;

export interface RegradeCounts {
  /** Customers computed. */
  scored: number;
  /** Score rows written (new or changed); a nightly run leaves the unchanged ones alone. */
  rescored: number;
  /** Customers whose grade, category or value tier in force changed. */
  changed: number;
  grade_changes: number;
}

/**
 * One statement for a slice: upsert the scores, set the customers' grade/category/value tier to
 * the values in force where they changed (bumping the record's version, so an edit form opened
 * before is refused rather than silently reverting the grade), and append grade-history rows for
 * the grade changes. All CTEs read one snapshot, so `cur_grade` is the grade before this statement.
 *
 * Unless `rewriteAll`, a score row whose values are all unchanged is not rewritten: a nightly run
 * then writes the few thousand rows that moved instead of a million new row versions.
 */
export function regradeStatement(
  rules: GradingRules,
  slice: CustomerSlice,
  ctx: ScoreContext,
  meta: WriteMeta,
  opts: { rewriteAll?: boolean } = {},
): RawBuilder<RegradeCounts> {
  const stored = sql.join(scoreValueColumns.map((c) => sql.ref(`s.${c}`)));
  const fresh = sql.join(scoreValueColumns.map((c) => sql.ref(`x.${c}`)));
  const assignments = sql.join(
    [...scoreValueColumns, 'as_of', 'computed_at'].map((c) => sql`${sql.ref(c)} = ${sql.ref(`x.${c}`)}`),
  );
  return sql<RegradeCounts>`
  with ${scoringCtes(rules, slice, ctx)},
  fresh as (
    select id as customer_id, ${meta.ruleVersion}::int as rule_version, ${ctx.asOf}::date as as_of, score,
      ${breakdownExpression(rules)} as breakdown, value_12m as value_12m_fen, frequency_12m,
      last_on as last_order_on, cooperation_years, satisfaction, proposed_grade, proposed_category,
      proposed_value_tier, ${meta.at}::timestamptz as computed_at
    from final
  ),
  -- New score rows, and changed ones. Not one INSERT … ON CONFLICT DO UPDATE … WHERE changed: that
  -- locks every conflicting row, changed or not — a nightly run would write a lock into each of a
  -- million score rows (and the WAL) to change a few thousand.
  ins as (
    insert into customer_score (customer_id, rule_version, as_of, score, breakdown, value_12m_fen,
      frequency_12m, last_order_on, cooperation_years, satisfaction, proposed_grade, proposed_category,
      proposed_value_tier, computed_at)
    select x.customer_id, x.rule_version, x.as_of, x.score, x.breakdown, x.value_12m_fen, x.frequency_12m,
      x.last_order_on, x.cooperation_years, x.satisfaction, x.proposed_grade, x.proposed_category,
      x.proposed_value_tier, x.computed_at
    from fresh x
    where not exists (select 1 from customer_score s
      where s.customer_id = x.customer_id and ${sliceFilter('s.customer_id', slice)})
    -- A one-customer regrade that committed a row since this statement's snapshot was taken.
    on conflict (customer_id) do nothing
    returning 1
  ),
  upd as (
    update customer_score s set ${assignments}
    from fresh x
    -- The slice again, on the score table's side: the planner then reads the batch's range of
    -- the primary key instead of hashing all million score rows for each batch.
    where s.customer_id = x.customer_id and ${sliceFilter('s.customer_id', slice)}
      ${opts.rewriteAll ? sql`` : sql`and (${stored}) is distinct from (${fresh})`}
    returning 1
  ),
  chg as (
    update customer c set grade = f.new_grade, category = f.new_category, value_tier = f.new_value_tier,
      version = c.version + 1
    from final f
    -- First by the values this statement read (no probe into the customer table for the many that
    -- stay), then by the row itself, as an update re-checks a row another transaction changed.
    where (f.cur_grade is distinct from f.new_grade or f.cur_category is distinct from f.new_category
      or f.cur_value_tier is distinct from f.new_value_tier)
      and c.id = f.id and (c.grade is distinct from f.new_grade or c.category is distinct from f.new_category
      or c.value_tier is distinct from f.new_value_tier)
    returning 1
  ),
  hist as (
    insert into grade_history (customer_id, from_grade, to_grade, cause, rule_version, reason, actor_id, at)
    select id, cur_grade, new_grade, ${meta.cause}, ${meta.ruleVersion}::int, ${meta.reason}::text,
      ${meta.actorId}::uuid, ${meta.at}::timestamptz
    from final where cur_grade is distinct from new_grade
    returning 1
  )
  select (select count(*) from final)::int as scored,
    ((select count(*) from ins) + (select count(*) from upd))::int as rescored,
    (select count(*) from chg)::int as changed, (select count(*) from hist)::int as grade_changes`;
}

export interface PreviewRow {
  set: 'grade' | 'category' | 'value_tier';
  from: string | null;
  to: string | null;
  count: number;
}

/** The from→to counts the draft rules would give, by the same CTEs, writing nothing. */
export function previewStatement(rules: GradingRules, ctx: ScoreContext): RawBuilder<PreviewRow> {
  return sql<PreviewRow>`
  with ${scoringCtes(rules, { kind: 'all' }, ctx)}
  select
    case when grouping(cur_grade, new_grade) = 0 then 'grade'
      when grouping(cur_category, new_category) = 0 then 'category' else 'value_tier' end as set,
    coalesce(cur_grade, cur_category, cur_value_tier) as from,
    coalesce(new_grade, new_category, new_value_tier) as to,
    count(*)::int as count
  from final
  group by grouping sets ((cur_grade, new_grade), (cur_category, new_category), (cur_value_tier, new_value_tier))`;
}

/** 1-based position of the first row of bucket `b` of ntile(5) over n rows (SQL's split). */
function bucketStart(b: 'r' | 'f' | 'm'): RawBuilder<number> {
  const bucket = sql.ref(b);
  return sql<number>`(case when ${bucket} - 1 <= n % 5 then (${bucket} - 1) * (n / 5 + 1) + 1
    else (n % 5) * (n / 5 + 1) + (${bucket} - 1 - n % 5) * (n / 5) + 1 end)`;
}

/**
 * RFM over every active customer with orders, from the raw values the batches stored: quintiles
 * by `ntile(5)` with the id as tie-break (recency inverted). Customers without orders lose theirs.
 * Returns the first key of buckets 2–5 per dimension (recency counted to `asOf`), so a single
 * customer can be placed later without ranking everyone again.
 */
export function rfmStatement(asOf: string): RawBuilder<{
  dim: 'r' | 'f' | 'm';
  bucket: number;
  value: string;
  id: string;
}> {
  return sql<{ dim: 'r' | 'f' | 'm'; bucket: number; value: string; id: string }>`
  with pop as (
    select s.customer_id, ${asOf}::date - s.last_order_on as recency_days, s.frequency_12m, s.value_12m_fen
    from customer_score s join customer c on c.id = s.customer_id
    where c.status = 'active' and s.last_order_on is not null
  ),
  ranked as (
    select customer_id, recency_days, frequency_12m, value_12m_fen,
      ntile(5) over wr as r, row_number() over wr as r_pos,
      ntile(5) over wf as f, row_number() over wf as f_pos,
      ntile(5) over wm as m, row_number() over wm as m_pos,
      count(*) over () as n
    from pop
    window wr as (order by recency_days desc, customer_id),
      wf as (order by frequency_12m, customer_id),
      wm as (order by value_12m_fen, customer_id)
  ),
  upd as (
    update customer_score s set rfm_r = k.r, rfm_f = k.f, rfm_m = k.m
    from ranked k
    where s.customer_id = k.customer_id
      and (s.rfm_r is distinct from k.r or s.rfm_f is distinct from k.f or s.rfm_m is distinct from k.m)
    returning 1
  ),
  cleared as (
    update customer_score s set rfm_r = null, rfm_f = null, rfm_m = null
    from customer c
    where c.id = s.customer_id and s.rfm_r is not null and (s.last_order_on is null or c.status <> 'active')
    returning 1
  )
  select 'r' as dim, r as bucket, recency_days::text as value, customer_id::text as id from ranked
    where r > 1 and r_pos = ${bucketStart('r')}
  union all
  select 'f', f, frequency_12m::text, customer_id::text from ranked where f > 1 and f_pos = ${bucketStart('f')}
  union all
  select 'm', m, value_12m_fen::text, customer_id::text from ranked where m > 1 and m_pos = ${bucketStart('m')}`;
}
