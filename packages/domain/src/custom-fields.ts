export type CustomFieldType = 'text' | 'number' | 'date' | 'single_select' | 'multi_select' | 'boolean';

export interface CustomFieldRule {
  key: string;
  type: CustomFieldType;
  required: boolean;
  active: boolean;
  options: readonly { value: string }[];
}

export interface CustomFieldIssue {
  path: string;
  code: string;
  message: string;
}

const textMax = 1000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string): boolean {
  if (!isoDate.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const empty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Validates values of administrator-defined fields. On create (`partial: false`) required fields
 * must be present; on update only the keys sent are checked, and sending null clears a value
 * unless the field is required. Unknown and retired (inactive) keys are refused so typos do not
 * silently create data nobody sees.
 */
export function validateCustomValues(
  rules: readonly CustomFieldRule[],
  values: Record<string, unknown>,
  { partial }: { partial: boolean },
): { values: Record<string, unknown>; issues: CustomFieldIssue[] } {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const issues: CustomFieldIssue[] = [];
  const out: Record<string, unknown> = {};
  const issue = (key: string, code: string, message: string) =>
    issues.push({ path: `custom.${key}`, code, message });

  for (const [key, raw] of Object.entries(values)) {
    const rule = byKey.get(key);
    if (!rule?.active) {
      issue(key, 'unknown_field', 'no such custom field');
      continue;
    }
    if (empty(raw)) {
      if (rule.required) issue(key, 'required', 'required');
      else out[key] = null;
      continue;
    }
    const allowed = new Set(rule.options.map((o) => o.value));
    switch (rule.type) {
      case 'text':
        if (typeof raw !== 'string') issue(key, 'invalid_type', 'must be text');
        else if (raw.length > textMax) issue(key, 'too_big', `at most ${textMax} characters`);
        else out[key] = raw.trim();
        break;
      case 'number':
        if (typeof raw !== 'number' || !Number.isFinite(raw)) issue(key, 'invalid_type', 'must be a number');
        else out[key] = raw;
        break;
      case 'date':
        if (typeof raw !== 'string' || !realDate(raw))
          issue(key, 'invalid_date', 'must be a real date written YYYY-MM-DD');
        else out[key] = raw;
        break;
      case 'boolean':
        if (typeof raw !== 'boolean') issue(key, 'invalid_type', 'must be true or false');
        else out[key] = raw;
        break;
      case 'single_select':
        if (typeof raw !== 'string' || !allowed.has(raw))
          issue(key, 'invalid_option', 'is not one of the options');
        else out[key] = raw;
        break;
      case 'multi_select':
        if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string' || !allowed.has(v))) {
          issue(key, 'invalid_option', 'every value must be one of the options');
        } else out[key] = [...new Set(raw as string[])];
        break;
    }
  }
  if (!partial) {
    for (const rule of rules) {
      if (rule.active && rule.required && !(rule.key in values)) issue(rule.key, 'required', 'required');
    }
  }
  return { values: out, issues };
}

/**
 * Reads a spreadsheet cell into a custom field's type ("是"/"否", "2026/3/1", "A;B"), so imports
 * accept what people type in Excel. Returns undefined when the text cannot be read as that type.
 */
export function coerceCustomCell(rule: CustomFieldRule, cell: string): unknown {
  const s = cell.trim();
  if (s === '') return null;
  switch (rule.type) {
    case 'text':
      return s;
    case 'number': {
      const n = Number(s.replace(/[,，\s]/g, ''));
      return Number.isFinite(n) ? n : undefined;
    }
    case 'date': {
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
      return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
    }
    case 'boolean':
      if (['是', 'true', 'yes', 'y', '1', '√', '✓'].includes(s.toLowerCase())) return true;
      if (['否', 'false', 'no', 'n', '0', '×', '✗'].includes(s.toLowerCase())) return false;
      return undefined;
    case 'single_select':
      return s;
    case 'multi_select':
      return s
        .split(/[;；,，、|]/)
        .map((v) => v.trim())
        .filter(Boolean);
  }
}
