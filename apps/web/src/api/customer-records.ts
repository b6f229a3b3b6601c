import {
  type AuditEntry,
  auditPageSchema,
  type Contact,
  type CreateContactRequest,
  type CreateCustomerRequest,
  type CustomerDetail,
  type CustomerSettings,
  type CustomFieldDefinition,
  contactListSchema,
  contactSchema,
  customerDetailSchema,
  customerPageSchema,
  customerSettingsSchema,
  customFieldDefinitionSchema,
  customFieldListSchema,
  type DuplicateMatch,
  duplicateGroupPageSchema,
  duplicateListSchema,
  type StaffMember,
  staffPageSchema,
  type UpdateContactRequest,
  type UpdateCustomerRequest,
  type UpdateCustomerSettingsRequest,
} from '@weixi/shared';
import { api, type Parser } from './client';

/**
 * One customer record and what hangs off it: detail, create/edit, verify / invalidate / restore,
 * unmasking, history, contacts, merge, duplicate check and scan, custom-field definitions and the
 * archive settings. The list page's calls live in ./customers.ts; the keys of reference data
 * (regions, staff, custom fields, settings) are the same as there, so both share one cache entry.
 */

export type { AuditEntry, Contact, CustomerDetail, CustomFieldDefinition, DuplicateMatch, StaffMember };
export type DuplicateGroup = ReturnType<typeof duplicateGroupPageSchema.parse>['groups'][number];
export type DuplicateCustomer = DuplicateMatch['customer'];
export type CustomerSummary = ReturnType<typeof customerPageSchema.parse>['items'][number];
export type CustomFieldEntity = CustomFieldDefinition['entity'];
export type CustomFieldOption = CustomFieldDefinition['options'][number];

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

export type { CustomerSettings, UpdateCustomerSettingsRequest };

/** What `POST /customers/:id/unmask` reveals: the plain values behind the masked ones. */
export interface Unmasked {
  phone: string;
  email: string;
  wechat: string;
  contacts: { id: string; phone: string; email: string; wechat: string }[];
}

export interface CustomFieldInput {
  entity: CustomFieldEntity;
  key: string;
  labelZh: string;
  labelEn: string;
  type: CustomFieldDefinition['type'];
  options: CustomFieldOption[];
  required: boolean;
  position: number;
}

export type CustomFieldPatch = Partial<
  Pick<CustomFieldInput, 'labelZh' | 'labelEn' | 'options' | 'required' | 'position'> & { active: boolean }
>;

export interface MergeRequest {
  survivorId: string;
  mergedId: string;
  survivorVersion: number;
  mergedVersion: number;
  take: Record<string, 'survivor' | 'merged'>;
}

export interface DuplicateProbe {
  name?: string;
  creditCode?: string | null;
  phone?: string;
  contactPhones?: string[];
  excludeId?: string;
}

const unmaskParser: Parser<Unmasked> = {
  parse(data) {
    const d = data as Partial<Unmasked> | null;
    if (!d || typeof d.phone !== 'string' || !Array.isArray(d.contacts))
      throw new Error('unexpected unmask response');
    return d as Unmasked;
  },
};

/** Query keys under `customers`, so invalidating ['customers'] also refreshes the list page. */
export const recordKeys = {
  all: ['customers'] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  history: (id: string, limit: number, cursor: string | undefined) =>
    ['customers', 'detail', id, 'history', limit, cursor ?? null] as const,
  duplicateCheck: (probe: DuplicateProbe) => ['customers', 'duplicate-check', probe] as const,
  duplicateScan: (limit: number, cursor: string | undefined) =>
    ['customers', 'duplicate-scan', limit, cursor ?? null] as const,
  search: (q: string) => ['customers', 'merge-search', q] as const,
  customFields: (entity: CustomFieldEntity) => ['custom-fields', entity] as const,
  /** Shared with the list page (api/customers.ts), which reads the same settings. */
  settings: ['customers', 'settings'] as const,
  regions: ['regions'] as const,
  staff: (q: string) => ['staff', q] as const,
};

export const customerRecordsApi = {
  get: (id: string) => api.get(`/customers/${id}`, { schema: customerDetailSchema }),
  create: (body: CreateCustomerRequest, idempotencyKey: string) =>
    api.post('/customers', { body, idempotencyKey, schema: customerDetailSchema }),
  update: (id: string, version: number, body: UpdateCustomerRequest) =>
    api.patch(`/customers/${id}`, { body, version, schema: customerDetailSchema }),
  verify: (id: string, version: number) =>
    api.post(`/customers/${id}/verify`, { body: {}, version, schema: customerDetailSchema }),
  invalidate: (id: string, version: number, reason: string) =>
    api.post(`/customers/${id}/invalidate`, { body: { reason }, version, schema: customerDetailSchema }),
  restore: (id: string, version: number) =>
    api.post(`/customers/${id}/restore`, { body: {}, version, schema: customerDetailSchema }),
  unmask: (id: string) => api.post(`/customers/${id}/unmask`, { schema: unmaskParser }),
  history: (id: string, limit: number, cursor: string | undefined) =>
    api.get(`/customers/${id}/history`, { query: { limit, cursor }, schema: auditPageSchema }),
  /** Name search for the merge picker; invalidated customers may be merged too. */
  search: (q: string) =>
    api.get('/customers', { query: { q, status: 'all', limit: 20 }, schema: customerPageSchema }),
  checkDuplicates: (probe: DuplicateProbe, signal?: AbortSignal) =>
    api.post('/customers/duplicates/check', {
      body: probe,
      schema: duplicateListSchema,
      ...(signal ? { signal } : {}),
    }),
  scanDuplicates: (limit: number, cursor: string | undefined) =>
    api.get('/customers/duplicates', { query: { limit, cursor }, schema: duplicateGroupPageSchema }),
  merge: (body: MergeRequest) => api.post('/customers/merge', { body, schema: customerDetailSchema }),
};

export const contactsApi = {
  list: (customerId: string) => api.get(`/customers/${customerId}/contacts`, { schema: contactListSchema }),
  create: (customerId: string, body: CreateContactRequest, idempotencyKey: string) =>
    api.post(`/customers/${customerId}/contacts`, { body, idempotencyKey, schema: contactSchema }),
  update: (customerId: string, contactId: string, version: number, body: UpdateContactRequest) =>
    api.patch(`/customers/${customerId}/contacts/${contactId}`, { body, version, schema: contactSchema }),
  remove: (customerId: string, contactId: string, version: number) =>
    api.delete(`/customers/${customerId}/contacts/${contactId}`, { version }),
};

export const customFieldsApi = {
  list: (entity: CustomFieldEntity) =>
    api.get('/custom-fields', { query: { entity }, schema: customFieldListSchema }),
  create: (body: CustomFieldInput, idempotencyKey: string) =>
    api.post('/custom-fields', { body, idempotencyKey, schema: customFieldDefinitionSchema }),
  update: (id: string, version: number, body: CustomFieldPatch) =>
    api.patch(`/custom-fields/${id}`, { body, version, schema: customFieldDefinitionSchema }),
};

export const customerSettingsApi = {
  get: () => api.get('/customers/settings', { schema: customerSettingsSchema }),
  update: (body: UpdateCustomerSettingsRequest) =>
    api.patch('/customers/settings', { body, schema: customerSettingsSchema }),
};

export const referenceApi = {
  /** ~3,500 nodes; the server lets the browser cache it for a day. */
  regions: () => api.get<RegionNode[]>('/regions'),
  staff: (q: string) =>
    api.get('/staff', { query: { q: q || undefined, limit: 20 }, schema: staffPageSchema }),
};
