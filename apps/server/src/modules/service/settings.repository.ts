import type { DB } from '@weixi/db';
import type { Kysely } from 'kysely';

// The service settings' own reads beyond the settings store (written with writeSettingAtVersion).

type Db = Kysely<DB>;

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
