import { roles } from '@weixi/shared';
import { describe, expect, it } from 'vitest';
import { defaultScopeForRole, resolveScope, scopeAllows } from './data-scope';

const me = 'u-me';
const other = 'u-other';

describe('data scopes', () => {
  it('gives management and admins everything, department managers their department, others their own', () => {
    expect(defaultScopeForRole('admin')).toBe('all');
    expect(defaultScopeForRole('executive')).toBe('all');
    expect(defaultScopeForRole('department_manager')).toBe('department');
    for (const r of ['account_manager', 'service_agent', 'finance', 'reception'] as const) {
      expect(defaultScopeForRole(r)).toBe('own');
    }
    // Every role has a default: a new role without one would fail here.
    for (const r of roles) expect(['own', 'department', 'all']).toContain(defaultScopeForRole(r));
  });

  it('own: the owner and collaborators see a record, nobody else', () => {
    const scope = resolveScope('own', me, []);
    expect(scopeAllows(scope, { ownerId: me, departmentId: 'd1' })).toBe(true);
    expect(scopeAllows(scope, { ownerId: other, departmentId: 'd1', collaboratorIds: [me] })).toBe(true);
    expect(scopeAllows(scope, { ownerId: other, departmentId: 'd1' })).toBe(false);
    expect(scopeAllows(scope, { ownerId: null, departmentId: null })).toBe(false);
  });

  it('department: the whole subtree, plus own records held outside it', () => {
    const scope = resolveScope('department', me, ['d1', 'd1a']);
    expect(scopeAllows(scope, { ownerId: other, departmentId: 'd1a' })).toBe(true);
    expect(scopeAllows(scope, { ownerId: other, departmentId: 'd2' })).toBe(false);
    expect(scopeAllows(scope, { ownerId: me, departmentId: 'd2' })).toBe(true);
    expect(scopeAllows(scope, { ownerId: other, departmentId: null })).toBe(false);
  });

  it('department scope without a department falls back to own records, not to all', () => {
    const scope = resolveScope('department', me, []);
    expect(scopeAllows(scope, { ownerId: other, departmentId: 'd1' })).toBe(false);
    expect(scopeAllows(scope, { ownerId: me, departmentId: 'd1' })).toBe(true);
  });

  it('all: everything, including unowned records', () => {
    const scope = resolveScope('all', me, []);
    expect(scopeAllows(scope, { ownerId: null, departmentId: null })).toBe(true);
  });
});
