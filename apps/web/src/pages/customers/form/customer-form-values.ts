import type {
  CreateCustomerRequest,
  CustomerDetail,
  CustomerFieldValues,
  CustomFieldDefinition,
  UpdateCustomerRequest,
} from '@weixi/shared';
import type { Dayjs } from 'dayjs';
import { type ContactFormValues, contactRequestFromForm } from './contact-values';
import {
  changedCustomValues,
  customFormValues,
  customToApi,
  customToForm,
  customValuesFromForm,
  filledCustomValues,
} from './custom-values';
import { fromDateString, toDateString } from './dates';

export { customToApi, customToForm, customValuesFromForm };

/**
 * Form values ↔ request bodies for the customer form. Kept free of React so the mapping (dates,
 * region chain, custom values by type, "only what changed" on edit) is unit-tested.
 */

type F = CustomerFieldValues;

export interface CustomerFormValues {
  kind: F['kind'];
  name: string;
  shortName?: string;
  creditCode?: string;
  industry?: string;
  scale?: F['scale'];
  source?: F['source'];
  foundedOn?: Dayjs | null;
  signedOn?: Dayjs | null;
  tags?: string[];
  phone?: string;
  email?: string;
  wechat?: string;
  website?: string;
  /** Province, city, district codes from the cascader; any prefix of the chain. */
  region?: string[];
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  category: F['category'];
  grade?: F['grade'];
  valueTier?: F['valueTier'];
  lifecycle: F['lifecycle'];
  ownerId?: string | null;
  collaboratorIds?: string[];
  preferences?: string;
  /** Keyed by custom field key; dates as Dayjs while in the form. */
  custom?: Record<string, unknown>;
  contacts?: ContactFormValues[];
}

const str = (v: string | undefined | null): string => (v ?? '').trim();
const orNull = <T>(v: T | undefined | null): T | null => (v === undefined ? null : v);

/** Every standard field as the API names it, from the form; empty text is '' and empty choices null. */
export function fieldsFromForm(v: CustomerFormValues): Omit<F, 'custom'> {
  const [provinceCode, cityCode, districtCode] = v.region ?? [];
  return {
    kind: v.kind,
    name: str(v.name),
    shortName: str(v.shortName),
    creditCode: str(v.creditCode) === '' ? null : str(v.creditCode).toUpperCase(),
    industry: str(v.industry),
    scale: orNull(v.scale),
    provinceCode: provinceCode ?? null,
    cityCode: cityCode ?? null,
    districtCode: districtCode ?? null,
    address: str(v.address),
    latitude: orNull(v.latitude),
    longitude: orNull(v.longitude),
    phone: str(v.phone),
    email: str(v.email),
    wechat: str(v.wechat),
    website: str(v.website),
    source: orNull(v.source),
    foundedOn: toDateString(v.foundedOn),
    signedOn: toDateString(v.signedOn),
    tags: [...new Set((v.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    preferences: str(v.preferences),
    ownerId: orNull(v.ownerId),
    category: v.category,
    grade: orNull(v.grade),
    valueTier: orNull(v.valueTier),
    lifecycle: v.lifecycle,
  };
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * The create body: only what was filled in (the server's defaults apply to the rest). The owner is
 * sent only by people who may assign one; an account manager's new customer is theirs.
 */
export function toCreateRequest(
  v: CustomerFormValues,
  defs: readonly CustomFieldDefinition[],
  opts: { canAssign: boolean; contactDefs?: readonly CustomFieldDefinition[] },
): CreateCustomerRequest {
  const fields = fieldsFromForm(v);
  const body: Record<string, unknown> = { name: fields.name };
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'ownerId' && !opts.canAssign) continue;
    if (!isEmpty(value)) body[key] = value;
  }
  const custom = filledCustomValues(defs, v.custom);
  if (Object.keys(custom).length > 0) body.custom = custom;
  if (v.collaboratorIds && v.collaboratorIds.length > 0) body.collaboratorIds = v.collaboratorIds;
  const contacts = (v.contacts ?? [])
    .filter((c) => str(c.name) !== '')
    .map((c) => contactRequestFromForm(c, opts.contactDefs ?? []));
  if (contacts.length > 0) body.contacts = contacts;
  return body as CreateCustomerRequest;
}

/** The customer as the form shows it. */
export function formValuesFromCustomer(
  c: CustomerDetail,
  defs: readonly CustomFieldDefinition[],
): CustomerFormValues {
  const region = [c.provinceCode, c.cityCode, c.districtCode].filter((x): x is string => x !== null);
  const custom = customFormValues(defs, c.custom);
  return {
    kind: c.kind,
    name: c.name,
    shortName: c.shortName,
    creditCode: c.creditCode ?? '',
    industry: c.industry,
    scale: c.scale,
    source: c.source,
    foundedOn: fromDateString(c.foundedOn),
    signedOn: fromDateString(c.signedOn),
    tags: c.tags,
    phone: c.phone,
    email: c.email,
    wechat: c.wechat,
    website: c.website,
    region,
    address: c.address,
    latitude: c.latitude,
    longitude: c.longitude,
    category: c.category,
    grade: c.grade,
    valueTier: c.valueTier,
    lifecycle: c.lifecycle,
    ownerId: c.owner?.id ?? null,
    collaboratorIds: c.collaborators.map((u) => u.id),
    preferences: c.preferences,
    custom,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * Only what changed goes into the PATCH, so the audit log shows the edit and nothing else, and
 * values the user never touched (masked phone numbers, retired custom fields) are left alone.
 * The region chain travels together: changing the city re-checks the district against it.
 */
export function toUpdateRequest(
  c: CustomerDetail,
  v: CustomerFormValues,
  defs: readonly CustomFieldDefinition[],
): UpdateCustomerRequest {
  const next = fieldsFromForm(v);
  const current: Omit<F, 'custom'> = {
    kind: c.kind,
    name: c.name,
    shortName: c.shortName,
    creditCode: c.creditCode,
    industry: c.industry,
    scale: c.scale,
    provinceCode: c.provinceCode,
    cityCode: c.cityCode,
    districtCode: c.districtCode,
    address: c.address,
    latitude: c.latitude,
    longitude: c.longitude,
    phone: c.phone,
    email: c.email,
    wechat: c.wechat,
    website: c.website,
    source: c.source,
    foundedOn: c.foundedOn,
    signedOn: c.signedOn,
    tags: c.tags,
    preferences: c.preferences,
    ownerId: c.owner?.id ?? null,
    category: c.category,
    grade: c.grade,
    valueTier: c.valueTier,
    lifecycle: c.lifecycle,
  };
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (key === 'tags') {
      if (!sameSet(next.tags, current.tags)) body.tags = next.tags;
    } else if (!same(next[key], current[key])) body[key] = next[key];
  }
  const regionKeys = ['provinceCode', 'cityCode', 'districtCode'] as const;
  if (regionKeys.some((k) => k in body)) for (const k of regionKeys) body[k] = next[k];
  const coordinates = ['latitude', 'longitude'] as const;
  if (coordinates.some((k) => k in body)) for (const k of coordinates) body[k] = next[k];

  const custom = changedCustomValues(defs, v.custom, c.custom);
  if (custom) body.custom = custom;

  const collaborators = v.collaboratorIds ?? [];
  if (
    !sameSet(
      collaborators,
      c.collaborators.map((u) => u.id),
    )
  )
    body.collaboratorIds = collaborators;
  return body as UpdateCustomerRequest;
}

/**
 * Where a request path (from the shared schema or the server's problem) shows in the form:
 * the region codes share the cascader, collaborator issues sit on the picker.
 */
export function formNameForPath(path: string): (string | number)[] | null {
  const parts = path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const [head] = parts;
  if (head === undefined || head === '') return null;
  if (head === 'provinceCode' || head === 'cityCode' || head === 'districtCode') return ['region'];
  if (head === 'collaboratorIds') return ['collaboratorIds'];
  if (head === 'tags') return ['tags'];
  if (head === 'custom') return parts.length >= 2 ? ['custom', String(parts[1])] : ['custom'];
  if (head === 'contacts') {
    // contacts.0.custom.<key> sits on that contact's custom input.
    if (parts[2] === 'custom') return parts.length >= 4 ? parts.slice(0, 4) : null;
    return parts.length >= 3 ? parts.slice(0, 3) : null;
  }
  if (head === 'confirmDuplicates' || head === 'version') return null;
  return [head];
}
