import type { FieldIssue, Ticket, TicketPriority } from '@weixi/shared';
import { staleVersion } from '../../../http/concurrency';
import type { Ctx } from '../../../http/context';
import { assertCan } from '../service.policy';
import {
  auditTicketChange,
  checkOwner,
  notifyNewOwner,
  recordEvent,
  throwIfIssues,
  ticketForChange,
} from '../ticket-rules';
import { contactOfCustomer, findCategory, updateTicketRow } from '../tickets.repository';
import { getTicket, ticketAfterChange } from './get-ticket';

export interface TicketChanges {
  subject?: string | undefined;
  description?: string | undefined;
  categoryId?: string | null | undefined;
  priority?: TicketPriority | undefined;
  important?: boolean | undefined;
  ownerId?: string | undefined;
  contactId?: string | null | undefined;
}

/**
 * Edits a ticket's details. The SLA targets stay those fixed at creation — a priority raised
 * later is shown and sorted by, but does not rewrite the promise already made — and a change of
 * owner is its own history entry ("assigned") that the new owner is told about.
 */
export async function updateTicket(
  ctx: Ctx,
  id: string,
  version: number,
  input: TicketChanges,
): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  const current = await ticketForChange(ctx, id, version);
  const before = await getTicket(ctx, id);
  const issues: FieldIssue[] = [];
  if (input.contactId && input.contactId !== current.contact_id) {
    if (!(await contactOfCustomer(ctx.db, current.customer_id, input.contactId)))
      issues.push({ path: 'contactId', code: 'not_found', message: 'not a contact of this customer' });
  }
  if (input.categoryId && input.categoryId !== current.category_id) {
    const category = await findCategory(ctx.db, input.categoryId);
    if (!category?.active)
      issues.push({ path: 'categoryId', code: 'not_found', message: 'no active category with this id' });
  }
  throwIfIssues(issues);
  const ownerChanged = input.ownerId !== undefined && input.ownerId !== current.owner_id;
  if (ownerChanged) await checkOwner(ctx, input.ownerId!, 'ownerId');

  const patch = {
    ...(input.subject !== undefined ? { subject: input.subject } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.categoryId !== undefined ? { category_id: input.categoryId } : {}),
    ...(input.priority !== undefined ? { priority: input.priority } : {}),
    ...(input.important !== undefined ? { important: input.important } : {}),
    ...(input.ownerId !== undefined ? { owner_id: input.ownerId } : {}),
    ...(input.contactId !== undefined ? { contact_id: input.contactId } : {}),
  };
  const now = ctx.clock.now();
  if (!(await updateTicketRow(ctx.db, id, version, patch, ctx.actor.id, now)))
    throw staleVersion('Ticket', version + 1);
  const after = await ticketAfterChange(ctx, id);
  const changed = Object.keys(patch).filter((k) => k !== 'owner_id');
  if (ownerChanged)
    await recordEvent(ctx, current, 'assigned', {
      data: { fromId: current.owner_id, toId: input.ownerId, toName: after.owner?.name ?? '' },
    });
  if (changed.length)
    await recordEvent(ctx, current, 'updated', {
      data: { fields: changed.map((k) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())) },
    });
  await auditTicketChange(ctx, 'ticket.update', before, after);
  if (ownerChanged) await notifyNewOwner(ctx, after, input.ownerId!);
  return after;
}
