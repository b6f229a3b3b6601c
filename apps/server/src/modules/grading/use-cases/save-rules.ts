import { newId } from '@weixi/db';
import { validateGradingRules } from '@weixi/domain';
import type { GradingRuleSet, SaveGradingRulesRequest } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../grading.policy';
import { presentRuleSet } from '../grading.presenter';
import { findCurrentRuleSet, insertRuleSet } from '../grading.repository';

/**
 * Saves the rules as the next version (the previous ones stay readable). Every semantic problem
 * comes back at once, each at its field. Grades change at the next regrade — the nightly one, or
 * one an administrator starts — so a preview before saving shows what will move.
 */
export async function saveRules(
  ctx: Ctx,
  expectedVersion: number,
  input: SaveGradingRulesRequest,
): Promise<GradingRuleSet> {
  assertCan(ctx.actor, 'manage_rules');
  const issues = validateGradingRules(input.rules);
  if (issues.length > 0) {
    throw new AppError('validation_failed', `The rules have ${issues.length} problem(s)`, {
      errors: issues.map((i) => ({ ...i, path: `rules.${i.path}` })),
    });
  }
  // Row lock on the current version: two administrators saving at once cannot both become version N+1.
  const current = await findCurrentRuleSet(ctx.db, { forUpdate: true });
  if (current.version !== expectedVersion) throw staleVersion('Grading rules', current.version);
  const id = newId();
  const version = current.version + 1;
  const note = input.note ?? '';
  await insertRuleSet(ctx.db, {
    id,
    version,
    rules: input.rules,
    note,
    actorId: ctx.actor.id,
    at: ctx.clock.now(),
  });
  await recordAudit(ctx, {
    action: 'grading.rules.update',
    entity: 'grading_rule_set',
    entityId: id,
    before: { version: current.version, rules: current.rules },
    after: { version, rules: input.rules, note },
  });
  return presentRuleSet({
    id,
    version,
    rules: input.rules,
    note,
    is_current: true,
    created_at: ctx.clock.now(),
    created_by: ctx.actor.id,
    created_by_name: ctx.actor.name,
  });
}
