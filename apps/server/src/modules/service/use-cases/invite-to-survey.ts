import type { CreateSurveyInvitationRequest, SurveyInvitation } from '@weixi/shared';
import { AppError, fieldError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { emailConfigured } from '../../platform/mailer';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../service.policy';
import { presentInvitation } from '../surveys.presenter';
import { findRecipient, findSurvey, findTicketOfCustomer } from '../surveys.repository';
import { readServiceSettings } from './read-service-settings';
import { sendInvitation } from './send-invitation';

/**
 * Sends a survey to one customer by hand: by e-mail (to the contact's address, else the
 * customer's) or as a link the sender hands over. The customer must be in the sender's data
 * scope; a ticket, if named, must be that customer's. `secret` is the link-signing secret, read
 * by the route outside the transaction (survey-secret.ts).
 */
export async function inviteToSurvey(
  ctx: Ctx,
  surveyId: string,
  input: CreateSurveyInvitationRequest,
  secret: Buffer,
): Promise<{ invitation: SurveyInvitation; link: string }> {
  assertCan(ctx.actor, 'send_surveys');
  const survey = await findSurvey(ctx.db, surveyId);
  if (!survey) throw notFound('Survey');
  if (survey.status !== 'active') {
    throw new AppError('conflict', 'Only an active survey can be sent', {
      errors: [{ path: 'status', code: `survey_${survey.status}`, message: 'the survey is not active' }],
    });
  }
  const recipient = await findRecipient(ctx.db, await ctx.scope(), input.customerId, input.contactId ?? null);
  if (!recipient) throw notFound('Customer');
  if (recipient.status !== 'active') {
    throw fieldError('customerId', 'customer_inactive', 'The customer is no longer active', 'unprocessable');
  }
  if (!recipient.contactFound) {
    throw fieldError(
      'contactId',
      'not_of_customer',
      'This contact does not belong to the customer',
      'unprocessable',
    );
  }
  if (input.ticketId) {
    const ticket = await findTicketOfCustomer(ctx.db, input.ticketId);
    if (!ticket || ticket.customer_id !== recipient.customerId) {
      throw fieldError('ticketId', 'not_of_customer', 'This ticket is not the customer’s', 'unprocessable');
    }
  }
  if (input.channel === 'email' && !emailConfigured(ctx.config)) {
    throw fieldError(
      'channel',
      'email_not_configured',
      'This server sends no e-mail (SMTP_URL is not set); send a link instead',
      'unprocessable',
    );
  }
  if (input.channel === 'email' && recipient.email === '') {
    throw fieldError(
      'channel',
      'no_email',
      'Neither the contact nor the customer has an e-mail address; send a link instead',
      'unprocessable',
    );
  }
  const settings = await readServiceSettings(ctx);
  const { invitation, link } = await sendInvitation(ctx, {
    survey,
    recipient,
    ticketId: input.ticketId ?? null,
    scheduleId: null,
    channel: input.channel,
    locale: input.locale ?? 'zh-CN',
    linkDays: settings.surveyLinkDays,
    actorId: ctx.actor.id,
    secret,
  });
  await recordAudit(ctx, {
    action: 'survey.invite',
    entity: 'customer',
    entityId: recipient.customerId,
    after: {
      surveyId,
      invitationId: invitation.id,
      channel: invitation.channel,
      recipient: invitation.recipient,
      ticketId: invitation.ticket_id,
    },
  });
  return { invitation: presentInvitation(invitation), link };
}
