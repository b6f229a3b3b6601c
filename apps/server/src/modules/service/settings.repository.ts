import type { DB } from '@weixi/db';
import type { ServiceSettings } from '@weixi/domain';
import { type Kysely, sql } from 'kysely';

// The only file that writes the service settings (reading them: use-cases/read-service-settings.ts).

type Db = Kysely<DB>;

/**
 * Saves the settings if they are still at `version`: the stored row's version, or 1 while none is
 * stored (the first save then writes version 2, so a second editor who also saw 1 is refused).
 * Returns false when someone saved in between.
 */
export async function writeServiceSettings(
  db: Db,
  key: string,
  value: ServiceSettings,
  version: number,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const json = JSON.stringify(value);
  const updated = await db
    .updateTable('setting')
    .set({ value: json, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  if (version !== 1) return false;
  const inserted = await db
    .insertInto('setting')
    .values({ key, value: json, version: 2, updated_at: now, updated_by: actorId })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Whether `id` names a survey that can be sent now (status active). */
export async function activeSurveyExists(db: Db, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('survey')
    .select('id')
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}
