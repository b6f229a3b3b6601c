import type { DB } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import { jobNameSchema } from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Config } from '../../../config';
import type { JobQueue } from './job-queue';

/** pino's calling convention; a pino logger (or a child of one) fits. */
export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What a job handler receives: the same things a use case's ctx carries, minus the actor. */
export interface JobContext {
  /** The pool, not a transaction: a handler opens its own transactions, as long or short as it needs. */
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  logger: JobLogger;
  /**
   * Reports progress for the web's progress bar. Cheap to call per row: writes are coalesced and
   * happen after the call returns (never inside the handler's transaction, so calling it while a
   * transaction is open cannot block on PGlite's single connection).
   */
  progress(done: number, total: number): void;
  job: { id: string; name: string; attempt: number; maxAttempts: number };
  /** Aborted when the job runs past `expireInSeconds` or the process stops: long loops should check it. */
  signal: AbortSignal;
  /** The queue running the job, for follow-up work (e.g. notify() queueing e-mail delivery). */
  jobs: JobQueue;
}

/** A handler's return value is stored as the job's result (shown on its status page). */
export type JobResult = Record<string, unknown> | undefined;
// biome-ignore lint/suspicious/noConfusingVoidType: handlers that return nothing are declared `async () => {}`.
export type JobHandler<T> = (ctx: JobContext, data: T) => Promise<JobResult | void>;

/**
 * pg-boss queue policies: `standard` any number queued and running; `short` at most one queued per
 * singleton key; `singleton` at most one running per key; `stately` at most one queued and one running.
 */
export type JobPolicy = 'standard' | 'short' | 'singleton' | 'stately';

export interface JobOptions<T> {
  /** Retries after the first attempt (default 2, so three attempts in all). */
  retryLimit?: number;
  /** Seconds before a retry (default 0); with retryBackoff the delay doubles each time. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Longest a single attempt may run before it counts as failed (default 15 minutes, at most 23 h). */
  expireInSeconds?: number;
  policy?: JobPolicy;
  /** Jobs with the same key are deduplicated according to the policy (e.g. one regrade per customer). */
  singletonKey?: (data: T) => string;
  /** Jobs of this name one worker process runs at the same time (default 1). */
  concurrency?: number;
  /**
   * Tell the person who started a job (`send(…, { startedBy })`) when it has finished or finally
   * failed, with an in-app notification (kinds `job.completed` / `job.failed`) linking to `link`.
   * For long jobs people start and leave, e.g. regrading every customer.
   */
  notifyStarter?: { link?: (data: T) => string | null };
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
  handler: JobHandler<z.output<S>>;
  options: JobOptions<z.output<S>>;
}

/**
 * Declares a job: its queue name (dotted, e.g. `grading.regrade-all`), the zod schema its payload
 * must satisfy (checked when sending and again when running), the handler and its retry policy.
 * Modules export these from `<module>.jobs.ts` and list them in `jobs/catalog.ts`.
 */
export function defineJob<S extends z.ZodType>(
  name: string,
  schema: S,
  handler: JobHandler<z.output<S>>,
  options: JobOptions<z.output<S>> = {},
): JobDefinition<S> {
  const checked = jobNameSchema.safeParse(name);
  if (!checked.success) throw new Error(`job name "${name}": ${checked.error.issues[0]?.message}`);
  if (options.expireInSeconds !== undefined && options.expireInSeconds >= 23 * 3600) {
    throw new Error(`job ${name}: expireInSeconds must be under 23 hours (pg-boss's limit is 24)`);
  }
  return { name, schema, handler, options };
}
