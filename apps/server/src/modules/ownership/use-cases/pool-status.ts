import { claimLimitFor, recycleCutoffs, recycleOutlook } from '@weixi/domain';
import type { PoolMe } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../ownership.policy';
import { atRiskOf, countAtRisk, countHeld, type DueRule } from '../ownership.repository';
import { getPoolSettings } from './pool-settings';

async function warningRule(ctx: Ctx) {
  const settings = await getPoolSettings(ctx);
  const cutoffs = recycleCutoffs(ctx.clock.now(), ctx.config.TZ_BUSINESS, settings);
  // With no warning period, "at risk" means already due: the recycle cutoffs.
  const before = settings.warnDays > 0 ? cutoffs.warnBefore : cutoffs.recycleBefore;
  const rule: DueRule = { before, exemptKeyCategory: settings.exemptKeyCategory };
  return { settings, rule };
}

/** The pool page's gauge: how many I hold, my limit, and how many of mine are about to be recycled. */
export async function poolStatus(ctx: Ctx): Promise<PoolMe> {
  assertCan(ctx.actor, 'view_pool');
  const { settings, rule } = await warningRule(ctx);
  const limit = claimLimitFor(settings, ctx.actor.role);
  const [held, atRisk] = await Promise.all([
    countHeld(ctx.db, ctx.actor.id),
    countAtRisk(ctx.db, ctx.actor.id, rule),
  ]);
  return {
    held,
    limit,
    canClaim: limit > 0 && held < limit,
    atRisk,
    warnDays: settings.warnDays,
    cooldownDays: settings.cooldownDays,
  };
}

/** My customers in their warning period (or overdue), oldest silence first, with the date each returns. */
export async function atRiskCustomers(ctx: Ctx) {
  assertCan(ctx.actor, 'view_pool');
  const { settings, rule } = await warningRule(ctx);
  const rows = await atRiskOf(ctx.db, ctx.actor.id, rule, 200);
  const tz = ctx.config.TZ_BUSINESS;
  return {
    items: rows.map((r) => {
      const outlook = recycleOutlook(
        {
          ownerId: ctx.actor.id,
          status: 'active',
          grade: r.grade,
          category: r.category,
          executiveSponsorId: null,
          lastInteractionAt: new Date(r.last_interaction_at),
        },
        settings,
        tz,
      );
      return {
        id: r.id,
        name: r.name,
        grade: r.grade as 'A' | 'B' | 'C' | 'D' | null,
        category: r.category as 'key' | 'normal' | 'potential',
        lastInteractionAt: new Date(r.last_interaction_at).toISOString(),
        dueOn: outlook.dueOn ?? '',
      };
    }),
  };
}
