import {
  type AtRiskCustomer,
  atRiskListSchema,
  type ClaimResult,
  type CustomerOwnership,
  claimResultSchema,
  customerOwnershipSchema,
  type KeyCustomerList,
  keyCustomerListSchema,
  type OwnershipEntry,
  ownershipHistoryPageSchema,
  type PoolCustomer,
  type PoolMe,
  type PoolSettingsView,
  poolMeSchema,
  poolPageSchema,
  poolSettingsSchema,
  recycleRunSchema,
  releaseResultSchema,
  type TransferRequest,
  type TransferResult,
  transferResultSchema,
  type UpdatePoolSettings,
} from '@weixi/shared';
import { api } from './client';

// Ownership and the public pool (公海池): the pool list and claims, releases, transfers, a customer's
// ownership and history, executives' key customers, and the pool rules.

export type {
  AtRiskCustomer,
  ClaimResult,
  CustomerOwnership,
  KeyCustomerList,
  OwnershipEntry,
  PoolCustomer,
  PoolMe,
  PoolSettingsView,
  TransferRequest,
  TransferResult,
  UpdatePoolSettings,
};

/** The pool's filters as GET /pool takes them (a subset of the customer list's). */
export interface PoolFilters {
  q?: string;
  grade?: string;
  category?: string;
  valueTier?: string;
  source?: string;
  sort?: 'relevance' | '-updatedAt' | 'name' | '-createdAt';
}

export const ownershipKeys = {
  all: ['ownership'] as const,
  pool: (filters: PoolFilters, limit: number, cursor: string | undefined) =>
    ['ownership', 'pool', filters, limit, cursor ?? null] as const,
  me: ['ownership', 'me'] as const,
  atRisk: ['ownership', 'at-risk'] as const,
  settings: ['ownership', 'settings'] as const,
  customer: (id: string) => ['ownership', 'customer', id] as const,
  history: (id: string) => ['ownership', 'history', id] as const,
  keyCustomers: (executiveId?: string) => ['ownership', 'key-customers', executiveId ?? 'me'] as const,
};

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export const ownershipApi = {
  pool: (filters: PoolFilters, limit: number, cursor: string | undefined, signal?: AbortSignal) =>
    api.get('/pool', { query: { ...filters, limit, cursor }, schema: poolPageSchema, ...withSignal(signal) }),
  me: () => api.get('/pool/me', { schema: poolMeSchema }),
  atRisk: () => api.get('/pool/at-risk', { schema: atRiskListSchema }),
  claim: (customerIds: string[]) =>
    api.post('/pool/claims', {
      body: customerIds.length === 1 ? { customerId: customerIds[0] } : { customerIds },
      schema: claimResultSchema,
    }),
  release: (customerId: string, reason: string) =>
    api.post('/pool/releases', { body: { customerId, reason }, schema: releaseResultSchema }),
  transfer: (body: TransferRequest) =>
    api.post('/ownership/transfers', { body, schema: transferResultSchema }),
  customer: (id: string) => api.get(`/customers/${id}/ownership`, { schema: customerOwnershipSchema }),
  history: (id: string, cursor: string | undefined) =>
    api.get(`/customers/${id}/ownership/history`, {
      query: { limit: 20, cursor },
      schema: ownershipHistoryPageSchema,
    }),
  keyCustomers: (executiveId?: string) =>
    api.get('/ownership/key-customers', { query: { executiveId }, schema: keyCustomerListSchema }),
  addKeyCustomer: (customerId: string) =>
    api.post('/ownership/key-customers', { body: { customerId }, schema: keyCustomerListSchema }),
  removeKeyCustomer: (customerId: string) =>
    api.delete(`/ownership/key-customers/${customerId}`, { schema: keyCustomerListSchema }),
  settings: () => api.get('/pool/settings', { schema: poolSettingsSchema }),
  updateSettings: (body: UpdatePoolSettings) =>
    api.patch('/pool/settings', { body, schema: poolSettingsSchema }),
  startRecycleRun: () => api.post('/pool/recycle-runs', { schema: recycleRunSchema }),
};
