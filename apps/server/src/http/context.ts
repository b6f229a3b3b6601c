import type { DB, Engine } from '@weixi/db';
import type { Clock, DataScope } from '@weixi/domain';
import type { DataScopeKind, Role } from '@weixi/shared';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { JobQueue } from '../modules/platform/jobs/job-queue';
import { AppError } from './app-error';

export interface Actor {
  id: string;
  name: string;
  email: string;
  role: Role;
  dataScope: DataScopeKind;
  departmentId: string | null;
  departmentName: string | null;
  locale: string;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
}

/** Process-wide dependencies; one instance per server. */
export interface Deps {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  clock: Clock;
}

/** What every use case receives: who acts, in which transaction, at what time, from where. */
export interface Ctx {
  actor: Actor;
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  requestId: string;
  ip: string;
  /** Lazily resolved data scope (department subtree needs a query). */
  scope(): Promise<DataScope>;
  /**
   * The process's job queue, for work that follows from a request (e.g. notify() queues e-mail
   * delivery). Absent in contexts built outside a request; senders then rely on schedules.
   */
  jobs?: JobQueue;
}

export type AnonCtx = Omit<Ctx, 'actor' | 'scope'> & { userAgent: string | null };

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    deps: Deps;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) {
    if (req.sessionExpired) throw new AppError('session_expired', 'Your session has expired; sign in again');
    throw new AppError('unauthenticated', 'Sign in first');
  }
  return req.actor;
}
