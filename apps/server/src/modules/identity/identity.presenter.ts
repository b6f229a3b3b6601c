import type { Engine } from '@weixi/db';
import type {
  DataScopeKind,
  Department,
  Locale,
  MeResponse,
  Role,
  StaffMember,
  User,
  UserStatus,
} from '@weixi/shared';
import type { Actor } from '../../http/context';
import type { DepartmentWithCounts, UserWithDepartment } from './identity.repository';

// Presenters choose every field that leaves the server: password hashes, lock counters and
// session secrets have no way out except through a field listed here.

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export function presentUser(row: UserWithDepartment): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    dataScope: row.data_scope as DataScopeKind,
    department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
    phone: row.phone,
    status: row.status as UserStatus,
    locale: row.locale as Locale,
    lockedUntil: iso(row.locked_until),
    lastLoginAt: iso(row.last_login_at),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}

/** A colleague in the staff directory: no e-mail, phone, scope or sign-in details. */
export function presentStaffMember(row: UserWithDepartment): StaffMember {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    department: row.department_id ? { id: row.department_id, name: row.department_name ?? '' } : null,
  };
}

/** What the audit log keeps of a user: the presented view, never the hash. */
export function auditUser(user: User): Record<string, unknown> {
  const { lastLoginAt: _a, updatedAt: _b, createdAt: _c, ...rest } = user;
  return rest;
}

export function presentDepartment(row: DepartmentWithCounts): Department {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    manager: row.manager_id ? { id: row.manager_id, name: row.manager_name ?? '' } : null,
    memberCount: Number(row.member_count ?? 0),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
  };
}

export function auditDepartment(d: Department): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    parentId: d.parentId,
    managerId: d.manager?.id ?? null,
    version: d.version,
  };
}

export function presentMe(actor: Actor, engine: Engine): MeResponse {
  return {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    role: actor.role,
    dataScope: actor.dataScope,
    department: actor.departmentId ? { id: actor.departmentId, name: actor.departmentName ?? '' } : null,
    locale: actor.locale as Locale,
    csrfToken: actor.csrfToken,
    engine,
  };
}

export function presentApiToken(row: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    expiresAt: iso(row.expires_at),
  };
}
