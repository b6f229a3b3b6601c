import type { Role } from '@weixi/shared';

// Mirrors apps/server/src/modules/grading/grading.policy.ts; the server decides, this only hides
// buttons that would be refused.
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
// Who may open the public pool (ownership module's policy).
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

export function gradingPermissions(role: Role) {
  return {
    manageRules: role === 'admin',
    manageStandards: role === 'admin',
    regradeAll: role === 'admin',
    regradeOne: managers.includes(role),
    override: managers.includes(role),
    pool: frontLine.includes(role),
  };
}
