import type { DB } from '@weixi/db';
import { type EngagementSettings, resolveEngagementSettings } from '@weixi/domain';
import type { Kysely } from 'kysely';
import { readSettingRow } from '../../customers/customers.repository';

/** Kept in the settings store (table `setting`) under this key; the follow-up trigger reads it too. */
export const engagementSettingsKey = 'engagement.settings';

/**
 * The engagement settings in force: stored values over the defaults. `version` is 1 and
 * `updatedAt` null until an administrator first saves them.
 */
export async function readEngagementSettings(ctx: {
  db: Kysely<DB>;
}): Promise<EngagementSettings & { version: number; updatedAt: string | null }> {
  const row = await readSettingRow(ctx.db, engagementSettingsKey);
  return {
    ...resolveEngagementSettings(row?.value),
    version: row?.version ?? 1,
    updatedAt: row ? new Date(row.updated_at).toISOString() : null,
  };
}
