import type { CustomFieldDefinition } from '@weixi/shared';
import dayjs from 'dayjs';
import { fromDateString, toDateString } from './dates';

/**
 * Custom values (of customers and of contacts alike) between the form and the API: dates are Dayjs
 * while in the form, and an empty input is null for the API.
 */

/** A custom value as the form holds it → as the API stores it (null when left empty). */
export function customToApi(def: Pick<CustomFieldDefinition, 'type'>, raw: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  switch (def.type) {
    case 'text':
      return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : null;
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'date':
      return dayjs.isDayjs(raw) ? toDateString(raw) : typeof raw === 'string' && raw ? raw : null;
    case 'boolean':
      return typeof raw === 'boolean' ? raw : null;
    case 'single_select':
      return typeof raw === 'string' && raw !== '' ? raw : null;
    case 'multi_select':
      return Array.isArray(raw) && raw.length > 0 ? raw : null;
  }
}

/** A stored custom value → what the field's input expects. */
export function customToForm(def: Pick<CustomFieldDefinition, 'type'>, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (def.type === 'date') return typeof value === 'string' ? fromDateString(value) : undefined;
  return value;
}

export function customValuesFromForm(
  defs: readonly CustomFieldDefinition[],
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) {
    if (!def.active) continue;
    out[def.key] = customToApi(def, values?.[def.key]);
  }
  return out;
}

/** The values filled in, for a create body: empty ones are left out (nothing to store). */
export function filledCustomValues(
  defs: readonly CustomFieldDefinition[],
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(customValuesFromForm(defs, values)).filter(([, value]) => value !== null),
  );
}

/** A record's stored custom values as the form's inputs expect them. */
export function customFormValues(
  defs: readonly CustomFieldDefinition[],
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const def of defs) out[def.key] = customToForm(def, stored[def.key]);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * For a PATCH: the whole set of active values when any of them changed (so a required field left
 * empty is reported rather than skipped), otherwise undefined.
 */
export function changedCustomValues(
  defs: readonly CustomFieldDefinition[],
  values: Record<string, unknown> | undefined,
  stored: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const custom = customValuesFromForm(defs, values);
  return Object.entries(custom).some(([key, value]) => !same(value, stored[key])) ? custom : undefined;
}
