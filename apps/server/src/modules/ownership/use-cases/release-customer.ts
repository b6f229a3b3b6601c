import type { ReleaseResult } from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findCustomer } from '../../customers/customers.repository';
import { notify } from '../../platform/notify';
import { managesPerson } from '../ownership.policy';
import { countHeld, lockCustomers, removeCollaborators, setOwner } from '../ownership.repository';
import { recordOwnershipChanges } from './ownership-records';

/**
 * Returns a customer to the pool (释放到公海): by its owner, or by a manager over the owner. The
 * collaborators go too — a pool customer is nobody's, and whoever claims it next chooses their own.
 * The released owner may not reclaim it during the cooldown (the history row is the record).
 */
export async function releaseCustomer(
  ctx: Ctx,
  input: { customerId: string; reason: string },
): Promise<ReleaseResult> {
  const scope = await ctx.scope();
  const visible = await findCustomer(ctx.db, scope, input.customerId);
  if (!visible) throw notFound('Customer');
  const [c] = await lockCustomers(ctx.db, [input.customerId]);
  if (!c) throw notFound('Customer');
  if (!c.owner_id) throw new AppError('conflict', 'The customer is already in the pool');
  if (c.status === 'merged') throw new AppError('conflict', 'The customer was merged into another');
  const isOwner = c.owner_id === ctx.actor.id;
  if (!isOwner && !managesPerson(ctx.actor, scope, { id: c.owner_id, departmentId: c.owner_department_id })) {
    throw new AppError('forbidden', 'Only the owner or their manager may return a customer to the pool');
  }

  const now = ctx.clock.now();
  const from = { id: c.owner_id, name: c.owner_name ?? '' };
  await setOwner(ctx.db, [c.id], null, ctx.actor.id, now);
  const dropped = await removeCollaborators(ctx.db, [c.id]);
  await recordOwnershipChanges(
    ctx,
    'release',
    [{ customerId: c.id, from, to: null, before: { collaboratorIds: dropped.map((d) => d.user_id) } }],
    { reason: input.reason, actorId: ctx.actor.id },
  );
  if (!isOwner) {
    await notify(ctx, {
      userIds: [c.owner_id],
      kind: 'pool.released_by_manager',
      params: { name: c.name, reason: input.reason, by: ctx.actor.name },
      link: '/grading/pool',
      entity: 'customer',
      entityId: c.id,
      actorId: ctx.actor.id,
    });
  }
  return { customer: { id: c.id, name: c.name }, from, held: await countHeld(ctx.db, ctx.actor.id) };
}
