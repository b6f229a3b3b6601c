import { daysBetween, redistributedWhenMissing } from '@weixi/domain';
import {
  type CustomerScore,
  type GradeDistribution,
  type GradeHistoryEntry,
  type GradeOverride,
  type GradingIndicatorKey,
  type GradingPreview,
  type GradingRuleSet,
  type GradingRules,
  gradingIndicatorKeys,
  type OverridableField,
  type ServiceStandard,
} from '@weixi/shared';
import type {
  DistributionRow,
  HistoryRow,
  OverrideRow,
  RuleSetRow,
  ScoredCustomerRow,
  ScoreRow,
  StandardRow,
} from './grading.repository';
import type { PreviewRow } from './grading-sql';
import { parseStoredRules } from './regrade';

type Scored = NonNullable<CustomerScore['score']>;
type Proposal = Scored['proposal'];

const iso = (d: Date | string) => new Date(d).toISOString();
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The database spells the field value_tier; the API valueTier. */
export const overrideColumn: Record<OverridableField, string> = {
  grade: 'grade',
  category: 'category',
  valueTier: 'value_tier',
};
const fieldOfColumn = (column: string): OverridableField =>
  column === 'value_tier' ? 'valueTier' : (column as OverridableField);

export function presentRuleSet(row: RuleSetRow): GradingRuleSet {
  return {
    id: row.id,
    version: row.version,
    current: row.is_current,
    rules: parseStoredRules(row.rules),
    note: row.note,
    createdAt: iso(row.created_at),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
  };
}

export function presentStandard(row: StandardRow): ServiceStandard {
  return {
    grade: row.grade as ServiceStandard['grade'],
    followUpDays: row.follow_up_days,
    serviceModel: row.service_model as ServiceStandard['serviceModel'],
    hospitalityTier: row.hospitality_tier as ServiceStandard['hospitalityTier'],
    queuePriority: row.queue_priority,
    version: row.version,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
  };
}

function presentOverride(row: OverrideRow): GradeOverride {
  return {
    field: fieldOfColumn(row.field),
    value: row.value,
    reason: row.reason,
    by: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    at: iso(row.created_at),
  };
}

function presentHistory(row: HistoryRow): GradeHistoryEntry {
  return {
    id: row.id,
    from: row.from_grade as GradeHistoryEntry['from'],
    to: row.to_grade as GradeHistoryEntry['to'],
    cause: row.cause as GradeHistoryEntry['cause'],
    reason: row.reason,
    ruleVersion: row.rule_version,
    by: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    at: iso(row.at),
  };
}

/**
 * Each indicator's raw value, points and share of the total, from the stored points and raw
 * values and the weights of the rule version that computed them.
 */
function breakdownOf(score: NonNullable<ScoreRow>, rules: GradingRules, asOf: string): Scored['breakdown'] {
  const raw: Record<GradingIndicatorKey, number | null> = {
    value12m: Number(score.value_12m_fen),
    cooperationYears: score.cooperation_years,
    frequency12m: score.frequency_12m,
    recencyDays: score.last_order_on === null ? null : daysBetween(score.last_order_on, asOf),
    satisfaction: score.satisfaction === null ? null : Number(score.satisfaction),
  };
  const points = (score.breakdown ?? {}) as Partial<Record<GradingIndicatorKey, number>>;
  const counted = (key: GradingIndicatorKey) => !(raw[key] === null && redistributedWhenMissing.has(key));
  const weights = rules.indicators.reduce((s, ind) => s + (counted(ind.key) ? ind.weight : 0), 0);
  const order = (k: GradingIndicatorKey) => gradingIndicatorKeys.indexOf(k);
  return [...rules.indicators]
    .sort((a, b) => order(a.key) - order(b.key))
    .map((ind) => {
      const applied = counted(ind.key) && weights > 0 ? (ind.weight * 100) / weights : 0;
      const p = points[ind.key] ?? 0;
      return {
        key: ind.key,
        raw: raw[ind.key],
        points: p,
        weight: ind.weight,
        appliedWeight: round2(applied),
        contribution: round2((applied * p) / 100),
      };
    });
}

export function presentScore(input: {
  customer: ScoredCustomerRow;
  score: ScoreRow;
  rules: GradingRules | null;
  overrides: OverrideRow[];
  history: HistoryRow[];
  /** The last full regrade's date: it checked every row, including those it left unchanged. */
  lastFullAsOf: string | null;
}): CustomerScore {
  const { customer, score, rules } = input;
  // The latest date the row is known to be right as of: its own write, or a later full regrade.
  const asOf =
    score && input.lastFullAsOf && input.lastFullAsOf > score.as_of
      ? input.lastFullAsOf
      : (score?.as_of ?? '');
  return {
    customerId: customer.id,
    current: {
      grade: customer.grade as CustomerScore['current']['grade'],
      category: customer.category as CustomerScore['current']['category'],
      valueTier: customer.value_tier as CustomerScore['current']['valueTier'],
    },
    score:
      score && rules
        ? {
            total: Number(score.score),
            ruleVersion: score.rule_version,
            computedAt: iso(score.computed_at),
            asOf,
            breakdown: breakdownOf(score, rules, asOf),
            proposal: {
              grade: score.proposed_grade as Proposal['grade'],
              category: score.proposed_category as Proposal['category'],
              valueTier: score.proposed_value_tier as Proposal['valueTier'],
            },
            rfm:
              score.rfm_r !== null && score.rfm_f !== null && score.rfm_m !== null
                ? { r: score.rfm_r, f: score.rfm_f, m: score.rfm_m }
                : null,
          }
        : null,
    overrides: input.overrides.map(presentOverride),
    history: input.history.map(presentHistory),
  };
}

export function presentPreview(rows: PreviewRow[], asOf: string): GradingPreview {
  const of = (set: PreviewRow['set']) => rows.filter((r) => r.set === set);
  const changed = (set: PreviewRow['set']) =>
    of(set).reduce((n, r) => n + (r.from === r.to ? 0 : r.count), 0);
  // Largest moves first; ties in a fixed order so the matrix reads the same every time.
  const key = (v: string | null) => v ?? '~';
  const byCount = <T extends { count: number; from: string | null; to: string | null }>(xs: T[]) =>
    xs.sort(
      (a, b) =>
        b.count - a.count || key(a.from).localeCompare(key(b.from)) || key(a.to).localeCompare(key(b.to)),
    );
  type Cells<K extends 'gradeMatrix' | 'categoryMatrix' | 'valueTierMatrix'> = GradingPreview[K];
  const cells = <K extends 'gradeMatrix' | 'categoryMatrix' | 'valueTierMatrix'>(set: PreviewRow['set']) =>
    byCount(of(set).map((r) => ({ from: r.from, to: r.to, count: r.count }))) as Cells<K>;
  return {
    asOf,
    total: of('grade').reduce((n, r) => n + r.count, 0),
    changed: { grade: changed('grade'), category: changed('category'), valueTier: changed('value_tier') },
    gradeMatrix: cells<'gradeMatrix'>('grade'),
    categoryMatrix: cells<'categoryMatrix'>('category'),
    valueTierMatrix: cells<'valueTierMatrix'>('value_tier'),
  };
}

export function presentDistribution(
  rows: DistributionRow[],
  lastRegradeAt: string | null,
): GradeDistribution {
  const of = (dim: DistributionRow['dim']) => rows.filter((r) => r.dim === dim);
  const counts = <K extends 'grades' | 'categories' | 'valueTiers'>(dim: DistributionRow['dim']) =>
    of(dim).map((r) => ({ value: r.value, count: r.count })) as GradeDistribution[K];
  return {
    total: of('grade').reduce((n, r) => n + r.count, 0),
    grades: counts<'grades'>('grade'),
    categories: counts<'categories'>('category'),
    valueTiers: counts<'valueTiers'>('value_tier'),
    lastRegradeAt,
  };
}
