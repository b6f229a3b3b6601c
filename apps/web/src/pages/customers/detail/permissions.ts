import type { Role } from '@weixi/shared';

// Mirrors customers.policy.ts on the server: buttons the server would refuse are not offered.
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const frontLine: readonly Role[] = [...managers, 'account_manager', 'service_agent'];

export const customerPermissions = (role: Role) => ({
  write: frontLine.includes(role),
  invalidate: [...managers, 'account_manager'].includes(role),
  /** Merging, the duplicate scan and assigning owners are the managers' decisions. */
  merge: managers.includes(role),
  assign: managers.includes(role),
  unmask: frontLine.includes(role),
});
