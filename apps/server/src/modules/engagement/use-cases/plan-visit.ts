import { newId } from '@weixi/db';
import type { createVisitRequestSchema, Visit } from '@weixi/shared';
import type { z } from 'zod';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findCustomer } from '../../customers/customers.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../engagement.policy';
import { auditVisit } from '../visits.presenter';
import { insertVisit } from '../visits.repository';
import { businessToday, checkAssignee, customerInactive, dateIssue, throwIfIssues } from '../work-rules';
import { getVisit } from './get-visit';

/**
 * Plans a visit to an active customer the actor may read: for themselves, or (managers) for
 * someone in their team. A plan cannot be for a day already past.
 */
export async function planVisit(ctx: Ctx, input: z.output<typeof createVisitRequestSchema>): Promise<Visit> {
  assertCan(ctx.actor, 'plan_visit');
  const issue = dateIssue('plannedOn', input.plannedOn, businessToday(ctx));
  throwIfIssues(issue ? [issue] : []);
  const customer = await findCustomer(ctx.db, await ctx.scope(), input.customerId);
  if (!customer) throw notFound('Customer');
  if (customer.status !== 'active') throw customerInactive(customer.status);
  const visitorId = input.visitorId ?? ctx.actor.id;
  if (visitorId !== ctx.actor.id) await checkAssignee(ctx, visitorId, 'visitorId');

  const id = newId();
  const now = ctx.clock.now();
  await insertVisit(ctx.db, {
    id,
    customer_id: customer.id,
    visitor_id: visitorId,
    planned_on: input.plannedOn,
    planned_time: input.plannedTime ?? null,
    stop_order: input.stopOrder ?? null,
    purpose: input.purpose,
    objectives: input.objectives,
    materials: input.materials,
    created_at: now,
    updated_at: now,
    created_by: ctx.actor.id,
    updated_by: ctx.actor.id,
  });
  const visit = await getVisit(ctx, id);
  await recordAudit(ctx, {
    action: 'visit.create',
    entity: 'customer',
    entityId: customer.id,
    after: auditVisit(visit),
  });
  return visit;
}
