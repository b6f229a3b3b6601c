import type { Ctx } from '../../../http/context';
import { notify } from '../../platform/notify';
import { carryInteractionClock, findUsers } from '../ownership.repository';
import { recordOwnershipChanges } from './ownership-records';

/**
 * Called by the customers module when a customer gets an owner or its owner changes outside this
 * module — creation, a manager editing the owner field (PATCH /customers/:id), a merge that takes the
 * merged customer's owner —
 * so the ownership history has every change and the people concerned hear of it as they would of a
 * transfer. The caller has audited the change already; the clock is refreshed by the database
 * (migration 0009's trigger).
 */
export async function ownerChanged(
  ctx: Ctx,
  change: {
    customerId: string;
    customerName: string;
    fromId: string | null;
    toId: string | null;
    kind: 'create' | 'transfer' | 'merge';
  },
): Promise<void> {
  if (change.fromId === change.toId) return;
  const users = new Map(
    (
      await findUsers(
        ctx.db,
        [change.fromId, change.toId].filter((x): x is string => x !== null),
      )
    ).map((u) => [u.id, { id: u.id, name: u.name }]),
  );
  const from = change.fromId ? (users.get(change.fromId) ?? { id: change.fromId, name: '' }) : null;
  const to = change.toId ? (users.get(change.toId) ?? { id: change.toId, name: '' }) : null;
  // Clearing the owner by hand is a release: the former owner then has the same cooldown.
  const kind = change.kind === 'transfer' && to === null ? 'release' : change.kind;
  await recordOwnershipChanges(ctx, kind, [{ customerId: change.customerId, from, to }], {
    reason: '',
    actorId: ctx.actor.id,
    audit: false,
  });
  if (change.kind === 'merge') return;
  if (to && to.id !== ctx.actor.id) {
    await notify(ctx, {
      userIds: [to.id],
      kind: 'ownership.transferred_in',
      params: { count: 1, names: change.customerName, reason: '', by: ctx.actor.name },
      link: `/customers/${change.customerId}`,
      entity: 'customer',
      entityId: change.customerId,
      actorId: ctx.actor.id,
    });
  }
  if (from && from.id !== ctx.actor.id) {
    await notify(
      ctx,
      to
        ? {
            userIds: [from.id],
            kind: 'ownership.transferred_out',
            params: { count: 1, names: change.customerName, to: to.name, reason: '', by: ctx.actor.name },
            link: null,
            entity: 'customer',
            entityId: change.customerId,
            actorId: ctx.actor.id,
          }
        : {
            userIds: [from.id],
            kind: 'pool.released_by_manager',
            params: { name: change.customerName, reason: '', by: ctx.actor.name },
            link: '/grading/pool',
            entity: 'customer',
            entityId: change.customerId,
            actorId: ctx.actor.id,
          },
    );
  }
}

/**
 * Called by the customers module's merge: the survivor keeps the later of the two recycling clocks,
 * and takes over the merged customer's ownership history (customerReferences moves it); an owner
 * taken from the merged customer is recorded as a `merge` change.
 */
export async function customersMerged(
  ctx: Ctx,
  m: {
    survivorId: string;
    survivorName: string;
    mergedId: string;
    ownerBefore: string | null;
    ownerAfter: string | null;
  },
): Promise<void> {
  await carryInteractionClock(ctx.db, m.mergedId, m.survivorId);
  await ownerChanged(ctx, {
    customerId: m.survivorId,
    customerName: m.survivorName,
    fromId: m.ownerBefore,
    toId: m.ownerAfter,
    kind: 'merge',
  });
}
