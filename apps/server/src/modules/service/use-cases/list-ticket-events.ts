import type { TicketEvent } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { visibleTicket } from '../ticket-rules';
import { presentTicketEvent } from '../tickets.presenter';
import { listEvents } from '../tickets.repository';

/** The ticket's history, oldest first: every change, the notes and the replies. */
export async function listTicketEvents(ctx: Ctx, id: string): Promise<{ items: TicketEvent[] }> {
  assertCan(ctx.actor, 'handle_tickets');
  await visibleTicket(ctx, id);
  return { items: (await listEvents(ctx.db, id)).map(presentTicketEvent) };
}
