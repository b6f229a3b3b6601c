import type { CustomerScore, GradeOverrideRequest } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../grading.policy';
import { overrideColumn } from '../grading.presenter';
import { findCustomerInScope, lockGrading, upsertOverride } from '../grading.repository';
import { regradeCustomerIn } from '../regrade';
import { getCustomerScore } from './get-customer-score';

/**
 * A manager sets a customer's grade, category or value tier by hand, with a reason. The override
 * wins over the rule's proposal until removed; the customer is regraded at once (a grade override
 * can change the proposed category too), the change lands in the grade history and the audit log.
 */
export async function setGradeOverride(
  ctx: Ctx,
  customerId: string,
  input: GradeOverrideRequest,
): Promise<CustomerScore> {
  assertCan(ctx.actor, 'override');
  const customer = await findCustomerInScope(ctx.db, await ctx.scope(), customerId);
  if (!customer) throw notFound('Customer');
  if (customer.status !== 'active') {
    throw new AppError('conflict', 'Only active customers are graded; restore the customer first');
  }
  await lockGrading(ctx.db);
  const prior = await upsertOverride(ctx.db, {
    customerId,
    field: overrideColumn[input.field],
    value: input.value,
    reason: input.reason,
    actorId: ctx.actor.id,
    at: ctx.clock.now(),
  });
  await regradeCustomerIn(ctx.db, { clock: ctx.clock, timeZone: ctx.config.TZ_BUSINESS }, customerId, {
    cause: 'override',
    actorId: ctx.actor.id,
    reason: input.reason,
  });
  const after = await getCustomerScore(ctx, customerId, { unscoped: true });
  const shown = { grade: customer.grade, category: customer.category, valueTier: customer.value_tier };
  await recordAudit(ctx, {
    action: 'customer.grade_override.set',
    entity: 'customer',
    entityId: customerId,
    before: { [input.field]: shown[input.field], override: prior ?? null },
    after: {
      [input.field]: after.current[input.field],
      override: { value: input.value, reason: input.reason },
    },
  });
  return after;
}
