import type { JobQueueInfo, JobRun } from '@weixi/shared';
import type { JobRow, QueueRow } from './jobs.repository';

const errorMaxLength = 1000;

/**
 * pg-boss stores a failure as the serialised error ({name, message, stack}) or, for a job expired by
 * its maintenance, as {value: {message}}. Only the message leaves the server: stacks and SQL
 * details are for the log.
 */
function errorOf(row: JobRow): string | null {
  if (row.state !== 'failed' && row.state !== 'retry') return null;
  const output = row.output;
  if (!output) return null;
  const value = output.value;
  const text =
    typeof output.message === 'string'
      ? output.message
      : value && typeof value === 'object' && 'message' in value && typeof value.message === 'string'
        ? value.message
        : null;
  return text === null ? null : text.slice(0, errorMaxLength);
}

function resultOf(row: JobRow): Record<string, unknown> | null {
  if (row.state !== 'completed' || !row.output || Object.keys(row.output).length === 0) return null;
  return row.output;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentJob(row: JobRow): JobRun {
  const started = row.started_on !== null;
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    progress:
      row.progress_total !== null && row.progress_done !== null
        ? { done: row.progress_done, total: row.progress_total }
        : null,
    attempts: started ? row.retry_count + 1 : 0,
    maxAttempts: row.retry_limit + 1,
    startedBy: row.started_by ? { id: row.started_by, name: row.started_by_name ?? '' } : null,
    createdAt: new Date(row.created_on).toISOString(),
    startAfter: new Date(row.start_after).toISOString(),
    startedAt: iso(row.started_on),
    finishedAt:
      row.state === 'completed' || row.state === 'failed' || row.state === 'cancelled'
        ? iso(row.completed_on)
        : null,
    error: errorOf(row),
    result: resultOf(row),
  };
}

export function presentQueue(row: QueueRow): JobQueueInfo {
  return {
    name: row.name,
    schedule: row.cron ? { cron: row.cron, tz: row.timezone ?? 'UTC' } : null,
    counts: { queued: row.queued, active: row.active, failed: row.failed, completed: row.completed },
  };
}
