import { dateInTimeZone, dueOnProblem, occurredAtProblem } from '@weixi/domain';
import type { FieldIssue, Task } from '@weixi/shared';
import { AppError, notFound } from '../../http/app-error';
import { staleVersion } from '../../http/concurrency';
import type { Ctx } from '../../http/context';
import { activeUsers } from '../customers/customers.repository';
import { recordAudit } from '../platform/use-cases/record-audit';
import { reachOf } from './access';
import { managesPerson } from './engagement.policy';
import { contactsOfCustomer } from './interactions.repository';
import { findAssignee, findTask, lockTask, type TaskView } from './tasks.repository';

/** Today in the business time zone: a task due "today" at 07:30 in Shanghai is not UTC's yesterday. */
export function businessToday(ctx: Pick<Ctx, 'clock' | 'config'>): string {
  return dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS);
}

/** A date people type for a task, a commitment or a visit: not before today. */
export function dateIssue(path: string, date: string, today: string): FieldIssue | null {
  return dueOnProblem(date, today)
    ? { path, code: 'before_today', message: `must be today (${today}) or later` }
    : null;
}

/** A status change the record's life cycle does not allow: 409, naming both ends. */
export function invalidTransition(entity: string, from: string, to: string): AppError {
  return new AppError('conflict', `A ${from} ${entity} cannot become ${to}`, {
    errors: [{ path: 'status', code: 'invalid_transition', message: `cannot go from ${from} to ${to}` }],
  });
}

/** A referenced customer that is no longer worked with (invalid, merged): 409 naming its status. */
export function customerInactive(status: string): AppError {
  return new AppError('conflict', `The customer is ${status}; only active customers take new work`, {
    errors: [{ path: 'customerId', code: 'customer_inactive', message: `the customer is ${status}` }],
  });
}

export function throwIfIssues(issues: readonly FieldIssue[]): void {
  if (issues.length)
    throw new AppError('validation_failed', 'Some fields are not valid', { errors: [...issues] });
}

/**
 * The person work is given to (a task's owner, a visit's visitor): an active user the actor may
 * hand work to — themselves always, their team if they manage one. Unknown people are a 400 on the
 * field; people outside the actor's reach a 403.
 */
export async function checkAssignee(
  ctx: Ctx,
  userId: string,
  path: string,
): Promise<{ id: string; name: string; department_id: string | null }> {
  const person = await findAssignee(ctx.db, userId);
  if (!person) {
    throw new AppError('validation_failed', 'Some fields are not valid', {
      errors: [{ path, code: 'not_found', message: 'no active user with this id' }],
    });
  }
  if (!managesPerson(ctx.actor, await ctx.scope(), { id: person.id, departmentId: person.department_id }))
    throw new AppError('forbidden', `Only their manager may give work to ${person.name}`, {
      errors: [{ path, code: 'not_managed', message: 'you may give work only to yourself or your team' }],
    });
  return person;
}

/**
 * Audits a task change under the task, and — when it concerns a customer — under the customer as
 * well, so the customer's history shows the commitment next to the visit that made it.
 */
export async function auditTaskChange(
  ctx: Ctx,
  action: string,
  before: Task | null,
  after: Task | null,
  snapshot: (t: Task) => Record<string, unknown>,
): Promise<void> {
  const task = after ?? before;
  if (!task) return;
  const entry = { before: before ? snapshot(before) : null, after: after ? snapshot(after) : null };
  await recordAudit(ctx, { action, entity: 'task', entityId: task.id, ...entry });
  const customerIds = new Set([before?.customer?.id, after?.customer?.id].filter((id): id is string => !!id));
  for (const customerId of customerIds)
    await recordAudit(ctx, { action, entity: 'customer', entityId: customerId, ...entry });
}

/**
 * A task the actor may see, locked for a change at the version they saw: 404 when out of reach
 * (nothing is learned about others' tasks), 409 when someone changed it meanwhile.
 */
export async function taskForChange(ctx: Ctx, id: string, version: number): Promise<TaskView> {
  const current = await findTask(ctx.db, reachOf(ctx.actor, await ctx.scope()), id);
  if (!current) throw notFound('Task');
  const locked = await lockTask(ctx.db, id);
  if (locked !== version) throw staleVersion('Task', locked ?? current.version);
  return current;
}

/** An interaction cannot be dated ahead of now beyond the phones' clock-skew tolerance. */
export function occurredAtIssue(occurredAt: Date, now: Date, toleranceMinutes: number): FieldIssue | null {
  return occurredAtProblem(occurredAt, now, toleranceMinutes)
    ? {
        path: 'occurredAt',
        code: 'in_future',
        message: `must not be more than ${toleranceMinutes} minutes ahead of now`,
      }
    : null;
}

/** Contacts must be the customer's, colleagues active users; each wrong one is named by its index. */
export async function participantIssues(
  ctx: Ctx,
  customerId: string,
  contactIds: readonly string[],
  staffIds: readonly string[],
): Promise<FieldIssue[]> {
  const [contacts, staff] = await Promise.all([
    contactsOfCustomer(ctx.db, customerId, contactIds),
    activeUsers(ctx.db, [...new Set(staffIds)]),
  ]);
  const active = new Set(staff.map((s) => s.id));
  return [
    ...contactIds.flatMap((id, n) =>
      contacts.has(id)
        ? []
        : [{ path: `contactIds.${n}`, code: 'not_found', message: 'not a contact of this customer' }],
    ),
    ...staffIds.flatMap((id, n) =>
      active.has(id)
        ? []
        : [{ path: `staffIds.${n}`, code: 'not_found', message: 'no active user with this id' }],
    ),
  ];
}
