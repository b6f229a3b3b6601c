import type { SurveyQuestion } from '@weixi/domain';
import { surveyDefinitionIssues } from '@weixi/domain';
import type { SurveyQuestionInput } from '@weixi/shared';
import { AppError } from '../../../http/app-error';

/**
 * The questions as stored: options only on choice questions (a CSAT question sent with options
 * would otherwise carry them forever), trimmed. Refused with every issue by field when the
 * definition breaks a rule of `surveyDefinitionIssues`.
 */
export function checkedQuestions(input: readonly SurveyQuestionInput[]): SurveyQuestion[] {
  const questions: SurveyQuestion[] = input.map((q) => {
    const choice = q.type === 'single_choice' || q.type === 'multi_choice';
    return {
      id: q.id.trim(),
      type: q.type,
      label: q.label.trim(),
      required: q.required ?? false,
      ...(choice ? { options: (q.options ?? []).map((o) => o.trim()) } : {}),
    };
  });
  const issues = surveyDefinitionIssues({ questions });
  if (issues.length) throw new AppError('validation_failed', 'The survey has problems', { errors: issues });
  return questions;
}
