import type { ContactRow, CustomFieldDefinitionRow } from '@weixi/db';
import { regionName } from '@weixi/domain';
import type { Contact, Customer, CustomFieldDefinition } from '@weixi/shared';
import type { CustomerView } from './customers.repository';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** 13800001234 → 138****1234; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 0) return '';
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-2)}`;
}

/** li.na@example.com → l***@example.com */
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return email ? '***' : '';
  return `${email[0]}***${email.slice(at)}`;
}

export function regionLabel(row: {
  province_code: string | null;
  city_code: string | null;
  district_code: string | null;
}): string {
  const names = [
    regionName(row.province_code),
    regionName(row.city_code),
    regionName(row.district_code),
  ].filter((n): n is string => n !== null && n !== '市辖区' && n !== '县');
  return names.join(' / ');
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export function presentCustomer(row: CustomerView, plain: boolean): Customer {
  return {
    id: row.id,
    kind: row.kind as Customer['kind'],
    name: row.name,
    shortName: row.short_name,
    creditCode: row.credit_code,
    industry: row.industry,
    scale: row.scale as Customer['scale'],
    provinceCode: row.province_code,
    cityCode: row.city_code,
    districtCode: row.district_code,
    regionName: regionLabel(row),
    address: row.address,
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    phone: plain ? row.phone : maskPhone(row.phone),
    email: plain ? row.email : maskEmail(row.email),
    wechat: plain ? row.wechat : row.wechat ? '***' : '',
    website: row.website,
    source: row.source as Customer['source'],
    foundedOn: row.founded_on,
    signedOn: row.signed_on,
    tags: row.tags,
    preferences: row.preferences,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    collaborators: row.collaborators,
    category: row.category as Customer['category'],
    grade: row.grade as Customer['grade'],
    valueTier: row.value_tier as Customer['valueTier'],
    lifecycle: row.lifecycle as Customer['lifecycle'],
    status: row.status as Customer['status'],
    invalidReason: row.invalid_reason,
    invalidatedAt: iso(row.invalidated_at),
    mergedIntoId: row.merged_into_id,
    verifiedAt: iso(row.verified_at),
    verifiedBy: row.verified_by ? { id: row.verified_by, name: row.verified_by_name ?? '' } : null,
    custom: row.custom,
    masked: !plain,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}

export function presentContact(row: ContactRow, plain: boolean): Contact {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    employer: row.employer,
    position: row.position,
    address: row.address,
    phone: plain ? row.phone : maskPhone(row.phone),
    email: plain ? row.email : maskEmail(row.email),
    wechat: plain ? row.wechat : row.wechat ? '***' : '',
    birthday: row.birthday,
    decisionRole: row.decision_role as Contact['decisionRole'],
    hasDecisionAuthority: row.has_decision_authority,
    preferredChannel: row.preferred_channel as Contact['preferredChannel'],
    personalNotes: row.personal_notes,
    isKey: row.is_key,
    custom: row.custom,
    masked: !plain,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}

/** What the audit log keeps of a customer: the plain view (admins read the log), no search data. */
export function auditCustomer(c: Customer): Record<string, unknown> {
  const { createdAt: _a, updatedAt: _b, masked: _c, regionName: _d, ...rest } = c;
  return rest;
}

export function auditContact(c: Contact): Record<string, unknown> {
  const { createdAt: _a, updatedAt: _b, masked: _c, ...rest } = c;
  return rest;
}

export function presentCustomField(row: CustomFieldDefinitionRow): CustomFieldDefinition {
  return {
    id: row.id,
    entity: row.entity as CustomFieldDefinition['entity'],
    key: row.key,
    labelZh: row.label_zh,
    labelEn: row.label_en,
    type: row.type as CustomFieldDefinition['type'],
    options: row.options,
    required: row.required,
    position: row.position,
    active: row.active,
    version: row.version,
  };
}
