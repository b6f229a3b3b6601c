import type { GradeDistribution } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { presentDistribution } from '../grading.presenter';
import { gradeDistribution, readGradingSetting } from '../grading.repository';
import { type LastRegrade, lastRegradeKey } from '../regrade';

/** Active customers in the actor's scope by grade, category and value tier (the 分级 chart). */
export async function getGradeDistribution(ctx: Ctx): Promise<GradeDistribution> {
  const [rows, last] = await Promise.all([
    gradeDistribution(ctx.db, await ctx.scope()),
    readGradingSetting<LastRegrade>(ctx.db, lastRegradeKey),
  ]);
  return presentDistribution(rows, last?.finishedAt ?? null);
}
