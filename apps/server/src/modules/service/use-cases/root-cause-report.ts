import type { RootCauseReport } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { reportPeriods, rootCauseCounts } from '../figures.repository';
import { assertCan } from '../service.policy';
import { figuresPeriod, figuresReach } from './figures-scope';

/**
 * How often each root cause closed a ticket, per month or week (DOMAIN §5: so recurring causes
 * can be counted and removed). Every period of the range is listed, empty ones too, so the
 * counts line up as a chart's columns; causes by total, most frequent first.
 */
export async function rootCauseReport(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined; bucket: 'month' | 'week' },
): Promise<RootCauseReport> {
  assertCan(ctx.actor, 'view_figures');
  const { from, to } = figuresPeriod(ctx, q);
  const reach = await figuresReach(ctx);
  const periods = await reportPeriods(ctx.db, { from, to }, q.bucket);
  const counts = await rootCauseCounts(
    ctx.db,
    { from, to, timeZone: ctx.config.TZ_BUSINESS, reach },
    q.bucket,
  );
  const index = new Map(periods.map((p, i) => [p, i]));
  const causes = new Map<string, { id: string; name: string; total: number; counts: number[] }>();
  for (const c of counts) {
    let cause = causes.get(c.id);
    if (!cause) {
      cause = { id: c.id, name: c.name, total: 0, counts: periods.map(() => 0) };
      causes.set(c.id, cause);
    }
    const i = index.get(c.period);
    if (i !== undefined) cause.counts[i] = (cause.counts[i] ?? 0) + c.n;
    cause.total += c.n;
  }
  return {
    periods,
    causes: [...causes.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'zh-CN')),
  };
}
