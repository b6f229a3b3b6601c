import {
  type BusinessCalendar,
  type SlaClockMode,
  type SlaPause,
  slaStatus,
  ticketTransition,
  warnBeforeMs,
} from '@weixi/domain';
import {
  type CustomerGrade,
  type SlaTimer,
  type Ticket,
  type TicketAction,
  type TicketChannel,
  type TicketEvent,
  type TicketKind,
  type TicketListItem,
  type TicketPriority,
  type TicketStage,
  type TicketStatus,
  ticketActions,
} from '@weixi/shared';
import type { EventRow, PauseRow, TicketListRow, TicketView } from './tickets.repository';

const iso = (d: Date | string): string => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null): string | null => (d === null ? null : iso(d));
const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** Only these fields of a queue row leave the server. */
export function presentTicketListItem(row: TicketListRow): TicketListItem {
  return {
    id: row.id,
    number: Number(row.number),
    subject: row.subject,
    customer: {
      id: row.customer_id,
      name: row.customer_name,
      grade: row.customer_grade as CustomerGrade | null,
    },
    owner: ref(row.owner_id, row.owner_name),
    channel: row.channel as TicketChannel,
    kind: row.kind as TicketKind,
    priority: row.priority as TicketPriority,
    important: row.important,
    status: row.status as TicketStatus,
    stage: row.stage as TicketStage,
    category: ref(row.category_id, row.category_name),
    receivedAt: iso(row.received_at),
    nextDueAt: isoOrNull(row.next_due_at),
    nextWarned: row.next_warned,
    waiting: row.waiting_since !== null,
    firstResponseBreached: row.first_response_breached,
    resolutionBreached: row.resolution_breached,
  };
}

export interface TicketReadContext {
  now: Date;
  calendar: BusinessCalendar;
  warnBeforePercent: number;
  reopenWindowDays: number;
}

function timer(
  startedAt: Date,
  targetMs: number,
  mode: SlaClockMode,
  metAt: Date | null,
  pauses: readonly SlaPause[],
  rc: TicketReadContext,
): SlaTimer {
  const s = slaStatus({
    startedAt,
    targetMs,
    now: rc.now,
    calendar: rc.calendar,
    mode,
    pauses,
    metAt,
    warnBeforeMs: warnBeforeMs(targetMs, rc.warnBeforePercent),
  });
  return {
    state: s.state,
    mode,
    targetMs,
    elapsedMs: s.elapsedMs,
    remainingMs: s.remainingMs,
    dueAt: s.dueAt.toISOString(),
    metAt: isoOrNull(metAt),
  };
}

/**
 * What may be done next, for the buttons: the status flow's answer given the ticket as it is.
 * Inputs the form asks for (a root cause, a reason) are taken as given, so "close" shows on a
 * complaint without a root cause and the form asks for one.
 */
export function allowedActions(row: TicketView, rc: TicketReadContext): TicketAction[] {
  return ticketActions.filter(
    (action) =>
      ticketTransition(
        {
          status: row.status as TicketStatus,
          kind: row.kind as TicketKind,
          stage: row.stage as TicketStage,
          rootCauseId: row.root_cause_id,
          important: row.important,
        },
        action,
        {
          rootCauseId: row.root_cause_id ?? 'chosen-in-the-form',
          reason: 'given in the form',
          closedAt: row.closed_at ? new Date(row.closed_at) : null,
          now: rc.now,
          reopenWindowDays: rc.reopenWindowDays,
        },
      ).ok,
  );
}

/** One ticket with both SLA timers computed at `rc.now` (slaStatus). */
export function presentTicket(
  row: TicketView,
  pauseRows: readonly PauseRow[],
  rc: TicketReadContext,
): Ticket {
  const pauses = pauseRows.map((p) => ({
    from: new Date(p.from_at),
    to: p.to_at ? new Date(p.to_at) : null,
  }));
  const received = new Date(row.received_at);
  return {
    ...presentTicketListItem(row),
    contact: ref(row.contact_id, row.contact_name),
    description: row.description,
    rootCause: ref(row.root_cause_id, row.root_cause_name),
    resolution: row.resolution,
    firstResponseAt: isoOrNull(row.first_response_at),
    resolvedAt: isoOrNull(row.resolved_at),
    closedAt: isoOrNull(row.closed_at),
    reopenCount: row.reopen_count,
    sla: {
      firstResponse: timer(
        received,
        Number(row.first_response_target_ms),
        row.first_response_mode as SlaClockMode,
        row.first_response_at ? new Date(row.first_response_at) : null,
        pauses,
        rc,
      ),
      resolution: timer(
        received,
        Number(row.resolution_target_ms),
        row.resolution_mode as SlaClockMode,
        row.resolved_at ? new Date(row.resolved_at) : null,
        pauses,
        rc,
      ),
    },
    pauses: pauseRows.map((p) => ({ from: iso(p.from_at), to: isoOrNull(p.to_at), reason: p.reason })),
    allowedActions: allowedActions(row, rc),
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function presentTicketEvent(row: EventRow): TicketEvent {
  return {
    id: row.id,
    at: iso(row.at),
    actor: ref(row.actor_id, row.actor_name),
    kind: row.kind,
    visibility: row.visibility === 'customer' ? 'customer' : 'internal',
    body: row.body,
    data: row.data ?? {},
  };
}
