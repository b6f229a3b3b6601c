import type { DataScopeKind, Role } from '@weixi/shared';

const roleDefaultScope: Record<Role, DataScopeKind> = {
  admin: 'all',
  executive: 'all',
  department_manager: 'department',
  account_manager: 'own',
  service_agent: 'own',
  finance: 'own',
  reception: 'own',
};

export function defaultScopeForRole(role: Role): DataScopeKind {
  return roleDefaultScope[role];
}

/**
 * A resolved scope: what a repository query must filter by. `department` carries the actor's
 * whole department subtree so the query needs no recursion of its own.
 */
export type DataScope =
  | { kind: 'all' }
  | { kind: 'department'; userId: string; departmentIds: readonly string[] }
  | { kind: 'own'; userId: string };

export interface ScopedRecord {
  ownerId: string | null;
  departmentId: string | null;
  collaboratorIds?: readonly string[];
}

/**
 * Pure form of the rule repositories apply in SQL. A department-scoped actor without a
 * department falls back to their own records rather than to nothing or everything.
 */
export function scopeAllows(scope: DataScope, record: ScopedRecord): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'own':
      return record.ownerId === scope.userId || (record.collaboratorIds ?? []).includes(scope.userId);
    case 'department':
      return (
        record.ownerId === scope.userId ||
        (record.collaboratorIds ?? []).includes(scope.userId) ||
        (record.departmentId !== null && scope.departmentIds.includes(record.departmentId))
      );
  }
}

export function resolveScope(
  kind: DataScopeKind,
  userId: string,
  departmentSubtreeIds: readonly string[],
): DataScope {
  if (kind === 'all') return { kind: 'all' };
  if (kind === 'department') return { kind: 'department', userId, departmentIds: departmentSubtreeIds };
  return { kind: 'own', userId };
}
