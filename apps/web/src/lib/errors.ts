import { type ErrorCode, errorStatus } from '@weixi/shared';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

type KnownCode = ErrorCode | 'network_error';

function isKnownCode(code: string): code is KnownCode {
  return code === 'network_error' || Object.hasOwn(errorStatus, code);
}

/** Codes whose server detail says something the translated sentence cannot (counts, which rule). */
const informativeDetail = new Set<string>([
  'conflict',
  'bad_request',
  'forbidden',
  'not_found',
  'validation_failed',
]);

/** A translated headline for any error, plus the server's own detail where it adds information. */
export function describeError(t: TFunction, err: unknown): { title: string; detail?: string } {
  if (isApiError(err)) {
    const title = isKnownCode(err.code) ? t(`errors.codes.${err.code}`) : err.detail;
    const detail = informativeDetail.has(err.code) && err.detail !== title ? err.detail : undefined;
    return detail ? { title, detail } : { title };
  }
  if (err instanceof Error) return { title: t('errors.crashTitle'), detail: err.message };
  return { title: t('errors.crashTitle') };
}

export function errorText(t: TFunction, err: unknown): string {
  const { title, detail } = describeError(t, err);
  return detail ? `${title}（${detail}）` : title;
}
