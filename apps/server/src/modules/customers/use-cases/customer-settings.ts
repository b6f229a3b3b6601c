import type { DB } from '@weixi/db';
import {
  type CustomerSettings,
  customerLimits,
  importLimits,
  type UpdateCustomerSettingsRequest,
} from '@weixi/shared';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../../http/context';
import { recordAudit } from '../../platform/use-cases/record-audit';
import { assertCan } from '../customers.policy';
import { readSetting, writeSetting } from '../customers.repository';

export type { CustomerSettings };

// Two setting rows, as the server has always read them: `customers` (verification) and
// `customerImport` (the upload limit, read on every upload). The page shows them together.
const archiveKey = 'customers';
const importKey = 'customerImport';

type Stored = Record<string, unknown>;

/** The upload limit in MB: the `customerImport` setting's maxFileMb, 50 unless changed. */
export async function importMaxFileMb(db: Kysely<DB>): Promise<number> {
  const stored = await readSetting<{ maxFileMb?: unknown }>(db, importKey);
  const mb = stored?.maxFileMb;
  return typeof mb === 'number' && Number.isFinite(mb) && mb > 0 ? mb : importLimits.maxFileMbDefault;
}

export async function getCustomerSettings(ctx: Pick<Ctx, 'db'>): Promise<CustomerSettings> {
  const stored = await readSetting<{ verifyAfterDays?: number }>(ctx.db, archiveKey);
  return {
    verifyAfterDays: stored?.verifyAfterDays ?? customerLimits.verifyAfterDaysDefault,
    importMaxFileMb: await importMaxFileMb(ctx.db),
  };
}

/** Changes the settings sent (bounds checked by the request schema); one audit entry per setting row. */
export async function updateCustomerSettings(
  ctx: Ctx,
  input: UpdateCustomerSettingsRequest,
): Promise<CustomerSettings> {
  assertCan(ctx.actor, 'manage_settings');
  const now = ctx.clock.now();
  const write = async (key: string, patch: Stored) => {
    const before = (await readSetting<Stored>(ctx.db, key)) ?? {};
    // Other members of the row (none today) are kept as they were.
    const after = { ...before, ...patch };
    await writeSetting(ctx.db, key, after, ctx.actor.id, now);
    await recordAudit(ctx, { action: 'setting.update', entity: 'setting', entityId: key, before, after });
  };
  if (input.verifyAfterDays !== undefined)
    await write(archiveKey, { verifyAfterDays: input.verifyAfterDays });
  if (input.importMaxFileMb !== undefined) await write(importKey, { maxFileMb: input.importMaxFileMb });
  return getCustomerSettings(ctx);
}
