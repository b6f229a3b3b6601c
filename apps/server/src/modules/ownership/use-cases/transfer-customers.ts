import type { FieldIssue, TransferRequest, TransferResult } from '@weixi/shared';
import { AppError, fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { notify } from '../../platform/notify';
import { assertCan, managesPerson, ownerRoles } from '../ownership.policy';
import { findUsers, lockCustomers, removeCollaborators, setOwner } from '../ownership.repository';
import { recordOwnershipChanges, sampleNames } from './ownership-records';

/**
 * Transfers customers to another owner (转移), all or nothing: every customer is row-locked first,
 * so a claim, a recycle or another transfer of the same customer waits; if any customer is missing,
 * outside the manager's reach or merged, nothing changes and each offender is named by its index.
 * Collaborators stay (the new owner leaves the list if they were on it). The new owner is told once
 * with the count; each previous owner once with theirs.
 */
export async function transferCustomers(ctx: Ctx, input: TransferRequest): Promise<TransferResult> {
  assertCan(ctx.actor, 'transfer');
  const scope = await ctx.scope();
  const [target] = await findUsers(ctx.db, [input.toUserId]);
  if (target?.status !== 'active') throw fieldError('toUserId', 'not_found', 'no active user with this id');
  if (!(ownerRoles as readonly string[]).includes(target.role))
    throw fieldError(
      'toUserId',
      'cannot_own',
      'people in this role do not own customers (finance, reception)',
    );
  if (!managesPerson(ctx.actor, scope, { id: target.id, departmentId: target.department_id })) {
    throw fieldError('toUserId', 'out_of_scope', 'the new owner must be in your department', 'forbidden');
  }

  const ids = [...new Set(input.customerIds)];
  const locked = new Map((await lockCustomers(ctx.db, ids)).map((c) => [c.id, c]));
  const notFound: FieldIssue[] = [];
  const conflicts: FieldIssue[] = [];
  input.customerIds.forEach((id, i) => {
    const c = locked.get(id);
    const reachable =
      c &&
      managesPerson(
        ctx.actor,
        scope,
        c.owner_id ? { id: c.owner_id, departmentId: c.owner_department_id } : null,
      );
    // Out of reach reads as missing: nobody learns which ids exist outside their scope.
    if (!c || !reachable)
      notFound.push({ path: `customerIds.${i}`, code: 'not_found', message: 'customer not found' });
    else if (c.status === 'merged')
      conflicts.push({ path: `customerIds.${i}`, code: 'merged', message: 'merged into another customer' });
  });
  if (notFound.length > 0)
    throw new AppError('not_found', `${notFound.length} of the customers were not found`, {
      errors: notFound,
    });
  if (conflicts.length > 0)
    throw new AppError('conflict', `${conflicts.length} of the customers were merged into others`, {
      errors: conflicts,
    });

  const rows = ids.map((id) => locked.get(id)!);
  const moving = rows.filter((c) => c.owner_id !== target.id);
  const unchanged = rows.filter((c) => c.owner_id === target.id);
  const now = ctx.clock.now();
  const to = { id: target.id, name: target.name };

  await setOwner(
    ctx.db,
    moving.map((c) => c.id),
    target.id,
    ctx.actor.id,
    now,
  );
  await removeCollaborators(
    ctx.db,
    moving.map((c) => c.id),
    [target.id],
  );
  await recordOwnershipChanges(
    ctx,
    'transfer',
    moving.map((c) => ({
      customerId: c.id,
      from: c.owner_id ? { id: c.owner_id, name: c.owner_name ?? '' } : null,
      to,
    })),
    { reason: input.reason, actorId: ctx.actor.id },
  );

  if (moving.length > 0) {
    if (target.id !== ctx.actor.id) {
      await notify(ctx, {
        userIds: [target.id],
        kind: 'ownership.transferred_in',
        params: {
          count: moving.length,
          names: sampleNames(moving.map((c) => c.name)),
          reason: input.reason,
          by: ctx.actor.name,
        },
        link: moving.length === 1 ? `/customers/${moving[0]!.id}` : '/customers?ownerId=me',
        entity: 'customer',
        entityId: moving.length === 1 ? moving[0]!.id : null,
        actorId: ctx.actor.id,
      });
    }
    const byPrevious = new Map<string, typeof moving>();
    for (const c of moving) {
      if (!c.owner_id || c.owner_id === ctx.actor.id) continue;
      byPrevious.set(c.owner_id, [...(byPrevious.get(c.owner_id) ?? []), c]);
    }
    for (const [ownerId, lost] of byPrevious) {
      await notify(ctx, {
        userIds: [ownerId],
        kind: 'ownership.transferred_out',
        params: {
          count: lost.length,
          names: sampleNames(lost.map((c) => c.name)),
          to: target.name,
          reason: input.reason,
          by: ctx.actor.name,
        },
        link: null,
        entity: 'customer',
        entityId: lost.length === 1 ? lost[0]!.id : null,
        actorId: ctx.actor.id,
      });
    }
  }

  return {
    toUser: to,
    transferred: moving.map((c) => ({
      id: c.id,
      name: c.name,
      from: c.owner_id ? { id: c.owner_id, name: c.owner_name ?? '' } : null,
    })),
    unchanged: unchanged.map((c) => ({ id: c.id, name: c.name })),
  };
}
