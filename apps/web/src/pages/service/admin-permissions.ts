import type { Role } from '@weixi/shared';

// Mirrors apps/server/src/modules/service/service.policy.ts; the server decides, this only hides
// what would be refused.
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

export function serviceAdminPermissions(role: Role) {
  return {
    manageSettings: role === 'admin',
    manageTemplates: role === 'admin' || role === 'department_manager',
    readTemplates: frontLine.includes(role),
    manageSurveys: role === 'admin',
    viewSurveys: frontLine.includes(role),
    viewFigures: frontLine.includes(role),
  };
}

export const serviceFrontLine = frontLine;
