import type { Role } from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';

export type CustomerAction =
  | 'write'
  | 'assign'
  | 'invalidate'
  | 'merge'
  | 'scan_duplicates'
  | 'import'
  | 'export'
  | 'unmask'
  | 'manage_fields'
  | 'manage_settings';

const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

const allowed: Record<CustomerAction, readonly Role[]> = {
  write: frontLine,
  // Giving a customer to someone else is a management decision; account managers own what they create.
  assign: managers,
  invalidate: [...managers, 'account_manager'],
  merge: managers,
  scan_duplicates: managers,
  import: [...managers, 'account_manager'],
  export: [...managers, 'account_manager'],
  // Finance and reception work with customers by name; they never see their phone numbers.
  unmask: frontLine,
  manage_fields: ['admin'],
  manage_settings: ['admin'],
};

export function can(actor: Actor, action: CustomerAction): boolean {
  return allowed[action].includes(actor.role);
}

export function assertCan(actor: Actor, action: CustomerAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (customers.${action})`);
}

/**
 * Whether the actor sees a customer's phone numbers and e-mail plainly: its owner and
 * collaborators do; everyone else sees them masked and may unmask (logged) if their role allows.
 */
export function seesContactDetails(
  actor: Actor,
  customer: { owner_id: string | null; collaborators: { id: string }[] },
): boolean {
  if (!can(actor, 'unmask')) return false;
  return customer.owner_id === actor.id || customer.collaborators.some((c) => c.id === actor.id);
}
