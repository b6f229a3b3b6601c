import { keyCustomerStanding } from '@weixi/domain';
import type { KeyCustomerList } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findCustomer } from '../../customers/customers.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan, can } from '../ownership.policy';
import { presentKeyCustomer } from '../ownership.presenter';
import {
  findUsers,
  listSponsored,
  lockOne,
  lockPerson,
  ownershipFacts,
  setSponsor,
} from '../ownership.repository';
import { getPoolSettings } from './pool-settings';

/**
 * An executive's key customers (我的重点客户), DOMAIN §2: management personally holds 3–5 key
 * customers. The flag sits beside the owner (the account manager keeps serving the customer) and
 * exempts the customer from recycling. Below the minimum the list carries a warning; past the
 * maximum a new one is refused with key_customer_limit.
 */
export async function keyCustomers(ctx: Ctx, executiveId?: string): Promise<KeyCustomerList> {
  const id = executiveId ?? ctx.actor.id;
  if (id !== ctx.actor.id) assertCan(ctx.actor, 'view_key_customers');
  else if (!can(ctx.actor, 'sponsor') && !can(ctx.actor, 'view_key_customers'))
    throw new AppError('forbidden', 'Only executives hold key customers');
  const [exec] = await findUsers(ctx.db, [id]);
  if (exec?.role !== 'executive') throw notFound('Executive');
  const settings = await getPoolSettings(ctx);
  const rows = await listSponsored(ctx.db, id);
  const active = rows.filter((r) => r.status === 'active').length;
  return {
    executive: { id: exec.id, name: exec.name },
    items: rows.map(presentKeyCustomer),
    min: settings.executiveKeyMin,
    max: settings.executiveKeyMax,
    ...keyCustomerStanding(active, settings),
  };
}

export async function addKeyCustomer(ctx: Ctx, customerId: string): Promise<KeyCustomerList> {
  assertCan(ctx.actor, 'sponsor');
  // Two parallel additions by one executive count one after the other.
  await lockPerson(ctx.db, 'sponsor', ctx.actor.id);
  if (!(await findCustomer(ctx.db, await ctx.scope(), customerId))) throw notFound('Customer');
  await lockOne(ctx.db, customerId);
  const c = (await ownershipFacts(ctx.db, customerId))!;
  if (c.executive_sponsor_id === ctx.actor.id) return keyCustomers(ctx);
  if (c.status !== 'active') throw new AppError('conflict', 'Only an active customer can be a key customer');
  if (c.executive_sponsor_id !== null)
    throw new AppError(
      'conflict',
      `${c.sponsor_name ?? 'Another executive'} already holds this customer as a key customer`,
    );
  const settings = await getPoolSettings(ctx);
  const held = (await listSponsored(ctx.db, ctx.actor.id)).filter((r) => r.status === 'active').length;
  if (!keyCustomerStanding(held, settings).canAdd) {
    throw new AppError(
      'key_customer_limit',
      `You hold ${held} key customers, the most allowed (${settings.executiveKeyMax}); remove one first`,
      { limit: settings.executiveKeyMax, held },
    );
  }
  await setSponsor(ctx.db, customerId, ctx.actor.id, ctx.actor.id, ctx.clock.now());
  await recordAudit(ctx, {
    action: 'customer.key_customer_add',
    entity: 'customer',
    entityId: customerId,
    before: { executiveSponsor: null },
    after: { executiveSponsor: { id: ctx.actor.id, name: ctx.actor.name } },
  });
  return keyCustomers(ctx);
}

/** By the executive who holds it, or an administrator (e.g. when an executive leaves). */
export async function removeKeyCustomer(ctx: Ctx, customerId: string): Promise<KeyCustomerList> {
  if (!(await findCustomer(ctx.db, await ctx.scope(), customerId))) throw notFound('Customer');
  await lockOne(ctx.db, customerId);
  const c = (await ownershipFacts(ctx.db, customerId))!;
  const sponsor = c.executive_sponsor_id;
  if (sponsor === null) {
    if (!can(ctx.actor, 'sponsor'))
      throw new AppError('conflict', 'The customer is no executive’s key customer');
    return keyCustomers(ctx);
  }
  if (sponsor !== ctx.actor.id && ctx.actor.role !== 'admin')
    throw new AppError('forbidden', 'Only the executive who holds it (or an administrator) may remove it');
  await setSponsor(ctx.db, customerId, null, ctx.actor.id, ctx.clock.now());
  await recordAudit(ctx, {
    action: 'customer.key_customer_remove',
    entity: 'customer',
    entityId: customerId,
    before: { executiveSponsor: { id: sponsor, name: c.sponsor_name ?? '' } },
    after: { executiveSponsor: null },
  });
  return keyCustomers(ctx, sponsor);
}
