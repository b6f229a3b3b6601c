import {
  type JobQueueInfo,
  type JobRun,
  type JobState,
  jobQueueListSchema,
  jobRunPageSchema,
  jobRunSchema,
} from '@weixi/shared';
import { api } from './client';

export type { JobQueueInfo, JobRun, JobState };

export interface JobFilters {
  name?: string;
  state?: JobState;
}

export const jobKeys = {
  all: ['jobs'] as const,
  queues: ['jobs', 'queues'] as const,
  list: (filters: JobFilters, limit: number, cursor: string | undefined) =>
    ['jobs', 'list', filters, limit, cursor ?? null] as const,
  one: (id: string) => ['jobs', 'one', id] as const,
};

export const jobsApi = {
  list: (filters: JobFilters, limit: number, cursor: string | undefined) =>
    api.get('/jobs', { query: { ...filters, limit, cursor }, schema: jobRunPageSchema }),
  queues: () => api.get('/jobs/queues', { schema: jobQueueListSchema }),
  /** A long job's status and progress; pages that start one poll this until it finishes. */
  get: (id: string) => api.get(`/jobs/${id}`, { schema: jobRunSchema }),
  retry: (id: string) => api.post(`/jobs/${id}/retry`, { schema: jobRunSchema }),
};
