import { encodeCursor } from '@weixi/domain';
import {
  openTicketStatuses,
  type TicketChannel,
  type TicketKind,
  type TicketListItem,
  type TicketPriority,
  type TicketStatus,
  type TicketView,
} from '@weixi/shared';
import { AppError, fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { readCursor } from '../../../http/pagination';
import { assertCan, can } from '../service.policy';
import { ticketReach } from '../ticket-rules';
import { presentTicketListItem } from '../tickets.presenter';
import { listTickets as listDue, listTicketsByReceived, type TicketFilter } from '../tickets.repository';

export interface ListTicketsInput {
  view: TicketView;
  status?: TicketStatus[] | undefined;
  kind?: TicketKind[] | undefined;
  priority?: TicketPriority[] | undefined;
  channel?: TicketChannel[] | undefined;
  categoryId?: string | undefined;
  ownerId?: string | undefined;
  customerId?: string | undefined;
  breaching?: 'soon' | 'breached' | undefined;
  q?: string | undefined;
  sort: 'due' | '-received';
  limit: number;
  cursor?: string | undefined;
}

/**
 * How far ahead "breaching soon" looks. Each ticket's own warning point (warnBeforePercent of its
 * target) ranges from seconds (a phone call's 30 s) to a day (five business days' resolution), so
 * it cannot bound one index range; the queue's filter is the question an agent asks at the start
 * of a shift — what breaks in the next two hours — and the SLA job warns each owner at the
 * ticket's own share.
 */
export const breachingSoonMs = 2 * 60 * 60 * 1000;

const invalidCursor = () =>
  fieldError('query.cursor', 'invalid', 'cursor is not valid; start again from the first page');

function instant(value: unknown): Date {
  const d = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(d.getTime())) throw invalidCursor();
  return d;
}

/**
 * The ticket queue: mine (I own them), team (owned by the people I manage; managers only), all
 * (every ticket I may see). Open tickets by default, soonest deadline first (time to breach), or
 * newest first; keyset-paged on the sort's columns and the id.
 */
export async function listTickets(
  ctx: Ctx,
  input: ListTicketsInput,
): Promise<{ items: TicketListItem[]; nextCursor: string | null }> {
  assertCan(ctx.actor, 'handle_tickets');
  if (input.view === 'team' && !can(ctx.actor, 'view_team'))
    throw new AppError('forbidden', 'Team queues are for managers (service.view_team)');
  const raw = readCursor(input.cursor, 2);
  const now = ctx.clock.now();
  const filter: TicketFilter = {
    view: input.view,
    statuses: input.status ?? [...openTicketStatuses],
    kinds: input.kind,
    priorities: input.priority,
    channels: input.channel,
    categoryId: input.categoryId,
    ownerId: input.ownerId,
    customerId: input.customerId,
    q: input.q,
    ...(input.breaching === 'soon'
      ? { dueFrom: now, dueBefore: new Date(now.getTime() + breachingSoonMs) }
      : input.breaching === 'breached'
        ? { dueBefore: now }
        : {}),
  };
  const reach = await ticketReach(ctx);
  const limit = input.limit + 1;
  let rows: Awaited<ReturnType<typeof listDue>>;
  if (input.sort === '-received') {
    rows = await listTicketsByReceived(
      ctx.db,
      reach,
      filter,
      limit,
      raw ? { receivedAt: instant(raw.values[0]), id: raw.id } : null,
    );
  } else {
    // A row without a deadline is written '' in the cursor (cursor values are strings).
    const after = raw ? { dueAt: raw.values[0] === '' ? null : instant(raw.values[0]), id: raw.id } : null;
    rows = await listDue(ctx.db, reach, filter, limit, after);
  }
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const cursorOf = (r: (typeof rows)[number]) =>
    input.sort === '-received'
      ? [new Date(r.received_at).toISOString(), r.id]
      : [r.next_due_at ? new Date(r.next_due_at).toISOString() : '', r.id];
  return {
    items: page.map(presentTicketListItem),
    nextCursor: rows.length > input.limit && last ? encodeCursor(cursorOf(last)) : null,
  };
}
