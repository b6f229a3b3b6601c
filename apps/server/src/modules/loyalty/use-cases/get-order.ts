import type { Order } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { orderScope } from '../loyalty.policy';
import { presentOrder } from '../loyalty.presenter';
import { findOrder } from '../loyalty.repository';

/** One order whose customer the actor may read; anything else is a 404 like a missing id. */
export async function getOrder(ctx: Ctx, id: string): Promise<Order> {
  const row = await findOrder(ctx.db, await orderScope(ctx), id);
  if (!row) throw notFound('Order');
  return presentOrder(row);
}
