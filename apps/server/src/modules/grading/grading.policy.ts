import type { Role } from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';

export type GradingAction = 'manage_rules' | 'regrade_all' | 'regrade_one' | 'override' | 'manage_standards';

/** Overriding a grade is a management decision (DOMAIN §2: "a person may override with a reason"). */
export const gradingManagers: readonly Role[] = ['admin', 'executive', 'department_manager'];

const allowed: Record<GradingAction, readonly Role[]> = {
  // The rules and the service standards are company policy: administrators keep them.
  manage_rules: ['admin'],
  manage_standards: ['admin'],
  // Regrading everyone is heavy work on the database: administrators start it (the nightly job aside).
  regrade_all: ['admin'],
  // Recomputing one customer is harmless and answers "why is this grade so": managers may, in scope.
  regrade_one: gradingManagers,
  override: gradingManagers,
};

export function can(actor: Actor, action: GradingAction): boolean {
  return allowed[action].includes(actor.role);
}

export function assertCan(actor: Actor, action: GradingAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (grading.${action})`);
}
