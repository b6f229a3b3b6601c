import { newId } from '@weixi/db';
import type { CreateOrderRequest, Order } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../loyalty.policy';
import { auditOrder } from '../loyalty.presenter';
import { insertOrders, isUniqueViolation } from '../loyalty.repository';
import { checkOrderInput, externalRefIssue, throwIfIssues } from '../order-input';
import { getOrder } from './get-order';

export async function createOrder(ctx: Ctx, input: CreateOrderRequest): Promise<Order> {
  assertCan(ctx.actor, 'write_orders');
  const { write, issues } = await checkOrderInput(ctx, input, null);
  throwIfIssues(issues);
  const id = newId();
  try {
    await insertOrders(
      ctx.db,
      [
        {
          ...write,
          id,
          customer_id: write.customer_id!,
          product_id: write.product_id!,
          ordered_on: write.ordered_on!,
          quantity: write.quantity!,
          amount_fen: input.amountFen,
          channel: input.channel ?? 'direct',
        },
      ],
      ctx.actor.id,
      ctx.clock.now(),
    );
  } catch (err) {
    // Two requests recording the same ERP line at once: the unique index decides.
    if (isUniqueViolation(err, 'customer_order_external_ref')) throwIfIssues([externalRefIssue]);
    throw err;
  }
  const created = await getOrder(ctx, id);
  // Under the customer, like its contacts: the customer's history (and issue 5's timeline) shows it.
  await recordAudit(ctx, {
    action: 'order.create',
    entity: 'customer',
    entityId: created.customer.id,
    after: auditOrder(created),
  });
  return created;
}
