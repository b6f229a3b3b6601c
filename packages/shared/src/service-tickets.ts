import { z } from 'zod';
import { isoDateTime, uuidSchema, versionSchema } from './common';
import { customerGrades } from './customers';
import { cursorSchema } from './pagination';

// Service tickets (投诉 / 售后工单, DOMAIN §5): the lists every layer shares. The rules over them
// are in packages/domain/src/tickets.ts; the API schemas follow below.

export const ticketKinds = ['complaint', 'service_request', 'question'] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketChannels = ['phone', 'email', 'online', 'wechat', 'visit'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

export const ticketPriorities = ['urgent', 'high', 'normal', 'low'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

export const ticketStatuses = ['new', 'acknowledged', 'in_progress', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses in which the ticket is still being worked, and its clocks may run. */
export const openTicketStatuses = [
  'new',
  'acknowledged',
  'in_progress',
] as const satisfies readonly TicketStatus[];

/** The service process in order: confirm the need → agree a plan with the customer → deliver → collect feedback. */
export const ticketStages = ['confirm_need', 'agree_plan', 'deliver', 'collect_feedback'] as const;
export type TicketStage = (typeof ticketStages)[number];

export const ticketActions = ['acknowledge', 'start', 'resolve', 'close', 'reopen'] as const;
export type TicketAction = (typeof ticketActions)[number];

export const slaClockModes = ['business', 'calendar'] as const;
export type SlaClockMode = (typeof slaClockModes)[number];

// ---------- API schemas ----------

export const ticketLimits = {
  subjectMax: 200,
  descriptionMax: 8000,
  resolutionMax: 4000,
  reasonMax: 500,
  eventBodyMax: 8000,
  queryMax: 100,
  pageSizeMax: 100,
  pageSizeDefault: 50,
} as const;

/** mine: tickets I own; team: owned by people I manage (managers); all: every ticket I may see. */
export const ticketViews = ['mine', 'team', 'all'] as const;
export type TicketView = (typeof ticketViews)[number];
export const ticketSorts = ['due', '-received'] as const;
/** soon: the deadline that matters now falls within the next two hours; breached: it has passed. */
export const ticketBreachFilters = ['soon', 'breached'] as const;
export const slaTimerStates = ['met', 'breached_met', 'running', 'warning', 'breached', 'paused'] as const;
export const ticketEventVisibilities = ['internal', 'customer'] as const;
/** What people add to a ticket's history by hand; every other event kind is written by a change. */
export const ticketPostedEventKinds = ['note', 'reply'] as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);
const required = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const ref = z.object({ id: uuidSchema, name: z.string() });
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

export const createTicketRequestSchema = z.strictObject({
  customerId: uuidSchema,
  contactId: uuidSchema.nullable().optional(),
  channel: z.enum(ticketChannels),
  kind: z.enum(ticketKinds),
  categoryId: uuidSchema.nullable().optional(),
  priority: z.enum(ticketPriorities),
  important: z.boolean().default(false),
  subject: required(ticketLimits.subjectMax),
  description: text(ticketLimits.descriptionMax).default(''),
  ownerId: uuidSchema.optional().describe('Default: the person creating it'),
  receivedAt: isoDateTime
    .optional()
    .describe('When the customer reached us; default now, at most a minute in the future'),
});
export type CreateTicketRequest = z.input<typeof createTicketRequestSchema>;

export const updateTicketRequestSchema = z.strictObject({
  subject: required(ticketLimits.subjectMax).optional(),
  description: text(ticketLimits.descriptionMax).optional(),
  categoryId: uuidSchema.nullable().optional(),
  priority: z.enum(ticketPriorities).optional(),
  important: z.boolean().optional(),
  ownerId: uuidSchema.optional(),
  contactId: uuidSchema.nullable().optional(),
  version: versionSchema.optional(),
});
export type UpdateTicketRequest = z.input<typeof updateTicketRequestSchema>;

export const ticketTransitionRequestSchema = z.strictObject({
  action: z.enum(ticketActions),
  version: versionSchema.optional(),
  rootCauseId: uuidSchema.optional(),
  reason: text(ticketLimits.reasonMax).optional(),
  resolution: text(ticketLimits.resolutionMax).optional(),
});
export type TicketTransitionRequest = z.input<typeof ticketTransitionRequestSchema>;

export const ticketStageRequestSchema = z.strictObject({
  stage: z.enum(ticketStages),
  version: versionSchema.optional(),
});
export const ticketWaitRequestSchema = z.strictObject({
  reason: required(ticketLimits.reasonMax),
  version: versionSchema.optional(),
});
export const ticketResumeRequestSchema = z.strictObject({ version: versionSchema.optional() });

export const addTicketEventRequestSchema = z.strictObject({
  kind: z.enum(ticketPostedEventKinds),
  body: required(ticketLimits.eventBodyMax),
  templateId: uuidSchema.optional().describe('The reply template the text started from (recorded)'),
  sendEmail: z.boolean().default(false).describe("Replies only: e-mail it to the ticket's contact"),
});
export type AddTicketEventRequest = z.input<typeof addTicketEventRequestSchema>;

export const listTicketsQuerySchema = z.object({
  view: z.enum(ticketViews).default('mine'),
  status: csv(ticketStatuses).optional().describe('Default: the open statuses'),
  kind: csv(ticketKinds).optional(),
  priority: csv(ticketPriorities).optional(),
  channel: csv(ticketChannels).optional(),
  categoryId: uuidSchema.optional(),
  ownerId: uuidSchema.optional(),
  customerId: uuidSchema.optional(),
  breaching: z.enum(ticketBreachFilters).optional(),
  q: z.string().trim().min(1).max(ticketLimits.queryMax).optional().describe('Subject words or the number'),
  sort: z.enum(ticketSorts).default('due').describe('due: soonest deadline first, none last'),
  limit: z.coerce.number().int().min(1).max(ticketLimits.pageSizeMax).default(ticketLimits.pageSizeDefault),
  cursor: cursorSchema.optional(),
});
export type ListTicketsQuery = z.input<typeof listTicketsQuerySchema>;

export const ticketListItemSchema = z.object({
  id: uuidSchema,
  number: z.number().int(),
  subject: z.string(),
  customer: z.object({ id: uuidSchema, name: z.string(), grade: z.enum(customerGrades).nullable() }),
  owner: ref.nullable(),
  channel: z.enum(ticketChannels),
  kind: z.enum(ticketKinds),
  priority: z.enum(ticketPriorities),
  important: z.boolean(),
  status: z.enum(ticketStatuses),
  stage: z.enum(ticketStages),
  category: ref.nullable(),
  receivedAt: z.string(),
  /** The deadline that matters now; null when resolved, closed or waiting on the customer. */
  nextDueAt: z.string().nullable(),
  /**
   * The owner has been warned that this deadline is near (the SLA watch, counting the share of the
   * target as the ticket's clock counts: working hours for a business-hours clock).
   */
  nextWarned: z.boolean(),
  waiting: z.boolean(),
  firstResponseBreached: z.boolean(),
  resolutionBreached: z.boolean(),
});
export type TicketListItem = z.infer<typeof ticketListItemSchema>;

export const slaTimerSchema = z.object({
  state: z.enum(slaTimerStates),
  mode: z.enum(slaClockModes),
  targetMs: z.number(),
  elapsedMs: z.number(),
  /** Counted time left (business time in business mode); negative once over. */
  remainingMs: z.number(),
  dueAt: z.string(),
  metAt: z.string().nullable(),
});
export type SlaTimer = z.infer<typeof slaTimerSchema>;

export const ticketSchema = ticketListItemSchema.extend({
  contact: ref.nullable(),
  description: z.string(),
  rootCause: ref.nullable(),
  resolution: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  reopenCount: z.number().int(),
  sla: z.object({ firstResponse: slaTimerSchema, resolution: slaTimerSchema }),
  pauses: z.array(z.object({ from: z.string(), to: z.string().nullable(), reason: z.string() })),
  allowedActions: z.array(z.enum(ticketActions)),
  version: versionSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const ticketPageSchema = z.object({
  items: z.array(ticketListItemSchema),
  nextCursor: z.string().nullable(),
});

export const ticketEventSchema = z.object({
  id: uuidSchema,
  at: z.string(),
  actor: ref.nullable(),
  kind: z.string(),
  visibility: z.enum(ticketEventVisibilities),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;
export const ticketEventListSchema = z.object({ items: z.array(ticketEventSchema) });
