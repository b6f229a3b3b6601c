import type { DataScope } from '@weixi/domain';
import type { Role } from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Actor, Ctx } from '../../http/context';

export type LoyaltyAction = 'manage_catalog' | 'read_orders' | 'write_orders' | 'import_orders';

const allowed: Record<LoyaltyAction, readonly Role[]> = {
  // The catalog is master data that finance keeps in step with the ERP's price list; everyone else
  // only reads it (managers, account managers choosing a product for an order).
  manage_catalog: ['admin', 'finance'],
  // Reception deals with visitors, not purchases.
  read_orders: ['admin', 'executive', 'department_manager', 'account_manager', 'service_agent', 'finance'],
  // Account managers record their customers' purchases; managers correct them; finance corrects
  // amounts when reconciling against invoices. Service agents read them to answer questions.
  write_orders: ['admin', 'executive', 'department_manager', 'account_manager', 'finance'],
  import_orders: ['admin', 'executive', 'department_manager', 'account_manager', 'finance'],
};

export function can(actor: Actor, action: LoyaltyAction): boolean {
  return allowed[action].includes(actor.role);
}

export function assertCan(actor: Actor, action: LoyaltyAction): void {
  if (!can(actor, action)) throw new AppError('forbidden', `Your role may not do this (loyalty.${action})`);
}

/**
 * Whose orders the actor reaches. An order is visible to whoever can read its customer (the
 * customers module's scope: owner, collaborators, department, all) — except finance, which reads
 * every order because it reconciles all of them against invoices, whatever its customer scope.
 * That widens nothing personal: an order carries the customer's name, never its phone numbers or
 * e-mail, and finance never sees those anyway (decision 007).
 */
export async function orderScope(ctx: Ctx): Promise<DataScope> {
  if (ctx.actor.role === 'finance') return { kind: 'all' };
  return ctx.scope();
}
