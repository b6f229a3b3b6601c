import { randomBytes } from 'node:crypto';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type DB, openDatabase } from '@weixi/db';
import { type Kysely, sql } from 'kysely';
import { sha256 } from '../../apps/server/src/modules/identity/passwords';
import { type BenchUser, type DatasetTarget, pgUrl, repoRoot } from '../generate';
import { freePort, type Running, runCommand, startServer } from './proc';

export const serverEntry = path.join(repoRoot, 'apps/server/dist/main.js');
const bareEntry = path.join(repoRoot, 'bench/baselines/bare-server.ts');

export async function buildServerBundle(): Promise<number> {
  const { ms } = await runCommand(process.execPath, [path.join(repoRoot, 'scripts/build-server.mjs')]);
  return ms;
}

/** Environment of the server under test: no demo data, quiet logs, nothing else changed. */
export function appEnv(
  target: DatasetTarget,
  dataDir: string | undefined,
  port: number,
): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    WEIXI_DEMO: '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: target.engine === 'postgres' ? pgUrl(target.database!) : '',
    ...(target.engine === 'pglite' ? { DATA_DIR: dataDir ?? target.dataDir! } : {}),
  };
}

/**
 * `node apps/server/dist/main.js` in its own process, ready when /readyz answers 200. By default
 * with `--role api`: the scheduled jobs stay out of the measurement. With the worker in, whatever
 * falls due while a scenario runs runs beside it — the pool's nightly recycling (01:30 business
 * time) updated a large part of the 1,000,000 customers during a run on 2026-12-04 and halved every
 * figure, baselines included; a server stopped after each scenario left it to start over at the next.
 */
export async function startApp(
  target: DatasetTarget,
  opts: { dataDir?: string; extraArgs?: string[]; pollMs?: number; role?: 'api' | 'all' } = {},
): Promise<Running> {
  const port = await freePort();
  return startServer({
    name: `weixi (${target.engine})`,
    command: process.execPath,
    args: [...(opts.extraArgs ?? []), serverEntry, '--role', opts.role ?? 'api'],
    env: appEnv(target, opts.dataDir, port),
    port,
    readyPath: '/readyz',
    pollMs: opts.pollMs ?? 50,
  });
}

/** The bare Fastify + pg (or PGlite) baseline in its own process. */
export async function startBare(target: DatasetTarget, pgliteDir?: string): Promise<Running> {
  const port = await freePort();
  return startServer({
    name: `bare (${target.engine})`,
    command: process.execPath,
    args: ['--import', 'tsx', bareEntry],
    env: {
      PORT: String(port),
      ...(target.engine === 'postgres'
        ? { DATABASE_URL: pgUrl(target.database!) }
        : { DATA_DIR: pgliteDir! }),
    },
    port,
    readyPath: '/readyz',
  });
}

export interface BenchSession {
  user: BenchUser;
  token: string;
  csrf: string;
  headers: Record<string, string>;
}

/**
 * Sessions written straight into the database the way a login stores them (sha256 of the cookie
 * value): logging in 30 users through argon2 and the login rate limit would only slow the run down.
 * last_seen_at is now, so the sliding-expiry refresh does not write during the measured minutes.
 */
export async function createSessions(db: Kysely<DB>, users: BenchUser[]): Promise<Map<string, BenchSession>> {
  const sessions = new Map<string, BenchSession>();
  const rows = users.map((user) => {
    const token = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    sessions.set(user.id, {
      user,
      token,
      csrf,
      headers: { cookie: `weixi_session=${token}`, 'x-csrf-token': csrf },
    });
    return { id: sha256(token), user_id: user.id, csrf_token: csrf };
  });
  await db.deleteFrom('user_session').where('user_agent', '=', 'weixi-bench').execute();
  await db
    .insertInto('user_session')
    .values(
      rows.map((r) => ({
        ...r,
        expires_at: sql<Date>`now() + interval '1 day'`,
        last_seen_at: sql<Date>`now()`,
        user_agent: 'weixi-bench',
      })),
    )
    .execute();
  return sessions;
}

/** Opens the target's database while no server holds it (PGlite allows one process). */
export async function withDatabase<T>(
  target: DatasetTarget,
  fn: (db: Kysely<DB>) => Promise<T>,
  pgliteDir?: string,
): Promise<T> {
  const database =
    target.engine === 'postgres'
      ? await openDatabase({ url: pgUrl(target.database!), poolSize: 2 })
      : await openDatabase({ dataDir: path.join(pgliteDir ?? target.dataDir!, 'pglite') });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}

/** A copy of a PGlite server data directory (the bare baseline and the import need their own). */
export function copyPgliteDir(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}
