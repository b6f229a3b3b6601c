import { newId } from '@weixi/db';
import type { Ticket } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import {
  auditTicketChange,
  changedDeadlines,
  isOpen,
  recordEvent,
  ticketForChange,
  toPauses,
} from '../ticket-rules';
import { insertPause, listPauses, updateTicketRow } from '../tickets.repository';
import { ticketAfterChange } from './get-ticket';
import { readServiceSettings } from './read-service-settings';

/**
 * Waiting on the customer (待客户反馈): the SLA clocks stop until the ticket is resumed. The
 * ticket leaves the "time to breach" order (next_due_at null) while it waits; its deadlines move
 * later by the counted time of the wait when it resumes.
 */
export async function waitOnCustomer(ctx: Ctx, id: string, version: number, reason: string): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  const current = await ticketForChange(ctx, id, version);
  if (!isOpen(current.status))
    throw new AppError(
      'conflict',
      `The ticket is ${current.status}; only open tickets wait on the customer`,
      {
        errors: [{ path: 'status', code: 'not_open', message: `the ticket is ${current.status}` }],
      },
    );
  if (current.waiting_since)
    throw new AppError('conflict', 'The ticket is already waiting on the customer', {
      errors: [{ path: 'status', code: 'already_waiting', message: 'already waiting on the customer' }],
    });
  const before = await ticketAfterChange(ctx, id);
  const now = ctx.clock.now();
  const settings = await readServiceSettings(ctx);
  await insertPause(ctx.db, { id: newId(), ticketId: id, from: now, to: null, reason });
  const pauses = toPauses(await listPauses(ctx.db, id));
  const { after: due } = changedDeadlines(current, { waiting_since: now }, pauses, settings.calendar, now);
  if (!(await updateTicketRow(ctx.db, id, version, { waiting_since: now, ...due }, ctx.actor.id, now)))
    throw staleVersion('Ticket', version + 1);
  await recordEvent(ctx, current, 'waiting', { body: reason });
  const after = await ticketAfterChange(ctx, id);
  await auditTicketChange(ctx, 'ticket.wait', before, after);
  return after;
}
