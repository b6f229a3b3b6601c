import { notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan, orderScope } from '../loyalty.policy';
import { auditOrder, presentOrder } from '../loyalty.presenter';
import { deleteOrder as deleteOrderRow, findOrder, lockOrder } from '../loyalty.repository';

/** Deletes an order line (entered by mistake, cancelled in the ERP); the audit entry keeps all of it. */
export async function deleteOrder(ctx: Ctx, id: string, version: number): Promise<void> {
  assertCan(ctx.actor, 'write_orders');
  const current = await findOrder(ctx.db, await orderScope(ctx), id);
  if (!current) throw notFound('Order');
  const locked = await lockOrder(ctx.db, id);
  if (locked !== version || !(await deleteOrderRow(ctx.db, id, version)))
    throw staleVersion('Order', locked ?? current.version);
  await recordAudit(ctx, {
    action: 'order.delete',
    entity: 'customer',
    entityId: current.customer_id,
    before: auditOrder(presentOrder(current)),
  });
}
