import { AppError } from '../../http/app-error';
import type { Actor } from '../../http/context';

export type IdentityAction = 'users.manage' | 'departments.manage' | 'audit.read';

/** Managing people and structure is an administrator's job; reading the audit trail too. */
export function can(actor: Actor, action: IdentityAction): boolean {
  switch (action) {
    case 'users.manage':
    case 'departments.manage':
    case 'audit.read':
      return actor.role === 'admin';
  }
}

export function assertCan(actor: Actor, action: IdentityAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (${action})`);
}
