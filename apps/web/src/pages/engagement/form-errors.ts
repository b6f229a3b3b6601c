import type { FieldIssue } from '@weixi/shared';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { type ApiError, isApiError } from '../../api/client';
import type { Resources } from '../../i18n/zh-CN';
import { errorText } from '../../lib/errors';
import { type SafeParser, serverIssueText, translateIssue } from '../../lib/forms';

export type FormName = (string | number)[];

/**
 * The form field a server issue belongs to. `aliases` renames request paths the form spells
 * differently (`nextStepTask.dueOn` → `taskDueOn`); `collapse` names fields whose value is a whole
 * list in one input (`contactIds.2` → `contactIds`, a multi-select has no per-item slots). Numeric
 * segments become numbers, as antd's Form.List names them (`commitments.0.dueOn`).
 */
export function formNameOf(
  path: string,
  aliases: Readonly<Record<string, string>> = {},
  collapse: readonly string[] = [],
): FormName {
  let p = path;
  for (const [from, to] of Object.entries(aliases)) {
    if (p === from || p.startsWith(`${from}.`)) {
      p = to + p.slice(from.length);
      break;
    }
  }
  const parts = p.split('.').filter((s) => s !== '');
  const head = parts[0];
  if (head !== undefined && collapse.includes(head)) return [head];
  return parts.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

type EngagementCode = keyof Resources['engagement']['errors'];

/** Engagement wording for the server's field codes (in_future, before_today…), then the general ones. */
export function engagementIssueText(t: TFunction, issue: FieldIssue): string {
  const codes = t('engagement.errors', { returnObjects: true }) as Record<EngagementCode, string>;
  if (issue.code in codes) return codes[issue.code as EngagementCode];
  return serverIssueText(t, issue.path, issue.code, issue.message);
}

/** Codes that say why a write was refused as a whole (a status moved on, a visit's own record…). */
const recordCodes = new Set([
  'invalid_transition',
  'not_open',
  'not_planned',
  'visit_report',
  'customer_inactive',
  'not_managed',
]);

/**
 * A refused engagement write in words: the record-level reason when the server gave one (in the
 * reader's language, not the server's English detail), otherwise the general error text.
 */
export function engagementErrorText(t: TFunction, err: unknown): string {
  if (isApiError(err)) {
    const known = err.fieldErrors.find((e) => recordCodes.has(e.code));
    if (known) return engagementIssueText(t, known);
  }
  return errorText(t, err);
}

/**
 * Puts the server's per-field issues beside the fields they name. Returns true when every issue
 * found a field; otherwise the caller shows the problem's detail as well.
 */
export function placeServerErrors(
  t: TFunction,
  form: FormInstance,
  err: ApiError,
  opts: {
    isField: (name: FormName) => boolean;
    aliases?: Readonly<Record<string, string>>;
    collapse?: readonly string[];
  },
): boolean {
  const byField = new Map<string, { name: FormName; errors: string[] }>();
  let unplaced = 0;
  for (const issue of err.fieldErrors) {
    const name = formNameOf(issue.path, opts.aliases, opts.collapse);
    if (!opts.isField(name)) {
      unplaced++;
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const text = engagementIssueText(t, issue);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields.map(({ name, errors }) => ({ name, errors })));
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  return fields.length > 0 && unplaced === 0;
}

/**
 * Checks a request with its shared schema before sending; on failure puts each issue beside its
 * field (named as the server would name it, through the same aliases) and returns null.
 */
export function checkWithSchema<T>(
  t: TFunction,
  form: FormInstance,
  schema: SafeParser<T>,
  request: unknown,
  opts: { aliases?: Readonly<Record<string, string>>; collapse?: readonly string[] } = {},
): T | null {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const byField = new Map<string, { name: FormName; errors: string[] }>();
  for (const issue of result.error.issues) {
    const name = formNameOf(issue.path.map(String).join('.'), opts.aliases, opts.collapse);
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const text = translateIssue(t, issue);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields.map(({ name, errors }) => ({ name, errors })));
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  return null;
}
