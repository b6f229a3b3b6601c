import { newId } from '@weixi/db';
import {
  addDays,
  dateInTimeZone,
  isLowScore,
  resolveServiceSettings,
  type SurveyAnswers,
  type SurveyDefinition,
  validateSurveyAnswers,
  verifySurveyToken,
} from '@weixi/domain';
import { AppError } from '../../../http/app-error';
import type { AnonCtx } from '../../../http/context';
import { insertTask } from '../../engagement/tasks.repository';
import { notify } from '../../platform/notify';
import { recordAudit } from '../../platform/use-cases/record-audit';
import {
  type ClaimedInvitation,
  claimInvitation,
  followUpOwner,
  insertResponse,
  insertTicketEvent,
  invitationState,
} from '../surveys.repository';
import { serviceSettingsKey } from './read-service-settings';

/** Why a link cannot take an answer; the public page shows each as its own message. */
export type LinkProblem = 'invalid' | 'expired' | 'answered';

export class SurveyLinkError extends AppError {
  constructor(readonly problem: LinkProblem) {
    const [code, message] =
      problem === 'invalid'
        ? (['not_found', 'This survey link is not valid'] as const)
        : problem === 'expired'
          ? (['conflict', 'This survey link has expired'] as const)
          : (['conflict', 'This survey has already been answered with this link'] as const);
    super(code, message, {
      errors: [{ path: 'token', code: problem === 'answered' ? 'already_answered' : problem, message }],
    });
  }
}

/** The invitation a token names, or why it names none; forged and expired links cost no query. */
export function invitationOfToken(token: string, secret: Buffer, now: Date): string {
  const v = verifySurveyToken(token, secret, now);
  if (v.ok) return v.invitationId;
  throw new SurveyLinkError(v.code === 'expired' ? 'expired' : 'invalid');
}

const firstScore = (def: SurveyDefinition, answers: SurveyAnswers, type: 'csat' | 'nps'): number | null => {
  const q = def.questions.find((x) => x.type === type);
  const v = q ? answers[q.id] : undefined;
  return typeof v === 'number' ? v : null;
};

/**
 * Stores a customer's answers (public, no login). Benchmarked (≥ 1,000/s): after the HMAC check,
 * one transaction of three or four statements — claim the invitation (which returns the survey's
 * questions and the settings), insert the response, and the ticket event when there is a ticket.
 * A low score adds the follow-up task and its notification, which are rare.
 *
 * Single use without a race: the claim is `update … where answered_at is null and expires_at >
 * now`, so of two submissions at once the second waits for the first's row lock and then finds
 * the invitation answered (409). Invalid answers roll the claim back: nothing is stored.
 * `ctx.db` must be the pool: this opens its own transaction.
 */
export async function submitSurveyResponse(
  ctx: AnonCtx,
  token: string,
  answers: unknown,
  secret: Buffer,
): Promise<{ id: string; submittedAt: string; lowScore: boolean }> {
  const now = ctx.clock.now();
  const invitationId = invitationOfToken(token, secret, now);
  return ctx.db.transaction().execute(async (trx) => {
    const claimed = await claimInvitation(trx, invitationId, now, serviceSettingsKey);
    if (!claimed) {
      const state = await invitationState(trx, invitationId);
      // A signed token for a row that is gone: treat it as not valid rather than leak anything.
      throw new SurveyLinkError(!state ? 'invalid' : state.answered_at ? 'answered' : 'expired');
    }
    const def: SurveyDefinition = { questions: claimed.questions };
    const checked = validateSurveyAnswers(def, answers);
    if (checked.issues.length) {
      throw new AppError('validation_failed', 'Some answers are not valid', { errors: checked.issues });
    }
    const settings = resolveServiceSettings(claimed.settings);
    const lowScore = isLowScore(def, checked.answers, settings.lowScore);
    const id = newId();
    const csat = firstScore(def, checked.answers, 'csat');
    const nps = firstScore(def, checked.answers, 'nps');
    const taskId = lowScore ? await openFollowUp({ ...ctx, db: trx }, claimed, id, { csat, nps }, now) : null;
    await insertResponse(trx, {
      id,
      invitationId,
      surveyId: claimed.survey_id,
      customerId: claimed.customer_id,
      ticketId: claimed.ticket_id,
      submittedAt: now,
      answers: checked.answers,
      csat,
      nps,
      lowScore,
      followUpTaskId: taskId,
    });
    if (claimed.ticket_id) {
      await insertTicketEvent(trx, {
        id: newId(),
        ticketId: claimed.ticket_id,
        customerId: claimed.customer_id,
        at: now,
        actorId: null,
        kind: 'survey_answered',
        data: {
          surveyId: claimed.survey_id,
          invitationId,
          responseId: id,
          csat,
          nps,
          lowScore,
          followUpTaskId: taskId,
        },
      });
    }
    return { id, submittedAt: now.toISOString(), lowScore };
  });
}

/**
 * A low score becomes a task for the customer's owner (else the ticket's owner; with neither,
 * nobody is told and the response still shows as low in the results), due the next business-zone
 * day, and a notification. Written with no actor: the customer caused it.
 */
async function openFollowUp(
  ctx: AnonCtx,
  claimed: ClaimedInvitation,
  responseId: string,
  scores: { csat: number | null; nps: number | null },
  now: Date,
): Promise<string | null> {
  const who = await followUpOwner(ctx.db, claimed.customer_id, claimed.ticket_id);
  if (!who.ownerId) return null;
  const en = who.ownerLocale === 'en-US';
  const dueOn = addDays(dateInTimeZone(now, ctx.config.TZ_BUSINESS), 1);
  const score = [
    scores.csat !== null ? `CSAT ${scores.csat}/5` : null,
    scores.nps !== null ? `NPS ${scores.nps}/10` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const ticket = who.ticketNumber
    ? en
      ? ` (ticket ${who.ticketNumber})`
      : `（工单 ${who.ticketNumber}）`
    : '';
  const title = (
    en ? `Follow up a low survey score: ${who.customerName}` : `满意度低分回访：${who.customerName}`
  ).slice(0, 200);
  const description = en
    ? `The customer answered a satisfaction survey with a low score${ticket}: ${score}. Call them to understand what went wrong.`
    : `客户在满意度调查中给出低分${ticket}：${score}。请尽快联系客户了解原因。`;
  const taskId = newId();
  await insertTask(ctx.db, {
    id: taskId,
    title,
    description,
    customer_id: claimed.customer_id,
    owner_id: who.ownerId,
    due_on: dueOn,
    source: 'survey',
    source_id: responseId,
    created_at: now,
    updated_at: now,
    created_by: null,
    updated_by: null,
  });
  await recordAudit(ctx, {
    action: 'task.create',
    entity: 'task',
    entityId: taskId,
    actorId: null,
    after: {
      title,
      customerId: claimed.customer_id,
      ownerId: who.ownerId,
      dueOn,
      source: 'survey',
      sourceId: responseId,
    },
  });
  await notify(ctx, {
    userIds: [who.ownerId],
    kind: 'task.survey_low_score',
    params: { customer: who.customerName, title, dueOn, score },
    link: `/engagement/tasks/${taskId}`,
    entity: 'task',
    entityId: taskId,
    actorId: null,
  });
  return taskId;
}
