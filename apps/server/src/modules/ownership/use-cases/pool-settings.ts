import type { DB } from '@weixi/db';
import { type PoolSettings, poolSettingsIssues, resolvePoolSettings } from '@weixi/domain';
import type { UpdatePoolSettings } from '@weixi/shared';
import type { Kysely } from 'kysely';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { readSetting, writeSetting } from '../../customers/customers.repository';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../ownership.policy';

/** Kept in the settings store the archive uses (table `setting`), under this key. */
const key = 'pool';

export async function getPoolSettings(ctx: { db: Kysely<DB> }): Promise<PoolSettings> {
  return resolvePoolSettings(await readSetting<unknown>(ctx.db, key));
}

/** Changes only the values sent (per role and per grade too); impossible combinations are 400s. */
export async function updatePoolSettings(ctx: Ctx, input: UpdatePoolSettings): Promise<PoolSettings> {
  assertCan(ctx.actor, 'manage_settings');
  const before = await getPoolSettings(ctx);
  const defined = <T extends object>(o: T | undefined) =>
    Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
  const after: PoolSettings = {
    ...before,
    ...defined({
      warnDays: input.warnDays,
      cooldownDays: input.cooldownDays,
      exemptKeyCategory: input.exemptKeyCategory,
      executiveKeyMin: input.executiveKeyMin,
      executiveKeyMax: input.executiveKeyMax,
    }),
    claimLimits: { ...before.claimLimits, ...defined(input.claimLimits) },
    recycleDays: { ...before.recycleDays, ...defined(input.recycleDays) },
  };
  const issues = poolSettingsIssues(after);
  if (issues.length > 0)
    throw new AppError('validation_failed', 'Some settings do not fit together', { errors: issues });
  await writeSetting(ctx.db, key, after, ctx.actor.id, ctx.clock.now());
  await recordAudit(ctx, {
    action: 'setting.update',
    entity: 'setting',
    entityId: key,
    before: { ...before },
    after: { ...after },
  });
  return after;
}
