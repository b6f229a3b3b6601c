import type { Role } from '@weixi/shared';

// Mirrors apps/server/src/modules/service/service.policy.ts; the server decides, this only hides
// what would be refused.
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

export function servicePermissions(role: Role) {
  return {
    handleTickets: frontLine.includes(role),
    viewTeam: managers.includes(role),
    /** Assigning a ticket to someone else is a manager's call; agents open tickets for themselves. */
    assign: managers.includes(role),
  };
}

export type ServicePermissions = ReturnType<typeof servicePermissions>;
