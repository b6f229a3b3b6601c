import type { Role } from '@weixi/shared';

// Mirrors apps/server/src/modules/loyalty/loyalty.policy.ts; the server decides, this only hides
// buttons that would be refused.
const readers: readonly Role[] = [
  'admin',
  'executive',
  'department_manager',
  'account_manager',
  'service_agent',
  'finance',
];
const writers: readonly Role[] = ['admin', 'executive', 'department_manager', 'account_manager', 'finance'];

export function loyaltyPermissions(role: Role) {
  return {
    readOrders: readers.includes(role),
    writeOrders: writers.includes(role),
    importOrders: writers.includes(role),
    manageCatalog: role === 'admin' || role === 'finance',
  };
}
