import type { CustomerScore } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { presentScore } from '../grading.presenter';
import {
  findCustomerInScope,
  findRuleSetByVersion,
  findScore,
  listGradeHistory,
  listOverrides,
  readGradingSetting,
} from '../grading.repository';
import { type LastRegrade, lastRegradeKey, parseStoredRules } from '../regrade';

const historyShown = 50;

/**
 * One customer's score with its breakdown, proposal, overrides, RFM and grade history, if the
 * customer is in the actor's scope (otherwise 404, like a missing id). `unscoped` answers a write
 * the actor was allowed to make.
 */
export async function getCustomerScore(
  ctx: Ctx,
  id: string,
  opts: { unscoped?: boolean } = {},
): Promise<CustomerScore> {
  const customer = await findCustomerInScope(ctx.db, opts.unscoped ? { kind: 'all' } : await ctx.scope(), id);
  if (!customer) throw notFound('Customer');
  const [score, overrides, history, last] = await Promise.all([
    findScore(ctx.db, id),
    listOverrides(ctx.db, id),
    listGradeHistory(ctx.db, id, historyShown),
    readGradingSetting<LastRegrade>(ctx.db, lastRegradeKey),
  ]);
  const ruleSet = score ? await findRuleSetByVersion(ctx.db, score.rule_version) : undefined;
  return presentScore({
    customer,
    score,
    rules: ruleSet ? parseStoredRules(ruleSet.rules) : null,
    overrides,
    history,
    lastFullAsOf: last?.asOf ?? null,
  });
}
