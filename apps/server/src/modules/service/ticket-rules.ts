import { newId } from '@weixi/db';
import {
  type BusinessCalendar,
  dateInTimeZone,
  type ReplyValues,
  type SlaClockMode,
  type SlaPause,
  slaDueAt,
  type TicketRuleError,
} from '@weixi/domain';
import { type FieldIssue, openTicketStatuses, type Role, type Ticket } from '@weixi/shared';
import { AppError, notFound } from '../../http/app-error';
import { staleVersion } from '../../http/concurrency';
import type { Ctx } from '../../http/context';
import { notify } from '../platform/notify';
import { recordAudit } from '../platform/use-cases/record-audit';
import { can } from './service.policy';
import {
  findActiveUser,
  findTicket,
  insertEvent,
  lockTicket,
  type PauseRow,
  type TicketReach,
  type TicketView,
} from './tickets.repository';

/** The actor's reach over tickets: their data scope, and their team when they manage one. */
export async function ticketReach(ctx: Ctx): Promise<TicketReach> {
  const scope = await ctx.scope();
  let team: TicketReach['team'] = null;
  if (can(ctx.actor, 'view_team')) {
    if (scope.kind === 'all') team = 'all';
    else if (scope.kind === 'department' && scope.departmentIds.length > 0) team = scope.departmentIds;
  }
  return { userId: ctx.actor.id, scope, team };
}

/** A ticket the actor may see, or 404 (nothing is learned about tickets out of reach). */
export async function visibleTicket(ctx: Ctx, id: string): Promise<TicketView> {
  const row = await findTicket(ctx.db, await ticketReach(ctx), id);
  if (!row) throw notFound('Ticket');
  return row;
}

/**
 * A ticket the actor may see, locked for a change at the version they saw: 404 when out of reach,
 * 409 when someone changed it meanwhile. Read again after the lock, so the change starts from the
 * row as it now is.
 */
export async function ticketForChange(ctx: Ctx, id: string, version: number): Promise<TicketView> {
  await visibleTicket(ctx, id);
  const locked = await lockTicket(ctx.db, id);
  if (locked === undefined) throw notFound('Ticket');
  if (locked !== version) throw staleVersion('Ticket', locked);
  return visibleTicket(ctx, id);
}

/** A well-formed request the ticket's rules refuse, named by field: 422. */
export function unprocessable(path: string, code: string, message: string): AppError {
  return new AppError('unprocessable', message, { errors: [{ path, code, message }] });
}

export function throwIfIssues(issues: readonly FieldIssue[]): void {
  if (issues.length)
    throw new AppError('unprocessable', 'Some fields are not valid', { errors: [...issues] });
}

/** Fields of the transition request itself: the domain's errors on them are the caller's input (422). */
const inputFields = new Set(['rootCauseId', 'reason', 'resolution', 'stage']);

/**
 * A domain refusal as a problem: about what the request said (a missing root cause or reason) →
 * 422 on that field; about the state the ticket is in (a status jump, a passed reopen window, a
 * resolve before delivery) → 409. Either way the domain's code is the issue's code.
 */
export function ruleError(err: TicketRuleError, requestFields: ReadonlySet<string> = inputFields): AppError {
  const path = err.field ?? 'status';
  const issue = { path, code: err.code, message: err.message };
  return err.field && requestFields.has(err.field) && err.code !== 'stage_too_early'
    ? new AppError('unprocessable', err.message, { errors: [issue] })
    : new AppError('conflict', err.message, { errors: [issue] });
}

export const isOpen = (status: string): boolean => (openTicketStatuses as readonly string[]).includes(status);

export const toPauses = (rows: readonly PauseRow[]): SlaPause[] =>
  rows.map((p) => ({ from: new Date(p.from_at), to: p.to_at ? new Date(p.to_at) : null }));

/** The clock facts the due dates are computed from. */
export interface ClockFacts {
  status: string;
  received_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  waiting_since: Date | null;
  first_response_target_ms: string | number;
  first_response_mode: string;
  resolution_target_ms: string | number;
  resolution_mode: string;
  first_response_due_at: Date;
  resolution_due_at: Date;
}

/**
 * The deadlines given the pauses so far (an open pause counted up to now), and the one the queue
 * sorts by. A deadline already met stays as it was when met: pauses after it cannot move it.
 * next_due_at is null when nothing is running — resolved, closed, or waiting on the customer.
 */
export function deadlines(
  t: ClockFacts,
  pauses: readonly SlaPause[],
  calendar: BusinessCalendar,
  now: Date,
): { first_response_due_at: Date; resolution_due_at: Date; next_due_at: Date | null } {
  const received = new Date(t.received_at);
  const firstDue = t.first_response_at
    ? new Date(t.first_response_due_at)
    : slaDueAt(
        received,
        Number(t.first_response_target_ms),
        calendar,
        t.first_response_mode as SlaClockMode,
        pauses,
        now,
      );
  const resolutionDue = t.resolved_at
    ? new Date(t.resolution_due_at)
    : slaDueAt(
        received,
        Number(t.resolution_target_ms),
        calendar,
        t.resolution_mode as SlaClockMode,
        pauses,
        now,
      );
  const running = isOpen(t.status) && t.waiting_since === null;
  return {
    first_response_due_at: firstDue,
    resolution_due_at: resolutionDue,
    next_due_at: running ? (t.first_response_at ? resolutionDue : firstDue) : null,
  };
}

/** Records the first response at `at` when there was none yet, flagging it when it came late. */
export function firstResponsePatch(
  t: Pick<TicketView, 'first_response_at' | 'first_response_due_at'>,
  at: Date,
): { first_response_at?: Date; first_response_breached?: boolean } {
  if (t.first_response_at) return {};
  return {
    first_response_at: at,
    ...(at.getTime() > new Date(t.first_response_due_at).getTime() ? { first_response_breached: true } : {}),
  };
}

export type TicketEventKind =
  | 'created'
  | 'acknowledged'
  | 'started'
  | 'resolved'
  | 'closed'
  | 'reopened'
  | 'stage'
  | 'assigned'
  | 'updated'
  | 'waiting'
  | 'resumed'
  | 'note'
  | 'reply';

/** One entry of the ticket's history (and of the customer's timeline). Returns its id. */
export async function recordEvent(
  ctx: Ctx,
  ticket: { id: string; customer_id: string },
  kind: TicketEventKind,
  opts: {
    body?: string;
    visibility?: 'internal' | 'customer';
    data?: Record<string, unknown>;
    at?: Date;
  } = {},
): Promise<string> {
  const id = newId();
  await insertEvent(ctx.db, {
    id,
    ticketId: ticket.id,
    customerId: ticket.customer_id,
    at: opts.at ?? ctx.clock.now(),
    actorId: ctx.actor.id,
    kind,
    visibility: opts.visibility ?? 'internal',
    body: opts.body ?? '',
    data: opts.data ?? {},
  });
  return id;
}

/** What the audit log keeps of a ticket. */
export function auditSnapshot(t: Ticket): Record<string, unknown> {
  return {
    ticketId: t.id,
    number: t.number,
    customerId: t.customer.id,
    contactId: t.contact?.id ?? null,
    subject: t.subject,
    description: t.description,
    channel: t.channel,
    kind: t.kind,
    priority: t.priority,
    important: t.important,
    categoryId: t.category?.id ?? null,
    ownerId: t.owner?.id ?? null,
    status: t.status,
    stage: t.stage,
    rootCauseId: t.rootCause?.id ?? null,
    resolution: t.resolution,
    waiting: t.waiting,
    reopenCount: t.reopenCount,
  };
}

/**
 * Audited under the ticket only: the customer's timeline shows the ticket's own events, so an
 * entry under the customer would show the same change twice.
 */
export async function auditTicketChange(
  ctx: Ctx,
  action: string,
  before: Ticket | null,
  after: Ticket,
): Promise<void> {
  await recordAudit(ctx, {
    action,
    entity: 'ticket',
    entityId: after.id,
    before: before ? auditSnapshot(before) : null,
    after: auditSnapshot(after),
  });
}

/** Roles a ticket can be given to: whoever serves customers (service.policy `handle_tickets`). */
const handlers: readonly Role[] = [
  'admin',
  'executive',
  'department_manager',
  'account_manager',
  'service_agent',
];

/**
 * The person a ticket is given to: an active user who handles tickets. Anyone working tickets may
 * hand one on — the agent who took the call passes it to the customer's account manager — and the
 * new owner hears of it, so no scope check beyond the ticket's own.
 */
export async function checkOwner(
  ctx: Ctx,
  userId: string,
  path: string,
): Promise<{ id: string; name: string }> {
  const person = await findActiveUser(ctx.db, userId);
  if (!person) throw unprocessable(path, 'not_found', 'no active user with this id');
  if (!(handlers as readonly string[]).includes(person.role))
    throw unprocessable(path, 'not_a_handler', 'this person does not handle tickets');
  return person;
}

/** Tells a ticket's new owner, in-app (and by e-mail where they chose it). */
export async function notifyNewOwner(
  ctx: Ctx,
  ticket: { id: string; number: string | number; subject: string },
  ownerId: string,
): Promise<void> {
  if (ownerId === ctx.actor.id) return;
  await notify(ctx, {
    userIds: [ownerId],
    kind: 'ticket.assigned',
    params: { number: String(ticket.number), subject: ticket.subject, by: ctx.actor.name },
    link: `/service/tickets/${ticket.id}`,
    entity: 'ticket',
    entityId: ticket.id,
    actorId: ctx.actor.id,
  });
}

/** The values a reply template's placeholders take for this ticket (reply-templates.ts). */
export function replyValues(ctx: Pick<Ctx, 'actor' | 'clock' | 'config'>, t: TicketView): ReplyValues {
  return {
    'customer.name': t.customer_name,
    'contact.name': t.contact_name,
    'ticket.number': String(t.number),
    'agent.name': ctx.actor.name,
    today: dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS),
  };
}

/**
 * A change's deadlines: `live` are the deadlines as they stand before the change (what a first
 * response or a resolution made now is judged against), `after` those to store once the change's
 * facts (`patch`) apply, with the pauses as they are after it.
 */
export function changedDeadlines(
  current: ClockFacts,
  patch: Partial<Pick<ClockFacts, 'status' | 'first_response_at' | 'resolved_at' | 'waiting_since'>>,
  pauses: readonly SlaPause[],
  calendar: BusinessCalendar,
  now: Date,
): {
  live: { first_response_due_at: Date; resolution_due_at: Date };
  after: { first_response_due_at: Date; resolution_due_at: Date; next_due_at: Date | null };
} {
  const live = deadlines(current, pauses, calendar, now);
  const after = deadlines(
    {
      ...current,
      ...patch,
      first_response_due_at: live.first_response_due_at,
      resolution_due_at: live.resolution_due_at,
    },
    pauses,
    calendar,
    now,
  );
  return { live, after };
}
