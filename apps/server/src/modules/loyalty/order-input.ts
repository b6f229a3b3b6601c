import { dateInTimeZone, orderDateProblem, quantityFromNumber } from '@weixi/domain';
import {
  type CreateOrderRequest,
  type FieldIssue,
  orderLimits,
  type UpdateOrderRequest,
} from '@weixi/shared';
import { AppError } from '../../http/app-error';
import type { Ctx } from '../../http/context';
import { orderScope } from './loyalty.policy';
import {
  externalRefTaken,
  findOrderCustomer,
  findProduct,
  type OrderView,
  type OrderWrite,
} from './loyalty.repository';

/** Today in the business time zone: an order placed at 07:30 in Shanghai is today's, not UTC's yesterday. */
export function businessToday(ctx: Pick<Ctx, 'clock' | 'config'>): string {
  return dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS);
}

const dateMessages = {
  in_future: 'must not be after today: an order records a purchase that happened',
  too_old: 'is before 1990-01-01; check the year',
  impossible: 'is not a real calendar date',
} as const;

/**
 * Checks an order's references and rules and builds the columns to write. Every problem is
 * collected, so the form shows them all at once. On update only the fields sent are checked, and
 * an order already on a product that was since retired may keep it.
 */
export async function checkOrderInput(
  ctx: Ctx,
  input: CreateOrderRequest | UpdateOrderRequest,
  current: OrderView | null,
): Promise<{ write: OrderWrite; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const write: OrderWrite = {};

  if (input.customerId !== undefined && input.customerId !== current?.customer_id) {
    const customer = await findOrderCustomer(ctx.db, await orderScope(ctx), input.customerId);
    // Unknown and out of scope read alike: nobody learns which customer ids exist.
    if (!customer)
      issues.push({
        path: 'customerId',
        code: 'not_found',
        message: 'no customer with this id in your data scope',
      });
    else if (customer.status === 'merged')
      issues.push({
        path: 'customerId',
        code: 'merged',
        message: `this customer was merged into ${customer.merged_into_id}; record the order there`,
      });
    else write.customer_id = customer.id;
  }

  if (input.productId !== undefined && input.productId !== current?.product_id) {
    const product = await findProduct(ctx.db, input.productId);
    if (!product) issues.push({ path: 'productId', code: 'not_found', message: 'no such product' });
    else if (!product.active)
      issues.push({ path: 'productId', code: 'inactive', message: 'this product is no longer sold' });
    else write.product_id = product.id;
  }

  if (input.orderedOn !== undefined) {
    const problem = orderDateProblem(input.orderedOn, businessToday(ctx), orderLimits.futureToleranceDays);
    if (problem) issues.push({ path: 'orderedOn', code: problem, message: dateMessages[problem] });
    else write.ordered_on = input.orderedOn;
  }

  if (input.quantity !== undefined) {
    const q = quantityFromNumber(input.quantity);
    if (!q.ok)
      issues.push({
        path: 'quantity',
        code: q.reason,
        message: 'must be greater than 0 with at most 3 decimals',
      });
    else write.quantity = q.quantity;
  }

  if (input.amountFen !== undefined) write.amount_fen = input.amountFen;
  if (input.channel !== undefined) write.channel = input.channel;
  if (input.notes !== undefined) write.notes = input.notes;
  if (input.externalRef !== undefined) {
    if (input.externalRef !== null && (await externalRefTaken(ctx.db, input.externalRef, current?.id)))
      issues.push(externalRefIssue);
    else write.external_ref = input.externalRef;
  }
  return { write, issues };
}

export const externalRefIssue: FieldIssue = {
  path: 'externalRef',
  code: 'already_exists',
  message: 'another order already has this external reference (it was recorded or imported before)',
};

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length === 0) return;
  // The same ERP line recorded twice is a conflict with an existing order (409); anything else is a 400.
  if (issues.length === 1 && issues[0] === externalRefIssue)
    throw new AppError('already_exists', 'An order with this external reference already exists', {
      errors: issues,
    });
  throw new AppError('validation_failed', 'Some fields are not valid', { errors: issues });
}
