import { recycleOutlook } from '@weixi/domain';
import type { CustomerOwnership } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { findCustomer } from '../../customers/customers.repository';
import { can, managesPerson } from '../ownership.policy';
import { presentHistoryEntry } from '../ownership.presenter';
import { listHistory, ownershipFacts } from '../ownership.repository';
import { getPoolSettings } from './pool-settings';

/** The customer, if the actor may read it (its own scope rule): out of scope is a 404 like a missing id. */
async function readableFacts(ctx: Ctx, id: string) {
  const scope = await ctx.scope();
  if (!(await findCustomer(ctx.db, scope, id))) throw notFound('Customer');
  const facts = await ownershipFacts(ctx.db, id);
  if (!facts) throw notFound('Customer');
  return { scope, facts };
}

/**
 * Who owns the customer, which executive holds it as a key customer, when it was last worked on and
 * when it would return to the pool (or why it never does), and what the actor may do about it.
 */
export async function customerOwnership(ctx: Ctx, id: string): Promise<CustomerOwnership> {
  const { scope, facts } = await readableFacts(ctx, id);
  const settings = await getPoolSettings(ctx);
  const last = new Date(facts.last_interaction_at);
  const outlook = recycleOutlook(
    {
      ownerId: facts.owner_id,
      status: facts.status,
      grade: facts.grade,
      category: facts.category,
      executiveSponsorId: facts.executive_sponsor_id,
      lastInteractionAt: last,
    },
    settings,
    ctx.config.TZ_BUSINESS,
  );
  const owned = facts.owner_id !== null;
  const managesOwner =
    owned &&
    managesPerson(ctx.actor, scope, { id: facts.owner_id!, departmentId: facts.owner_department_id });
  return {
    customerId: facts.id,
    status: facts.status as CustomerOwnership['status'],
    owner: owned ? { id: facts.owner_id!, name: facts.owner_name ?? '' } : null,
    executiveSponsor: facts.executive_sponsor_id
      ? { id: facts.executive_sponsor_id, name: facts.sponsor_name ?? '' }
      : null,
    lastInteractionAt: last.toISOString(),
    recycle: outlook,
    can: {
      release: owned && facts.status !== 'merged' && (facts.owner_id === ctx.actor.id || managesOwner),
      transfer: can(ctx.actor, 'transfer') && facts.status !== 'merged' && (!owned || managesOwner),
      sponsor: can(ctx.actor, 'sponsor') && facts.status === 'active' && facts.executive_sponsor_id === null,
      unsponsor:
        facts.executive_sponsor_id !== null &&
        (facts.executive_sponsor_id === ctx.actor.id || ctx.actor.role === 'admin'),
    },
  };
}

/** The customer's ownership history, newest first (merges bring the merged customer's along). */
export async function ownershipHistory(
  ctx: Ctx,
  id: string,
  input: { limit: number; cursor?: string | undefined },
) {
  await readableFacts(ctx, id);
  const after = readCursor(input.cursor, 1);
  const { rows, total } = await listHistory(ctx.db, id, input.limit, after?.id ?? null);
  return pageOf(rows, input.limit, total, presentHistoryEntry, (r) => [r.id]);
}
