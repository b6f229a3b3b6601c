import type { GradingRuleSet } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentRuleSet } from '../grading.presenter';
import { listRuleSets } from '../grading.repository';

/** Every saved version of the rules, newest first, with who saved it and when. */
export async function listRuleVersions(
  ctx: Ctx,
  input: { limit: number; cursor?: string | undefined },
): Promise<{ items: GradingRuleSet[]; nextCursor: string | null; total: number }> {
  const after = readCursor(input.cursor, 1);
  const { rows, total } = await listRuleSets(ctx.db, input.limit, after?.id ?? null);
  return pageOf(rows, input.limit, total, presentRuleSet, (r) => [r.id]);
}
