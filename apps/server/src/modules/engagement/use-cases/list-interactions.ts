import { addDays, startOfBusinessDay } from '@weixi/domain';
import type { Interaction, InteractionChannel } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import {
  countInteractions,
  type InteractionFilter,
  listInteractions as listInteractionRows,
} from '../interactions.repository';
import { interactionDetails } from './interaction-details';

/** Counting stops here: a number beyond it says "1,000+" and costs no more than the page. */
const countCap = 1_000;
const exactTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export interface ListInteractionsInput {
  customerId?: string | undefined;
  loggedBy?: string | undefined;
  channel?: InteractionChannel[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Interactions of the customers the actor may read, newest first (occurred_at, id), keyset-paged. */
export async function listInteractions(ctx: Ctx, input: ListInteractionsInput) {
  const cursor = readCursor(input.cursor, 2);
  const at = cursor ? String(cursor.values[0]) : null;
  if (at !== null && !exactTime.test(at))
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  const tz = ctx.config.TZ_BUSINESS;
  const filter: InteractionFilter = {
    customerId: input.customerId,
    loggedBy: input.loggedBy,
    channels: input.channel,
    from: input.from ? startOfBusinessDay(input.from, tz) : undefined,
    before: input.to ? startOfBusinessDay(addDays(input.to, 1), tz) : undefined,
  };
  const scope = await ctx.scope();
  const [rows, total] = await Promise.all([
    listInteractionRows(ctx.db, scope, filter, input.limit + 1, at && cursor ? { at, id: cursor.id } : null),
    countInteractions(ctx.db, scope, filter, countCap),
  ]);
  const page = pageOf(
    rows,
    input.limit,
    Math.min(total, countCap),
    (r) => r,
    (r) => [r.occurred_exact, r.id],
  );
  const items: Interaction[] = await interactionDetails(ctx.db, page.items);
  return { ...page, items };
}
