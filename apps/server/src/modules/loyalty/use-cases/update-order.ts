import type { Order, UpdateOrderRequest } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan, orderScope } from '../loyalty.policy';
import { auditOrder, presentOrder } from '../loyalty.presenter';
import {
  findOrder,
  isUniqueViolation,
  lockOrder,
  updateOrder as updateOrderRow,
} from '../loyalty.repository';
import { checkOrderInput, externalRefIssue, throwIfIssues } from '../order-input';
import { getOrder } from './get-order';

export async function updateOrder(
  ctx: Ctx,
  id: string,
  version: number,
  input: UpdateOrderRequest,
): Promise<Order> {
  assertCan(ctx.actor, 'write_orders');
  const current = await findOrder(ctx.db, await orderScope(ctx), id);
  if (!current) throw notFound('Order');
  const locked = await lockOrder(ctx.db, id);
  if (locked !== version) throw staleVersion('Order', locked ?? current.version);

  const { write, issues } = await checkOrderInput(ctx, input, current);
  throwIfIssues(issues);
  try {
    if (!(await updateOrderRow(ctx.db, id, version, write, ctx.actor.id, ctx.clock.now())))
      throw staleVersion('Order', version + 1);
  } catch (err) {
    if (isUniqueViolation(err, 'customer_order_external_ref')) throwIfIssues([externalRefIssue]);
    throw err;
  }
  const updated = await getOrder(ctx, id);
  const before = auditOrder(presentOrder(current));
  const after = auditOrder(updated);
  await recordAudit(ctx, {
    action: 'order.update',
    entity: 'customer',
    entityId: updated.customer.id,
    before,
    after,
  });
  // Moved to another customer (a line booked to the wrong one): the old customer's history says so too.
  if (updated.customer.id !== current.customer_id)
    await recordAudit(ctx, {
      action: 'order.move',
      entity: 'customer',
      entityId: current.customer_id,
      before,
      after,
    });
  return updated;
}
