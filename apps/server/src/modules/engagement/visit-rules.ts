import { AppError, notFound } from '../../http/app-error';
import { staleVersion } from '../../http/concurrency';
import type { Ctx } from '../../http/context';
import { reachOf } from './access';
import { managesPerson } from './engagement.policy';
import { lockCustomerForLog } from './interactions.repository';
import { findVisit, lockVisit, type VisitView } from './visits.repository';

/**
 * A visit the actor may see, locked for a change at the version they saw: 404 when out of sight
 * (nothing is learned about others' visits), 409 when someone changed it meanwhile.
 */
export async function visitForChange(
  ctx: Ctx,
  id: string,
  version: number,
  opts: { writesCustomer?: boolean } = {},
): Promise<VisitView> {
  const scope = await ctx.scope();
  const current = await findVisit(ctx.db, reachOf(ctx.actor, scope), scope, id);
  if (!current) throw notFound('Visit');
  // A change that also writes the customer (a report logs an interaction) takes the customer's lock
  // before the visit's: the order of a merge, which locks the customers and then moves their
  // visits. The other order deadlocks with a merge of the same customer.
  if (opts.writesCustomer) await lockCustomerForLog(ctx.db, current.customer_id);
  const locked = await lockVisit(ctx.db, id);
  if (locked?.version !== version) throw staleVersion('Visit', locked?.version ?? current.version);
  // A merge that committed while we waited has moved the visit to the surviving customer.
  if (opts.writesCustomer && locked.customer_id !== current.customer_id)
    throw new AppError(
      'conflict',
      'The customer of this visit was merged into another one meanwhile; send the report again',
    );
  return current;
}

/** Changing or cancelling a plan is for the visitor, or a manager over the visitor. */
export async function assertManagesVisitor(ctx: Ctx, visit: VisitView, what: string): Promise<void> {
  const visitor = { id: visit.visitor_id, departmentId: visit.visitor_department_id };
  if (!managesPerson(ctx.actor, await ctx.scope(), visitor))
    throw new AppError('forbidden', `Only the visitor or their manager may ${what}`);
}

/** Checking in and reporting are the visitor's own: nobody reports what someone else saw. */
export function assertIsVisitor(ctx: Ctx, visit: VisitView, what: string): void {
  if (visit.visitor_id !== ctx.actor.id)
    throw new AppError('forbidden', `Only the visitor (${visit.visitor_name}) may ${what}`);
}
