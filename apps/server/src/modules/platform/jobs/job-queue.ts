import { type DB, newId } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Config } from '../../../config';
import { notify } from '../notify';
import { bossDb } from './boss-db';
import {
  defineJob,
  type JobContext,
  type JobDefinition,
  type JobHandler,
  type JobLogger,
  type JobOptions,
  type JobResult,
} from './define-job';
import { createQueue, insertJobRun, jobStarter, queueExists } from './jobs.repository';
import { ProgressWriter } from './progress';

export interface JobSchedule {
  job: JobDefinition;
  /** Five-field cron (minute granularity), read in the business time zone unless `tz` says otherwise. */
  cron: string;
  data?: Record<string, unknown>;
  tz?: string;
}

export interface JobQueueOptions {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  logger: JobLogger;
  /**
   * Worker processes (`--role worker|all`) run handlers, schedules and pg-boss's maintenance;
   * the others (`--role api`, most tests) only send.
   */
  work: boolean;
  definitions?: readonly JobDefinition[];
  schedules?: readonly JobSchedule[];
  /**
   * Create each queue when its first job is sent instead of at start (tests: a queue costs a table
   * and five indexes). Servers create them all at start, so no request transaction ever runs DDL.
   */
  lazyQueues?: boolean;
  /** How often an idle worker looks for new jobs (default 2 s). */
  pollingIntervalSeconds?: number;
  /** How often schedules are evaluated (default 30 s; pg-boss's cron has minute granularity). */
  cronMonitorIntervalSeconds?: number;
  /** How often a due schedule's job is taken from pg-boss's relay queue (default 5 s). */
  cronWorkerIntervalSeconds?: number;
}

export interface SendOptions {
  /**
   * A transaction: the job is queued only if it commits. Default: the pool. Inside a use case
   * always pass `ctx.db`: on PGlite the request's transaction holds the pool's only connection,
   * so a send on the pool would wait for it forever.
   */
  db?: Kysely<DB>;
  /** Run no earlier than this time, or this many seconds from now. */
  startAfter?: Date | number;
  /** Deduplicates by the job's policy; overrides the definition's `singletonKey`. */
  singletonKey?: string;
  /** At most one job per key in each window of this many seconds (throttling). */
  singletonSeconds?: number;
  /** The user who asked for it: they may then follow it at GET /api/v1/jobs/:id. */
  startedBy?: string | null;
}

export interface JobOutcome {
  id: string;
  name: string;
  state: 'completed' | 'retry' | 'failed';
  result?: JobResult;
  error?: string;
}

type BossJob = PgBoss.JobWithMetadata<unknown>;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The platform's job queue: a typed facade over pg-boss 10 (Postgres-backed, on PGlite and
 * PostgreSQL alike). Modules define jobs with `defineJob` and send them here; none imports pg-boss.
 * Jobs live in the database, so they survive restarts, and pg-boss's `FOR UPDATE SKIP LOCKED`
 * fetch makes each run once however many worker processes share the database.
 */
export class JobQueue {
  /** Sends, fetches and keeps schedules; never polls or supervises, so it is ready in two queries. */
  private readonly boss: PgBoss;
  /** Worker processes only: polls the queues, runs pg-boss's maintenance and fires schedules. */
  private readonly workerBoss: PgBoss | null;
  /** Queues known to exist (created or found at start), so starting a worker asks no one again. */
  private readonly knownQueues = new Set<string>();
  private readonly definitions = new Map<string, JobDefinition>();
  private readonly schedules: JobSchedule[];
  private readonly running = new Set<Promise<unknown>>();
  private readonly controllers = new Set<AbortController>();
  private readonly workerIds = new Map<string, string[]>();
  private startPromise: Promise<void> | null = null;
  private workPromise: Promise<void> | null = null;
  private working = false;
  private stopping = false;

  constructor(private readonly options: JobQueueOptions) {
    for (const def of options.definitions ?? []) this.register(def);
    this.schedules = [...(options.schedules ?? [])];
    const bossOptions = {
      db: bossDb(options.db),
      migrate: true,
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
      cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds ?? 30,
      cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds ?? 5,
      // Finished jobs stay readable (status page, admin list) for 30 days, like job_run rows.
      deleteAfterDays: 30,
    };
    // Two pg-boss instances over one database: sending needs only pg-boss's schema, while working
    // starts maintenance, cron and a poller per queue — dozens of first-time queries that a server
    // runs after it listens (startWorking) instead of before.
    this.boss = new PgBoss({ ...bossOptions, supervise: false, schedule: false });
    this.workerBoss = options.work ? new PgBoss({ ...bossOptions, supervise: true, schedule: true }) : null;
    // pg-boss reports background failures (a poll that could not reach the database) as events;
    // an EventEmitter without an 'error' listener would crash the process instead.
    for (const boss of [this.boss, this.workerBoss]) {
      boss?.on('error', (err: Error) => options.logger.error({ err }, 'job queue error'));
    }
  }

  /** Registers a job defined elsewhere; in a started worker its worker starts too. */
  register<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
    const existing = this.definitions.get(def.name);
    if (existing && existing !== def) throw new Error(`job ${def.name} is defined twice`);
    this.definitions.set(def.name, def as unknown as JobDefinition);
    if (this.working && !existing) {
      this.startDefinition(def as unknown as JobDefinition).catch((err: unknown) =>
        this.options.logger.error({ err, job: def.name }, 'could not start the worker of a job'),
      );
    }
    return def;
  }

  /** Defines and registers a job in one step (tests, small modules). */
  define<S extends z.ZodType>(
    name: string,
    schema: S,
    handler: JobHandler<z.output<S>>,
    options: JobOptions<z.output<S>> = {},
  ): JobDefinition<S> {
    return this.register(defineJob(name, schema, handler, options));
  }

  get isWorker(): boolean {
    return this.options.work;
  }

  /** prepare(), then, in a worker, startWorking(): everything, in order. */
  async start(): Promise<void> {
    await this.prepare();
    await this.startWorking();
  }

  /**
   * Installs or upgrades pg-boss's schema and creates the queues of every known job; after it, jobs
   * can be sent. Call it once at start, before serving requests: it uses the pool, so it must not
   * run while a request holds PGlite's only connection (a send waits for it).
   */
  prepare(): Promise<void> {
    this.startPromise ??= (async () => {
      await this.boss.start();
      if (!this.options.lazyQueues) {
        for (const q of await this.boss.getQueues()) this.knownQueues.add(q.name);
        for (const def of this.definitions.values()) await this.ensureQueue(def);
      }
    })();
    return this.startPromise;
  }

  /**
   * In a worker process: starts pg-boss's maintenance and cron, writes this release's schedules and
   * starts a poller per job. Nothing a request does waits for it, so a server calls it once it
   * listens; the pool's queries interleave with the first requests'. Elsewhere it does nothing.
   */
  startWorking(): Promise<void> {
    this.workPromise ??= (async () => {
      await this.prepare();
      if (!this.workerBoss || this.stopping) return;
      await this.workerBoss.start();
      this.working = true;
      await this.syncSchedules();
      for (const def of this.definitions.values()) await this.startDefinition(def);
    })();
    return this.workPromise;
  }

  private async ensureQueue(def: JobDefinition): Promise<void> {
    if (this.knownQueues.has(def.name)) return;
    if (!(await queueExists(this.options.db, def.name))) {
      await createQueue(this.options.db, def.name, def.options.policy ?? 'standard');
    }
    this.knownQueues.add(def.name);
  }

  private async startDefinition(def: JobDefinition): Promise<void> {
    const boss = this.workerBoss;
    if (!boss || this.stopping || this.workerIds.has(def.name)) return;
    const ids: string[] = [];
    this.workerIds.set(def.name, ids);
    await this.ensureQueue(def);
    for (let i = 0; i < Math.max(1, def.options.concurrency ?? 1); i++) {
      ids.push(
        await boss.work<unknown>(
          def.name,
          {
            batchSize: 1,
            includeMetadata: true,
            pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2,
          },
          // pg-boss completes the job with what this returns, or fails it (and maybe retries) if it throws.
          async ([job]) => (job ? this.track(this.execute(def, job)) : undefined),
        ),
      );
    }
  }

  /**
   * Upserts this release's schedules into pg-boss's schedule table (shared by all processes, so a
   * schedule fires once however many workers run) and drops schedules of jobs no longer scheduled.
   */
  private async syncSchedules(): Promise<void> {
    const wanted = new Set(this.schedules.map((s) => s.job.name));
    for (const s of await this.boss.getSchedules()) {
      if (!wanted.has(s.name)) await this.boss.unschedule(s.name);
    }
    for (const s of this.schedules) await this.upsertSchedule(s.job, s.cron, s.data ?? {}, s.tz);
  }

  /**
   * Runs `job` on a cron schedule (minute granularity) in the business time zone
   * (config.TZ_BUSINESS) unless `tz` is given. Kept in the database: one run per due minute across
   * all worker processes, and it stays until unscheduled.
   */
  async schedule<S extends z.ZodType>(
    job: JobDefinition<S> | string,
    cron: string,
    data: z.input<S> | Record<string, unknown> = {},
    { tz }: { tz?: string } = {},
  ): Promise<void> {
    const def = this.resolve(job);
    await this.requireStarted();
    await this.upsertSchedule(def, cron, data, tz);
  }

  private async upsertSchedule(def: JobDefinition, cron: string, data: unknown, tz: string | undefined) {
    const parsed = def.schema.parse(data);
    await this.ensureQueue(def);
    await this.boss.schedule(def.name, cron, parsed as object, {
      ...this.retryOptions(def),
      tz: tz ?? this.options.config.TZ_BUSINESS,
    });
  }

  async unschedule(job: JobDefinition | string): Promise<void> {
    await this.requireStarted();
    await this.boss.unschedule(typeof job === 'string' ? job : job.name);
  }

  /**
   * Queues a job; returns its id, or null when a singleton key or throttle window suppressed it.
   * With `db` set to a transaction, the job (and its job_run row) commit or roll back with it.
   */
  async send<S extends z.ZodType>(
    job: JobDefinition<S> | string,
    data: z.input<S>,
    options: SendOptions = {},
  ): Promise<string | null> {
    const def = this.resolve(job);
    // A payload the handler would reject is refused now, where the caller can still see it.
    const parsed = def.schema.parse(data) as object;
    await this.requireStarted();
    const queueIn = async (db: Kysely<DB>) => {
      const id = await this.insert(db, def, parsed, options);
      if (id && options.startedBy) {
        await insertJobRun(db, {
          id,
          name: def.name,
          startedBy: options.startedBy,
          at: this.options.clock.now(),
        });
      }
      return id;
    };
    if (options.db) return queueIn(options.db);
    const id = await this.options.db.transaction().execute(queueIn);
    // A worker in this process need not wait for its next poll.
    if (id) for (const w of this.workerIds.get(def.name) ?? []) this.boss.notifyWorker(w);
    return id;
  }

  private async insert(
    db: Kysely<DB>,
    def: JobDefinition,
    data: object,
    options: SendOptions,
  ): Promise<string | null> {
    const singletonKey = options.singletonKey ?? def.options.singletonKey?.(data);
    const sendOptions: PgBoss.SendOptions = {
      ...this.retryOptions(def),
      id: newId(),
      db: bossDb(db),
      ...(singletonKey !== undefined ? { singletonKey } : {}),
      ...(options.singletonSeconds !== undefined ? { singletonSeconds: options.singletonSeconds } : {}),
      ...(options.startAfter !== undefined ? { startAfter: options.startAfter } : {}),
    };
    const id = await this.boss.send(def.name, data, sendOptions);
    if (id) return id;
    // pg-boss inserts nothing, silently, for a queue that does not exist (a job defined after the
    // process started, or a fresh test database): create it and send again. Through the same
    // db, so inside a transaction nothing touches the pool.
    if (await queueExists(db, def.name)) return null;
    await createQueue(db, def.name, def.options.policy ?? 'standard');
    return this.boss.send(def.name, data, { ...sendOptions, id: newId() });
  }

  private retryOptions(def: JobDefinition): PgBoss.SendOptions {
    const o = def.options;
    return {
      ...(o.retryLimit !== undefined ? { retryLimit: o.retryLimit } : {}),
      ...(o.retryDelay !== undefined ? { retryDelay: o.retryDelay } : {}),
      ...(o.retryBackoff !== undefined ? { retryBackoff: o.retryBackoff } : {}),
      ...(o.expireInSeconds !== undefined ? { expireInSeconds: o.expireInSeconds } : {}),
    };
  }

  /**
   * Puts a failed job back in the queue (one more attempt). A failed job that was already archived
   * is sent again as a new job with the same payload; returns the id that will run, or null when
   * the job is not failed.
   */
  async retry(name: string, id: string, options: { db?: Kysely<DB>; archived: boolean; data?: unknown }) {
    await this.requireStarted();
    const db = options.db ?? this.options.db;
    if (!options.archived) {
      const { affected } = (await this.boss.retry(name, id, { db: bossDb(db) })) as unknown as {
        affected: number;
      };
      return affected > 0 ? id : null;
    }
    // The payload must still be one today's handler accepts; otherwise the job cannot run again.
    const def = this.definitions.get(name);
    if (!def) return null;
    if (!def.schema.safeParse(options.data ?? {}).success) return null;
    return this.send(def, options.data ?? {}, { db });
  }

  /**
   * Runs every queued job now, in this process, until none is left (tests and one-off scripts;
   * the harness's `h.runJobs()`): the same fetch, handler, completion and retry rules as a worker.
   * Retries wait for their delay unless `includeDelayed`, which also runs jobs due later.
   */
  async runQueued({ includeDelayed = false, maxJobs = 500 } = {}): Promise<JobOutcome[]> {
    await this.requireStarted();
    const outcomes: JobOutcome[] = [];
    let progressed = true;
    while (progressed && outcomes.length < maxJobs) {
      progressed = false;
      for (const def of this.definitions.values()) {
        const [job] = await this.boss.fetch<unknown>(def.name, {
          batchSize: 1,
          includeMetadata: true,
          ignoreStartAfter: includeDelayed,
        });
        if (!job) continue;
        progressed = true;
        try {
          const result = await this.track(this.execute(def, job));
          await this.boss.complete(def.name, job.id, result ?? {});
          outcomes.push({ id: job.id, name: def.name, state: 'completed', result });
        } catch (err) {
          await this.boss.fail(def.name, job.id, err instanceof Error ? err : new Error(message(err)));
          const state = job.retryCount < job.retryLimit ? 'retry' : 'failed';
          outcomes.push({ id: job.id, name: def.name, state, error: message(err) });
        }
      }
    }
    return outcomes;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    const done = () => this.running.delete(p);
    p.then(done, done);
    return p;
  }

  /** One attempt of one job: validate, run with a deadline and a progress reporter, flush progress. */
  private async execute(def: JobDefinition, job: BossJob): Promise<JobResult> {
    if (this.stopping) throw new Error('the worker is stopping; the job will be retried');
    const logger = this.options.logger;
    const controller = new AbortController();
    this.controllers.add(controller);
    const progress = new ProgressWriter(
      this.options.db,
      this.options.clock,
      { id: job.id, name: def.name },
      (err) => logger.warn({ err, job: def.name, jobId: job.id }, 'could not save job progress'),
    );
    const expireMs = Math.max(1, Number(job.expireInSeconds) || 900) * 1000;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort(new Error(`timed out after ${expireMs / 1000} s`));
        reject(new Error(`job ${def.name} ran longer than ${expireMs / 1000} s`));
      }, expireMs);
      timer.unref();
    });
    const started = performance.now();
    try {
      const data = def.schema.parse(job.data);
      const ctx: JobContext = {
        db: this.options.db,
        clock: this.options.clock,
        config: this.options.config,
        logger,
        progress: (done, total) => progress.report(done, total),
        job: { id: job.id, name: def.name, attempt: job.retryCount + 1, maxAttempts: job.retryLimit + 1 },
        signal: controller.signal,
        jobs: this,
      };
      const result = await Promise.race([def.handler(ctx, data), deadline]);
      await progress.flush();
      logger.info({ job: def.name, jobId: job.id, ms: Math.round(performance.now() - started) }, 'job done');
      await this.notifyStarter(def, job, 'completed', null);
      return result ?? undefined;
    } catch (err) {
      await progress.flush();
      const final = job.retryCount >= job.retryLimit;
      if (final) await this.notifyStarter(def, job, 'failed', message(err));
      (final ? logger.error : logger.warn).call(
        logger,
        { err, job: def.name, jobId: job.id, attempt: job.retryCount + 1, of: job.retryLimit + 1 },
        final ? 'job failed' : 'job attempt failed; will retry',
      );
      throw err;
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  /**
   * The starter's notice that their job ended. Keyed by job and outcome, so a job that pg-boss
   * runs again (its completion was lost) does not say it twice; never fails the job itself.
   */
  private async notifyStarter(
    def: JobDefinition,
    job: BossJob,
    outcome: 'completed' | 'failed',
    error: string | null,
  ) {
    if (!def.options.notifyStarter) return;
    try {
      const starter = await jobStarter(this.options.db, job.id);
      if (!starter) return;
      const parsed = def.schema.safeParse(job.data);
      const link = parsed.success ? (def.options.notifyStarter.link?.(parsed.data) ?? null) : null;
      await notify(
        { db: this.options.db, clock: this.options.clock, config: this.options.config, jobs: this },
        {
          userIds: [starter],
          kind: `job.${outcome}`,
          params: error === null ? { job: def.name } : { job: def.name, error: error.slice(0, 300) },
          link,
          entity: 'job',
          entityId: job.id,
          dedupeKey: `job.${outcome}:${job.id}`,
        },
      );
    } catch (err) {
      this.options.logger.warn({ err, job: def.name, jobId: job.id }, 'could not notify the job starter');
    }
  }

  /** A definition object may be sent without being registered: registering is for running it. */
  private resolve(job: JobDefinition | string): JobDefinition {
    const def = typeof job === 'string' ? this.definitions.get(job) : job;
    if (!def) throw new Error(`unknown job ${String(job)}: list its definition in jobs/catalog.ts`);
    return def;
  }

  private async requireStarted(): Promise<void> {
    if (!this.startPromise) throw new Error('the job queue is not started: call jobs.start() first');
    await this.startPromise;
  }

  /**
   * Stops fetching, waits up to `timeoutMs` for running handlers, then aborts the rest: pg-boss
   * marks those failed with "shut down while active", which retries them (in any process) if they
   * have attempts left. The database stays open; closing it is the caller's job.
   */
  async stop({ timeoutMs = 10_000 } = {}): Promise<void> {
    if (!this.startPromise || this.stopping) return;
    this.stopping = true;
    await this.startPromise.catch(() => undefined);
    await this.workPromise?.catch(() => undefined);
    const abort = setTimeout(() => {
      for (const c of this.controllers) c.abort(new Error('the server is stopping'));
    }, timeoutMs);
    abort.unref();
    try {
      await this.workerBoss?.stop({ graceful: true, timeout: timeoutMs, close: false });
      await this.boss.stop({ graceful: true, timeout: timeoutMs, close: false });
      await Promise.race([
        Promise.allSettled([...this.running]),
        new Promise((resolve) => setTimeout(resolve, 1_000).unref()),
      ]);
    } finally {
      clearTimeout(abort);
    }
  }
}
