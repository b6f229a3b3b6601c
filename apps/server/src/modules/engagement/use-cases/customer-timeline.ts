import { decodeCursor, encodeCursor } from '@weixi/domain';
import { type TimelineItem, type TimelineKind, timelineKinds } from '@weixi/shared';
import { fieldError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { seesContactDetails } from '../../customers/customers.policy';
import { findCustomer } from '../../customers/customers.repository';
import { peopleOf, presentTimelineItem, survivorOf } from '../timeline.presenter';
import { listTimeline, type TimelineCursor, userNames } from '../timeline.repository';

const exactTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const keyPattern = new RegExp(`^(${timelineKinds.join('|')}):[0-9a-f-]{1,36}$`);

/** A forged or stale cursor is a 400 on `query.cursor`, never a database error. */
function readTimelineCursor(cursor: string | undefined): TimelineCursor | null {
  if (cursor === undefined) return null;
  const values = decodeCursor(cursor, 2);
  const [at, key] = values ?? [];
  if (
    typeof at !== 'string' ||
    typeof key !== 'string' ||
    !exactTime.test(at) ||
    Number.isNaN(Date.parse(at)) ||
    !keyPattern.test(key)
  ) {
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');
  }
  return { at, key };
}

/**
 * The customer's timeline (信息共享台账): interactions, visits, tasks, orders, grade and owner
 * changes and audited edits in one feed, newest first, keyset-paginated on (time, key). Whoever may
 * read the customer reads it — invalid and merged customers included — and sees contact details in
 * edits masked exactly when the customer's own are masked for them.
 */
export async function customerTimeline(
  ctx: Ctx,
  customerId: string,
  input: { limit: number; cursor?: string | undefined; kinds?: TimelineKind[] | undefined },
): Promise<{ items: TimelineItem[]; nextCursor: string | null }> {
  const after = readTimelineCursor(input.cursor);
  const scope = await ctx.scope();
  const customer = await findCustomer(ctx.db, scope, customerId);
  if (!customer) throw notFound('Customer');
  const kinds = input.kinds ? timelineKinds.filter((k) => input.kinds!.includes(k)) : [...timelineKinds];
  const rows = await listTimeline(ctx.db, customerId, {
    kinds,
    limit: input.limit + 1,
    after,
    timeZone: ctx.config.TZ_BUSINESS,
  });
  const page = rows.slice(0, input.limit);
  const names = await userNames(ctx.db, page.flatMap(peopleOf));
  // "Merged into" entries name the survivor only to readers who may read it (as the history tab does).
  const survivors = new Map<string, { id: string; name: string | null }>();
  for (const id of page.map(survivorOf)) {
    if (id === null || survivors.has(id)) continue;
    survivors.set(id, { id, name: (await findCustomer(ctx.db, scope, id))?.name ?? null });
  }
  const masked = !seesContactDetails(ctx.actor, customer);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentTimelineItem(row, { names, masked, survivors })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.at_exact, last.key]) : null,
  };
}
