import { z } from 'zod';
import { uuidSchema } from './common';
import { pageQuerySchema, pageSchema } from './pagination';

/** pg-boss's job states: created (queued) → active → completed | failed (retry in between), or cancelled. */
export const jobStates = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export const jobStateSchema = z.enum(jobStates);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobNameSchema = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, 'dotted lower-case words, e.g. grading.regrade-all');

/** One run of a background job, as its starter and administrators see it (progress bar, result). */
export const jobRunSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  state: jobStateSchema,
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
  /** Attempts started so far (1 on the first run); retries add one each. */
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  startedBy: z.object({ id: uuidSchema, name: z.string() }).nullable(),
  createdAt: z.string(),
  startAfter: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The last failure's message (failed, or retry pending). */
  error: z.string().nullable(),
  /** What the job returned (completed jobs), e.g. counts for a report. */
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type JobRun = z.infer<typeof jobRunSchema>;

export const listJobsQuerySchema = pageQuerySchema.extend({
  name: jobNameSchema.optional(),
  state: jobStateSchema.optional(),
});
export const jobRunPageSchema = pageSchema(jobRunSchema);

export const jobQueueSchema = z.object({
  name: z.string(),
  /** Cron expression and time zone when the job also runs on a schedule. */
  schedule: z.object({ cron: z.string(), tz: z.string() }).nullable(),
  counts: z.object({
    queued: z.number().int(),
    active: z.number().int(),
    failed: z.number().int(),
    completed: z.number().int(),
  }),
});
export type JobQueueInfo = z.infer<typeof jobQueueSchema>;
export const jobQueueListSchema = z.object({ items: z.array(jobQueueSchema) });
