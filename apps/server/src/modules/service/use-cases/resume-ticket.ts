import type { Ticket } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { auditTicketChange, changedDeadlines, recordEvent, ticketForChange, toPauses } from '../ticket-rules';
import { closeOpenPause, listPauses, updateTicketRow } from '../tickets.repository';
import { ticketAfterChange } from './get-ticket';
import { readServiceSettings } from './read-service-settings';

/**
 * The customer answered: the pause ends now and the deadlines still running move later by the
 * counted time of the wait (business hours only, for business-hour targets), so the queue's
 * order by time to breach stays right.
 */
export async function resumeTicket(ctx: Ctx, id: string, version: number): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  const current = await ticketForChange(ctx, id, version);
  if (!current.waiting_since)
    throw new AppError('conflict', 'The ticket is not waiting on the customer', {
      errors: [{ path: 'status', code: 'not_waiting', message: 'not waiting on the customer' }],
    });
  const before = await ticketAfterChange(ctx, id);
  const now = ctx.clock.now();
  const settings = await readServiceSettings(ctx);
  await closeOpenPause(ctx.db, id, now);
  const pauses = toPauses(await listPauses(ctx.db, id));
  const { after: due } = changedDeadlines(current, { waiting_since: null }, pauses, settings.calendar, now);
  if (!(await updateTicketRow(ctx.db, id, version, { waiting_since: null, ...due }, ctx.actor.id, now)))
    throw staleVersion('Ticket', version + 1);
  const waitedMs = now.getTime() - new Date(current.waiting_since).getTime();
  await recordEvent(ctx, current, 'resumed', { data: { waitedMs } });
  const after = await ticketAfterChange(ctx, id);
  await auditTicketChange(ctx, 'ticket.resume', before, after);
  return after;
}
