import type { BusinessCalendar } from '@weixi/domain/sla';
import type { SlaPolicy } from '@weixi/domain/tickets';
import {
  type FiguresGrouping,
  figuresGroupings,
  type RenderedReply,
  type ReplyTemplate,
  type RootCauseReport,
  renderedReplySchema,
  replyPlaceholderListSchema,
  replyTemplateListSchema,
  replyTemplateSchema,
  rootCauseReportSchema,
  type ServiceFigures,
  type ServiceFiguresRow,
  type ServiceListItem,
  type ServiceSettingsView,
  serviceFiguresSchema,
  serviceListItemSchema,
  serviceListSchema,
  serviceSettingsSchema,
  type TicketChannel,
  type TicketKind,
} from '@weixi/shared';
import { api, request } from './client';

// Service administration (服务标准设置, managed lists, 标准服务用语, 服务数据): the calls of the
// contract's "Service settings, lists, templates, SLA job, figures" section, checked with the
// shared schemas (packages/shared/src/service-settings.ts).

export type { BusinessCalendar, ReplyTemplate, RootCauseReport, SlaPolicy };

export type ServiceSettings = ServiceSettingsView;
/** The editable part: domain `ServiceSettings` (packages/domain/src/service-settings.ts). */
export type ServiceSettingsValue = Omit<ServiceSettingsView, 'version' | 'updatedAt'>;

/** A ticket category or a root cause: both managed lists share one shape. */
export type ManagedListItem = ServiceListItem;
export type ManagedListKind = 'categories' | 'root-causes';

export interface ManagedListCreate {
  name: string;
  description?: string;
  sortOrder?: number;
}

export interface ManagedListPatch {
  name?: string;
  description?: string;
  active?: boolean;
  sortOrder?: number;
  version: number;
}

export interface ReplyTemplateInput {
  title: string;
  categoryId: string | null;
  body: string;
  active?: boolean;
}

export type ReplyPlaceholder = ReturnType<typeof replyPlaceholderListSchema.parse>[number];
export type RenderedTemplate = RenderedReply;

export const figureGroups = figuresGroupings;
export type FigureGroup = FiguresGrouping;
/** Rates and CSAT are percentages 0–100; medians wall-clock milliseconds. */
export type FigureRow = ServiceFiguresRow;
export type Figures = ServiceFigures;

export interface FiguresQuery {
  from?: string | undefined;
  to?: string | undefined;
  groupBy: FigureGroup;
  kind?: TicketKind | undefined;
  channel?: TicketChannel | undefined;
}

export type RootCauseBucket = 'month' | 'week';

export interface RootCauseQuery {
  from?: string | undefined;
  to?: string | undefined;
  bucket: RootCauseBucket;
}

/** Every service-admin query starts with 'service-admin'; a write invalidates what it touched. */
export const serviceAdminKeys = {
  all: ['service-admin'] as const,
  settings: ['service-admin', 'settings'] as const,
  list: (kind: ManagedListKind, includeInactive: boolean) =>
    ['service-admin', 'list', kind, includeInactive] as const,
  lists: (kind: ManagedListKind) => ['service-admin', 'list', kind] as const,
  templates: (categoryId: string | undefined, includeInactive: boolean) =>
    ['service-admin', 'templates', categoryId ?? null, includeInactive] as const,
  allTemplates: ['service-admin', 'templates'] as const,
  placeholders: ['service-admin', 'placeholders'] as const,
  figures: (q: FiguresQuery) => ['service-admin', 'figures', q] as const,
  rootCauses: (q: RootCauseQuery) => ['service-admin', 'root-cause-report', q] as const,
};

export const serviceSettingsApi = {
  get: () => api.get('/service/settings', { schema: serviceSettingsSchema }),
  /** The whole value with the version it was read at; a stale version answers 409. */
  save: (version: number, value: ServiceSettingsValue) =>
    request('PUT', '/service/settings', {
      body: { ...value, version },
      version,
      schema: serviceSettingsSchema,
    }),
};

export const managedListApi = {
  list: (kind: ManagedListKind, includeInactive: boolean) =>
    api
      .get(`/service/${kind}`, {
        query: { includeInactive: includeInactive ? 'true' : undefined },
        schema: serviceListSchema,
      })
      .then((r) => r.items),
  create: (kind: ManagedListKind, body: ManagedListCreate, idempotencyKey: string) =>
    api.post(`/service/${kind}`, { body, idempotencyKey, schema: serviceListItemSchema }),
  update: (kind: ManagedListKind, id: string, body: ManagedListPatch) =>
    api.patch(`/service/${kind}/${id}`, { body, version: body.version, schema: serviceListItemSchema }),
};

export const replyTemplatesApi = {
  list: (q: { categoryId?: string | undefined; includeInactive?: boolean }) =>
    api.get('/service/reply-templates', {
      query: { categoryId: q.categoryId, includeInactive: q.includeInactive ? 'true' : undefined },
      schema: replyTemplateListSchema,
    }),
  create: (body: ReplyTemplateInput, idempotencyKey: string) =>
    api.post('/service/reply-templates', { body, idempotencyKey, schema: replyTemplateSchema }),
  update: (id: string, body: Partial<ReplyTemplateInput> & { version: number }) =>
    api.patch(`/service/reply-templates/${id}`, { body, version: body.version, schema: replyTemplateSchema }),
  render: (id: string, ticketId: string) =>
    api.post(`/service/reply-templates/${id}/render`, { body: { ticketId }, schema: renderedReplySchema }),
  placeholders: () => api.get('/service/reply-placeholders', { schema: replyPlaceholderListSchema }),
};

export const serviceFiguresApi = {
  figures: (q: FiguresQuery, signal?: AbortSignal) =>
    api.get('/service/figures', {
      query: { ...q },
      schema: serviceFiguresSchema,
      ...(signal ? { signal } : {}),
    }),
  rootCauseReport: (q: RootCauseQuery, signal?: AbortSignal) =>
    api.get('/service/root-cause-report', {
      query: { ...q },
      schema: rootCauseReportSchema,
      ...(signal ? { signal } : {}),
    }),
};
