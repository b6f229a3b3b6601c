import { newId } from '@weixi/db';
import { renderTemplate } from '@weixi/domain';
import type { TicketEvent } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { emailConfigured } from '../../platform/mailer';
import { outboxDeliverJob } from '../../platform/outbox.jobs';
import { insertOutbox } from '../../platform/outbox.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../service.policy';
import {
  changedDeadlines,
  firstResponsePatch,
  isOpen,
  recordEvent,
  replyValues,
  toPauses,
  unprocessable,
  visibleTicket,
} from '../ticket-rules';
import { presentTicketEvent } from '../tickets.presenter';
import { findEvent, findTemplate, listPauses, lockTicket, updateTicketRow } from '../tickets.repository';
import { readServiceSettings } from './read-service-settings';

export interface EventInput {
  kind: 'note' | 'reply';
  body: string;
  templateId?: string | undefined;
  sendEmail?: boolean | undefined;
}

/**
 * Adds a note (stays inside) or a reply (what the customer was told) to a ticket's history. The
 * first reply to an open ticket is its first response. A reply may be e-mailed to the ticket's
 * contact, else the customer's address, through the outbox — in this transaction, so it is sent
 * only if the reply is kept. The text the agent sends is final (they edited the template in the
 * composer); placeholders still in it are filled from the ticket, and the template it started
 * from is recorded.
 */
export async function addTicketEvent(ctx: Ctx, id: string, input: EventInput): Promise<TicketEvent> {
  assertCan(ctx.actor, 'handle_tickets');
  const ticket = await visibleTicket(ctx, id);
  if (input.sendEmail && input.kind !== 'reply')
    throw unprocessable('sendEmail', 'not_a_reply', 'only replies are e-mailed to the customer');
  // Without SMTP_URL nothing is ever sent: refusing beats a reply the customer never gets.
  if (input.sendEmail && !emailConfigured(ctx.config))
    throw unprocessable(
      'sendEmail',
      'email_not_configured',
      'this server sends no e-mail (SMTP_URL is not set)',
    );
  if (input.templateId && !(await findTemplate(ctx.db, input.templateId)))
    throw unprocessable('templateId', 'not_found', 'no reply template with this id');
  const body = renderTemplate(input.body, replyValues(ctx, ticket), { missing: 'keep' });
  const recipient =
    [ticket.contact_email, ticket.customer_email].find((e) => e && e.trim() !== '')?.trim() ?? null;
  if (input.sendEmail && !recipient)
    throw unprocessable(
      'sendEmail',
      'no_address',
      'neither the contact nor the customer has an e-mail address',
    );

  // Serialises with other writes of the ticket: two first replies cannot both count as the first.
  const version = await lockTicket(ctx.db, id);
  if (version === undefined) throw notFound('Ticket');
  const now = ctx.clock.now();
  if (input.kind === 'reply' && !ticket.first_response_at && isOpen(ticket.status)) {
    const settings = await readServiceSettings(ctx);
    const pauses = toPauses(await listPauses(ctx.db, id));
    const { live, after } = changedDeadlines(
      ticket,
      { first_response_at: now },
      pauses,
      settings.calendar,
      now,
    );
    await updateTicketRow(
      ctx.db,
      id,
      version,
      { ...firstResponsePatch({ ...ticket, ...live }, now), ...after },
      ctx.actor.id,
      now,
    );
  }

  let emailedTo: string | null = null;
  if (input.sendEmail && recipient) {
    await insertOutbox(
      ctx.db,
      [
        {
          id: newId(),
          notificationId: null,
          recipient,
          subject: `[工单 ${ticket.number}] ${ticket.subject}`,
          body: `${body}\n\n--\n${ctx.actor.name}\n`,
        },
      ],
      now,
    );
    // Queued in the same transaction; without SMTP_URL the message waits in the outbox.
    await ctx.jobs?.send(outboxDeliverJob, {}, { db: ctx.db });
    emailedTo = recipient;
  }
  const eventId = await recordEvent(ctx, ticket, input.kind, {
    body,
    visibility: input.kind === 'reply' ? 'customer' : 'internal',
    data: {
      ...(input.templateId ? { templateId: input.templateId } : {}),
      ...(emailedTo ? { emailedTo } : {}),
    },
    at: now,
  });
  await recordAudit(ctx, {
    action: `ticket.${input.kind}`,
    entity: 'ticket',
    entityId: id,
    after: { eventId, kind: input.kind, templateId: input.templateId ?? null, emailedTo },
  });
  const row = await findEvent(ctx.db, eventId);
  if (!row) throw notFound('Ticket event');
  return presentTicketEvent(row);
}
