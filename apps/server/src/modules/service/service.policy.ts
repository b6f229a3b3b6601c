import type { Role } from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';

export type ServiceAction =
  | 'handle_tickets'
  | 'view_team'
  | 'manage_settings'
  | 'manage_templates'
  | 'manage_surveys'
  | 'send_surveys'
  | 'view_figures';

const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

const allowed: Record<ServiceAction, readonly Role[]> = {
  // Whoever serves customers opens and works tickets (a complaint may reach an account manager first).
  handle_tickets: frontLine,
  // The team queue: the department subtree for department managers, everyone for management.
  view_team: managers,
  // SLA policies, business calendar, categories, root causes: one company-wide standard.
  manage_settings: ['admin'],
  // 标准服务用语 are written by those who answer for the service.
  manage_templates: ['admin', 'department_manager'],
  manage_surveys: ['admin'],
  send_surveys: frontLine,
  // Agents see their own figures; managers their team's (scoped in the use case).
  view_figures: frontLine,
};

export function can(actor: Actor, action: ServiceAction): boolean {
  return allowed[action].includes(actor.role);
}

export function assertCan(actor: Actor, action: ServiceAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (service.${action})`);
}
