import type { GradingRuleSet } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { presentRuleSet } from '../grading.presenter';
import { findCurrentRuleSet } from '../grading.repository';

/**
 * The rules in force. Everyone signed in may read them: an account manager should be able to see
 * why a customer is B, even though only administrators change the rules.
 */
export async function getRules(ctx: Ctx): Promise<GradingRuleSet> {
  return presentRuleSet(await findCurrentRuleSet(ctx.db));
}
