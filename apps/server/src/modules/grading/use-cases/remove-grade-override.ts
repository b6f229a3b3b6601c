import type { CustomerScore, OverridableField } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../grading.policy';
import { overrideColumn } from '../grading.presenter';
import { deleteOverride, findCustomerInScope, lockGrading } from '../grading.repository';
import { regradeCustomerIn } from '../regrade';
import { getCustomerScore } from './get-customer-score';

/** Removes an override: the rule's proposal is in force again at once (audited, in the history). */
export async function removeGradeOverride(
  ctx: Ctx,
  customerId: string,
  field: OverridableField,
): Promise<CustomerScore> {
  assertCan(ctx.actor, 'override');
  const customer = await findCustomerInScope(ctx.db, await ctx.scope(), customerId);
  if (!customer) throw notFound('Customer');
  await lockGrading(ctx.db);
  const removed = await deleteOverride(ctx.db, customerId, overrideColumn[field]);
  if (!removed) throw notFound('Override');
  // An invalid customer keeps its columns until restored; the next regrade after that applies the rule.
  if (customer.status === 'active') {
    await regradeCustomerIn(ctx.db, { clock: ctx.clock, timeZone: ctx.config.TZ_BUSINESS }, customerId, {
      cause: 'override',
      actorId: ctx.actor.id,
      reason: null,
    });
  }
  const after = await getCustomerScore(ctx, customerId, { unscoped: true });
  const shown = { grade: customer.grade, category: customer.category, valueTier: customer.value_tier };
  await recordAudit(ctx, {
    action: 'customer.grade_override.remove',
    entity: 'customer',
    entityId: customerId,
    before: { [field]: shown[field], override: removed },
    after: { [field]: after.current[field], override: null },
  });
  return after;
}
