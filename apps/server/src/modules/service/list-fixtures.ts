import type { Harness } from '../../testing/harness';

/** Empties the lists migration 0011 seeds, for tests that count the entries they create. */
export async function clearSeededServiceLists(h: Harness): Promise<void> {
  const db = h.database.db;
  await db.deleteFrom('reply_template').execute();
  await db.deleteFrom('root_cause').execute();
  await db.deleteFrom('ticket_category').execute();
}
