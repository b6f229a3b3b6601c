import type { FieldIssue } from '@weixi/shared';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import type { ServiceAdminResources } from '../../i18n/modules/service-admin.zh-CN';
import type { FormName } from '../engagement/form-errors';

type IssueCode = keyof ServiceAdminResources['errors'];

/** Issues from the server or the domain checks run in the browser: the same {path, code, message}. */
export type Issue = Pick<FieldIssue, 'path' | 'code' | 'message'>;

/** The reader's words for an issue code (the domain's and the server's), else the server's message. */
export function issueText(t: TFunction, issue: Issue): string {
  const codes = t('serviceAdmin.errors', { returnObjects: true }) as Record<IssueCode, string>;
  if (Object.hasOwn(codes, issue.code)) return codes[issue.code as IssueCode];
  const general = t('validation.server', { returnObjects: true }) as Record<string, string>;
  if (Object.hasOwn(general, issue.code)) return general[issue.code] ?? issue.message;
  return issue.message;
}

/**
 * Puts issues beside their fields. `nameOf` turns a path into the form name that shows it, or null
 * when no field does; those come back for the page to list above the form.
 */
export function placeIssues(
  t: TFunction,
  form: FormInstance,
  issues: readonly Issue[],
  nameOf: (path: string) => FormName | null,
): Issue[] {
  const byField = new Map<string, { name: FormName; errors: string[] }>();
  const unplaced: Issue[] = [];
  for (const issue of issues) {
    const name = nameOf(issue.path);
    if (!name) {
      unplaced.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    const text = issueText(t, issue);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  form.setFields(fields.map(({ name, errors }) => ({ name, errors })));
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  return unplaced;
}

export type { FormName };
