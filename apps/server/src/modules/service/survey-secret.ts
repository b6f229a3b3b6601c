import { randomBytes } from 'node:crypto';
import type { DB } from '@weixi/db';
import { type Kysely, sql } from 'kysely';

/** Kept in the settings store (table `setting`); never leaves the server. */
export const surveySecretKey = 'service.survey-secret';

/**
 * One secret per database, cached per process: the public answer endpoint must not read it on
 * every request (it is benchmarked), and it never changes once written. Keyed by the server's
 * config object (one per app), so tests with several apps and databases in one process each get
 * their own.
 */
const cache = new WeakMap<object, Promise<Buffer>>();

async function loadSecret(db: Kysely<DB>): Promise<Buffer> {
  // Two processes starting at once both insert; `on conflict do nothing` keeps the first, and the
  // read that follows returns it to both, so links signed by one verify in the other.
  const fresh = randomBytes(32).toString('base64url');
  await sql`insert into setting (key, value) values (${surveySecretKey}, ${JSON.stringify(fresh)}::jsonb)
    on conflict (key) do nothing`.execute(db);
  const { rows } = await sql<{
    value: unknown;
  }>`select value from setting where key = ${surveySecretKey}`.execute(db);
  const value = rows[0]?.value;
  if (typeof value !== 'string' || value.length < 43) {
    throw new Error(`setting ${surveySecretKey} does not hold a 32-byte secret`);
  }
  return Buffer.from(value, 'base64url');
}

/**
 * The HMAC secret of survey links. `pool: true` says `db` is the process's pool, not a
 * transaction: only then is a freshly written secret cached, because it is committed. Inside a
 * transaction (e.g. resolving a ticket) a cached secret is used, else it is read or written in
 * that transaction, which either commits with the link it signed or hands out no link at all.
 */
export function surveySecret(ctx: { db: Kysely<DB>; config: object }, pool: boolean): Promise<Buffer> {
  const cached = cache.get(ctx.config);
  if (cached) return cached;
  const p = loadSecret(ctx.db);
  if (pool) {
    cache.set(ctx.config, p);
    // A failed read (database down) is retried by the next request rather than cached.
    p.catch(() => cache.delete(ctx.config));
  }
  return p;
}
