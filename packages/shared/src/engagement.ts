import { z } from 'zod';
import { isoDateTime, uuidSchema, versionSchema } from './common';
import { customerCategories, customerGrades, isoDateSchema } from './customers';
import { pageQuerySchema, pageSchema } from './pagination';

/**
 * Engagement (跟进与拜访), DOMAIN §3 and the visit half of §4: interactions (沟通记录), the customer
 * timeline (信息共享台账), follow-up due dates (回访), visits (拜访) with check-in and reports, tasks
 * and notification preferences. The rules behind them: docs/decisions/011-engagement.md.
 */

export const interactionChannels = [
  'phone',
  'email',
  'sms',
  'wechat',
  'face_to_face',
  'visit',
  'event',
] as const;
export type InteractionChannel = (typeof interactionChannels)[number];
export const interactionDirections = ['outbound', 'inbound'] as const;
export type InteractionDirection = (typeof interactionDirections)[number];
/** The "3+1" conversation guide: ~30% business, 30% latent needs, 30% rapport, 10% value delivered. */
export const guideTopics = ['business', 'needs', 'rapport', 'value'] as const;
export type GuideTopic = (typeof guideTopics)[number];

export const visitStatuses = ['planned', 'checked_in', 'reported', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];
/** What to bring (DOMAIN §4); a plan may also name other things in free text. */
export const visitMaterials = [
  'brochure',
  'business_card',
  'customer_list',
  'gift',
  'sample',
  'contract',
] as const;
export const checkInFlags = ['ok', 'far', 'no_location', 'no_customer_location'] as const;
export type CheckInFlag = (typeof checkInFlags)[number];
export const creditChanges = ['none', 'improved', 'worsened'] as const;

export const taskStatuses = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];
/** Where a task came from; later modules add theirs (ticket, survey, evaluation…). */
export const taskSources = [
  'manual',
  'visit',
  'interaction',
  'ticket',
  'survey',
  'evaluation',
  'care',
] as const;
export type TaskSource = (typeof taskSources)[number];

/** overdue: before today; today; week: from today to the end of Sunday; all: every active one. */
export const dueWindows = ['overdue', 'today', 'week', 'all'] as const;
export type DueWindow = (typeof dueWindows)[number];
/** mine: my own; team: the department subtree I manage (managers); all: everything in my scope. */
export const workViews = ['mine', 'team', 'all'] as const;
export type WorkView = (typeof workViews)[number];

export const engagementLimits = {
  summaryMax: 4000,
  needsMax: 2000,
  nextStepMax: 1000,
  purposeMax: 200,
  objectivesMax: 2000,
  reportTextMax: 2000,
  materialMax: 40,
  materialsMax: 12,
  participantsMax: 30,
  receivedByMax: 20,
  commitmentsMax: 20,
  taskTitleMax: 200,
  taskDescriptionMax: 4000,
  reasonMax: 500,
  attachmentNameMax: 255,
} as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const required = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const userRef = z.object({ id: uuidSchema, name: z.string() });
const customerRef = z.object({
  id: uuidSchema,
  name: z.string(),
  grade: z.enum(customerGrades).nullable(),
  category: z.enum(customerCategories),
});
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

// ---------- attachments ----------

export const attachmentSchema = z.object({
  id: uuidSchema,
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.string(),
  createdBy: userRef.nullable(),
  /** GET this path to download (same scope as the record it belongs to). */
  url: z.string(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

// ---------- interactions (沟通记录) ----------

export const guideSchema = z.object({
  business: z.boolean(),
  needs: z.boolean(),
  rapport: z.boolean(),
  value: z.boolean(),
});
export type Guide = z.infer<typeof guideSchema>;

const interactionFields = {
  channel: z.enum(interactionChannels),
  direction: z.enum(interactionDirections),
  occurredAt: isoDateTime.describe('When it happened; at most a few minutes in the future (setting)'),
  summary: required(engagementLimits.summaryMax),
  needsFound: text(engagementLimits.needsMax).default(''),
  nextStep: text(engagementLimits.nextStepMax).default(''),
  guide: guideSchema.partial().default({}),
  contactIds: z
    .array(uuidSchema)
    .max(engagementLimits.participantsMax)
    .default([])
    .describe("The customer's contacts who took part"),
  staffIds: z
    .array(uuidSchema)
    .max(engagementLimits.participantsMax)
    .default([])
    .describe('Colleagues who took part besides the person logging it (always a participant)'),
};

export const createInteractionRequestSchema = z.strictObject({
  customerId: uuidSchema,
  ...interactionFields,
  /** Optionally turn the next step into a task at once. */
  nextStepTask: z
    .strictObject({
      title: text(engagementLimits.taskTitleMax).optional(),
      dueOn: isoDateSchema,
      ownerId: uuidSchema.optional(),
    })
    .optional(),
});
export type CreateInteractionRequest = z.input<typeof createInteractionRequestSchema>;

export const updateInteractionRequestSchema = z.strictObject({
  channel: interactionFields.channel.optional(),
  direction: interactionFields.direction.optional(),
  occurredAt: interactionFields.occurredAt.optional(),
  summary: interactionFields.summary.optional(),
  needsFound: text(engagementLimits.needsMax).optional(),
  nextStep: text(engagementLimits.nextStepMax).optional(),
  guide: guideSchema.partial().optional(),
  contactIds: z.array(uuidSchema).max(engagementLimits.participantsMax).optional(),
  staffIds: z.array(uuidSchema).max(engagementLimits.participantsMax).optional(),
  version: versionSchema,
});
export type UpdateInteractionRequest = z.input<typeof updateInteractionRequestSchema>;

export const interactionSchema = z.object({
  id: uuidSchema,
  customer: customerRef,
  channel: z.enum(interactionChannels),
  direction: z.enum(interactionDirections),
  occurredAt: z.string(),
  summary: z.string(),
  needsFound: z.string(),
  nextStep: z.string(),
  guide: guideSchema,
  contacts: z.array(z.object({ id: uuidSchema, name: z.string(), position: z.string() })),
  staff: z.array(userRef),
  visitId: uuidSchema.nullable(),
  /** Whether it reset the customer's follow-up cadence. */
  qualifies: z.boolean(),
  attachments: z.array(attachmentSchema),
  loggedBy: userRef.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
  /** The task made from the next step, when one was asked for. */
  nextStepTaskId: uuidSchema.nullable().optional(),
});
export type Interaction = z.infer<typeof interactionSchema>;

export const listInteractionsQuerySchema = pageQuerySchema.extend({
  customerId: uuidSchema.optional(),
  loggedBy: uuidSchema.optional(),
  channel: csv(interactionChannels).optional(),
  from: isoDateSchema.optional().describe('Occurred on or after this business date'),
  to: isoDateSchema.optional().describe('Occurred on or before this business date'),
});
export const interactionPageSchema = pageSchema(interactionSchema);

// ---------- timeline (信息共享台账) ----------

export const timelineKinds = [
  'interaction',
  'visit',
  'task',
  'order',
  'ticket',
  'grade',
  'owner',
  'edit',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineQuerySchema = pageQuerySchema.extend({
  kinds: csv(timelineKinds).optional().describe('Comma-separated kinds; all when absent'),
});

/**
 * One entry of the feed. `data` depends on `kind`:
 * - interaction {channel, direction, summary, needsFound, nextStep, guide, contacts: [{id, name}],
 *   staff: [{id, name}], visitId, qualifies} — at `occurredAt`;
 * - visit {status, plannedOn, plannedTime, purpose, visitor, checkIn: {at, flag, distanceM} | null,
 *   report: {summary, reportedAt} | null, cancelReason} — at the report, else the check-in, else the
 *   planned day and time in the business time zone;
 * - task {title, status, dueOn, owner, source, completedAt} — at its creation;
 * - order {orderedOn, product: {id, name}, quantity, amountFen, channel} — at the start of that
 *   business day;
 * - ticket {ticket: {id, number, subject, kind, status}, event, visibility, body, data} — one entry
 *   per ticket event (created, resolved, reply, …) at its time; internal notes included;
 * - grade {from, to, cause, reason}; owner {kind, from, to, reason} (people as {id, name} or null);
 * - edit: the audit entry's {action, before, after} (contact details masked as the reader sees the
 *   customer); actions other kinds already show are left out (see timeline.repository.ts).
 */
export const timelineItemSchema = z.object({
  id: z.string().describe('Unique within the feed: kind and source id'),
  kind: z.enum(timelineKinds),
  at: z.string(),
  actor: userRef.nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItemSchema>;
export const timelinePageSchema = z.object({
  items: z.array(timelineItemSchema),
  nextCursor: z.string().nullable(),
});

// ---------- follow-ups (回访) ----------

export const followUpReasons = ['cadence', 'key_contact'] as const;

export const followUpQuerySchema = pageQuerySchema.extend({
  view: z.enum(workViews).default('mine'),
  due: z.enum(dueWindows).default('week'),
  ownerId: uuidSchema.optional(),
  departmentId: uuidSchema.optional(),
  grade: csv(customerGrades).optional(),
});

export const followUpItemSchema = z.object({
  customer: customerRef,
  owner: userRef.nullable(),
  dueAt: z.string(),
  /** The business date it falls due. */
  dueOn: z.string(),
  /** Whole days past due (0 when due today or later). */
  overdueDays: z.number().int(),
  /** Which rule set the date: the grade's cadence or a key customer's monthly owner contact. */
  reason: z.enum(followUpReasons),
  lastFollowUpAt: z.string().nullable(),
  lastOwnerContactAt: z.string().nullable(),
  followUpDays: z.number().int(),
});
export type FollowUpItem = z.infer<typeof followUpItemSchema>;
export const followUpPageSchema = pageSchema(followUpItemSchema);

export const followUpCountsSchema = z.object({
  overdue: z.number().int(),
  today: z.number().int(),
  week: z.number().int(),
});
export type FollowUpCounts = z.infer<typeof followUpCountsSchema>;
export const followUpSummaryQuerySchema = z.object({
  view: z.enum(workViews).default('mine'),
  departmentId: uuidSchema.optional(),
});
export const followUpSummarySchema = followUpCountsSchema.extend({
  byOwner: z.array(followUpCountsSchema.extend({ owner: userRef })),
});
export type FollowUpSummary = z.infer<typeof followUpSummarySchema>;

// ---------- settings ----------

export const engagementSettingsFields = {
  /** Key-category customers: the owner's proactive contact at least every N days (DOMAIN §3: monthly). */
  keyContactDays: z.number().int().min(1).max(366),
  /** Whether inbound calls, e-mails and messages reset the cadence (face to face always does). */
  countInbound: z.boolean(),
  /** Reminders go out this many days before a follow-up or task falls due (0: on the day). */
  reminderLeadDays: z.number().int().min(0).max(30),
  /** Interactions may be dated at most this many minutes ahead of now (clock skew on phones). */
  futureToleranceMinutes: z.number().int().min(0).max(1440),
  /** A check-in farther than this from the customer's coordinates is flagged. */
  checkInFarMeters: z.number().int().min(50).max(100_000),
};
export const engagementSettingsSchema = z.object({
  ...engagementSettingsFields,
  version: versionSchema,
  updatedAt: z.string().nullable(),
  /**
   * After a change of keyContactDays or countInbound: the job recomputing every due date, to
   * follow at GET /api/v1/jobs/:id (null when one already waiting to start will do it).
   */
  recomputeJobId: uuidSchema.nullable().optional(),
});
export type EngagementSettings = z.infer<typeof engagementSettingsSchema>;
export const updateEngagementSettingsRequestSchema = z.strictObject({
  keyContactDays: engagementSettingsFields.keyContactDays.optional(),
  countInbound: engagementSettingsFields.countInbound.optional(),
  reminderLeadDays: engagementSettingsFields.reminderLeadDays.optional(),
  futureToleranceMinutes: engagementSettingsFields.futureToleranceMinutes.optional(),
  checkInFarMeters: engagementSettingsFields.checkInFarMeters.optional(),
  version: versionSchema,
});

/** POST /api/v1/engagement/recompute-runs: the job recomputing every due date (GET /api/v1/jobs/:id). */
export const recomputeRunSchema = z.object({ jobId: uuidSchema });

// ---------- visits (拜访) ----------

const materialsSchema = z
  .array(required(engagementLimits.materialMax))
  .max(engagementLimits.materialsMax)
  .describe(`Keys (${visitMaterials.join(', ')}) or free text`);

export const createVisitRequestSchema = z.strictObject({
  customerId: uuidSchema,
  /** Managers may plan for someone in their team; others plan their own. */
  visitorId: uuidSchema.optional(),
  plannedOn: isoDateSchema,
  plannedTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time written HH:MM')
    .nullable()
    .optional(),
  stopOrder: z.number().int().min(1).max(99).nullable().optional(),
  purpose: required(engagementLimits.purposeMax),
  objectives: text(engagementLimits.objectivesMax).default(''),
  materials: materialsSchema.default([]),
});
export type CreateVisitRequest = z.input<typeof createVisitRequestSchema>;

export const updateVisitRequestSchema = z.strictObject({
  plannedOn: isoDateSchema.optional(),
  plannedTime: createVisitRequestSchema.shape.plannedTime,
  stopOrder: createVisitRequestSchema.shape.stopOrder,
  purpose: required(engagementLimits.purposeMax).optional(),
  objectives: text(engagementLimits.objectivesMax).optional(),
  materials: materialsSchema.optional(),
  version: versionSchema,
});

export const checkInRequestSchema = z.strictObject({
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  accuracyM: z.number().min(0).max(100_000).optional(),
  /** Why the browser gave no position: the check-in is still recorded, and flagged. */
  locationError: z.enum(['denied', 'unavailable', 'timeout', 'unsupported']).optional(),
  version: versionSchema,
});

export const receivedBySchema = z.strictObject({
  name: required(50),
  position: text(50).default(''),
  decisionAuthority: z.boolean().default(false),
  contactId: uuidSchema.nullable().optional(),
});

export const commitmentSchema = z.strictObject({
  title: required(engagementLimits.taskTitleMax),
  dueOn: isoDateSchema,
  /** Who keeps the promise; the visitor when absent. */
  ownerId: uuidSchema.optional(),
});

export const visitReportRequestSchema = z.strictObject({
  receivedBy: z.array(receivedBySchema).max(engagementLimits.receivedByMax).default([]),
  needs: text(engagementLimits.reportTextMax).default(''),
  problems: text(engagementLimits.reportTextMax).default(''),
  objections: text(engagementLimits.reportTextMax).default(''),
  prospects: text(engagementLimits.reportTextMax).default(''),
  competitorInfo: text(engagementLimits.reportTextMax).default(''),
  creditChange: z.enum(creditChanges).default('none'),
  creditChangeCause: text(engagementLimits.reportTextMax).default(''),
  summary: required(engagementLimits.summaryMax),
  guide: guideSchema.partial().default({}),
  commitments: z.array(commitmentSchema).max(engagementLimits.commitmentsMax).default([]),
  version: versionSchema,
});
export type VisitReportRequest = z.input<typeof visitReportRequestSchema>;

export const cancelRequestSchema = z.strictObject({
  reason: required(engagementLimits.reasonMax),
  version: versionSchema,
});

export const visitSchema = z.object({
  id: uuidSchema,
  customer: customerRef.extend({
    address: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
  }),
  visitor: userRef,
  plannedOn: z.string(),
  plannedTime: z.string().nullable(),
  stopOrder: z.number().int().nullable(),
  purpose: z.string(),
  objectives: z.string(),
  materials: z.array(z.string()),
  status: z.enum(visitStatuses),
  cancelReason: z.string().nullable(),
  checkIn: z
    .object({
      at: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      accuracyM: z.number().nullable(),
      distanceM: z.number().nullable(),
      flag: z.enum(checkInFlags),
    })
    .nullable(),
  report: z
    .object({
      receivedBy: z.array(
        z.object({
          name: z.string(),
          position: z.string(),
          decisionAuthority: z.boolean(),
          contactId: uuidSchema.nullable(),
        }),
      ),
      needs: z.string(),
      problems: z.string(),
      objections: z.string(),
      prospects: z.string(),
      competitorInfo: z.string(),
      creditChange: z.enum(creditChanges),
      creditChangeCause: z.string(),
      summary: z.string(),
      reportedAt: z.string(),
      interactionId: uuidSchema.nullable(),
      taskIds: z.array(uuidSchema),
    })
    .nullable(),
  attachments: z.array(attachmentSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Visit = z.infer<typeof visitSchema>;

export const listVisitsQuerySchema = pageQuerySchema.extend({
  view: z.enum(workViews).default('mine'),
  visitorId: uuidSchema.optional(),
  customerId: uuidSchema.optional(),
  status: csv(visitStatuses).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const visitPageSchema = pageSchema(visitSchema);

// ---------- tasks (任务) ----------

export const createTaskRequestSchema = z.strictObject({
  title: required(engagementLimits.taskTitleMax),
  description: text(engagementLimits.taskDescriptionMax).default(''),
  customerId: uuidSchema.nullable().optional(),
  /** Managers may assign to their team; others assign to themselves. */
  ownerId: uuidSchema.optional(),
  dueOn: isoDateSchema.describe('Not before today in the business time zone'),
});
export type CreateTaskRequest = z.input<typeof createTaskRequestSchema>;

export const updateTaskRequestSchema = z.strictObject({
  title: required(engagementLimits.taskTitleMax).optional(),
  description: text(engagementLimits.taskDescriptionMax).optional(),
  ownerId: uuidSchema.optional(),
  dueOn: isoDateSchema.optional(),
  version: versionSchema,
});

export const completeTaskRequestSchema = z.strictObject({
  note: text(engagementLimits.reasonMax).default(''),
  version: versionSchema,
});
export const reopenTaskRequestSchema = z.strictObject({ version: versionSchema });

export const taskSchema = z.object({
  id: uuidSchema,
  title: z.string(),
  description: z.string(),
  customer: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  owner: userRef,
  dueOn: z.string(),
  status: z.enum(taskStatuses),
  /** Open and past its due date (business time zone). */
  overdue: z.boolean(),
  source: z.enum(taskSources),
  sourceId: uuidSchema.nullable(),
  completedAt: z.string().nullable(),
  completedBy: userRef.nullable(),
  completionNote: z.string(),
  createdAt: z.string(),
  createdBy: userRef.nullable(),
  updatedAt: z.string(),
  version: versionSchema,
});
export type Task = z.infer<typeof taskSchema>;

export const listTasksQuerySchema = pageQuerySchema.extend({
  view: z.enum(workViews).default('mine'),
  status: csv(taskStatuses).optional().describe('Default: open'),
  due: z.enum(dueWindows).optional(),
  ownerId: uuidSchema.optional(),
  customerId: uuidSchema.optional(),
  source: csv(taskSources).optional(),
});
export const taskPageSchema = pageSchema(taskSchema);

// ---------- my day (工作台) ----------

export const workbenchSchema = z.object({
  /** Today in the business time zone. */
  today: z.string(),
  followUps: followUpCountsSchema.extend({ items: z.array(followUpItemSchema) }),
  visits: z.array(visitSchema),
  tasks: z.object({
    overdue: z.number().int(),
    today: z.number().int(),
    week: z.number().int(),
    items: z.array(taskSchema),
  }),
  notifications: z.object({ unread: z.number().int() }),
});
export type Workbench = z.infer<typeof workbenchSchema>;

// ---------- notification preferences ----------

/** Topics people choose e-mail for; a notification's kind belongs to the topic of its first word. */
export const notificationTopics = [
  'follow_up',
  'task',
  'visit',
  'pool',
  'ownership',
  'grading',
  'job',
  'system',
  // Service tickets' SLA warnings, breaches and escalations (kinds sla.*).
  'sla',
  // Tickets handed to someone (kinds ticket.*).
  'ticket',
] as const;
export type NotificationTopic = (typeof notificationTopics)[number];
/** E-mail on unless someone turns it off: the reminders people would miss. */
export const emailByDefault: Record<NotificationTopic, boolean> = {
  follow_up: true,
  task: true,
  visit: false,
  pool: true,
  ownership: true,
  grading: false,
  job: false,
  system: false,
  sla: true,
  ticket: true,
};

export const notificationPreferencesSchema = z.object({
  /** False when the server has no SMTP_URL: no e-mail goes out, whatever is chosen. */
  emailAvailable: z.boolean(),
  /** The address e-mail goes to (the account's), null when it has none. */
  address: z.string().nullable(),
  topics: z.array(z.object({ topic: z.enum(notificationTopics), email: z.boolean() })),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;
export const updateNotificationPreferencesRequestSchema = z.strictObject({
  topics: z
    .array(z.strictObject({ topic: z.enum(notificationTopics), email: z.boolean() }))
    .min(1)
    .max(notificationTopics.length),
});

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;
export const outboxItemSchema = z.object({
  id: uuidSchema,
  channel: z.enum(['email']),
  recipient: z.string(),
  subject: z.string(),
  status: z.enum(outboxStatuses),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const listOutboxQuerySchema = pageQuerySchema.extend({
  status: csv(outboxStatuses).optional(),
});
export const outboxPageSchema = pageSchema(outboxItemSchema);
export const retryFailedOutboxResponseSchema = z.object({
  requeued: z.number().int().describe('How many failed messages were put back to be sent now'),
});
export type RetryFailedOutboxResponse = z.infer<typeof retryFailedOutboxResponseSchema>;
