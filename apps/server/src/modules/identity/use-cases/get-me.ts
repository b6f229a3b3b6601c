import type { Engine } from '@weixi/db';
import type { Ctx } from '../../../http/context';
import { presentMe } from '../identity.presenter';

/** The actor was loaded with the session in one query; /me adds nothing to read. */
export function getMe(ctx: Ctx, engine: Engine) {
  return presentMe(ctx.actor, engine);
}
