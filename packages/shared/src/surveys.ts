import { z } from 'zod';
import { isoDateTime, uuidSchema, versionSchema } from './common';
import { customerCategories, customerGrades, isoDateSchema } from './customers';
import { locales } from './enums';
import { pageQuerySchema } from './pagination';

// Satisfaction surveys (满意度调查, DOMAIN §5): the lists every layer shares. The rules over them
// are in packages/domain/src/surveys.ts; the API schemas follow below.

export const surveyQuestionTypes = ['csat', 'nps', 'single_choice', 'multi_choice', 'free_text'] as const;
export type SurveyQuestionType = (typeof surveyQuestionTypes)[number];

export const surveyStatuses = ['draft', 'active', 'archived'] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

export const surveyChannels = ['email', 'link'] as const;
export type SurveyChannel = (typeof surveyChannels)[number];

// ---------- API schemas ----------

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

/**
 * A question as the editor sends it. Deliberately loose beyond the shapes: the rules (labels,
 * distinct ids, at least two distinct options) are `surveyDefinitionIssues` in @weixi/domain, so
 * a form gets every issue by field (questions.2.label) at once.
 */
export const surveyQuestionSchema = z.strictObject({
  id: z.string().trim().max(40, 'at most 40 characters'),
  type: z.enum(surveyQuestionTypes),
  label: text(300),
  required: z.boolean().default(false),
  options: z.array(text(120)).max(20, 'at most 20 options').optional(),
});
export type SurveyQuestionInput = z.input<typeof surveyQuestionSchema>;

export const surveySchema = z.object({
  id: uuidSchema,
  title: z.string(),
  intro: z.string(),
  questions: z.array(
    z.object({
      id: z.string(),
      type: z.enum(surveyQuestionTypes),
      label: z.string(),
      required: z.boolean(),
      options: z.array(z.string()).optional(),
    }),
  ),
  status: z.enum(surveyStatuses),
  /** Answers received so far. */
  responses: z.number().int(),
  version: versionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Survey = z.infer<typeof surveySchema>;

export const surveyListSchema = z.object({ items: z.array(surveySchema) });

export const listSurveysQuerySchema = z.strictObject({
  status: z.enum(surveyStatuses).optional(),
});

export const createSurveyRequestSchema = z.strictObject({
  title: text(120).min(1, 'required'),
  intro: text(2000).optional(),
  questions: z.array(surveyQuestionSchema).max(100),
});
export type CreateSurveyRequest = z.input<typeof createSurveyRequestSchema>;

export const updateSurveyRequestSchema = z.strictObject({
  title: text(120).min(1, 'required').optional(),
  intro: text(2000).optional(),
  /** Only while the survey is a draft: answers already given refer to the questions. */
  questions: z.array(surveyQuestionSchema).max(100).optional(),
  version: versionSchema.optional(),
});
export type UpdateSurveyRequest = z.input<typeof updateSurveyRequestSchema>;

/** Activate / archive: the version the administrator saw (or If-Match). */
export const surveyVersionRequestSchema = z.strictObject({ version: versionSchema.optional() });

export const createSurveyInvitationRequestSchema = z.strictObject({
  customerId: uuidSchema,
  contactId: uuidSchema.optional(),
  ticketId: uuidSchema.optional(),
  channel: z.enum(surveyChannels),
  /** The language of the e-mail and the page; zh-CN by default. */
  locale: z.enum(locales).optional(),
});
export type CreateSurveyInvitationRequest = z.input<typeof createSurveyInvitationRequestSchema>;

export const surveyInvitationSchema = z.object({
  id: uuidSchema,
  channel: z.enum(surveyChannels),
  /** The e-mail address it went to; null for a link handed over by hand. */
  recipient: z.string().nullable(),
  sentAt: z.string(),
  expiresAt: z.string(),
  answeredAt: z.string().nullable(),
});
export type SurveyInvitation = z.infer<typeof surveyInvitationSchema>;

export const createSurveyInvitationResponseSchema = z.object({
  invitation: surveyInvitationSchema,
  link: z.string(),
});

/** A ticket's invitations (ticket page): `link` while it can still be answered, to copy. */
export const ticketSurveyInvitationsSchema = z.object({
  items: z.array(
    surveyInvitationSchema.extend({
      survey: z.object({ id: uuidSchema, title: z.string() }),
      openedAt: z.string().nullable(),
      link: z.string().nullable(),
    }),
  ),
});

export const surveyResultsQuerySchema = z.strictObject({
  from: isoDateSchema.optional().describe('Answered (or sent) on or after this business date'),
  to: isoDateSchema.optional().describe('Answered (or sent) on or before this business date'),
});

export const surveyResultsSchema = z.object({
  responses: z.number().int(),
  invitations: z.number().int(),
  /** Share 0–1 of the period's invitations answered; null with none sent. */
  responseRate: z.number().nullable(),
  /** Percent (0–100) of satisfied (4–5) answers of the first CSAT question; null with none. */
  csat: z.number().nullable(),
  nps: z.number().nullable(),
  questions: z.array(
    z.object({
      id: z.string(),
      type: z.enum(surveyQuestionTypes),
      label: z.string(),
      answered: z.number().int(),
      /** Scores: answers per value (CSAT 1–5, NPS 0–10), every value listed. */
      distribution: z.array(z.object({ value: z.number().int(), count: z.number().int() })).optional(),
      /** Choices: answers per option, in the survey's order. */
      counts: z.array(z.object({ option: z.string(), count: z.number().int() })).optional(),
      /** Free text: the latest 20, newest first. */
      recentTexts: z.array(z.object({ text: z.string(), submittedAt: z.string() })).optional(),
    }),
  ),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

export const listSurveyResponsesQuerySchema = pageQuerySchema.extend(surveyResultsQuerySchema.shape);

export const surveyAnswersSchema = z.record(
  z.string(),
  z.union([z.number(), z.string(), z.array(z.string())]),
);

export const surveyResponseItemSchema = z.object({
  id: uuidSchema,
  submittedAt: z.string(),
  customer: z.object({ id: uuidSchema, name: z.string() }),
  ticket: z.object({ id: uuidSchema, number: z.number().int() }).nullable(),
  csat: z.number().int().nullable(),
  nps: z.number().int().nullable(),
  lowScore: z.boolean(),
  answers: surveyAnswersSchema,
});
export type SurveyResponseItem = z.infer<typeof surveyResponseItemSchema>;

export const surveyResponsePageSchema = z.object({
  items: z.array(surveyResponseItemSchema),
  nextCursor: z.string().nullable(),
});

/** What the customer's page (or any client) posts; answers are checked against the survey. */
export const publicSurveyResponseRequestSchema = z.strictObject({
  token: z.string().max(1000),
  answers: z.record(z.string().max(100), z.unknown()),
});

export const publicSurveyResponseSchema = z.object({ id: uuidSchema, submittedAt: isoDateTime });

// ---------- schedules ----------

export const surveyAudienceSchema = z.strictObject({
  grades: z.array(z.enum(customerGrades)).max(customerGrades.length).optional(),
  categories: z.array(z.enum(customerCategories)).max(customerCategories.length).optional(),
  customerIds: z.array(uuidSchema).max(1000, 'at most 1000 customers').optional(),
});
export type SurveyAudience = z.infer<typeof surveyAudienceSchema>;

export const surveyScheduleSchema = z.object({
  id: uuidSchema,
  surveyId: uuidSchema,
  survey: z.object({ id: uuidSchema, title: z.string(), status: z.enum(surveyStatuses) }),
  name: z.string(),
  audience: surveyAudienceSchema,
  intervalDays: z.number().int(),
  nextRunOn: z.string(),
  lastRunAt: z.string().nullable(),
  active: z.boolean(),
  version: versionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SurveySchedule = z.infer<typeof surveyScheduleSchema>;

export const surveyScheduleListSchema = z.object({ items: z.array(surveyScheduleSchema) });

const scheduleFields = {
  surveyId: uuidSchema,
  name: text(120).min(1, 'required'),
  audience: surveyAudienceSchema,
  intervalDays: z.number().int().min(1).max(3660),
  nextRunOn: isoDateSchema,
  active: z.boolean(),
};

export const createSurveyScheduleRequestSchema = z.strictObject({
  ...scheduleFields,
  active: scheduleFields.active.default(true),
});
export type CreateSurveyScheduleRequest = z.input<typeof createSurveyScheduleRequestSchema>;

export const updateSurveyScheduleRequestSchema = z.strictObject({
  surveyId: scheduleFields.surveyId.optional(),
  name: scheduleFields.name.optional(),
  audience: scheduleFields.audience.optional(),
  intervalDays: scheduleFields.intervalDays.optional(),
  nextRunOn: scheduleFields.nextRunOn.optional(),
  active: scheduleFields.active.optional(),
  version: versionSchema.optional(),
});
export type UpdateSurveyScheduleRequest = z.input<typeof updateSurveyScheduleRequestSchema>;
