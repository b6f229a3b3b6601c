import type { FieldIssue } from '@weixi/shared';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { Resources } from '../../../i18n/zh-CN';
import { type SafeParser, serverIssueText, translateIssue } from '../../../lib/forms';
import { formNameForPath } from './customer-form-values';

type ServerCode = keyof Resources['customerDetail']['form']['serverErrors'];

/** Customer-specific wording for the server's field codes (credit-code checksum, region chain…). */
export function customerIssueText(t: TFunction, issue: FieldIssue): string {
  const codes = t('customerDetail.form.serverErrors', { returnObjects: true }) as Record<ServerCode, string>;
  if (issue.code in codes) return codes[issue.code as ServerCode];
  return serverIssueText(t, issue.path, issue.code, issue.message);
}

/**
 * Puts issues beside the form fields they name (region codes on the cascader, custom values on
 * their inputs, contact fields on their row). Returns the issues that found no field.
 */
export function showIssues(
  form: FormInstance,
  issues: { path: string; text: string }[],
  isField: (name: (string | number)[]) => boolean,
): { path: string; text: string }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: { path: string; text: string }[] = [];
  for (const issue of issues) {
    const name = formNameForPath(issue.path);
    if (!name || !isField(name)) {
      rest.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(issue.text)) entry.errors.push(issue.text);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields.map(({ name, errors }) => ({ name, errors })));
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  return rest;
}

/** Checks a request with its shared schema; on failure shows each issue and returns null. */
export function checkRequest<T>(
  t: TFunction,
  form: FormInstance,
  schema: SafeParser<T>,
  request: unknown,
  isField: (name: (string | number)[]) => boolean,
): { ok: true; data: T } | { ok: false; unplaced: string[] } {
  const result = schema.safeParse(request);
  if (result.success) return { ok: true, data: result.data };
  const rest = showIssues(
    form,
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), text: translateIssue(t, i) })),
    isField,
  );
  return { ok: false, unplaced: rest.map((r) => `${r.path}: ${r.text}`) };
}

/**
 * The form names a change touched, down to custom keys and contact rows: a server error beside a
 * field goes away once the user edits that field (antd keeps errors set by hand until then).
 */
export function changedNames(changed: Record<string, unknown>): (string | number)[][] {
  const names: (string | number)[][] = [];
  for (const [key, value] of Object.entries(changed)) {
    if (key === 'custom' && value && typeof value === 'object') {
      for (const k of Object.keys(value)) names.push(['custom', k]);
    } else if (key === 'contacts' && Array.isArray(value)) {
      value.forEach((row, i) => {
        if (!row || typeof row !== 'object') return;
        for (const [k, v] of Object.entries(row)) {
          if (k === 'custom' && v && typeof v === 'object')
            for (const ck of Object.keys(v)) names.push(['contacts', i, 'custom', ck]);
          else names.push(['contacts', i, k]);
        }
      });
    } else names.push([key]);
  }
  return names;
}
