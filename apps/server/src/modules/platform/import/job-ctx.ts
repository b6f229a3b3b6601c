import type { DB } from '@weixi/db';
import { type Clock, resolveScope } from '@weixi/domain';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config';
import type { Actor, Ctx } from '../../../http/context';
import { departmentSubtreeIds } from '../../identity/identity.repository';

export interface BackgroundDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  log: (msg: string, err?: unknown) => void;
}

/**
 * A use-case context for work that outlives its request (an import's batches): the same actor,
 * scope and clock, on the pool; each batch opens its own transaction.
 */
export function backgroundCtx(deps: BackgroundDeps, actor: Actor, requestId: string): Ctx {
  let scope: ReturnType<Ctx['scope']> | undefined;
  return {
    actor,
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    requestId,
    ip: '',
    scope() {
      scope ??= (async () =>
        resolveScope(
          actor.dataScope,
          actor.id,
          actor.dataScope === 'department' && actor.departmentId
            ? await departmentSubtreeIds(deps.db, actor.departmentId)
            : [],
        ))();
      return scope;
    },
  };
}
