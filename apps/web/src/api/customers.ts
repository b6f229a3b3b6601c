import {
  type Customer,
  type CustomerSettings,
  type CustomFieldDefinition,
  customerPageSchema,
  customerSettingsSchema,
  type customerSorts,
  customFieldListSchema,
  type Locale,
  type StaffMember,
  savedViewListSchema,
  savedViewSchema,
  staffPageSchema,
} from '@weixi/shared';
import { api, type Parser } from './client';

// Read calls of the customer archive: the list, its saved views and the reference data its filters
// need. The detail and form pages import these too; their writes live in customer-records.ts.

export type CustomerSort = (typeof customerSorts)[number];
export type CustomerPage = ReturnType<typeof customerPageSchema.parse>;
export type SavedView = ReturnType<typeof savedViewSchema.parse>;
export type { Customer, CustomFieldDefinition, StaffMember };

/** The list's filters exactly as GET /customers takes them: query-string values, so URLs round-trip. */
export const customerFilterKeys = [
  'q',
  'ownerId',
  'departmentId',
  'grade',
  'category',
  'valueTier',
  'lifecycle',
  'kind',
  'scale',
  'source',
  'status',
  'industry',
  'provinceCode',
  'cityCode',
  'districtCode',
  'tag',
  'signedFrom',
  'signedTo',
  'unverifiedDays',
  'custom',
] as const;
export type CustomerFilterKey = (typeof customerFilterKeys)[number];
export type CustomerFilters = Partial<Record<CustomerFilterKey, string>>;

/** Filters plus sort: everything that decides which customers a list or an export contains. */
export interface CustomerListParams {
  filters: CustomerFilters;
  sort?: CustomerSort | undefined;
}

export interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[] | undefined;
}

export type { CustomerSettings };

export type ExportFormat = 'xlsx' | 'csv';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isRegionNode(v: unknown): v is RegionNode {
  if (!isRecord(v) || typeof v.code !== 'string' || typeof v.name !== 'string') return false;
  return v.children === undefined || (Array.isArray(v.children) && v.children.every(isRegionNode));
}

/** The region tree has no shared schema (its route declares it inline); checked here. */
const regionTreeParser: Parser<RegionNode[]> = {
  parse(data) {
    if (!Array.isArray(data) || !data.every(isRegionNode)) throw new Error('unexpected /regions response');
    return data;
  },
};

/** The query string of a list call (and of the export, which must contain exactly the same customers). */
export function customerListQuery(params: CustomerListParams): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of customerFilterKeys) {
    const value = params.filters[key];
    if (value !== undefined && value !== '') query[key] = value;
  }
  // Relevance needs a search term; a view saved while searching may be applied with the box empty.
  if (params.sort && !(params.sort === 'relevance' && !query.q)) query.sort = params.sort;
  return query;
}

/**
 * The download link of the current list: same filters, search and sort as the list call, no paging.
 * A plain link (not fetch) because the browser then streams the file to disk and the session cookie
 * authenticates the GET.
 */
export function exportUrl(params: CustomerListParams, format: ExportFormat, lang: Locale): string {
  const search = new URLSearchParams({ format, lang, ...customerListQuery(params) });
  return `/api/v1/customers/export?${search.toString()}`;
}

/** Query keys in one place; every key starts with its family so a write can invalidate all of it. */
export const customerKeys = {
  all: ['customers'] as const,
  list: (params: CustomerListParams, limit: number, cursor: string | undefined) =>
    ['customers', 'list', customerListQuery(params), limit, cursor ?? null] as const,
  views: ['customers', 'views'] as const,
  settings: ['customers', 'settings'] as const,
  customFields: (entity: 'customer' | 'contact') => ['custom-fields', entity] as const,
  regions: ['regions'] as const,
  staff: (q: string) => ['staff', q] as const,
};

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export const customersApi = {
  list: (params: CustomerListParams, limit: number, cursor: string | undefined, signal?: AbortSignal) =>
    api.get('/customers', {
      query: { ...customerListQuery(params), limit, cursor },
      schema: customerPageSchema,
      ...withSignal(signal),
    }),
  settings: (signal?: AbortSignal) =>
    // The same parser as the settings page's: both fill the one cache entry (recordKeys.settings).
    api.get('/customers/settings', { schema: customerSettingsSchema, ...withSignal(signal) }),
  /** Definitions of administrator-defined fields, retired ones included (old values still show). */
  customFields: (entity: 'customer' | 'contact' = 'customer', signal?: AbortSignal) =>
    api.get('/custom-fields', { query: { entity }, schema: customFieldListSchema, ...withSignal(signal) }),
  regions: (signal?: AbortSignal) => api.get('/regions', { schema: regionTreeParser, ...withSignal(signal) }),
  /** Active colleagues by part of the name or e-mail, for owner pickers. */
  staff: (q: string, signal?: AbortSignal) =>
    api.get('/staff', { query: { q, limit: 20 }, schema: staffPageSchema, ...withSignal(signal) }),
};

// Saved views are stored per user under the entity name `customer` (the route's path parameter).
const viewsPath = '/views/customer';

export const savedViewsApi = {
  list: (signal?: AbortSignal) => api.get(viewsPath, { schema: savedViewListSchema, ...withSignal(signal) }),
  create: (body: { name: string; query: Record<string, unknown> }, idempotencyKey: string) =>
    api.post(viewsPath, { body, idempotencyKey, schema: savedViewSchema }),
  update: (id: string, version: number, body: { name?: string; query?: Record<string, unknown> }) =>
    api.patch(`${viewsPath}/${id}`, { body, version, schema: savedViewSchema }),
  remove: (id: string) => api.delete(`${viewsPath}/${id}`),
};
