import type { Ctx } from '../../../http/context';
import { emailConfigured } from '../../platform/mailer';
import { surveySecret } from '../survey-secret';
import { findOpenTicketInvitation, findRecipient, findSurvey } from '../surveys.repository';
import { readServiceSettings } from './read-service-settings';
import { sendInvitation } from './send-invitation';

/**
 * Sends the settings' "resolved" survey for a ticket just resolved, inside the resolve's
 * transaction: by e-mail when the ticket's contact (else the customer) has an address, otherwise
 * as a 'link' invitation the agent copies from the ticket page. No-op when no survey is set, it
 * is not active (an archived survey left in the settings must not break resolving), or the
 * ticket already has a link that still works (a ticket resolved again after a reopen).
 */
export async function surveyAfterResolve(
  ctx: Ctx,
  ticket: { id: string; customerId: string; contactId: string | null },
): Promise<void> {
  const settings = await readServiceSettings(ctx);
  if (!settings.resolvedSurveyId) return;
  const survey = await findSurvey(ctx.db, settings.resolvedSurveyId);
  if (survey?.status !== 'active') return;
  if (await findOpenTicketInvitation(ctx.db, ticket.id, survey.id, ctx.clock.now())) return;
  // No scope check: resolving the ticket was allowed, and the survey follows from it.
  const recipient = await findRecipient(ctx.db, null, ticket.customerId, ticket.contactId);
  if (!recipient) return;
  await sendInvitation(ctx, {
    survey,
    recipient,
    ticketId: ticket.id,
    scheduleId: null,
    // Without SMTP_URL an e-mail would wait in the outbox forever: the agent copies the link instead.
    channel: recipient.email !== '' && emailConfigured(ctx.config) ? 'email' : 'link',
    // Customers have no language of their own: the default; the page offers English.
    locale: 'zh-CN',
    linkDays: settings.surveyLinkDays,
    actorId: ctx.actor.id,
    secret: await surveySecret(ctx, false),
  });
}
