import { type Database, newId } from '@weixi/db';
import { openTestDatabase } from '@weixi/db/testing';
import { defaultScopeForRole, manualClock } from '@weixi/domain';
import type { Role } from '@weixi/shared';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import { insertDepartment, insertUser } from '../modules/identity/identity.repository';
import { hashPassword } from '../modules/identity/passwords';
import { jobCatalog } from '../modules/platform/jobs/catalog';
import { type JobOutcome, JobQueue } from '../modules/platform/jobs/job-queue';

export const testPassword = 'Test-password-2026';
let testPasswordHash: Promise<string> | undefined;

export interface Session {
  userId: string;
  email: string;
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated request, CSRF token included. */
  headers: Record<string, string>;
}

export interface Harness {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  /** The app's job queue. No workers run in tests: jobs wait until `runJobs()`. */
  jobs: JobQueue;
  /**
   * Runs the queued jobs now, one after another, until none is left (retries included when their
   * delay is 0); `includeDelayed` also runs jobs due later. Returns what happened to each.
   */
  runJobs(opts?: { includeDelayed?: boolean }): Promise<JobOutcome[]>;
  request(opts: InjectOptions & { as?: Session }): Promise<LightMyRequestResponse>;
  makeDepartment(name?: string, parentId?: string | null): Promise<string>;
  makeUser(opts?: {
    role?: Role;
    departmentId?: string | null;
    email?: string;
    name?: string;
  }): Promise<{ id: string; email: string }>;
  login(email: string, password?: string): Promise<Session>;
  /** A fresh user of the role, signed in. */
  signIn(role: Role, departmentId?: string | null): Promise<Session>;
  close(): Promise<void>;
}

let seq = 0;
const unique = (p: string) => `${p}-${process.pid}-${Date.now().toString(36)}-${(seq++).toString(36)}`;

/** A real app on a fresh database (PGlite, or PostgreSQL when TEST_DATABASE_URL is set). */
export async function createHarness(env: Record<string, string> = {}): Promise<Harness> {
  const database = await openTestDatabase();
  const clock = manualClock('2026-11-25T08:00:00Z');
  const config = loadConfig({ LOG_LEVEL: 'silent', ...env });
  // Installing pg-boss's schema costs ~0.1 s on PGlite; queues are created on first send.
  const jobs = new JobQueue({
    db: database.db,
    clock,
    config,
    logger: pino({ level: 'silent' }),
    work: false,
    definitions: jobCatalog,
    lazyQueues: true,
  });
  await jobs.start();
  const app = await buildApp({
    db: database.db,
    engine: database.engine,
    config,
    clock,
    webDist: null,
    jobs,
  });
  await app.ready();
  testPasswordHash ??= hashPassword(testPassword);

  const h: Harness = {
    app,
    database,
    clock,
    config,
    jobs,
    runJobs: (opts) => jobs.runQueued(opts),
    request({ as, ...opts }) {
      const headers = { ...(as?.headers ?? {}), ...((opts.headers as Record<string, string>) ?? {}) };
      return app.inject({ ...opts, headers });
    },
    async makeDepartment(name = unique('部门'), parentId = null) {
      const id = newId();
      await insertDepartment(database.db, { id, name, parent_id: parentId, manager_id: null, actorId: null });
      return id;
    },
    async makeUser({ role = 'account_manager', departmentId = null, email, name } = {}) {
      const id = newId();
      const e = email ?? `${unique(role)}@test.local`.toLowerCase();
      await insertUser(database.db, {
        id,
        email: e,
        name: name ?? unique('用户'),
        password_hash: await testPasswordHash!,
        role,
        data_scope: defaultScopeForRole(role),
        department_id: departmentId,
        phone: '',
        locale: 'zh-CN',
        actorId: null,
      });
      return { id, email: e };
    },
    async login(email, password = testPassword) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'weixi_session');
      if (!cookie) throw new Error('no session cookie');
      const body = res.json<{ id: string; csrfToken: string }>();
      const cookieHeader = `weixi_session=${cookie.value}`;
      return {
        userId: body.id,
        email,
        cookie: cookieHeader,
        csrf: body.csrfToken,
        headers: { cookie: cookieHeader, 'x-csrf-token': body.csrfToken },
      };
    },
    async signIn(role, departmentId = null) {
      const u = await h.makeUser({ role, departmentId });
      return h.login(u.email);
    },
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
  return h;
}
