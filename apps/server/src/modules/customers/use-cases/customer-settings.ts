import { customerLimits } from '@weixi/shared';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../customers.policy';
import { readSetting, writeSetting } from '../customers.repository';

const key = 'customers';

export interface CustomerSettings {
  /** Records not verified in this many days are listed for review (default 180). */
  verifyAfterDays: number;
}

export async function getCustomerSettings(ctx: Pick<Ctx, 'db'>): Promise<CustomerSettings> {
  const stored = await readSetting<Partial<CustomerSettings>>(ctx.db, key);
  return { verifyAfterDays: stored?.verifyAfterDays ?? customerLimits.verifyAfterDaysDefault };
}

export async function updateCustomerSettings(
  ctx: Ctx,
  input: Partial<CustomerSettings>,
): Promise<CustomerSettings> {
  assertCan(ctx.actor, 'manage_settings');
  const before = await getCustomerSettings(ctx);
  const after = { ...before, ...input };
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
