import {
  type Attachment,
  attachmentSchema,
  type CreateInteractionRequest,
  type CreateTaskRequest,
  type CreateVisitRequest,
  type DueWindow,
  type EngagementSettings,
  engagementSettingsSchema,
  type FollowUpItem,
  type FollowUpSummary,
  followUpPageSchema,
  followUpSummarySchema,
  type Interaction,
  type InteractionChannel,
  interactionPageSchema,
  interactionSchema,
  type NotificationPreferences,
  type NotificationTopic,
  notificationPreferencesSchema,
  outboxItemSchema,
  outboxPageSchema,
  problemSchema,
  recomputeRunSchema,
  retryFailedOutboxResponseSchema,
  type Task,
  type TaskStatus,
  type TimelineItem,
  type TimelineKind,
  taskPageSchema,
  taskSchema,
  timelinePageSchema,
  type UpdateInteractionRequest,
  type Visit,
  type VisitReportRequest,
  type VisitStatus,
  visitPageSchema,
  visitSchema,
  type WorkView,
  workbenchSchema,
} from '@weixi/shared';
import { ApiError, api, problemExtensions, request } from './client';

// Engagement (跟进与拜访): interactions and their attachments, the customer timeline, follow-ups,
// visits, tasks, My day, the engagement settings, e-mail preferences and the outbox.

export type {
  Attachment,
  DueWindow,
  EngagementSettings,
  FollowUpItem,
  FollowUpSummary,
  Interaction,
  InteractionChannel,
  NotificationPreferences,
  NotificationTopic,
  Task,
  TaskStatus,
  TimelineItem,
  TimelineKind,
  Visit,
  VisitStatus,
  WorkView,
};
export type OutboxItem = ReturnType<typeof outboxPageSchema.parse>['items'][number];
export type Workbench = ReturnType<typeof workbenchSchema.parse>;

export interface FollowUpFilters {
  view: WorkView;
  due: DueWindow;
  ownerId?: string | undefined;
  grade?: string | undefined;
}

export interface VisitFilters {
  view: WorkView;
  from?: string | undefined;
  to?: string | undefined;
  status?: string | undefined;
  customerId?: string | undefined;
}

export interface TaskFilters {
  view: WorkView;
  /** Comma-separated statuses; the server's default is open. */
  status?: string | undefined;
  due?: DueWindow | undefined;
  customerId?: string | undefined;
}

export interface InteractionFilters {
  customerId?: string | undefined;
  loggedBy?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export type SettingsPatch = Partial<Omit<EngagementSettings, 'version' | 'updatedAt'>>;

/** Every engagement query starts with 'engagement', so one invalidation after a write refreshes them all. */
export const engagementKeys = {
  all: ['engagement'] as const,
  workbench: ['engagement', 'workbench'] as const,
  followUps: (f: FollowUpFilters, limit: number, cursor: string | undefined) =>
    ['engagement', 'follow-ups', f, limit, cursor ?? null] as const,
  followUpSummary: (view: WorkView) => ['engagement', 'follow-up-summary', view] as const,
  visits: (f: VisitFilters) => ['engagement', 'visits', f] as const,
  visit: (id: string) => ['engagement', 'visit', id] as const,
  tasks: (f: TaskFilters, limit: number, cursor: string | undefined) =>
    ['engagement', 'tasks', f, limit, cursor ?? null] as const,
  task: (id: string) => ['engagement', 'task', id] as const,
  interactions: (f: InteractionFilters, limit: number, cursor: string | undefined) =>
    ['engagement', 'interactions', f, limit, cursor ?? null] as const,
  interaction: (id: string) => ['engagement', 'interaction', id] as const,
  timeline: (customerId: string, kinds: readonly string[]) =>
    ['engagement', 'timeline', customerId, kinds] as const,
  settings: ['engagement', 'settings'] as const,
  preferences: ['engagement', 'notification-preferences'] as const,
  outboxAll: ['engagement', 'outbox'] as const,
  outbox: (status: string | undefined, limit: number, cursor: string | undefined) =>
    ['engagement', 'outbox', status ?? null, limit, cursor ?? null] as const,
};

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export const interactionsApi = {
  list: (f: InteractionFilters, limit: number, cursor: string | undefined, signal?: AbortSignal) =>
    api.get('/interactions', {
      query: { ...f, limit, cursor },
      schema: interactionPageSchema,
      ...withSignal(signal),
    }),
  get: (id: string) => api.get(`/interactions/${id}`, { schema: interactionSchema }),
  create: (body: CreateInteractionRequest, idempotencyKey: string) =>
    api.post('/interactions', { body, idempotencyKey, schema: interactionSchema }),
  update: (id: string, body: UpdateInteractionRequest) =>
    api.patch(`/interactions/${id}`, { body, schema: interactionSchema }),
  remove: (id: string, version: number) => api.delete(`/interactions/${id}`, { version }),
};

export const timelineApi = {
  page: (customerId: string, kinds: readonly TimelineKind[], cursor: string | undefined, limit = 20) =>
    api.get(`/customers/${customerId}/timeline`, {
      query: { kinds: kinds.length > 0 ? kinds.join(',') : undefined, cursor, limit },
      schema: timelinePageSchema,
    }),
};

export const followUpsApi = {
  list: (f: FollowUpFilters, limit: number, cursor: string | undefined, signal?: AbortSignal) =>
    api.get('/follow-ups', {
      query: { ...f, limit, cursor },
      schema: followUpPageSchema,
      ...withSignal(signal),
    }),
  summary: (view: WorkView) =>
    api.get('/follow-ups/summary', { query: { view }, schema: followUpSummarySchema }),
};

export const visitsApi = {
  list: (f: VisitFilters, signal?: AbortSignal) =>
    api.get('/visits', { query: { ...f, limit: 100 }, schema: visitPageSchema, ...withSignal(signal) }),
  get: (id: string) => api.get(`/visits/${id}`, { schema: visitSchema }),
  plan: (body: CreateVisitRequest, idempotencyKey: string) =>
    api.post('/visits', { body, idempotencyKey, schema: visitSchema }),
  update: (id: string, body: Record<string, unknown> & { version: number }) =>
    api.patch(`/visits/${id}`, { body, schema: visitSchema }),
  checkIn: (id: string, body: CheckInBody) =>
    api.post(`/visits/${id}/check-in`, { body, schema: visitSchema }),
  report: (id: string, body: VisitReportRequest) =>
    api.post(`/visits/${id}/report`, { body, schema: visitSchema }),
  cancel: (id: string, version: number, reason: string) =>
    api.post(`/visits/${id}/cancel`, { body: { reason, version }, schema: visitSchema }),
};

export interface CheckInBody {
  latitude?: number;
  longitude?: number;
  accuracyM?: number;
  locationError?: 'denied' | 'unavailable' | 'timeout' | 'unsupported';
  version: number;
}

export const tasksApi = {
  list: (f: TaskFilters, limit: number, cursor: string | undefined, signal?: AbortSignal) =>
    api.get('/tasks', { query: { ...f, limit, cursor }, schema: taskPageSchema, ...withSignal(signal) }),
  get: (id: string) => api.get(`/tasks/${id}`, { schema: taskSchema }),
  create: (body: CreateTaskRequest, idempotencyKey: string) =>
    api.post('/tasks', { body, idempotencyKey, schema: taskSchema }),
  update: (
    id: string,
    body: { title?: string; description?: string; ownerId?: string; dueOn?: string; version: number },
  ) => api.patch(`/tasks/${id}`, { body, schema: taskSchema }),
  complete: (task: Pick<Task, 'id' | 'version'>, note = '') =>
    api.post(`/tasks/${task.id}/complete`, { body: { note, version: task.version }, schema: taskSchema }),
  reopen: (task: Pick<Task, 'id' | 'version'>) =>
    api.post(`/tasks/${task.id}/reopen`, { body: { version: task.version }, schema: taskSchema }),
  cancel: (task: Pick<Task, 'id' | 'version'>, reason: string) =>
    api.post(`/tasks/${task.id}/cancel`, { body: { reason, version: task.version }, schema: taskSchema }),
};

export const workbenchApi = {
  get: () => api.get('/workbench', { schema: workbenchSchema }),
};

export const engagementSettingsApi = {
  get: () => api.get('/engagement/settings', { schema: engagementSettingsSchema }),
  update: (version: number, patch: SettingsPatch) =>
    api.patch('/engagement/settings', { body: { ...patch, version }, schema: engagementSettingsSchema }),
  recompute: () => api.post('/engagement/recompute-runs', { body: {}, schema: recomputeRunSchema }),
};

export const preferencesApi = {
  get: () => api.get('/me/notification-preferences', { schema: notificationPreferencesSchema }),
  save: (topics: { topic: NotificationTopic; email: boolean }[]) =>
    request('PUT', '/me/notification-preferences', {
      body: { topics },
      schema: notificationPreferencesSchema,
    }),
};

export const outboxApi = {
  list: (status: string | undefined, limit: number, cursor: string | undefined) =>
    api.get('/outbox', { query: { status, limit, cursor }, schema: outboxPageSchema }),
  retry: (id: string) => api.post(`/outbox/${id}/retry`, { schema: outboxItemSchema }),
  retryFailed: () => api.post('/outbox/retry-failed', { schema: retryFailedOutboxResponseSchema }),
};

function problemOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body: unknown = JSON.parse(xhr.responseText);
    const parsed = problemSchema.safeParse(body);
    if (parsed.success) return new ApiError(xhr.status, parsed.data, problemExtensions(body));
  } catch {
    // Not JSON (a proxy's error page, or the connection dropped): the status says what we know.
  }
  if (xhr.status === 0)
    return new ApiError(0, { code: 'network_error', detail: xhr.statusText || 'network error' });
  return new ApiError(xhr.status, {
    code: xhr.status === 413 ? 'payload_too_large' : xhr.status >= 500 ? 'internal' : 'bad_request',
    detail: `${xhr.status} ${xhr.statusText}`,
  });
}

/**
 * Uploads one file to an interaction or a visit (multipart, part "file") with XMLHttpRequest for
 * its progress, as the imports do; a phone on a slow network wants to see a photo going up.
 */
export function uploadAttachment(
  parent: { kind: 'interactions' | 'visits'; id: string },
  file: File,
  csrfToken: string | null,
  onProgress: (percent: number) => void,
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/${parent.kind}/${parent.id}/attachments`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(problemOf(xhr));
      try {
        resolve(attachmentSchema.parse(JSON.parse(xhr.responseText)));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(problemOf(xhr));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

export const attachmentsApi = {
  remove: (id: string) => api.delete(`/attachments/${id}`),
};
