import {
  type AddTicketEventRequest,
  type CreateTicketRequest,
  type ListTicketsQuery,
  type RenderedReply,
  type ReplyTemplate,
  renderedReplySchema,
  replyTemplateListSchema,
  type ServiceListItem,
  type SlaTimer,
  serviceListSchema,
  type Ticket,
  type TicketAction,
  type TicketChannel,
  type TicketEvent,
  type TicketKind,
  type TicketListItem,
  type TicketPriority,
  type TicketStage,
  type TicketStatus,
  type TicketTransitionRequest,
  ticketEventListSchema,
  ticketPageSchema,
  ticketSchema,
  ticketSurveyInvitationsSchema,
  type UpdateTicketRequest,
} from '@weixi/shared';
import { api } from './client';

// Service tickets (客服工单, DOMAIN §5): the queue, one ticket with its SLA timers, its history and
// composer, and the read-only lists the ticket pages pick from (categories, root causes, reply
// templates) plus the ticket's survey invitations. Responses are checked with the shared schemas.

export type {
  RenderedReply,
  ReplyTemplate,
  SlaTimer,
  Ticket,
  TicketAction,
  TicketChannel,
  TicketEvent,
  TicketKind,
  TicketListItem,
  TicketPriority,
  TicketStage,
  TicketStatus,
};
export type SlaTimerState = SlaTimer['state'];
/** Categories and root causes: managed lists with the same shape. */
export type ManagedItem = ServiceListItem;
export type SurveyInvitation = ReturnType<typeof ticketSurveyInvitationsSchema.parse>['items'][number];
export type CreateTicketBody = CreateTicketRequest;
export type UpdateTicketBody = Omit<UpdateTicketRequest, 'version'>;
export type TransitionBody = Omit<TicketTransitionRequest, 'version'>;

/** The queue's filters as the server reads them (GET /tickets), paging aside. */
export type TicketQuery = Omit<ListTicketsQuery, 'limit' | 'cursor'>;

/** The shared page schema has no total (keyset pages over a busy queue); the pager copes without. */
export type TicketPage = ReturnType<typeof ticketPageSchema.parse> & { total?: number };

/** Every service query starts with 'service', so one invalidation after a write refreshes them all. */
export const ticketKeys = {
  all: ['service'] as const,
  tickets: ['service', 'tickets'] as const,
  list: (q: TicketQuery, limit: number, cursor: string | undefined) =>
    ['service', 'tickets', 'list', q, limit, cursor ?? null] as const,
  ticket: (id: string) => ['service', 'tickets', 'one', id] as const,
  events: (id: string) => ['service', 'tickets', 'events', id] as const,
  invitations: (id: string) => ['service', 'tickets', 'survey-invitations', id] as const,
  categories: ['service', 'categories'] as const,
  rootCauses: ['service', 'root-causes'] as const,
  templates: (categoryId: string | null) => ['service', 'reply-templates', categoryId] as const,
};

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export const ticketsApi = {
  list: (
    q: TicketQuery,
    limit: number,
    cursor: string | undefined,
    signal?: AbortSignal,
  ): Promise<TicketPage> =>
    api.get('/tickets', { query: { ...q, limit, cursor }, schema: ticketPageSchema, ...withSignal(signal) }),
  get: (id: string, signal?: AbortSignal) =>
    api.get(`/tickets/${id}`, { schema: ticketSchema, ...withSignal(signal) }),
  create: (body: CreateTicketBody, idempotencyKey: string) =>
    api.post('/tickets', { body, idempotencyKey, schema: ticketSchema }),
  /** The version goes both as If-Match and in the body; the server accepts either. */
  update: (id: string, version: number, body: UpdateTicketBody) =>
    api.patch(`/tickets/${id}`, { body: { ...body, version }, version, schema: ticketSchema }),
  transition: (ticket: Pick<Ticket, 'id' | 'version'>, body: TransitionBody) =>
    api.post(`/tickets/${ticket.id}/transitions`, {
      body: { ...body, version: ticket.version },
      schema: ticketSchema,
    }),
  stage: (ticket: Pick<Ticket, 'id' | 'version'>, stage: TicketStage) =>
    api.post(`/tickets/${ticket.id}/stage`, {
      body: { stage, version: ticket.version },
      schema: ticketSchema,
    }),
  wait: (ticket: Pick<Ticket, 'id' | 'version'>, reason: string) =>
    api.post(`/tickets/${ticket.id}/wait`, {
      body: { reason, version: ticket.version },
      schema: ticketSchema,
    }),
  resume: (ticket: Pick<Ticket, 'id' | 'version'>) =>
    api.post(`/tickets/${ticket.id}/resume`, { body: { version: ticket.version }, schema: ticketSchema }),
  events: async (id: string, signal?: AbortSignal): Promise<TicketEvent[]> =>
    (await api.get(`/tickets/${id}/events`, { schema: ticketEventListSchema, ...withSignal(signal) })).items,
  /** The answer (the new event) is not read: the page reloads the history and the ticket after it. */
  addEvent: (id: string, body: AddTicketEventRequest) => api.post<unknown>(`/tickets/${id}/events`, { body }),
  surveyInvitations: async (id: string, signal?: AbortSignal): Promise<SurveyInvitation[]> =>
    (
      await api.get(`/tickets/${id}/survey-invitations`, {
        schema: ticketSurveyInvitationsSchema,
        ...withSignal(signal),
      })
    ).items,
};

export const serviceListsApi = {
  categories: async (): Promise<ManagedItem[]> =>
    (await api.get('/service/categories', { schema: serviceListSchema })).items,
  rootCauses: async (): Promise<ManagedItem[]> =>
    (await api.get('/service/root-causes', { schema: serviceListSchema })).items,
  /** Templates for a category, with those offered for every category (category null). */
  templates: async (categoryId: string | null): Promise<ReplyTemplate[]> =>
    (
      await api.get('/service/reply-templates', {
        query: { categoryId: categoryId ?? undefined },
        schema: replyTemplateListSchema,
      })
    ).items,
  renderTemplate: (templateId: string, ticketId: string): Promise<RenderedReply> =>
    api.post(`/service/reply-templates/${templateId}/render`, {
      body: { ticketId },
      schema: renderedReplySchema,
    }),
};
