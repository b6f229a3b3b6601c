import type { Visit } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { reachOf } from '../access';
import { findVisit } from '../visits.repository';
import { visitDetails } from './visit-details';

/** One visit the actor may see (visitor, manager over them, or the customer in scope); else 404. */
export async function getVisit(ctx: Ctx, id: string): Promise<Visit> {
  const scope = await ctx.scope();
  const row = await findVisit(ctx.db, reachOf(ctx.actor, scope), scope, id);
  if (!row) throw notFound('Visit');
  const [visit] = await visitDetails(ctx.db, [row]);
  return visit!;
}
