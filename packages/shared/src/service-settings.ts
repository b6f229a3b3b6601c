import { z } from 'zod';
import { uuidSchema, versionSchema } from './common';
import { customerGrades, isoDateSchema } from './customers';
import { slaClockModes, ticketChannels, ticketKinds, ticketPriorities } from './service-tickets';

/**
 * Service administration (DOMAIN §5): the service settings (business calendar, SLA policies and
 * the rest of `ServiceSettings` in packages/domain/src/service-settings.ts), the managed lists
 * (ticket categories, root causes), reply templates (标准服务用语) and the service figures.
 * The schemas check shapes and types; ranges and cross-field rules are the domain's
 * (`serviceSettingsIssues`, `templateIssues`), so one response names every problem at once.
 */

const required = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const booleanQuery = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

// ---------- settings ----------

const clockTime = z.string().regex(/^\d{2}:\d{2}$/, 'must be a time written HH:MM');
export const workingIntervalSchema = z.strictObject({ start: clockTime, end: clockTime });
const dayHours = z.array(workingIntervalSchema).max(8);

export const businessCalendarSchema = z.strictObject({
  /** IANA zone the hours are read in, e.g. Asia/Shanghai. */
  timeZone: z.string().min(1).max(64),
  /** Working intervals per weekday, 0 = Sunday … 6 = Saturday; an empty list is a day off. */
  week: z.strictObject({
    0: dayHours,
    1: dayHours,
    2: dayHours,
    3: dayHours,
    4: dayHours,
    5: dayHours,
    6: dayHours,
  }),
  /** Public holidays and bridge days (YYYY-MM-DD). */
  holidays: z.array(isoDateSchema).max(500),
  /** 调休 make-up workdays (YYYY-MM-DD). */
  workdays: z.array(isoDateSchema).max(200),
  /** Hours of a make-up workday; absent: Monday's. */
  workdayHours: dayHours.optional(),
});

export const slaPolicySchema = z.strictObject({
  channel: z.enum(ticketChannels).optional(),
  priority: z.enum(ticketPriorities).optional(),
  grade: z.enum(customerGrades).optional(),
  firstResponseMs: z.number().int(),
  resolutionMs: z.number().int(),
  mode: z.enum(slaClockModes),
});

const serviceSettingsFields = {
  calendar: businessCalendarSchema,
  /** Most specific match wins; empty: the DOMAIN defaults. */
  slaPolicies: z.array(slaPolicySchema).max(200),
  /** Warn the owner when this share (1–90 %) of a target or less is left. */
  warnBeforePercent: z.number().int(),
  /** Days after closing in which a ticket may be reopened (0–365). */
  reopenWindowDays: z.number().int(),
  /** The active survey sent when a ticket is resolved; null: none. */
  resolvedSurveyId: uuidSchema.nullable(),
  /** Days a survey link works (1–365). */
  surveyLinkDays: z.number().int(),
  lowScore: z.strictObject({
    /** A CSAT answer at or below this (0–5) is low. */
    csatAtMost: z.number().int(),
    /** An NPS answer at or below this (-1–10) is low; -1: never. */
    npsAtMost: z.number().int(),
  }),
};

export const serviceSettingsSchema = z.object({
  ...serviceSettingsFields,
  version: versionSchema,
  /** Null until an administrator first saves them (the defaults are in force). */
  updatedAt: z.string().nullable(),
});
export type ServiceSettingsView = z.infer<typeof serviceSettingsSchema>;

/** PUT /api/v1/service/settings: the whole settings value and the version it was read at. */
export const updateServiceSettingsRequestSchema = z.strictObject({
  ...serviceSettingsFields,
  version: versionSchema.optional(),
});
export type UpdateServiceSettingsRequest = z.infer<typeof updateServiceSettingsRequestSchema>;

// ---------- categories and root causes ----------

export const serviceListKinds = ['categories', 'root-causes'] as const;

export const serviceListItemSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  sortOrder: z.number().int(),
  version: versionSchema,
});
export type ServiceListItem = z.infer<typeof serviceListItemSchema>;
export const serviceListSchema = z.object({ items: z.array(serviceListItemSchema) });

export const listServiceListQuerySchema = z.strictObject({
  /** true: deactivated entries too (the admin list); default: active only (pickers). */
  includeInactive: booleanQuery.optional(),
});

/** Names: categories 1–60 characters, root causes 1–80 (the tables' limits). */
export const serviceListNameMax = { categories: 60, 'root-causes': 80 } as const;

const sortOrder = z.number().int().min(-100_000).max(100_000);

export const createTicketCategoryRequestSchema = z.strictObject({
  name: required(serviceListNameMax.categories),
  description: text(500).optional(),
  sortOrder: sortOrder.optional(),
});
export const updateTicketCategoryRequestSchema = z.strictObject({
  name: required(serviceListNameMax.categories).optional(),
  description: text(500).optional(),
  active: z.boolean().optional(),
  sortOrder: sortOrder.optional(),
  version: versionSchema.optional(),
});
export const createRootCauseRequestSchema = z.strictObject({
  name: required(serviceListNameMax['root-causes']),
  description: text(500).optional(),
  sortOrder: sortOrder.optional(),
});
export const updateRootCauseRequestSchema = z.strictObject({
  name: required(serviceListNameMax['root-causes']).optional(),
  description: text(500).optional(),
  active: z.boolean().optional(),
  sortOrder: sortOrder.optional(),
  version: versionSchema.optional(),
});
export type CreateServiceListItemRequest = z.infer<typeof createRootCauseRequestSchema>;
export type UpdateServiceListItemRequest = z.infer<typeof updateRootCauseRequestSchema>;

// ---------- reply templates (标准服务用语) ----------

export const replyTemplateSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  /** Null: offered for every category. */
  category: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  body: z.string(),
  /** Known placeholders the body uses, in order of first use. */
  placeholders: z.array(z.string()),
  active: z.boolean(),
  version: versionSchema,
});
export type ReplyTemplate = z.infer<typeof replyTemplateSchema>;
export const replyTemplateListSchema = z.object({ items: z.array(replyTemplateSchema) });

export const listReplyTemplatesQuerySchema = z.strictObject({
  categoryId: uuidSchema.optional(),
  includeInactive: booleanQuery.optional(),
});

export const createReplyTemplateRequestSchema = z.strictObject({
  title: required(80),
  categoryId: uuidSchema.nullable().optional(),
  body: required(4000),
  active: z.boolean().optional(),
});
export type CreateReplyTemplateRequest = z.infer<typeof createReplyTemplateRequestSchema>;
export const updateReplyTemplateRequestSchema = z.strictObject({
  title: required(80).optional(),
  categoryId: uuidSchema.nullable().optional(),
  body: required(4000).optional(),
  active: z.boolean().optional(),
  version: versionSchema.optional(),
});
export type UpdateReplyTemplateRequest = z.infer<typeof updateReplyTemplateRequestSchema>;

export const renderReplyTemplateRequestSchema = z.strictObject({ ticketId: uuidSchema });
export const renderedReplySchema = z.object({
  text: z.string(),
  /** Placeholders the ticket had no value for; left in the text as written for the agent to fill. */
  missing: z.array(z.string()),
});
export type RenderedReply = z.infer<typeof renderedReplySchema>;

/** GET /api/v1/service/reply-placeholders: the names a template may use, labelled in the reader's language. */
export const replyPlaceholderListSchema = z.array(z.object({ name: z.string(), label: z.string() }));

// ---------- figures ----------

export const figuresGroupings = ['agent', 'team', 'category', 'month'] as const;
export type FiguresGrouping = (typeof figuresGroupings)[number];

export const serviceFiguresQuerySchema = z.strictObject({
  /** Tickets received on or after this business date (TZ_BUSINESS); default: 11 months before this month's first day. */
  from: isoDateSchema.optional(),
  /** … and on or before this one; default today. */
  to: isoDateSchema.optional(),
  groupBy: z.enum(figuresGroupings).default('agent'),
  kind: z.enum(ticketKinds).optional(),
  channel: z.enum(ticketChannels).optional(),
});

const figuresFields = {
  tickets: z.number().int(),
  /** Median of first_response_at − received_at (wall-clock ms) over answered tickets; null: none answered. */
  firstResponseMedianMs: z.number().nullable(),
  /** Median of resolved_at − received_at (wall-clock ms) over resolved tickets; null: none resolved. */
  resolutionMedianMs: z.number().nullable(),
  /** % of decided tickets (breached, or resolved/closed) that breached either target; null: none decided. */
  breachRate: z.number().nullable(),
  /** % of resolved or closed tickets that were ever reopened; null: none resolved. */
  reopenRate: z.number().nullable(),
  /** Survey responses tied to these tickets. */
  responses: z.number().int(),
  /** % of CSAT answers that are 4 or 5 (csatPercent); null: none answered. */
  csat: z.number().nullable(),
  /** Net promoter score (npsScore); null: none answered. */
  nps: z.number().nullable(),
};

export const serviceFiguresRowSchema = z.object({
  /** The owner's, department's or category's id, or YYYY-MM; 'none' for tickets without one. */
  key: z.string(),
  label: z.string(),
  ...figuresFields,
});
export type ServiceFiguresRow = z.infer<typeof serviceFiguresRowSchema>;

export const serviceFiguresSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  groupBy: z.enum(figuresGroupings),
  rows: z.array(serviceFiguresRowSchema),
  totals: z.object(figuresFields),
  /** DOMAIN §5: satisfaction ≥ 90 %. */
  target: z.object({ csatPercent: z.number() }),
});
export type ServiceFigures = z.infer<typeof serviceFiguresSchema>;

export const rootCauseBuckets = ['month', 'week'] as const;

export const rootCauseReportQuerySchema = z.strictObject({
  /** Closed on or after this business date; default: 11 months before this month's first day. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  bucket: z.enum(rootCauseBuckets).default('month'),
});

export const rootCauseReportSchema = z.object({
  /** YYYY-MM per month, or the Monday (YYYY-MM-DD) of each week, oldest first. */
  periods: z.array(z.string()),
  /** Most frequent first; counts line up with periods. */
  causes: z.array(
    z.object({
      id: uuidSchema,
      name: z.string(),
      total: z.number().int(),
      counts: z.array(z.number().int()),
    }),
  ),
});
export type RootCauseReport = z.infer<typeof rootCauseReportSchema>;
