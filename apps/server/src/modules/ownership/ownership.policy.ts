import type { DataScope } from '@weixi/domain';
import type { Role } from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';

export type OwnershipAction =
  | 'transfer'
  | 'view_pool'
  | 'manage_settings'
  | 'run_recycling'
  | 'sponsor'
  | 'view_key_customers';

const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

const allowed: Record<OwnershipAction, readonly Role[]> = {
  // Giving customers to someone else is a management decision (as customers.policy's `assign`).
  transfer: managers,
  // Whoever serves customers may look for one in the pool; claiming also needs a claim limit.
  view_pool: frontLine,
  manage_settings: ['admin'],
  run_recycling: ['admin'],
  // DOMAIN §2: management (总经理 / 副总) personally holds key customers.
  sponsor: ['executive'],
  view_key_customers: ['admin', 'executive'],
};

/** Roles that may own customers at all: finance and reception deal with customers by name only. */
export const ownerRoles: readonly Role[] = frontLine;

export function can(actor: Actor, action: OwnershipAction): boolean {
  return allowed[action].includes(actor.role);
}

export function assertCan(actor: Actor, action: OwnershipAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (ownership.${action})`);
}

/**
 * Whether a manager may move customers away from (or to) this person: anyone for management and
 * administrators, themselves and the members of their department subtree for a department manager.
 * `null` is the pool: a manager may hand out pool customers (分配) to the people they may assign to.
 */
export function managesPerson(
  actor: Actor,
  scope: DataScope,
  person: { id: string; departmentId: string | null } | null,
): boolean {
  if (!can(actor, 'transfer')) return false;
  if (scope.kind === 'all' || person === null) return true;
  if (person.id === actor.id) return true;
  return (
    scope.kind === 'department' &&
    person.departmentId !== null &&
    scope.departmentIds.includes(person.departmentId)
  );
}
