import type { DB } from '@weixi/db';
import type { ServiceStandard, UpdateServiceStandardsRequest } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { fieldError } from '../../../http/app-error';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { recomputeFollowUpsJob } from '../../engagement/engagement.jobs';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../grading.policy';
import { presentStandard } from '../grading.presenter';
import { listStandards, updateStandard } from '../grading.repository';

/**
 * The service standard of every grade. Later modules read it with a db handle alone (follow-up
 * cadence, pool recycling, ticket priority, hospitality caps): `serviceStandards({ db })`.
 */
export async function serviceStandards(ctx: { db: Kysely<DB> }): Promise<ServiceStandard[]> {
  return (await listStandards(ctx.db)).map(presentStandard);
}

/**
 * Administrators change one or more grades' standards; each item carries the version it saw. A
 * change of follow-up days queues the recompute of every customer's due date in the same
 * transaction (the trigger keeps due dates right for customers written later, not for the rest).
 */
export async function updateServiceStandards(
  ctx: Ctx,
  input: UpdateServiceStandardsRequest,
  jobs: JobQueue,
): Promise<ServiceStandard[]> {
  assertCan(ctx.actor, 'manage_standards');
  const seen = new Map<string, number>();
  input.items.forEach((item, i) => {
    if (seen.has(item.grade)) {
      throw fieldError(
        `items.${i}.grade`,
        'duplicate',
        `grade ${item.grade} is already item ${seen.get(item.grade)}`,
      );
    }
    seen.set(item.grade, i);
  });
  const before = await listStandards(ctx.db, { forUpdate: true });
  const now = ctx.clock.now();
  for (const item of input.items) {
    const ok = await updateStandard(
      ctx.db,
      item.grade,
      item.version,
      {
        follow_up_days: item.followUpDays,
        service_model: item.serviceModel,
        hospitality_tier: item.hospitalityTier,
        queue_priority: item.queuePriority,
      },
      ctx.actor.id,
      now,
    );
    if (!ok) {
      const current = before.find((s) => s.grade === item.grade);
      throw staleVersion(`Service standard of grade ${item.grade}`, current?.version ?? item.version);
    }
  }
  const after = (await listStandards(ctx.db)).map(presentStandard);
  const pick = (s: ServiceStandard) => ({
    followUpDays: s.followUpDays,
    serviceModel: s.serviceModel,
    hospitalityTier: s.hospitalityTier,
    queuePriority: s.queuePriority,
  });
  const touched = new Set<string>(input.items.map((i) => i.grade));
  const cadenceChanged = before.some(
    (s) => touched.has(s.grade) && after.find((a) => a.grade === s.grade)?.followUpDays !== s.follow_up_days,
  );
  // One already waiting to start reads the standards when it starts, so it covers this change too.
  if (cadenceChanged) await jobs.send(recomputeFollowUpsJob, {}, { db: ctx.db, startedBy: ctx.actor.id });
  await recordAudit(ctx, {
    action: 'grading.service_standards.update',
    entity: 'grade_service_standard',
    entityId: null,
    before: Object.fromEntries(
      before.filter((s) => touched.has(s.grade)).map((s) => [s.grade, pick(presentStandard(s))]),
    ),
    after: Object.fromEntries(after.filter((s) => touched.has(s.grade)).map((s) => [s.grade, pick(s)])),
  });
  return after;
}
