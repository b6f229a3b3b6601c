import type { updateVisitRequestSchema, Visit } from '@weixi/shared';
import type { z } from 'zod';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../engagement.policy';
import { assertManagesVisitor, visitForChange } from '../visit-rules';
import { auditVisit } from '../visits.presenter';
import { updateVisit as updateVisitRow } from '../visits.repository';
import { businessToday, dateIssue, throwIfIssues } from '../work-rules';
import { getVisit } from './get-visit';
import { visitDetails } from './visit-details';

export type VisitChanges = Omit<z.output<typeof updateVisitRequestSchema>, 'version'>;

/** Changes a plan while it is still a plan (the visitor, or a manager over them). */
export async function updateVisit(
  ctx: Ctx,
  id: string,
  version: number,
  input: VisitChanges,
): Promise<Visit> {
  assertCan(ctx.actor, 'plan_visit');
  const current = await visitForChange(ctx, id, version);
  await assertManagesVisitor(ctx, current, 'change this plan');
  if (current.status !== 'planned')
    throw new AppError('conflict', `The visit is ${current.status}; only a planned visit can be changed`, {
      errors: [{ path: 'status', code: 'not_planned', message: `the visit is ${current.status}` }],
    });
  const issue =
    input.plannedOn !== undefined && input.plannedOn !== current.planned_on
      ? dateIssue('plannedOn', input.plannedOn, businessToday(ctx))
      : null;
  throwIfIssues(issue ? [issue] : []);

  const patch = {
    ...(input.plannedOn !== undefined ? { planned_on: input.plannedOn } : {}),
    ...(input.plannedTime !== undefined ? { planned_time: input.plannedTime } : {}),
    ...(input.stopOrder !== undefined ? { stop_order: input.stopOrder } : {}),
    ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
    ...(input.objectives !== undefined ? { objectives: input.objectives } : {}),
    ...(input.materials !== undefined ? { materials: input.materials } : {}),
  };
  const [before] = await visitDetails(ctx.db, [current]);
  if (!(await updateVisitRow(ctx.db, id, version, patch, ctx.actor.id, ctx.clock.now())))
    throw staleVersion('Visit', version + 1);
  const after = await getVisit(ctx, id);
  await recordAudit(ctx, {
    action: 'visit.update',
    entity: 'customer',
    entityId: current.customer_id,
    before: auditVisit(before!),
    after: auditVisit(after),
  });
  return after;
}
