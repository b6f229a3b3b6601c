import type { Visit } from '@weixi/shared';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../engagement.policy';
import { assertManagesVisitor, visitForChange } from '../visit-rules';
import { auditVisit } from '../visits.presenter';
import { updateVisit } from '../visits.repository';
import { invalidTransition } from '../work-rules';
import { getVisit } from './get-visit';
import { visitDetails } from './visit-details';

/** Calls a visit off with a reason, before it is reported (the visitor, or a manager over them). */
export async function cancelVisit(ctx: Ctx, id: string, version: number, reason: string): Promise<Visit> {
  assertCan(ctx.actor, 'plan_visit');
  const current = await visitForChange(ctx, id, version);
  await assertManagesVisitor(ctx, current, 'cancel this visit');
  if (current.status !== 'planned' && current.status !== 'checked_in')
    throw invalidTransition('visit', current.status, 'cancelled');
  const [before] = await visitDetails(ctx.db, [current]);
  const patch = { status: 'cancelled', cancel_reason: reason };
  if (!(await updateVisit(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Visit', version + 1);
  const after = await getVisit(ctx, id);
  await recordAudit(ctx, {
    action: 'visit.cancel',
    entity: 'customer',
    entityId: current.customer_id,
    before: auditVisit(before!),
    after: auditVisit(after),
  });
  return after;
}
