import type { FiguresGrouping, ServiceFigures, TicketChannel, TicketKind } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { presentFigures } from '../figures.presenter';
import { aggregateFigures } from '../figures.repository';
import { assertCan } from '../service.policy';
import { figuresPeriod, figuresReach } from './figures-scope';

export interface ServiceFiguresQuery {
  from?: string | undefined;
  to?: string | undefined;
  groupBy: FiguresGrouping;
  kind?: TicketKind | undefined;
  channel?: TicketChannel | undefined;
}

/**
 * Service figures per agent, team, category or month of receipt, with totals over the same
 * tickets: counts, median response and resolution times, breach and reopen rates, and the
 * satisfaction (CSAT, NPS) of the surveys answered about them.
 */
export async function serviceFigures(ctx: Ctx, q: ServiceFiguresQuery): Promise<ServiceFigures> {
  assertCan(ctx.actor, 'view_figures');
  const { from, to } = figuresPeriod(ctx, q);
  const filter = {
    from,
    to,
    timeZone: ctx.config.TZ_BUSINESS,
    kind: q.kind,
    channel: q.channel,
    reach: await figuresReach(ctx),
  };
  const [rows, totals] = await Promise.all([
    aggregateFigures(ctx.db, filter, q.groupBy),
    aggregateFigures(ctx.db, filter, null),
  ]);
  return presentFigures({ from, to, groupBy: q.groupBy }, rows, totals[0]);
}
