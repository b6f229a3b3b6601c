import type { Ticket } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { visibleTicket } from '../ticket-rules';
import { presentTicket } from '../tickets.presenter';
import { findTicket, listPauses, type TicketView } from '../tickets.repository';
import { readServiceSettings } from './read-service-settings';

async function present(ctx: Ctx, row: TicketView): Promise<Ticket> {
  const [pauses, settings] = await Promise.all([listPauses(ctx.db, row.id), readServiceSettings(ctx)]);
  return presentTicket(row, pauses, {
    now: ctx.clock.now(),
    calendar: settings.calendar,
    warnBeforePercent: settings.warnBeforePercent,
    reopenWindowDays: settings.reopenWindowDays,
  });
}

/** One ticket the actor may see, its SLA timers computed now; 404 otherwise. */
export async function getTicket(ctx: Ctx, id: string): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  return present(ctx, await visibleTicket(ctx, id));
}

/**
 * The ticket as a change just left it, for the response and the audit entry. Not scoped: the
 * change was allowed, and handing a ticket to someone else may take it out of the actor's sight.
 */
export async function ticketAfterChange(ctx: Ctx, id: string): Promise<Ticket> {
  const row = await findTicket(ctx.db, { userId: ctx.actor.id, scope: { kind: 'all' }, team: 'all' }, id);
  if (!row) throw notFound('Ticket');
  return present(ctx, row);
}
