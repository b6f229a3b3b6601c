import type { DB } from '@weixi/db';
import { newId } from '@weixi/db';
import { type SlaPause, ticketTransition } from '@weixi/domain';
import type { Ticket, TicketAction, TicketKind, TicketStage, TicketStatus } from '@weixi/shared';
import type { Updateable } from 'kysely';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import {
  auditTicketChange,
  changedDeadlines,
  firstResponsePatch,
  recordEvent,
  ruleError,
  type TicketEventKind,
  ticketForChange,
  toPauses,
  unprocessable,
} from '../ticket-rules';
import {
  closeOpenPause,
  findRootCause,
  insertPause,
  listPauses,
  updateTicketRow,
} from '../tickets.repository';
import { ticketAfterChange } from './get-ticket';
import { readServiceSettings } from './read-service-settings';
import { surveyAfterResolve } from './survey-after-resolve';

export interface TransitionInput {
  action: TicketAction;
  rootCauseId?: string | undefined;
  reason?: string | undefined;
  resolution?: string | undefined;
}

const eventOf: Record<TicketAction, TicketEventKind> = {
  acknowledge: 'acknowledged',
  start: 'started',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
};

/**
 * Moves a ticket along its status flow (tickets.ts `ticketTransition`); a refusal changes nothing.
 * Acknowledging, or starting a new ticket, is its first response; resolving stops the resolution
 * clock and sends the "resolved" survey; closing a complaint names its root cause from the
 * managed list; reopening (within the settings' window) puts the ticket back to delivery.
 */
export async function transitionTicket(
  ctx: Ctx,
  id: string,
  version: number,
  input: TransitionInput,
): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  const current = await ticketForChange(ctx, id, version);
  const before = await ticketAfterChange(ctx, id);
  const settings = await readServiceSettings(ctx);
  const now = ctx.clock.now();
  const result = ticketTransition(
    {
      status: current.status as TicketStatus,
      kind: current.kind as TicketKind,
      stage: current.stage as TicketStage,
      rootCauseId: current.root_cause_id,
      important: current.important,
    },
    input.action,
    {
      rootCauseId: input.rootCauseId ?? null,
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
      closedAt: current.closed_at ? new Date(current.closed_at) : null,
      now,
      reopenWindowDays: settings.reopenWindowDays,
    },
  );
  if (!result.ok) throw ruleError(result);
  if (result.rootCauseId) {
    const cause = await findRootCause(ctx.db, result.rootCauseId);
    if (!cause?.active) throw unprocessable('rootCauseId', 'not_found', 'no active root cause with this id');
  }

  const facts: Parameters<typeof changedDeadlines>[1] = { status: result.status };
  const patch: Updateable<DB['ticket']> = {
    status: result.status,
    ...(result.stage ? { stage: result.stage } : {}),
  };
  if (input.action === 'resolve') {
    // Resolving while waiting on the customer ends the wait: the pause stops at the resolution.
    if (current.waiting_since) {
      await closeOpenPause(ctx.db, id, now);
      facts.waiting_since = null;
      patch.waiting_since = null;
    }
    facts.resolved_at = now;
    patch.resolved_at = now;
    if (input.resolution !== undefined) patch.resolution = input.resolution;
  } else if (input.action === 'close') {
    patch.closed_at = now;
    if (result.rootCauseId) patch.root_cause_id = result.rootCauseId;
  } else if (input.action === 'reopen') {
    // The resolution clock resumes where it stopped rather than starting again: the fix did not
    // hold, so the customer has been waiting since they first reported it, and one target covers
    // both attempts. The days the ticket sat resolved (in the customer's hands, not ours) are a
    // pause, so they are not counted against the team either. The flags of a target already
    // missed stay set (figures count every breach).
    const resolvedAt = current.resolved_at ? new Date(current.resolved_at) : now;
    await insertPause(ctx.db, {
      id: newId(),
      ticketId: id,
      from: resolvedAt,
      to: now,
      reason: `reopened: ${input.reason ?? ''}`.slice(0, 500),
    });
    facts.resolved_at = null;
    patch.resolved_at = null;
    patch.closed_at = null;
    patch.reopen_count = current.reopen_count + 1;
  }
  const pauses: SlaPause[] = toPauses(await listPauses(ctx.db, id));
  const firstNow =
    input.action === 'acknowledge' || (input.action === 'start' && result.acknowledgedNow === true);
  if (firstNow && !current.first_response_at) facts.first_response_at = now;
  const { live, after: due } = changedDeadlines(current, facts, pauses, settings.calendar, now);
  if (firstNow) Object.assign(patch, firstResponsePatch({ ...current, ...live }, now));
  if (input.action === 'resolve' && now.getTime() > live.resolution_due_at.getTime())
    patch.resolution_breached = true;
  Object.assign(patch, due);

  if (!(await updateTicketRow(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Ticket', version + 1);
  await recordEvent(ctx, current, eventOf[input.action], {
    body:
      input.action === 'reopen'
        ? (input.reason ?? '')
        : input.action === 'resolve'
          ? (input.resolution ?? '')
          : '',
    data: {
      from: current.status,
      to: result.status,
      ...(result.stage && result.stage !== current.stage ? { stage: result.stage } : {}),
      ...(result.rootCauseId ? { rootCauseId: result.rootCauseId } : {}),
    },
  });
  const after = await ticketAfterChange(ctx, id);
  await auditTicketChange(ctx, `ticket.${input.action}`, before, after);
  if (input.action === 'resolve')
    await surveyAfterResolve(ctx, { id, customerId: current.customer_id, contactId: current.contact_id });
  return after;
}
