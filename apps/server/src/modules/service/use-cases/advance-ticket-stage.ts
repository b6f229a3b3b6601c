import { advanceStage } from '@weixi/domain';
import type { Ticket, TicketStage } from '@weixi/shared';
import { AppError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { auditTicketChange, isOpen, recordEvent, ruleError, ticketForChange } from '../ticket-rules';
import { updateTicketRow } from '../tickets.repository';
import { ticketAfterChange } from './get-ticket';

/**
 * Moves the service process on (confirm the need → agree a plan → deliver → collect feedback):
 * forward only, stages may be skipped, and only while the ticket is open — resolving and
 * reopening move the stage themselves.
 */
export async function advanceTicketStage(
  ctx: Ctx,
  id: string,
  version: number,
  stage: TicketStage,
): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  const current = await ticketForChange(ctx, id, version);
  if (!isOpen(current.status))
    throw new AppError('conflict', `The ticket is ${current.status}; reopen it to change its stage`, {
      errors: [{ path: 'status', code: 'not_open', message: `the ticket is ${current.status}` }],
    });
  const result = advanceStage(current.stage as TicketStage, stage);
  if (!result.ok) throw ruleError(result, new Set());
  if (result.stage === current.stage) return ticketAfterChange(ctx, id);
  const before = await ticketAfterChange(ctx, id);
  const now = ctx.clock.now();
  if (!(await updateTicketRow(ctx.db, id, version, { stage: result.stage }, ctx.actor.id, now)))
    throw staleVersion('Ticket', version + 1);
  await recordEvent(ctx, current, 'stage', { data: { from: current.stage, to: result.stage } });
  const after = await ticketAfterChange(ctx, id);
  await auditTicketChange(ctx, 'ticket.stage', before, after);
  return after;
}
