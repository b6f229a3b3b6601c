import type { DB } from '@weixi/db';
import type { Kysely } from 'kysely';

// The only file that touches notification_preference (notify reads it in outbox.repository.ts).

type Db = Kysely<DB>;

/** The topics where this person changed the default. */
export async function choicesOf(db: Db, userId: string): Promise<{ topic: string; email: boolean }[]> {
  return db
    .selectFrom('notification_preference')
    .select(['topic', 'email'])
    .where('user_id', '=', userId)
    .execute();
}

/**
 * Records each topic's choice; a choice equal to the default removes the row, so that a default
 * changed in a later release reaches everyone who never chose otherwise.
 */
export async function saveChoices(
  db: Db,
  userId: string,
  choices: readonly { topic: string; email: boolean; isDefault: boolean }[],
  now: Date,
): Promise<void> {
  const back = choices.filter((c) => c.isDefault).map((c) => c.topic);
  if (back.length > 0)
    await db
      .deleteFrom('notification_preference')
      .where('user_id', '=', userId)
      .where('topic', 'in', back)
      .execute();
  const kept = choices.filter((c) => !c.isDefault);
  if (kept.length === 0) return;
  await db
    .insertInto('notification_preference')
    .values(kept.map((c) => ({ user_id: userId, topic: c.topic, email: c.email, updated_at: now })))
    .onConflict((oc) =>
      oc.columns(['user_id', 'topic']).doUpdateSet((eb) => ({
        email: eb.ref('excluded.email'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
