import type { ClassCondition, FieldIssue, GradingRules } from '@weixi/shared';

/**
 * The rules editor's form values: the rules exactly as the API takes them, except that money is in
 * yuan (the value12m bands and `minValueFen` conditions), because people think in 元, not 分. The
 * array positions are the API's, so a server issue at `rules.indicators.2.bands.1.min` lands on
 * the form field ['indicators', 2, 'bands', 1, 'min'].
 */
export type RulesForm = GradingRules;

const moneyIndicator = 'value12m';

const toYuan = (fen: number) => fen / 100;
// Yuan with at most two decimals; Math.round keeps 0.1 + 0.2 from becoming 30.000000000000004 fen.
const toFen = (yuan: number) => Math.round(yuan * 100);

function mapMoney(rules: GradingRules, convert: (n: number) => number): GradingRules {
  const copy = structuredClone(rules);
  for (const ind of copy.indicators) {
    if (ind.key !== moneyIndicator) continue;
    for (const b of ind.bands) {
      b.min = convert(b.min);
      b.max = b.max === null ? null : convert(b.max);
    }
  }
  for (const spec of [copy.category, copy.valueTier]) {
    for (const r of spec.rules) {
      if (r.when.minValueFen !== undefined) r.when.minValueFen = convert(r.when.minValueFen);
    }
  }
  return copy;
}

export function toForm(rules: GradingRules): RulesForm {
  return mapMoney(rules, toYuan);
}

/** Conditions as a form leaves them (null numbers, empty selections) → only the conditions set. */
export function cleanCondition(when: Record<string, unknown> | undefined): ClassCondition {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(when ?? {})) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out as ClassCondition;
}

/** Form values → the request body's rules (fen again, empty conditions dropped, open bands null). */
export function fromForm(values: RulesForm): GradingRules {
  const cleaned: GradingRules = {
    ...values,
    indicators: values.indicators.map((ind) => ({
      ...ind,
      weight: ind.weight ?? 0,
      bands: (ind.bands ?? []).map((b) => ({ min: b.min ?? 0, max: b.max ?? null, points: b.points ?? 0 })),
    })),
    category: {
      ...values.category,
      rules: (values.category.rules ?? []).map((r) => ({ ...r, when: cleanCondition(r.when) })),
    },
    valueTier: {
      ...values.valueTier,
      rules: (values.valueTier.rules ?? []).map((r) => ({ ...r, when: cleanCondition(r.when) })),
    },
  };
  return mapMoney(cleaned, toFen);
}

export function weightTotal(indicators: readonly { weight?: number | null }[] | undefined): number {
  return (indicators ?? []).reduce((sum, ind) => sum + (ind?.weight ?? 0), 0);
}

/** Paths that name one input of the editor (after the leading `rules.`). */
const fieldPath =
  /^(indicators\.\d+\.(weight|bands\.\d+\.(min|max|points))|cutoffs\.[ABC]|(category|valueTier)\.(otherwise|rules\.\d+\.(value|when\.\w+)))$/;

export interface FormFieldIssues {
  name: (string | number)[];
  issues: FieldIssue[];
}

/**
 * Splits a problem's issues into those shown beside an input and the rest (weights that do not
 * add up, a rule without conditions), which the editor lists above the form.
 */
export function splitIssues(issues: readonly FieldIssue[]): {
  fields: FormFieldIssues[];
  general: FieldIssue[];
} {
  const byField = new Map<string, FormFieldIssues>();
  const general: FieldIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^rules\./, '');
    if (!fieldPath.test(path)) {
      general.push({ ...issue, path });
      continue;
    }
    const entry = byField.get(path) ?? {
      name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      issues: [],
    };
    entry.issues.push({ ...issue, path });
    byField.set(path, entry);
  }
  return { fields: [...byField.values()], general };
}
