export const roles = [
  'admin',
  'executive',
  'department_manager',
  'account_manager',
  'service_agent',
  'finance',
  'reception',
] as const;
export type Role = (typeof roles)[number];

/** Which records a role sees by default: its own, its department subtree's, or all. */
export const dataScopes = ['own', 'department', 'all'] as const;
export type DataScopeKind = (typeof dataScopes)[number];

export const userStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const locales = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof locales)[number];
