import { createSurveyToken } from '@weixi/domain';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import { presentInvitation } from '../surveys.presenter';
import { customerVisible, findTicketOfCustomer, listTicketInvitations } from '../surveys.repository';
import { surveyLink } from './send-invitation';

/**
 * A ticket's survey invitations for the ticket page, newest first. The link is rebuilt (it is a
 * signature over the id and expiry, not stored) while the invitation can still be answered, so
 * the agent can copy a 'link' invitation to the customer.
 */
export async function listTicketSurveyInvitations(ctx: Ctx, ticketId: string, secret: Buffer) {
  assertCan(ctx.actor, 'send_surveys');
  const ticket = await findTicketOfCustomer(ctx.db, ticketId);
  // The contract's visibility: the customer in the actor's scope, or the actor owns the ticket.
  if (
    !ticket ||
    (ticket.owner_id !== ctx.actor.id &&
      !(await customerVisible(ctx.db, await ctx.scope(), ticket.customer_id)))
  ) {
    throw notFound('Ticket');
  }
  const now = ctx.clock.now();
  const rows = await listTicketInvitations(ctx.db, ticketId);
  return {
    items: rows.map((r) => ({
      ...presentInvitation(r),
      survey: { id: r.survey_id, title: r.survey_title },
      openedAt: r.opened_at ? r.opened_at.toISOString() : null,
      link:
        r.answered_at === null && r.expires_at > now
          ? surveyLink(ctx.config, createSurveyToken({ invitationId: r.id, expiresAt: r.expires_at }, secret))
          : null,
    })),
  };
}
