import type { FieldIssue } from '@weixi/shared';
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { type ApiError, isApiError } from '../../api/client';
import type { ServiceResources } from '../../i18n/modules/service.zh-CN';
import { errorText } from '../../lib/errors';
import { serverIssueText } from '../../lib/forms';

type ServiceCode = keyof ServiceResources['errors'];

/** Service wording for the server's field codes (in_future, root_cause_required…), then the general ones. */
export function serviceIssueText(t: TFunction, issue: FieldIssue): string {
  const codes = t('service.errors', { returnObjects: true }) as Record<ServiceCode, string>;
  if (Object.hasOwn(codes, issue.code)) return codes[issue.code as ServiceCode];
  return serverIssueText(t, issue.path, issue.code, issue.message);
}

/**
 * A refused ticket write in words: the first field issue in the reader's language when the
 * server named one (the ticket's state, a missing root cause…), else the general error text.
 */
export function serviceErrorText(t: TFunction, err: unknown): string {
  if (isApiError(err)) {
    const first = err.fieldErrors[0];
    if (first) return serviceIssueText(t, first);
  }
  return errorText(t, err);
}

/**
 * Puts the server's per-field issues beside the form fields they name (request paths equal form
 * names here). Returns true when every issue found a field; otherwise the caller shows the detail.
 */
export function placeServerErrors(
  t: TFunction,
  form: FormInstance,
  err: ApiError,
  fields: readonly string[],
): boolean {
  const byField = new Map<string, string[]>();
  let unplaced = 0;
  for (const issue of err.fieldErrors) {
    const name = issue.path.split('.')[0] ?? '';
    if (!fields.includes(name)) {
      unplaced++;
      continue;
    }
    const text = serviceIssueText(t, issue);
    const list = byField.get(name) ?? [];
    if (!list.includes(text)) list.push(text);
    byField.set(name, list);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  const first = [...byField.keys()][0];
  if (first) form.scrollToField(first, { block: 'center', behavior: 'smooth' });
  return byField.size > 0 && unplaced === 0;
}

/** A stale write: someone else changed the ticket since it was loaded. */
export function isVersionConflict(err: unknown): boolean {
  return isApiError(err) && err.code === 'version_conflict';
}
