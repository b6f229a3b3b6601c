import type { EngagementSettings as Settings } from '@weixi/domain';
import type { EngagementSettings } from '@weixi/shared';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { writeSettingAtVersion } from '../../customers/customers.repository';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { recomputeFollowUpsJob } from '../engagement.jobs';
import { assertCan } from '../engagement.policy';
import { engagementSettingsKey, readEngagementSettings } from './read-engagement-settings';

export type UpdateEngagementSettingsInput = Partial<Settings> & { version: number };

const keys = [
  'keyContactDays',
  'countInbound',
  'reminderLeadDays',
  'futureToleranceMinutes',
  'checkInFarMeters',
] as const satisfies readonly (keyof Settings)[];

/** These move due dates: every active customer's is recomputed when one changes. */
const cadenceKeys: readonly (keyof Settings)[] = ['keyContactDays', 'countInbound'];

/**
 * Administrators change the values sent (each checked by the request schema); the version they
 * saw must still be current (409 otherwise, nothing written). A change to the key-contact days or
 * to whether inbound contacts count queues the recompute of every due date in the same
 * transaction, so the job exists exactly when the change does.
 */
export async function updateEngagementSettings(
  ctx: Ctx,
  input: UpdateEngagementSettingsInput,
  jobs: JobQueue,
): Promise<EngagementSettings> {
  assertCan(ctx.actor, 'manage_settings');
  const { version: current, updatedAt, ...before } = await readEngagementSettings(ctx);
  if (input.version !== current) throw staleVersion('The engagement settings', current);
  const after: Settings = {
    keyContactDays: input.keyContactDays ?? before.keyContactDays,
    countInbound: input.countInbound ?? before.countInbound,
    reminderLeadDays: input.reminderLeadDays ?? before.reminderLeadDays,
    futureToleranceMinutes: input.futureToleranceMinutes ?? before.futureToleranceMinutes,
    checkInFarMeters: input.checkInFarMeters ?? before.checkInFarMeters,
  };
  const changed = keys.filter((k) => after[k] !== before[k]);
  if (changed.length === 0) return { ...before, version: current, updatedAt, recomputeJobId: null };

  const now = ctx.clock.now();
  if (!(await writeSettingAtVersion(ctx.db, engagementSettingsKey, after, current, ctx.actor.id, now)))
    throw staleVersion('The engagement settings', current + 1);
  let recomputeJobId: string | null = null;
  if (changed.some((k) => cadenceKeys.includes(k))) {
    // A recompute already waiting to start reads the settings when it starts, so it covers this too.
    recomputeJobId = await jobs.send(recomputeFollowUpsJob, {}, { db: ctx.db, startedBy: ctx.actor.id });
  }
  await recordAudit(ctx, {
    action: 'setting.update',
    entity: 'setting',
    entityId: engagementSettingsKey,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  });
  const saved = await readEngagementSettings(ctx);
  return { ...saved, recomputeJobId };
}
