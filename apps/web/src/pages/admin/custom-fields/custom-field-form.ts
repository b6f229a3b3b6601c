import type { CustomFieldDefinition } from '@weixi/shared';
import type { CustomFieldInput, CustomFieldPatch } from '../../../api/customer-records';

/** The custom-field drawer's values ↔ request bodies, and the option rules the server also enforces. */

export interface CustomFieldFormValues {
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldDefinition['type'];
  options?: { value?: string; labelZh?: string; labelEn?: string }[];
  required: boolean;
  position: number;
}

export const hasOptions = (type: CustomFieldDefinition['type']) =>
  type === 'single_select' || type === 'multi_select';

const clean = (options: CustomFieldFormValues['options']) =>
  (options ?? []).map((o) => ({
    value: (o.value ?? '').trim(),
    labelZh: (o.labelZh ?? '').trim(),
    labelEn: (o.labelEn ?? '').trim(),
  }));

export type OptionProblem =
  | { path: ['options']; code: 'required' }
  | { path: ['options', number, 'value']; code: 'duplicate' };

/** A select needs at least one option and option values must be unique (stored values use them). */
export function optionProblems(
  type: CustomFieldDefinition['type'],
  options: CustomFieldFormValues['options'],
): OptionProblem[] {
  if (!hasOptions(type)) return [];
  const list = clean(options);
  if (list.length === 0) return [{ path: ['options'], code: 'required' }];
  const seen = new Set<string>();
  const problems: OptionProblem[] = [];
  list.forEach((o, i) => {
    if (o.value && seen.has(o.value)) problems.push({ path: ['options', i, 'value'], code: 'duplicate' });
    seen.add(o.value);
  });
  return problems;
}

export function toCreateFieldRequest(
  entity: CustomFieldInput['entity'],
  v: CustomFieldFormValues,
): CustomFieldInput {
  return {
    entity,
    key: v.key.trim(),
    labelZh: v.labelZh.trim(),
    labelEn: v.labelEn.trim(),
    type: v.type,
    options: hasOptions(v.type) ? clean(v.options) : [],
    required: v.required,
    position: v.position,
  };
}

export function fieldFormValues(d: CustomFieldDefinition): CustomFieldFormValues {
  return {
    key: d.key,
    labelZh: d.labelZh,
    labelEn: d.labelEn,
    type: d.type,
    options: d.options,
    required: d.required,
    position: d.position,
  };
}

/** Only what changed; key and type are fixed once created. */
export function toUpdateFieldRequest(d: CustomFieldDefinition, v: CustomFieldFormValues): CustomFieldPatch {
  const body: CustomFieldPatch = {};
  if (v.labelZh.trim() !== d.labelZh) body.labelZh = v.labelZh.trim();
  if (v.labelEn.trim() !== d.labelEn) body.labelEn = v.labelEn.trim();
  if (v.required !== d.required) body.required = v.required;
  if (v.position !== d.position) body.position = v.position;
  if (hasOptions(d.type)) {
    const options = clean(v.options);
    if (JSON.stringify(options) !== JSON.stringify(d.options)) body.options = options;
  }
  return body;
}
