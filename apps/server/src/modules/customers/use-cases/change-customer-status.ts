import type { CustomerDetail } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../customers.policy';
import { type CustomerWrite, findCustomer, lockCustomer, updateCustomer } from '../customers.repository';
import { getCustomer } from './get-customer';

type StatusChange = { kind: 'verify' } | { kind: 'invalidate'; reason: string } | { kind: 'restore' };

/**
 * Verify (核实), invalidate (注销) and restore share one shape: a versioned, audited change of the
 * customer's standing that never deletes anything.
 */
export async function changeCustomerStatus(
  ctx: Ctx,
  id: string,
  version: number,
  change: StatusChange,
): Promise<CustomerDetail> {
  assertCan(ctx.actor, change.kind === 'verify' ? 'write' : 'invalidate');
  const current = await findCustomer(ctx.db, await ctx.scope(), id);
  if (!current) throw notFound('Customer');
  const locked = await lockCustomer(ctx.db, id);
  if (!locked || locked.version !== version)
    throw staleVersion('Customer', locked?.version ?? current.version);

  const now = ctx.clock.now();
  let patch: CustomerWrite;
  switch (change.kind) {
    case 'verify':
      if (current.status !== 'active')
        throw new AppError('conflict', 'Only active customers can be verified; restore it first');
      patch = { verified_at: now, verified_by: ctx.actor.id };
      break;
    case 'invalidate':
      if (current.status !== 'active')
        throw new AppError('conflict', `The customer is already ${current.status}`);
      patch = {
        status: 'invalid',
        invalid_reason: change.reason,
        invalidated_at: now,
        invalidated_by: ctx.actor.id,
      };
      break;
    case 'restore':
      if (current.status !== 'invalid')
        throw new AppError('conflict', 'Only an invalidated customer can be restored');
      patch = { status: 'active', invalid_reason: null, invalidated_at: null, invalidated_by: null };
      break;
  }
  if (!(await updateCustomer(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Customer', version + 1);
  await recordAudit(ctx, {
    action: `customer.${change.kind}`,
    entity: 'customer',
    entityId: id,
    before: {
      status: current.status,
      verifiedAt: current.verified_at,
      invalidReason: current.invalid_reason,
    },
    after: {
      status: patch.status ?? current.status,
      ...(change.kind === 'invalidate' ? { invalidReason: change.reason } : {}),
    },
  });
  return getCustomer(ctx, id);
}
