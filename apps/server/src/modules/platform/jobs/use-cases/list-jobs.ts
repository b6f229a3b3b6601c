import type { JobState } from '@weixi/shared';
import type { Ctx } from '../../../../http/context';
import { pageOf, readCursor } from '../../../../http/pagination';
import { assertCan } from '../jobs.policy';
import { presentJob, presentQueue } from '../jobs.presenter';
import { listJobs as listJobRows, listQueues } from '../jobs.repository';

export interface ListJobsInput {
  limit: number;
  cursor?: string | undefined;
  name?: string | undefined;
  state?: JobState | undefined;
}

/** Recent runs, newest first, for the administrators' jobs page (failures with their errors). */
export async function listJobs(ctx: Ctx, input: ListJobsInput) {
  assertCan(ctx.actor, 'jobs.manage');
  const after = readCursor(input.cursor, 2);
  const { rows, total } = await listJobRows(
    ctx.db,
    { name: input.name, state: input.state },
    input.limit,
    after ? { createdKey: after.values[0] as string, id: after.id } : null,
  );
  return pageOf(rows, input.limit, total, presentJob, (r) => [r.created_key, r.id]);
}

/** Every queue with its schedule and counts by state (the filter list and summary of the page). */
export async function listJobQueues(ctx: Ctx) {
  assertCan(ctx.actor, 'jobs.manage');
  return { items: (await listQueues(ctx.db)).map(presentQueue) };
}
