import type { CustomerScore } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../grading.policy';
import { findCustomerInScope } from '../grading.repository';
import { regradeCustomerIn } from '../regrade';
import { getCustomerScore } from './get-customer-score';

/** Regrades one customer in the actor's scope now and answers with its new score. */
export async function regradeOneCustomer(ctx: Ctx, customerId: string): Promise<CustomerScore> {
  assertCan(ctx.actor, 'regrade_one');
  const customer = await findCustomerInScope(ctx.db, await ctx.scope(), customerId);
  if (!customer) throw notFound('Customer');
  if (customer.status !== 'active') {
    throw new AppError('conflict', 'Only active customers are graded; restore the customer first');
  }
  const r = await regradeCustomerIn(
    ctx.db,
    { clock: ctx.clock, timeZone: ctx.config.TZ_BUSINESS },
    customerId,
    {
      cause: 'rule',
      actorId: ctx.actor.id,
      reason: null,
    },
  );
  const after = await getCustomerScore(ctx, customerId, { unscoped: true });
  if (r.changed) {
    await recordAudit(ctx, {
      action: 'customer.regrade',
      entity: 'customer',
      entityId: customerId,
      before: { grade: customer.grade, category: customer.category, valueTier: customer.value_tier },
      after: { ...after.current },
    });
  }
  return after;
}
