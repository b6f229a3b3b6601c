import { twelveMonthsStart } from '@weixi/domain';
import type { Order, OrderSort } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { assertCan, orderScope } from '../loyalty.policy';
import { presentOrder } from '../loyalty.presenter';
import { customerOrderTotals, findOrderCustomer, listOrders, type OrderView } from '../loyalty.repository';
import { businessToday } from '../order-input';
import { sortKey, validateCursorKey } from './list-orders';

/**
 * A customer's orders with the figures its page shows: how many, how much, first and last order,
 * and the last 12 months up to today (business time zone). Out of scope is a 404 like a missing id.
 */
export async function customerOrders(
  ctx: Ctx,
  customerId: string,
  input: { limit: number; cursor?: string | undefined; sort: OrderSort },
) {
  assertCan(ctx.actor, 'read_orders');
  const scope = await orderScope(ctx);
  if (!(await findOrderCustomer(ctx.db, scope, customerId))) throw notFound('Customer');
  const cursor = readCursor(input.cursor, 2);
  if (cursor) validateCursorKey(input.sort, String(cursor.values[0]));
  const today = businessToday(ctx);
  const [rows, t] = await Promise.all([
    listOrders(
      ctx.db,
      scope,
      { customerId },
      input.sort,
      input.limit,
      cursor ? [String(cursor.values[0]), cursor.id] : null,
    ),
    customerOrderTotals(ctx.db, customerId, twelveMonthsStart(today), today),
  ]);
  const page = pageOf<OrderView, Order>(rows, input.limit, t.n, presentOrder, (r) => [
    sortKey(input.sort, r),
    r.id,
  ]);
  return {
    ...page,
    totals: {
      count: t.n,
      amountFen: Number(t.sum),
      firstOrderedOn: t.first,
      lastOrderedOn: t.last,
      last12Months: { count: t.n12, amountFen: Number(t.sum12) },
    },
  };
}
