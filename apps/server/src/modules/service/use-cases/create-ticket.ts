import { newId } from '@weixi/db';
import { slaDueAt, slaTargetsFor } from '@weixi/domain';
import type {
  CustomerGrade,
  FieldIssue,
  Ticket,
  TicketChannel,
  TicketKind,
  TicketPriority,
} from '@weixi/shared';
import { AppError, notFound } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { findCustomer } from '../../customers/customers.repository';
import { assertCan } from '../service.policy';
import {
  auditTicketChange,
  checkOwner,
  notifyNewOwner,
  recordEvent,
  throwIfIssues,
  unprocessable,
} from '../ticket-rules';
import { contactOfCustomer, findCategory, insertTicket } from '../tickets.repository';
import { ticketAfterChange } from './get-ticket';
import { readServiceSettings } from './read-service-settings';

export interface TicketDraft {
  customerId: string;
  contactId?: string | null | undefined;
  channel: TicketChannel;
  kind: TicketKind;
  categoryId?: string | null | undefined;
  priority: TicketPriority;
  important?: boolean | undefined;
  subject: string;
  description?: string | undefined;
  ownerId?: string | undefined;
  receivedAt?: string | undefined;
}

/** A phone's or a laptop's clock may run a little ahead; beyond this "received" is a typing mistake. */
const futureToleranceMs = 60_000;

/**
 * Opens a ticket for a customer in the actor's scope. The SLA targets are fixed now from the
 * service settings' policies and the customer's grade (a later policy change does not move a
 * running clock), and both deadlines are counted from when the customer reached us.
 */
export async function createTicket(ctx: Ctx, draft: TicketDraft): Promise<Ticket> {
  assertCan(ctx.actor, 'handle_tickets');
  const now = ctx.clock.now();
  const customer = await findCustomer(ctx.db, await ctx.scope(), draft.customerId);
  if (!customer) throw notFound('Customer');
  if (customer.status !== 'active')
    throw new AppError(
      'conflict',
      `The customer is ${customer.status}; only active customers take new work`,
      {
        errors: [
          { path: 'customerId', code: 'customer_inactive', message: `the customer is ${customer.status}` },
        ],
      },
    );
  const receivedAt = draft.receivedAt ? new Date(draft.receivedAt) : now;
  const issues: FieldIssue[] = [];
  if (receivedAt.getTime() > now.getTime() + futureToleranceMs)
    issues.push({ path: 'receivedAt', code: 'in_future', message: 'must not be later than now' });
  if (draft.contactId && !(await contactOfCustomer(ctx.db, customer.id, draft.contactId)))
    issues.push({ path: 'contactId', code: 'not_found', message: 'not a contact of this customer' });
  if (draft.categoryId) {
    const category = await findCategory(ctx.db, draft.categoryId);
    if (!category?.active)
      issues.push({ path: 'categoryId', code: 'not_found', message: 'no active category with this id' });
  }
  throwIfIssues(issues);
  const ownerId = draft.ownerId ?? ctx.actor.id;
  if (ownerId !== ctx.actor.id) await checkOwner(ctx, ownerId, 'ownerId');

  const settings = await readServiceSettings(ctx);
  const targets = slaTargetsFor({
    channel: draft.channel,
    priority: draft.priority,
    grade: customer.grade as CustomerGrade | null,
    policies: settings.slaPolicies,
  });
  let firstDue: Date;
  let resolutionDue: Date;
  try {
    firstDue = slaDueAt(
      receivedAt,
      targets.firstResponseMs,
      settings.calendar,
      targets.firstResponseMode,
      [],
      now,
    );
    resolutionDue = slaDueAt(
      receivedAt,
      targets.resolutionMs,
      settings.calendar,
      targets.resolutionMode,
      [],
      now,
    );
  } catch {
    // The calendar has no working time within the horizon (holidays listed far ahead).
    throw unprocessable(
      'receivedAt',
      'no_working_time',
      'the business calendar has no working time to count',
    );
  }

  const id = newId();
  await insertTicket(ctx.db, {
    id,
    customer_id: customer.id,
    contact_id: draft.contactId ?? null,
    channel: draft.channel,
    kind: draft.kind,
    category_id: draft.categoryId ?? null,
    priority: draft.priority,
    important: draft.important ?? false,
    subject: draft.subject,
    description: draft.description ?? '',
    owner_id: ownerId,
    received_at: receivedAt,
    sla_policy_index: targets.policyIndex,
    first_response_target_ms: targets.firstResponseMs,
    first_response_mode: targets.firstResponseMode,
    resolution_target_ms: targets.resolutionMs,
    resolution_mode: targets.resolutionMode,
    first_response_due_at: firstDue,
    resolution_due_at: resolutionDue,
    next_due_at: firstDue,
    created_at: now,
    updated_at: now,
    created_by: ctx.actor.id,
    updated_by: ctx.actor.id,
  });
  await recordEvent(ctx, { id, customer_id: customer.id }, 'created', {
    data: { channel: draft.channel, kind: draft.kind, priority: draft.priority, subject: draft.subject },
  });
  const ticket = await ticketAfterChange(ctx, id);
  await auditTicketChange(ctx, 'ticket.create', null, ticket);
  await notifyNewOwner(ctx, { id, number: ticket.number, subject: ticket.subject }, ownerId);
  return ticket;
}
