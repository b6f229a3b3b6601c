// Satisfaction surveys (满意度调查, DOMAIN §5): the lists every layer shares. The rules over them
// are in packages/domain/src/surveys.ts; the API schemas follow below.

export const surveyQuestionTypes = ['csat', 'nps', 'single_choice', 'multi_choice', 'free_text'] as const;
export type SurveyQuestionType = (typeof surveyQuestionTypes)[number];

export const surveyStatuses = ['draft', 'active', 'archived'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

export const surveyChannels = ['email', 'link'] as const;
export type SurveyChannel = (typeof surveyChannels)[number];
