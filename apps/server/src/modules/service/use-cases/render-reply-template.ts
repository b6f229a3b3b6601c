import { dateInTimeZone, type ReplyValues, renderTemplate, templatePlaceholders } from '@weixi/domain';
import type { RenderedReply } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findTemplate, ticketReplyValues } from '../reply-templates.repository';
import { assertCan } from '../service.policy';

/**
 * A template filled from a ticket the actor may see, for the agent to edit and send. The agent is
 * the person writing (the actor), today is the business date. Placeholders the ticket has no value
 * for (no contact) stay as written and are listed in `missing`, so the agent fills them by hand.
 */
export async function renderReplyTemplate(
  ctx: Ctx,
  templateId: string,
  ticketId: string,
): Promise<RenderedReply> {
  assertCan(ctx.actor, 'handle_tickets');
  const template = await findTemplate(ctx.db, templateId);
  if (!template) throw notFound('Reply template');
  const ticket = await ticketReplyValues(ctx.db, await ctx.scope(), ctx.actor.id, ticketId);
  if (!ticket) throw notFound('Ticket');
  const values: ReplyValues = {
    'customer.name': ticket.customer_name,
    'contact.name': ticket.contact_name,
    'ticket.number': ticket.number,
    'agent.name': ctx.actor.name,
    today: dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS),
  };
  const missing = templatePlaceholders(template.body).filter((name) => {
    const v = values[name];
    return typeof v !== 'string' || v === '';
  });
  return { text: renderTemplate(template.body, values, { missing: 'keep' }), missing };
}
