import type { Role } from '@weixi/shared';

// Mirrors apps/server/src/modules/engagement/engagement.policy.ts; the server decides, this only
// hides what would be refused.
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

export function engagementPermissions(role: Role) {
  return {
    logInteraction: frontLine.includes(role),
    planVisit: frontLine.includes(role),
    planForOthers: managers.includes(role),
    manageTasks: [...frontLine, 'finance', 'reception'].includes(role),
    assignTasks: managers.includes(role),
    viewTeam: managers.includes(role),
    manageSettings: role === 'admin',
    readOutbox: role === 'admin',
  };
}

export type EngagementPermissions = ReturnType<typeof engagementPermissions>;
