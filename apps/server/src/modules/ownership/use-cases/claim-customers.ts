import { claimLimitFor, cooldownCutoff, cooldownEndsOn } from '@weixi/domain';
import type { ClaimRequest, ClaimResult, FieldIssue } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../ownership.policy';
import { countHeld, lockPerson, peekCustomers, recentReleasesBy, takeUnowned } from '../ownership.repository';
import { recordOwnershipChanges } from './ownership-records';
import { getPoolSettings } from './pool-settings';

/**
 * Claims pool customers (认领), all or nothing, race-safe:
 *  - a per-person advisory lock makes one person's parallel claims count their holdings one after
 *    another, so together they cannot pass the limit;
 *  - the claim is a conditional update (`… where owner_id is null`), so when several people claim
 *    the same customer at once exactly one gets it and the others get 409 already_owned.
 * Checks in the order a person can act on: not in the pool (404), taken (409 already_owned),
 * recently given up by them (409 reclaim_cooldown with the date it ends), over their limit
 * (409 claim_limit_reached with limit and held).
 */
export async function claimCustomers(ctx: Ctx, input: ClaimRequest): Promise<ClaimResult> {
  assertCan(ctx.actor, 'view_pool');
  const settings = await getPoolSettings(ctx);
  const limit = claimLimitFor(settings, ctx.actor.role);
  if (limit <= 0) throw new AppError('forbidden', 'Your role does not claim customers from the pool');

  const requested = input.customerIds ?? (input.customerId ? [input.customerId] : []);
  const ids = [...new Set(requested)];
  const path = (i: number) => (input.customerIds ? `customerIds.${i}` : 'customerId');

  await lockPerson(ctx.db, 'claim', ctx.actor.id);

  const facts = new Map((await peekCustomers(ctx.db, ids)).map((c) => [c.id, c]));
  const missing: FieldIssue[] = [];
  const taken: FieldIssue[] = [];
  requested.forEach((id, i) => {
    const c = facts.get(id);
    if (c?.status !== 'active')
      missing.push({ path: path(i), code: 'not_found', message: 'not in the pool' });
    else if (c.owner_id !== null)
      taken.push({
        path: path(i),
        code: 'already_owned',
        message: c.owner_id === ctx.actor.id ? 'you already own it' : 'someone else owns it now',
      });
  });
  if (missing.length > 0)
    throw new AppError('not_found', 'Customer not found in the pool', { errors: missing });
  if (taken.length > 0)
    throw new AppError('already_owned', 'The customer already has an owner', { errors: taken });

  const now = ctx.clock.now();
  const tz = ctx.config.TZ_BUSINESS;
  const since = cooldownCutoff(now, tz, settings.cooldownDays);
  if (since) {
    const released = await recentReleasesBy(ctx.db, ctx.actor.id, ids, since);
    if (released.size > 0) {
      const ends = [...released.values()].map((at) => cooldownEndsOn(at, tz, settings.cooldownDays)).sort();
      const availableOn = ends.at(-1)!;
      throw new AppError(
        'reclaim_cooldown',
        `You gave up this customer recently; you may claim it again on ${availableOn}`,
        {
          availableOn,
          errors: requested.flatMap((id, i) => {
            const at = released.get(id);
            return at
              ? [
                  {
                    path: path(i),
                    code: 'reclaim_cooldown',
                    message: `claimable again on ${cooldownEndsOn(at, tz, settings.cooldownDays)}`,
                  },
                ]
              : [];
          }),
        },
      );
    }
  }

  const held = await countHeld(ctx.db, ctx.actor.id);
  if (held + ids.length > limit) {
    throw new AppError(
      'claim_limit_reached',
      `You hold ${held} of at most ${limit} customers; ${ids.length > 1 ? `claiming ${ids.length} would pass the limit` : 'release one before claiming another'}`,
      { limit, held },
    );
  }

  const claimed = await takeUnowned(ctx.db, ids, ctx.actor.id, now);
  if (claimed.length < ids.length) {
    // Someone else's claim (or a manager's transfer) committed between our look and our update.
    const got = new Set(claimed.map((c) => c.id));
    throw new AppError('already_owned', 'Someone else has just taken the customer', {
      errors: requested.flatMap((id, i) =>
        got.has(id) ? [] : [{ path: path(i), code: 'already_owned', message: 'someone else owns it now' }],
      ),
    });
  }
  const me = { id: ctx.actor.id, name: ctx.actor.name };
  await recordOwnershipChanges(
    ctx,
    'claim',
    claimed.map((c) => ({ customerId: c.id, from: null, to: me })),
    { reason: '', actorId: ctx.actor.id },
  );
  return { claimed, held: held + claimed.length, limit };
}
