import { csatPercent, npsScore } from '@weixi/domain';
import type { SurveyResults } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import {
  answeredCounts,
  answerValueCounts,
  findSurvey,
  invitationCounts,
  recentTexts,
  responseScoreCounts,
} from '../surveys.repository';
import { periodOf } from './survey-period';

/** Free texts shown per question: the latest few are read; the responses list has them all. */
const recentTextLimit = 20;

const expand = (counts: readonly { value: number | null; n: number }[]): (number | null)[] =>
  counts.flatMap((c) => Array.from({ length: c.n }, () => c.value));

/**
 * A survey's figures over a period (business dates, both included; everything when open): the
 * responses submitted, the invitations sent and the share of those answered, CSAT % and NPS of
 * the first CSAT and NPS question (what the service figures and the 90 % target use), and per
 * question the count of each score or option and the latest free texts. Managers see them (the
 * figures are the team's, not one customer's).
 */
export async function surveyResults(
  ctx: Ctx,
  surveyId: string,
  query: { from?: string | undefined; to?: string | undefined },
): Promise<SurveyResults> {
  assertCan(ctx.actor, 'view_team');
  const survey = await findSurvey(ctx.db, surveyId);
  if (!survey) throw notFound('Survey');
  const period = periodOf(ctx, query);
  const valued = survey.questions.filter((q) => q.type !== 'free_text').map((q) => q.id);
  const [invitations, scores, values, answered] = await Promise.all([
    invitationCounts(ctx.db, surveyId, period),
    responseScoreCounts(ctx.db, surveyId, period),
    answerValueCounts(ctx.db, surveyId, period, valued),
    answeredCounts(ctx.db, surveyId, period),
  ]);
  const responses = scores.reduce((sum, s) => sum + s.n, 0);
  const countOf = (questionId: string, value: unknown) =>
    values.filter((v) => v.question === questionId && v.value === value).reduce((sum, v) => sum + v.n, 0);
  const questions: SurveyResults['questions'] = [];
  for (const q of survey.questions) {
    const base = { id: q.id, type: q.type, label: q.label, answered: answered.get(q.id) ?? 0 };
    if (q.type === 'csat' || q.type === 'nps') {
      const [min, max] = q.type === 'csat' ? [1, 5] : [0, 10];
      const distribution = [];
      for (let value = min; value <= max; value++) distribution.push({ value, count: countOf(q.id, value) });
      questions.push({ ...base, distribution });
    } else if (q.type === 'single_choice' || q.type === 'multi_choice') {
      questions.push({
        ...base,
        counts: (q.options ?? []).map((option) => ({ option, count: countOf(q.id, option) })),
      });
    } else {
      const texts = await recentTexts(ctx.db, surveyId, period, q.id, recentTextLimit);
      questions.push({
        ...base,
        recentTexts: texts.map((t) => ({
          text: t.text,
          submittedAt: new Date(t.submitted_at).toISOString(),
        })),
      });
    }
  }
  return {
    responses,
    invitations: invitations.sent,
    responseRate: invitations.sent > 0 ? invitations.answered / invitations.sent : null,
    csat: csatPercent(expand(scores.map((s) => ({ value: s.csat, n: s.n })))),
    nps: npsScore(expand(scores.map((s) => ({ value: s.nps, n: s.n })))),
    questions,
  };
}
