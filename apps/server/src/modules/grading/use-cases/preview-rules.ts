import { dateInTimeZone, validateGradingRules } from '@weixi/domain';
import type { GradingPreview, GradingRules } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../grading.policy';
import { presentPreview } from '../grading.presenter';
import { runPreviewStatement } from '../grading.repository';
import { previewStatement } from '../grading-sql';

/**
 * What a draft would change if saved and applied today: from→to counts of grade, category and
 * value tier over every active customer, by the same SQL the regrade runs, writing nothing.
 * Administrators only: it reads the whole archive, whatever the caller's scope.
 */
export async function previewRules(ctx: Ctx, rules: GradingRules): Promise<GradingPreview> {
  assertCan(ctx.actor, 'manage_rules');
  const issues = validateGradingRules(rules);
  if (issues.length > 0) {
    throw new AppError('validation_failed', `The rules have ${issues.length} problem(s)`, {
      errors: issues.map((i) => ({ ...i, path: `rules.${i.path}` })),
    });
  }
  const asOf = dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  return presentPreview(await runPreviewStatement(ctx.db, previewStatement(rules, { asOf })), asOf);
}
