import type { DB } from '@weixi/db';
import { type DataScope, resolveScope } from '@weixi/domain';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { departmentSubtreeIds } from '../modules/identity/identity.repository';
import type { Actor, AnonCtx, Ctx } from './context';
import { requireActor } from './context';

function scopeResolver(db: Kysely<DB>, actor: Actor): () => Promise<DataScope> {
  let cached: Promise<DataScope> | undefined;
  return () => {
    cached ??= (async () => {
      const ids =
        actor.dataScope === 'department' && actor.departmentId
          ? await departmentSubtreeIds(db, actor.departmentId)
          : [];
      return resolveScope(actor.dataScope, actor.id, ids);
    })();
    return cached;
  };
}

export function makeCtx(req: FastifyRequest, db: Kysely<DB>): Ctx {
  const actor = requireActor(req);
  const { clock, config } = req.server.deps;
  return {
    actor,
    db,
    clock,
    config,
    requestId: req.id,
    ip: req.ip,
    scope: scopeResolver(db, actor),
    jobs: req.server.jobs,
  };
}

export function makeAnonCtx(req: FastifyRequest, db: Kysely<DB>): AnonCtx {
  const { clock, config } = req.server.deps;
  return { db, clock, config, requestId: req.id, ip: req.ip, userAgent: req.headers['user-agent'] ?? null };
}

/** Reads: no transaction, the pool directly. */
export function readCtx(req: FastifyRequest): Ctx {
  return makeCtx(req, req.server.deps.db);
}

/** Writes: one transaction per request; everything a use case does commits or rolls back together. */
export function inTransaction<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  requireActor(req);
  return req.server.deps.db.transaction().execute((trx) => fn(makeCtx(req, trx)));
}
