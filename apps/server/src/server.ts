import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, migrateToLatest } from '@weixi/db';
import { systemClock } from '@weixi/domain';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from './app';
import { type Config, pgliteDataDir } from './config';
import { demoPassword, loadDemoData } from './demo/demo-data';
import { housekeepingJob } from './jobs/housekeeping';
import { randomToken } from './modules/identity/passwords';
import { ensureAdmin } from './modules/identity/use-cases/ensure-admin';
import { jobCatalog, scheduleCatalog } from './modules/platform/jobs/catalog';
import { JobQueue } from './modules/platform/jobs/job-queue';
import type { Role } from './role';

export { parseRole, type Role } from './role';

function defaultWebDist(): string {
  // Works both from source (apps/server/src) and from the bundle (apps/server/dist).
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../web/dist');
}

export interface Running {
  app: FastifyInstance | null;
  database: Database;
  url: string | null;
  stop(): Promise<void>;
}

/** Runs the server on an opened database (see main.ts); closing it is part of stop(). */
export async function startServer(config: Config, role: Role, database: Database): Promise<Running> {
  const logger = pino({ level: config.LOG_LEVEL });
  // Milliseconds since the process started at the end of each step, in the "weixi started" line:
  // a slow start names its slow step.
  const startup: Record<string, number> = { database: Math.round(performance.now()) };
  const mark = (step: string) => {
    startup[step] = Math.round(performance.now());
  };
  const applied = await migrateToLatest(database.db);
  mark('migrations');
  if (applied.length) logger.info({ applied }, 'migrations applied');

  const admin = await ensureAdmin(
    database.db,
    config.WEIXI_ADMIN_EMAIL,
    config.WEIXI_ADMIN_PASSWORD,
    config.WEIXI_DEMO ? demoPassword : randomToken(12),
  );
  const printed: string[] = [];
  if (admin.created) {
    printed.push(`  administrator  ${admin.email}  ${admin.password ?? '(WEIXI_ADMIN_PASSWORD)'}`);
    if (config.WEIXI_DEMO) {
      const demo = await loadDemoData(database.db, systemClock.now(), config);
      for (const u of demo)
        printed.push(`  ${u.role.padEnd(18)} ${u.email.padEnd(28)} ${demoPassword}  ${u.name}`);
    }
  }

  mark('admin');
  const stops: (() => void | Promise<void>)[] = [];
  // Every role can send jobs; only worker processes (--role worker|all) run them and their schedules.
  const jobs = new JobQueue({
    db: database.db,
    clock: systemClock,
    config,
    logger: logger.child({ component: 'jobs' }),
    work: role !== 'api',
    definitions: jobCatalog,
    schedules: scheduleCatalog,
  });
  await jobs.prepare();
  mark('jobs');
  // Stopped after the HTTP listener (stops run in reverse): running jobs get 10 s to finish, inside
  // main.ts's 15 s limit; pg-boss puts the unfinished ones back for a retry.
  stops.push(() => jobs.stop({ timeoutMs: 10_000 }));

  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (role !== 'worker') {
    app = await buildApp({
      db: database.db,
      engine: database.engine,
      config,
      clock: systemClock,
      logger: { level: config.LOG_LEVEL },
      webDist: config.WEB_DIST ?? defaultWebDist(),
      jobs,
    });
    mark('app');
    url = await app.listen({ port: config.PORT, host: config.HOST });
    mark('listening');
    stops.push(() => app!.close());
  }
  // Pollers, maintenance and schedules start once requests can be served: none of them is needed
  // to answer one, and on PGlite their first queries cost a few hundred milliseconds.
  await jobs.startWorking();
  if (jobs.isWorker) {
    mark('worker');
    // As the old in-process loop did, tidy up once at start; the throttle makes that one run however
    // many workers start together.
    await jobs.send(housekeepingJob, {}, { singletonKey: 'start', singletonSeconds: 600 });
  }

  logger.info(
    {
      role,
      engine: database.engine,
      url,
      dataDir: database.engine === 'pglite' ? pgliteDataDir(config) : undefined,
      startup,
    },
    'weixi started',
  );
  if (printed.length) {
    // Plain text, not JSON: this is read by a person at first start.
    process.stdout.write(
      `\nWeixi is ready${url ? ` at http://localhost:${config.PORT}` : ''}. Sign in with:\n${printed.join('\n')}\n\n`,
    );
  }

  return {
    app,
    database,
    url,
    async stop() {
      for (const s of stops.reverse()) await s();
      await database.close();
    },
  };
}
