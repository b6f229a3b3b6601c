import {
  type CreateSurveyInvitationRequest,
  type CreateSurveyScheduleRequest,
  createSurveyInvitationResponseSchema,
  type Survey,
  type SurveyAudience,
  type SurveyInvitation,
  type SurveyQuestionType,
  type SurveyResponseItem,
  type SurveyResults,
  type SurveySchedule,
  type SurveyStatus,
  surveyListSchema,
  surveyResponsePageSchema,
  surveyResultsSchema,
  surveyScheduleListSchema,
  surveyScheduleSchema,
  surveySchema,
  ticketSurveyInvitationsSchema,
  type UpdateSurveyScheduleRequest,
} from '@weixi/shared';
import { api } from './client';

// Satisfaction surveys (满意度调查): the calls of the contract's "Surveys" section, apart from the
// public page a customer answers on; checked with the shared schemas (packages/shared/src/surveys.ts).

export type {
  Survey,
  SurveyAudience,
  SurveyInvitation,
  SurveyQuestionType,
  SurveyResponseItem,
  SurveyResults,
  SurveySchedule,
  SurveyStatus,
};

/** A question as the builder edits it and the API sends it back. */
export interface SurveyQuestion {
  id: string;
  type: SurveyQuestionType;
  label: string;
  required: boolean;
  /** The choices of single_choice and multi_choice questions. */
  options?: string[];
}

export interface SurveyInput {
  title: string;
  intro?: string;
  questions: SurveyQuestion[];
}

export type SurveyQuestionResult = SurveyResults['questions'][number];
export type SurveyScheduleInput = Omit<CreateSurveyScheduleRequest, 'active'> & { active: boolean };

export interface ResultsRange {
  from?: string | undefined;
  to?: string | undefined;
}

export const surveyKeys = {
  all: ['surveys'] as const,
  list: (status: SurveyStatus | undefined) => ['surveys', 'list', status ?? null] as const,
  one: (id: string) => ['surveys', 'one', id] as const,
  results: (id: string, range: ResultsRange) => ['surveys', 'results', id, range] as const,
  responses: (id: string, range: ResultsRange, limit: number, cursor: string | undefined) =>
    ['surveys', 'responses', id, range, limit, cursor ?? null] as const,
  schedules: ['surveys', 'schedules'] as const,
  ticketInvitations: (ticketId: string) => ['surveys', 'ticket-invitations', ticketId] as const,
};

export const surveysApi = {
  list: (status?: SurveyStatus) => api.get('/surveys', { query: { status }, schema: surveyListSchema }),
  get: (id: string) => api.get(`/surveys/${id}`, { schema: surveySchema }),
  create: (body: SurveyInput, idempotencyKey: string) =>
    api.post('/surveys', { body, idempotencyKey, schema: surveySchema }),
  update: (id: string, body: Partial<SurveyInput> & { version: number }) =>
    api.patch(`/surveys/${id}`, { body, version: body.version, schema: surveySchema }),
  activate: (id: string, version: number) =>
    api.post(`/surveys/${id}/activate`, { body: { version }, version, schema: surveySchema }),
  archive: (id: string, version: number) =>
    api.post(`/surveys/${id}/archive`, { body: { version }, version, schema: surveySchema }),
  invite: (id: string, body: CreateSurveyInvitationRequest, idempotencyKey: string) =>
    api.post(`/surveys/${id}/invitations`, {
      body,
      idempotencyKey,
      schema: createSurveyInvitationResponseSchema,
    }),
  results: (id: string, range: ResultsRange) =>
    api.get(`/surveys/${id}/results`, { query: { ...range }, schema: surveyResultsSchema }),
  responses: (id: string, range: ResultsRange, limit: number, cursor: string | undefined) =>
    api.get(`/surveys/${id}/responses`, {
      query: { ...range, limit, cursor },
      schema: surveyResponsePageSchema,
    }),
  ticketInvitations: (ticketId: string) =>
    api.get(`/tickets/${ticketId}/survey-invitations`, { schema: ticketSurveyInvitationsSchema }),
};

export const surveySchedulesApi = {
  list: () => api.get('/survey-schedules', { schema: surveyScheduleListSchema }).then((r) => r.items),
  create: (body: SurveyScheduleInput, idempotencyKey: string) =>
    api.post('/survey-schedules', { body, idempotencyKey, schema: surveyScheduleSchema }),
  update: (id: string, body: UpdateSurveyScheduleRequest & { version: number }) =>
    api.patch(`/survey-schedules/${id}`, { body, version: body.version, schema: surveyScheduleSchema }),
};
