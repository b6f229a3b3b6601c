import type { DB } from '@weixi/db';
import type { Clock } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { saveProgress } from './jobs.repository';

/** A progress bar needs a few updates a second at most; a job may report per row. */
const minIntervalMs = 500;

/**
 * Coalesces a job's progress reports into at most one write per interval, written in the
 * background on the pool. `report` never waits for the database: a handler may call it while it
 * holds a transaction, which on PGlite owns the only connection.
 */
export class ProgressWriter {
  private latest: { done: number; total: number } | null = null;
  private written: { done: number; total: number } | null = null;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly job: { id: string; name: string },
    private readonly onError: (err: unknown) => void,
  ) {}

  report(done: number, total: number): void {
    if (!Number.isFinite(done) || !Number.isFinite(total)) return;
    const safeTotal = Math.max(0, Math.round(total));
    this.latest = { done: Math.min(Math.max(0, Math.round(done)), safeTotal), total: safeTotal };
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + minIntervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, wait);
    this.timer.unref();
  }

  private write(): void {
    const value = this.latest;
    if (!value || (this.written?.done === value.done && this.written.total === value.total)) return;
    this.written = value;
    this.lastWriteAt = performance.now();
    this.writing = this.writing
      .then(() => saveProgress(this.db, { ...this.job, ...value, at: this.clock.now() }))
      .catch(this.onError);
  }

  /** Writes the last reported value now (the job is ending) and waits for it. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.write();
    await this.writing;
  }
}
