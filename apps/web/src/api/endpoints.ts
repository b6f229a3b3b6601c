import {
  type AboutResponse,
  type AuditEntry,
  aboutResponseSchema,
  apiTokenListSchema,
  auditPageSchema,
  type CreateDepartmentRequest,
  type CreateUserRequest,
  createdApiTokenSchema,
  type Department,
  departmentPageSchema,
  departmentSchema,
  type Locale,
  type MeResponse,
  meResponseSchema,
  type Role,
  type UpdateDepartmentRequest,
  type UpdateUserRequest,
  type User,
  type UserStatus,
  userPageSchema,
  userSchema,
} from '@weixi/shared';
import { api } from './client';

/** Types of the shared schemas that the shared package does not export by name. */
export type Page<T> = { items: T[]; nextCursor: string | null; total: number };
export type ApiToken = ReturnType<typeof apiTokenListSchema.parse>['items'][number];
export type CreatedApiToken = ReturnType<typeof createdApiTokenSchema.parse>;
export type UserSort = 'name' | '-name' | 'createdAt' | '-createdAt';
export type { AboutResponse, AuditEntry, Department, MeResponse, User };

export interface UserFilters {
  q?: string;
  role?: Role;
  status?: UserStatus;
  departmentId?: string;
  sort?: UserSort;
}

export interface AuditFilters {
  entity?: string;
  action?: string;
  actorId?: string;
}

/** Query keys in one place so mutations invalidate exactly what they change. */
export const keys = {
  me: ['me'] as const,
  about: ['about'] as const,
  tokens: ['me', 'tokens'] as const,
  users: ['users'] as const,
  userList: (filters: UserFilters, limit: number, cursor: string | undefined) =>
    ['users', 'list', filters, limit, cursor ?? null] as const,
  userSearch: (q: string) => ['users', 'search', q] as const,
  departments: ['departments'] as const,
  allDepartments: ['departments', 'all'] as const,
  departmentMembers: (id: string) => ['users', 'members', id] as const,
  audit: (filters: AuditFilters, limit: number, cursor: string | undefined) =>
    ['audit', filters, limit, cursor ?? null] as const,
};

export const authApi = {
  me: (signal?: AbortSignal) => api.get('/me', { schema: meResponseSchema, ...(signal ? { signal } : {}) }),
  login: (email: string, password: string) =>
    api.post('/auth/login', { body: { email, password }, schema: meResponseSchema }),
  logout: () => api.post('/auth/logout'),
  updateProfile: (body: { name?: string; phone?: string; locale?: Locale }) =>
    api.patch('/me', { body, schema: userSchema }),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api.post('/me/password', { body }),
  tokens: () => api.get('/me/tokens', { schema: apiTokenListSchema }),
  createToken: (body: { name: string; expiresInDays?: number | null }, idempotencyKey: string) =>
    api.post('/me/tokens', { body, idempotencyKey, schema: createdApiTokenSchema }),
  revokeToken: (id: string) => api.delete(`/me/tokens/${id}`),
};

export const usersApi = {
  list: (filters: UserFilters, limit: number, cursor: string | undefined) =>
    api.get('/users', { query: { ...filters, limit, cursor }, schema: userPageSchema }),
  get: (id: string) => api.get(`/users/${id}`, { schema: userSchema }),
  create: (body: CreateUserRequest, idempotencyKey: string) =>
    api.post('/users', { body, idempotencyKey, schema: userSchema }),
  update: (id: string, version: number, body: UpdateUserRequest) =>
    api.patch(`/users/${id}`, { body, version, schema: userSchema }),
  disable: (id: string, version: number) => api.delete(`/users/${id}`, { version, schema: userSchema }),
};

export const departmentsApi = {
  /** The organisation chart is small; fetch every page so trees and pickers see all of it. */
  all: async (): Promise<Page<Department>> => {
    const items: Department[] = [];
    let cursor: string | undefined;
    let total = 0;
    do {
      const page = await api.get('/departments', {
        query: { limit: 200, cursor },
        schema: departmentPageSchema,
      });
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { items, nextCursor: null, total };
  },
  get: (id: string) => api.get(`/departments/${id}`, { schema: departmentSchema }),
  create: (body: CreateDepartmentRequest, idempotencyKey: string) =>
    api.post('/departments', { body, idempotencyKey, schema: departmentSchema }),
  update: (id: string, version: number, body: UpdateDepartmentRequest) =>
    api.patch(`/departments/${id}`, { body, version, schema: departmentSchema }),
  remove: (id: string, version: number) => api.delete(`/departments/${id}`, { version }),
};

export const systemApi = {
  about: (): Promise<AboutResponse> => api.get('/about', { schema: aboutResponseSchema }),
  audit: (filters: AuditFilters, limit: number, cursor: string | undefined) =>
    api.get('/audit', { query: { ...filters, limit, cursor }, schema: auditPageSchema }),
};
