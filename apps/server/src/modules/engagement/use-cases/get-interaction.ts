import type { Interaction } from '@weixi/shared';
import { notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findInteraction } from '../interactions.repository';
import { interactionDetails } from './interaction-details';

/** One interaction of a customer the actor may read; anything else is a 404 like a missing id. */
export async function getInteraction(ctx: Ctx, id: string): Promise<Interaction> {
  const row = await findInteraction(ctx.db, await ctx.scope(), id);
  if (!row) throw notFound('Interaction');
  const [interaction] = await interactionDetails(ctx.db, [row]);
  return interaction!;
}
