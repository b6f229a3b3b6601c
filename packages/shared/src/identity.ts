import { z } from 'zod';
import { uuidSchema, versionSchema } from './common';
import { dataScopes, locales, roles, userStatuses } from './enums';
import { limits } from './limits';
import { pageQuerySchema, pageSchema } from './pagination';

const trimmed = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(limits.emailMax)
  .pipe(z.email({ message: 'must be an email address' }));
export const passwordSchema = z
  .string()
  .min(limits.passwordMin, `at least ${limits.passwordMin} characters`)
  .max(limits.passwordMax, `at most ${limits.passwordMax} characters`);
export const phoneSchema = z
  .string()
  .trim()
  .max(limits.phoneMax)
  .regex(/^[0-9+()\-\s]*$/, 'digits, spaces, +, -, ( ) only');

export const roleSchema = z.enum(roles);
export const dataScopeSchema = z.enum(dataScopes);
export const userStatusSchema = z.enum(userStatuses);
export const localeSchema = z.enum(locales);

// ---- auth ----
export const loginRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'required').max(limits.passwordMax),
});

export const departmentRefSchema = z.object({ id: uuidSchema, name: z.string() });

export const meResponseSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  dataScope: dataScopeSchema,
  department: departmentRefSchema.nullable(),
  locale: localeSchema,
  csrfToken: z
    .string()
    .nullable()
    .describe('Send as X-CSRF-Token on unsafe requests made with the session cookie'),
  engine: z.enum(['pglite', 'postgres']),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, 'required').max(limits.passwordMax),
  newPassword: passwordSchema,
});

export const updateProfileRequestSchema = z.strictObject({
  name: trimmed(limits.nameMax).optional(),
  phone: phoneSchema.optional(),
  locale: localeSchema.optional(),
});

// ---- users ----
export const userSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  dataScope: dataScopeSchema,
  department: departmentRefSchema.nullable(),
  phone: z.string(),
  status: userStatusSchema,
  locale: localeSchema,
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type User = z.infer<typeof userSchema>;

export const createUserRequestSchema = z.strictObject({
  email: emailSchema,
  name: trimmed(limits.nameMax),
  password: passwordSchema,
  role: roleSchema,
  dataScope: dataScopeSchema.optional().describe('Defaults from the role'),
  departmentId: uuidSchema.nullable().optional(),
  phone: phoneSchema.optional(),
  locale: localeSchema.optional(),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const updateUserRequestSchema = z.strictObject({
  version: versionSchema.optional().describe('Or send If-Match: "<version>"'),
  email: emailSchema.optional(),
  name: trimmed(limits.nameMax).optional(),
  role: roleSchema.optional(),
  dataScope: dataScopeSchema.optional(),
  departmentId: uuidSchema.nullable().optional(),
  phone: phoneSchema.optional(),
  status: userStatusSchema.optional(),
  locale: localeSchema.optional(),
  password: passwordSchema.optional().describe('Admin reset; ends the user’s sessions'),
  unlock: z.boolean().optional().describe('Clear a lock-out after failed logins'),
});
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

export const userSortSchema = z.enum(['name', '-name', 'createdAt', '-createdAt']);
export const listUsersQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(limits.searchMax).optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
  departmentId: uuidSchema.optional(),
  sort: userSortSchema.default('-createdAt'),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
export const userPageSchema = pageSchema(userSchema);

/** Colleagues as any signed-in user may see them: enough to pick an owner or a collaborator. */
export const staffMemberSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  role: roleSchema,
  department: z.object({ id: uuidSchema, name: z.string() }).nullable(),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
export const listStaffQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(limits.searchMax).optional().describe('Part of the name or e-mail'),
  role: roleSchema.optional(),
  departmentId: uuidSchema.optional(),
});
export type ListStaffQuery = z.infer<typeof listStaffQuerySchema>;
export const staffPageSchema = pageSchema(staffMemberSchema);

// ---- departments ----
export const departmentSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  parentId: uuidSchema.nullable(),
  manager: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  memberCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Department = z.infer<typeof departmentSchema>;

export const createDepartmentRequestSchema = z.strictObject({
  name: trimmed(limits.departmentNameMax),
  parentId: uuidSchema.nullable().optional(),
  managerId: uuidSchema.nullable().optional(),
});
export type CreateDepartmentRequest = z.infer<typeof createDepartmentRequestSchema>;

export const updateDepartmentRequestSchema = z.strictObject({
  version: versionSchema.optional(),
  name: trimmed(limits.departmentNameMax).optional(),
  parentId: uuidSchema.nullable().optional(),
  managerId: uuidSchema.nullable().optional(),
});
export type UpdateDepartmentRequest = z.infer<typeof updateDepartmentRequestSchema>;

export const listDepartmentsQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(limits.searchMax).optional(),
  parentId: uuidSchema.optional(),
});
export const departmentPageSchema = pageSchema(departmentSchema);

// ---- API tokens ----
export const apiTokenSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const createApiTokenRequestSchema = z.strictObject({
  name: trimmed(limits.tokenNameMax),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('Shown once; send as Authorization: Bearer <token>'),
});
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
