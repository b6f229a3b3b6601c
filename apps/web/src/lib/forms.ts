import type { createUserRequestSchema } from '@weixi/shared';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { ApiError } from '../api/client';
import type { Resources } from '../i18n/zh-CN';

/** A zod issue as the shared schemas report it, derived from them so the web app needs no zod import. */
type ZodIssue = NonNullable<ReturnType<typeof createUserRequestSchema.safeParse>['error']>['issues'][number];

/** The parts of a zod schema the forms use; every shared schema has them. */
export interface SafeParser<T> {
  safeParse(
    value: unknown,
  ): { success: true; data: T; error?: undefined } | { success: false; error: { issues: ZodIssue[] } };
}

/**
 * Translates a zod issue by its structured code rather than its English message, so the same
 * shared schema gives Chinese or English field errors.
 */
export function translateIssue(t: TFunction, issue: ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('validation.required')
          : t('validation.tooShort', { min: Number(issue.minimum) });
      }
      return t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: Number(issue.maximum) })
        : t('validation.tooBig', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'regex' && issue.path.at(-1) === 'phone') return t('validation.phone');
      return t('validation.invalid');
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return t('validation.required');
      return issue.expected === 'int' || issue.expected === 'number'
        ? t('validation.integer')
        : t('validation.invalid');
    case 'unrecognized_keys':
      return t('validation.unknownField');
    default:
      return t('validation.invalid');
  }
}

/** An antd rule checking one field with its shared schema, for feedback as the user types. */
export function zodRule<T>(t: TFunction, schema: SafeParser<T>, opts: { blankOk?: boolean } = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      // Optional inputs such as "reset password" mean "leave unchanged" when left empty.
      if (opts.blankOk && (value === undefined || value === null || value === '')) return;
      const result = schema.safeParse(value);
      if (!result.success) {
        const issue = result.error.issues[0];
        throw new Error(issue ? translateIssue(t, issue) : t('validation.invalid'));
      }
    },
  };
}

/**
 * Checks the whole request with its shared schema before sending. Returns the parsed request, or
 * null after putting each issue beside its field.
 */
export function validateRequest<T>(
  t: TFunction,
  form: FormInstance,
  schema: SafeParser<T>,
  request: unknown,
): T | null {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const byField = new Map<string, string[]>();
  for (const issue of result.error.issues) {
    const name = issue.path.map(String).join('.');
    byField.set(name, [...(byField.get(name) ?? []), translateIssue(t, issue)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
  return null;
}

type ServerCode = keyof Resources['validation']['server'];
type FieldKey = keyof Resources['validation']['fields'];

const isServerCode = (code: string): code is ServerCode =>
  ['already_exists', 'not_found', 'cycle', 'self', 'unchanged', 'invalid'].includes(code);
const isFieldKey = (key: string): key is FieldKey =>
  [
    'email_already_exists',
    'name_already_exists',
    'currentPassword_invalid',
    'departmentId_not_found',
    'parentId_not_found',
    'managerId_not_found',
  ].includes(key);

/** The text for a server field issue: field-specific wording, then code, then the server message. */
export function serverIssueText(t: TFunction, path: string, code: string, message: string): string {
  const fieldKey = `${path}_${code}`;
  if (isFieldKey(fieldKey)) return t(`validation.fields.${fieldKey}`);
  if (isServerCode(code)) return t(`validation.server.${code}`);
  // Schema issues reach the server only if the client's check was bypassed; its message is still clear.
  return message;
}

/**
 * Puts the server's per-field issues beside the form fields they name. Returns true when every issue
 * found a field; otherwise the caller shows the problem's detail as a message.
 */
export function applyServerErrors(
  t: TFunction,
  form: FormInstance,
  err: ApiError,
  fields: readonly string[],
): boolean {
  const onFields = err.fieldErrors.filter((e) => fields.includes(e.path));
  if (onFields.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const e of onFields)
    byField.set(e.path, [...(byField.get(e.path) ?? []), serverIssueText(t, e.path, e.code, e.message)]);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return onFields.length === err.fieldErrors.length;
}
