import type { DB } from '@weixi/db';
import { resolveServiceSettings, type ServiceSettings } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { readSettingRow } from '../../customers/customers.repository';

/** Kept in the settings store (table `setting`) under this key. */
export const serviceSettingsKey = 'service.settings';

export type StoredServiceSettings = ServiceSettings & { version: number; updatedAt: string | null };

/**
 * The service settings in force: stored values over the defaults. `version` is 1 and `updatedAt`
 * null until an administrator first saves them. Ticket writes, the SLA job and surveys read them.
 */
export async function readServiceSettings(ctx: { db: Kysely<DB> }): Promise<StoredServiceSettings> {
  const row = await readSettingRow(ctx.db, serviceSettingsKey);
  return {
    ...resolveServiceSettings(row?.value),
    version: row?.version ?? 1,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}
