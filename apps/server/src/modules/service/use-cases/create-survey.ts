import { newId } from '@weixi/db';
import type { CreateSurveyRequest, Survey } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../service.policy';
import { auditSurvey } from '../surveys.presenter';
import { insertSurvey } from '../surveys.repository';
import { getSurvey } from './get-survey';
import { checkedQuestions } from './survey-rules';

/** A new survey starts as a draft: its questions can change until it is activated. */
export async function createSurvey(ctx: Ctx, input: CreateSurveyRequest): Promise<Survey> {
  assertCan(ctx.actor, 'manage_surveys');
  const questions = checkedQuestions(input.questions);
  const id = newId();
  await insertSurvey(ctx.db, {
    id,
    title: input.title.trim(),
    intro: input.intro?.trim() ?? '',
    questions,
    actorId: ctx.actor.id,
    now: ctx.clock.now(),
  });
  const survey = await getSurvey(ctx, id);
  await recordAudit(ctx, {
    action: 'survey.create',
    entity: 'survey',
    entityId: id,
    after: auditSurvey(survey),
  });
  return survey;
}
