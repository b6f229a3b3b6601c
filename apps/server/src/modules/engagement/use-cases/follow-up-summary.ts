import { dueBounds } from '@weixi/domain';
import type { FollowUpSummary, WorkView } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { followUpAudience } from '../follow-up-audience';
import { presentSummary } from '../follow-ups.presenter';
import { countByOwner } from '../follow-ups.repository';

/** How many follow-ups are overdue, due today and due this week, overall and per owner in view. */
export async function followUpSummary(
  ctx: Ctx,
  input: { view: WorkView; departmentId?: string | undefined },
): Promise<FollowUpSummary> {
  const audience = await followUpAudience(ctx, input);
  const rows = await countByOwner(ctx.db, audience, dueBounds(ctx.clock.now(), ctx.config.TZ_BUSINESS));
  return presentSummary(rows);
}
