import { newId } from '@weixi/db';
import { createSurveyToken } from '@weixi/domain';
import type { Locale } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { outboxDeliverJob } from '../../platform/outbox.jobs';
import { insertOutbox } from '../../platform/outbox.repository';
import {
  type InvitationRow,
  insertInvitation,
  insertTicketEvent,
  type Recipient,
  type SurveyRow,
} from '../surveys.repository';

/** What sending needs: a use case's ctx or a job's (no actor, no scope). */
export type SendCtx = Pick<Ctx, 'db' | 'clock' | 'config' | 'jobs'>;

export interface InvitationDraft {
  survey: Pick<SurveyRow, 'id' | 'title'>;
  recipient: Pick<Recipient, 'customerId' | 'customerName' | 'contactId' | 'email'>;
  ticketId: string | null;
  scheduleId: string | null;
  channel: 'email' | 'link';
  locale: Locale;
  linkDays: number;
  /** Null: the system (a schedule). */
  actorId: string | null;
  secret: Buffer;
}

/** The public address of the answer page; PUBLIC_URL when set, else where this server listens. */
export function surveyLink(config: SendCtx['config'], token: string): string {
  const base = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  return `${base}/s/${token}`;
}

const dayMs = 24 * 3600 * 1000;

function emailText(
  locale: Locale,
  p: { title: string; customer: string; link: string; expiresOn: string },
): { subject: string; body: string } {
  if (locale === 'en-US') {
    return {
      subject: `How did we do? ${p.title}`,
      body: `Dear ${p.customer},\n\nThank you for choosing us. Please take a minute to tell us how we did:\n\n${p.link}\n\nThe link works until ${p.expiresOn} and can be used once.\n\n--\nThis message was sent automatically; please do not reply to it.\n`,
    };
  }
  return {
    subject: `满意度调查：${p.title}`,
    body: `${p.customer}，您好：\n\n感谢您对我们的信任。请花一分钟告诉我们您对本次服务的评价：\n\n${p.link}\n\n链接有效期至 ${p.expiresOn}，仅可提交一次。\n\n--\n此邮件由系统自动发送，请勿直接回复。\n`,
  };
}

/**
 * Creates one invitation and its signed link; by e-mail it also queues the message in the outbox
 * (same transaction: no mail for an invitation that rolled back). The caller has checked that the
 * survey is active, the customer may be surveyed and, for e-mail, that there is an address.
 * A ticket's invitation is recorded on the ticket (event 'survey_sent').
 */
export async function sendInvitation(
  ctx: SendCtx,
  d: InvitationDraft,
): Promise<{ invitation: InvitationRow; link: string }> {
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + d.linkDays * dayMs);
  const id = newId();
  const email = d.channel === 'email' ? d.recipient.email : null;
  const invitation = await insertInvitation(ctx.db, {
    id,
    surveyId: d.survey.id,
    customerId: d.recipient.customerId,
    contactId: d.recipient.contactId,
    ticketId: d.ticketId,
    scheduleId: d.scheduleId,
    channel: d.channel,
    recipient: email,
    locale: d.locale,
    sentAt: now,
    expiresAt,
    createdBy: d.actorId,
  });
  const link = surveyLink(ctx.config, createSurveyToken({ invitationId: id, expiresAt }, d.secret));
  if (email) {
    const expiresOn = new Intl.DateTimeFormat(d.locale, {
      timeZone: ctx.config.TZ_BUSINESS,
      dateStyle: 'long',
    }).format(expiresAt);
    const text = emailText(d.locale, {
      title: d.survey.title,
      customer: d.recipient.customerName,
      link,
      expiresOn,
    });
    await insertOutbox(ctx.db, [{ id: newId(), notificationId: null, recipient: email, ...text }], now);
    // Queued in the same transaction; without SMTP_URL the message waits in the outbox.
    await ctx.jobs?.send(outboxDeliverJob, {}, { db: ctx.db });
  }
  if (d.ticketId) {
    await insertTicketEvent(ctx.db, {
      id: newId(),
      ticketId: d.ticketId,
      customerId: d.recipient.customerId,
      at: now,
      actorId: d.actorId,
      kind: 'survey_sent',
      data: { surveyId: d.survey.id, invitationId: id, channel: d.channel, recipient: email },
    });
  }
  return { invitation, link };
}
