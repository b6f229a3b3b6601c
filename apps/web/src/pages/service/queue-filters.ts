import {
  type TicketChannel,
  type TicketKind,
  type TicketPriority,
  type TicketStatus,
  ticketChannels,
  ticketKinds,
  ticketPriorities,
  ticketStatuses,
} from '@weixi/shared';
import type { TicketQuery } from '../../api/service-tickets';

/** The queue's views: 我的, 团队 (managers), 即将超时, 已超时. */
export const queueSegments = ['mine', 'team', 'soon', 'breached'] as const;
export type QueueSegment = (typeof queueSegments)[number];

export interface QueueFilters {
  segment: QueueSegment;
  /** Empty: the server's default, the open statuses. */
  statuses: TicketStatus[];
  kind: TicketKind | null;
  priority: TicketPriority | null;
  channel: TicketChannel | null;
  categoryId: string | null;
  ownerId: string | null;
  q: string;
}

export const emptyFilters: QueueFilters = {
  segment: 'mine',
  statuses: [],
  kind: null,
  priority: null,
  channel: null,
  categoryId: null,
  ownerId: null,
  q: '',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(list: readonly T[], v: string | null): T | null {
  return v !== null && (list as readonly string[]).includes(v) ? (v as T) : null;
}

/** The segments a role sees: the team queue only for managers. */
export function segmentsFor(canViewTeam: boolean): QueueSegment[] {
  return canViewTeam ? [...queueSegments] : queueSegments.filter((s) => s !== 'team');
}

/**
 * Reads the queue's filters from the address (so a link or a reload keeps them), dropping
 * anything unknown or not allowed for the role rather than sending it to be refused.
 */
export function filtersFromParams(params: URLSearchParams, canViewTeam: boolean): QueueFilters {
  const segment = oneOf(segmentsFor(canViewTeam), params.get('view')) ?? 'mine';
  const statuses = (params.get('status') ?? '')
    .split(',')
    .map((s) => oneOf(ticketStatuses, s))
    .filter((s): s is TicketStatus => s !== null);
  const id = (v: string | null) => (v !== null && uuid.test(v) ? v : null);
  return {
    segment,
    statuses: [...new Set(statuses)],
    kind: oneOf(ticketKinds, params.get('kind')),
    priority: oneOf(ticketPriorities, params.get('priority')),
    channel: oneOf(ticketChannels, params.get('channel')),
    categoryId: id(params.get('categoryId')),
    ownerId: canViewTeam ? id(params.get('ownerId')) : null,
    q: (params.get('q') ?? '').trim().slice(0, 100),
  };
}

/** The address parameters for filters: defaults are left out, so the plain queue stays /service. */
export function paramsOf(f: QueueFilters): Record<string, string | null> {
  return {
    view: f.segment === 'mine' ? null : f.segment,
    status: f.statuses.length > 0 ? f.statuses.join(',') : null,
    kind: f.kind,
    priority: f.priority,
    channel: f.channel,
    categoryId: f.categoryId,
    ownerId: f.ownerId,
    q: f.q.trim() === '' ? null : f.q.trim(),
  };
}

/**
 * The server query for the filters. 即将超时 and 已超时 look over the team for managers and over
 * one's own tickets otherwise; "mine" ignores an owner filter (it is the owner filter).
 */
export function ticketQueryOf(f: QueueFilters, canViewTeam: boolean): TicketQuery {
  const scope: TicketQuery['view'] = canViewTeam ? 'team' : 'mine';
  const view: TicketQuery['view'] = f.segment === 'mine' ? 'mine' : f.segment === 'team' ? 'team' : scope;
  const q: TicketQuery = { view };
  if (f.segment === 'soon' || f.segment === 'breached') q.breaching = f.segment;
  if (f.statuses.length > 0) q.status = f.statuses.join(',');
  if (f.kind) q.kind = f.kind;
  if (f.priority) q.priority = f.priority;
  if (f.channel) q.channel = f.channel;
  if (f.categoryId) q.categoryId = f.categoryId;
  if (f.ownerId && canViewTeam && view !== 'mine') q.ownerId = f.ownerId;
  const term = f.q.trim();
  if (term) q.q = term;
  return q;
}

/** Whether any filter beyond the view is set: the empty state then says "nothing matches". */
export function hasFilters(f: QueueFilters): boolean {
  return (
    f.statuses.length > 0 ||
    f.kind !== null ||
    f.priority !== null ||
    f.channel !== null ||
    f.categoryId !== null ||
    f.ownerId !== null ||
    f.q.trim() !== ''
  );
}
