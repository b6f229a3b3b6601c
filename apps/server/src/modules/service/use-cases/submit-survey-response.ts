import { type DB, newId } from '@weixi/db';
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
import type { Kysely } from 'kysely';
import { AppError } from '../../../http/app-error';
import type { AnonCtx } from '../../../http/context';
import { insertTask } from '../../engagement/tasks.repository';
import { notify } from '../../platform/notify';
import { recordAudit } from '../../platform/use-cases/record-audit';
import {
  type ClaimedInvitation,
  claimAndStoreResponse,
  claimInvitation,
  followUpOwner,
  insertResponse,
  insertTicketEvent,
  invitationState,
  peekInvitation,
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
 * Stores a customer's answers (public, no login). Benchmarked (≥ 1,000/s), so the usual answer
 * takes two round trips after the HMAC check: read the invitation with its survey's questions and
 * the settings, check the answers, then claim the invitation and store the response (and the
 * ticket's event) in one statement (`claimAndStoreResponse`). Reading before claiming is safe: a
 * survey's questions are fixed once it is active, and the claim itself re-checks that the link is
 * unanswered and unexpired, so of two submissions at once exactly one stores.
 *
 * A low score also opens a follow-up task and notifies its owner: that rare path claims, writes the
 * task and stores the answer in one transaction (`claimInvitation`), so a task is never left for an
 * answer another submission won. Invalid answers store nothing on either path.
 * `ctx.db` must be the pool: this opens its own transaction where it needs one.
 */
export async function submitSurveyResponse(
  ctx: AnonCtx,
  token: string,
  answers: unknown,
  secret: Buffer,
): Promise<{ id: string; submittedAt: string; lowScore: boolean }> {
  const now = ctx.clock.now();
  const invitationId = invitationOfToken(token, secret, now);
  const peeked = await peekInvitation(ctx.db, invitationId, serviceSettingsKey);
  // A signed token for a row that is gone: treat it as not valid rather than leak anything.
  if (!peeked) throw new SurveyLinkError('invalid');
  if (peeked.answered_at) throw new SurveyLinkError('answered');
  if (peeked.expires_at.getTime() <= now.getTime()) throw new SurveyLinkError('expired');
  const def: SurveyDefinition = { questions: peeked.questions };
  const checked = validateSurveyAnswers(def, answers);
  if (checked.issues.length) {
    throw new AppError('validation_failed', 'Some answers are not valid', { errors: checked.issues });
  }
  const settings = resolveServiceSettings(peeked.settings);
  const lowScore = isLowScore(def, checked.answers, settings.lowScore);
  const id = newId();
  const csat = firstScore(def, checked.answers, 'csat');
  const nps = firstScore(def, checked.answers, 'nps');
  const eventData = (followUpTaskId: string | null) => ({
    surveyId: peeked.survey_id,
    invitationId,
    responseId: id,
    csat,
    nps,
    lowScore,
    followUpTaskId,
  });

  if (!lowScore) {
    const stored = await claimAndStoreResponse(ctx.db, {
      id,
      invitationId,
      submittedAt: now,
      answers: checked.answers,
      csat,
      nps,
      eventId: newId(),
      eventData: eventData(null),
    });
    if (!stored) throw await lostClaim(ctx, invitationId);
    return { id, submittedAt: now.toISOString(), lowScore };
  }

  // Its own transaction, or the caller's (the demo company is loaded in one).
  const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    ctx.db.isTransaction ? fn(ctx.db) : ctx.db.transaction().execute(fn);
  return inTransaction(async (trx) => {
    const claimed = await claimInvitation(trx, invitationId, now, serviceSettingsKey);
    if (!claimed) throw await lostClaim({ ...ctx, db: trx }, invitationId);
    const taskId = await openFollowUp({ ...ctx, db: trx }, claimed, id, { csat, nps }, now);
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
        data: eventData(taskId),
      });
    }
    return { id, submittedAt: now.toISOString(), lowScore };
  });
}

/** Why a claim found nothing: answered by a submission that got there first, or just expired. */
async function lostClaim(ctx: Pick<AnonCtx, 'db'>, invitationId: string): Promise<SurveyLinkError> {
  const state = await invitationState(ctx.db, invitationId);
  return new SurveyLinkError(!state ? 'invalid' : state.answered_at ? 'answered' : 'expired');
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
