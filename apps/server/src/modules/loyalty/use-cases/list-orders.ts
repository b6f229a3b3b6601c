import type { ListOrdersQuery, Order } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { assertCan, orderScope } from '../loyalty.policy';
import { presentOrder } from '../loyalty.presenter';
import {
  countOrders,
  listOrders as listOrderRows,
  type OrderFilter,
  type OrderView,
  orderCountCap,
  orderTotals,
} from '../loyalty.repository';

/** The sort key of a row as cursor text: the date, or the amount in fen. */
export function sortKey(sort: ListOrdersQuery['sort'], r: OrderView): string {
  return sort.endsWith('orderedOn') ? r.ordered_on : String(r.amount_fen);
}

/** Orders of every customer the actor may read (finance: all), filtered, keyset-paged. */
export async function listOrders(ctx: Ctx, input: ListOrdersQuery) {
  assertCan(ctx.actor, 'read_orders');
  const scope = await orderScope(ctx);
  const cursor = readCursor(input.cursor, 2);
  if (cursor) validateCursorKey(input.sort, String(cursor.values[0]));
  const filter: OrderFilter = {
    customerId: input.customerId,
    productId: input.productId,
    categoryId: input.categoryId,
    channel: input.channel,
    from: input.from,
    to: input.to,
    ownerId: input.ownerId === 'me' ? ctx.actor.id : input.ownerId,
  };
  const wantTotals = input.totals === 'true';
  const [rows, totals, capped] = await Promise.all([
    listOrderRows(
      ctx.db,
      scope,
      filter,
      input.sort,
      input.limit,
      cursor ? [String(cursor.values[0]), cursor.id] : null,
    ),
    wantTotals ? orderTotals(ctx.db, scope, filter) : null,
    wantTotals ? null : countOrders(ctx.db, scope, filter),
  ]);
  const total = totals ? totals.count : (capped ?? 0);
  const page = pageOf<OrderView, Order>(rows, input.limit, total, presentOrder, (r) => [
    sortKey(input.sort, r),
    r.id,
  ]);
  return { ...page, totals, totalCapped: !totals && total >= orderCountCap };
}

/** A forged cursor must be a 400, not a database cast error. */
export function validateCursorKey(sort: ListOrdersQuery['sort'], key: string): void {
  const ok = sort.endsWith('orderedOn') ? /^\d{4}-\d{2}-\d{2}$/.test(key) : /^\d{1,17}$/.test(key);
  if (!ok)
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
}
