import type { Survey, UpdateSurveyRequest } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { changeSurvey, wrongStatus } from './change-survey';
import { checkedQuestions } from './survey-rules';

/**
 * Edits a survey. Questions only while it is a draft: answers already received name the question
 * ids and scales, so changing them under an active survey would corrupt its figures. Title and
 * intro may still be corrected while active; an archived survey is closed for edits.
 */
export async function updateSurvey(
  ctx: Ctx,
  id: string,
  version: number,
  input: Omit<UpdateSurveyRequest, 'version'>,
): Promise<Survey> {
  return changeSurvey(ctx, id, version, 'survey.update', (row) => {
    if (row.status === 'archived') throw wrongStatus('archived', 'An archived survey cannot be edited');
    if (input.questions !== undefined && row.status !== 'draft') {
      throw wrongStatus(
        row.status,
        'Questions can only be changed while the survey is a draft; copy it into a new survey instead',
        'questions',
      );
    }
    return {
      ...(input.title !== undefined ? { title: input.title.trim() } : {}),
      ...(input.intro !== undefined ? { intro: input.intro.trim() } : {}),
      ...(input.questions !== undefined ? { questions: checkedQuestions(input.questions) } : {}),
    };
  });
}
