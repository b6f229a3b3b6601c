import type { GradingRuleSet } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentRuleSet } from '../grading.presenter';
import { listRuleSets } from '../grading.repository';

/** Every saved version of the rules, newest first, with who saved it and when. */
export async function listRuleVersions(
  ctx: Ctx,
  input: { limit: number; cursor?: string | undefined },
): Promise<{ items: GradingRuleSet[]; nextCursor: string | null; total: number }> {
  // Keyed by the version number, not the id: ids come from the clock, and a version saved under a
  // clock set back (a test's, a corrected server's) would otherwise sort before an older one.
  const after = readCursor(input.cursor, 2);
  const before = after ? Number(after.values[0]) : null;
  if (before !== null && !Number.isSafeInteger(before)) {
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  }
  const { rows, total } = await listRuleSets(ctx.db, input.limit, before);
  return pageOf(rows, input.limit, total, presentRuleSet, (r) => [String(r.version), r.id]);
}
