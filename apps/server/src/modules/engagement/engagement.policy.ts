import type { DataScope } from '@weixi/domain';
import type { Role } from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';

export type EngagementAction =
  | 'log_interaction'
  | 'plan_visit'
  | 'plan_for_others'
  | 'manage_tasks'
  | 'assign_tasks'
  | 'view_team'
  | 'manage_settings'
  | 'read_outbox';

const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

const allowed: Record<EngagementAction, readonly Role[]> = {
  // Whoever serves customers talks to them and writes it down (finance and reception do not).
  log_interaction: frontLine,
  plan_visit: frontLine,
  // Planning someone else's day, or handing them a task, is a manager's call.
  plan_for_others: managers,
  // Everyone has a task list: finance and reception get tasks too (a commitment to send an invoice).
  manage_tasks: [...frontLine, 'finance', 'reception'],
  assign_tasks: managers,
  // "Team" lists: the department subtree for department managers, everyone for management.
  view_team: managers,
  manage_settings: ['admin'],
  read_outbox: ['admin'],
};

export function can(actor: Actor, action: EngagementAction): boolean {
  return allowed[action].includes(actor.role);
}

export function assertCan(actor: Actor, action: EngagementAction): void {
  if (!can(actor, action))
    throw new AppError('forbidden', `Your role may not do this (engagement.${action})`);
}

/**
 * Whether the actor may plan for, assign to or read the work lists of `person`: themselves always;
 * management and administrators anyone; a department manager the members of their subtree.
 */
export function managesPerson(
  actor: Actor,
  scope: DataScope,
  person: { id: string; departmentId: string | null },
): boolean {
  if (person.id === actor.id) return true;
  if (!can(actor, 'plan_for_others')) return false;
  if (scope.kind === 'all') return true;
  return (
    scope.kind === 'department' &&
    person.departmentId !== null &&
    scope.departmentIds.includes(person.departmentId)
  );
}
