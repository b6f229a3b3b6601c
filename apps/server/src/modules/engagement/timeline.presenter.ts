import type { TimelineItem } from '@weixi/shared';
import { maskContactDetails } from '../customers/use-cases/customer-history';
import type { TimelineRow } from './timeline.repository';

export interface TimelineContext {
  /** Names of the people the page mentions (one query per page). */
  names: Map<string, string>;
  /** Whether the reader sees the customer's contact details masked (then edits are masked too). */
  masked: boolean;
  /** The survivors `customer.merged_into` entries point at, with a name only where the reader may read it. */
  survivors: Map<string, { id: string; name: string | null }>;
}

/** Timestamps inside `data` arrive as text from the database; they leave as every other one does. */
const isoOrNull = (v: string | null) => (v === null ? null : new Date(v).toISOString());

const asObject = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

/** The survivor id of a `customer.merged_into` entry. */
export function survivorOf(row: TimelineRow): string | null {
  if (row.kind !== 'edit' || row.data.action !== 'customer.merged_into') return null;
  const id = asObject(row.data.after)?.mergedIntoId;
  return typeof id === 'string' ? id : null;
}

/** Every person a row names: the actor, and the participants, owners and visitors in its data. */
export function peopleOf(row: TimelineRow): string[] {
  const ids = row.actor_id ? [row.actor_id] : [];
  switch (row.kind) {
    case 'interaction':
      return [...ids, ...row.data.staffIds];
    case 'visit':
      return [...ids, row.data.visitorId];
    case 'task':
      return [...ids, row.data.ownerId];
    case 'owner':
      return [...ids, row.data.fromId, row.data.toId].filter((x): x is string => x !== null);
    default:
      return ids;
  }
}

export function presentTimelineItem(row: TimelineRow, ctx: TimelineContext): TimelineItem {
  const ref = (id: string | null) => (id ? { id, name: ctx.names.get(id) ?? '' } : null);
  const base = {
    id: `${row.kind}:${row.source_id}`,
    kind: row.kind,
    at: row.at.toISOString(),
    actor: ref(row.actor_id),
  };
  switch (row.kind) {
    case 'interaction': {
      const d = row.data;
      return {
        ...base,
        data: {
          channel: d.channel,
          direction: d.direction,
          summary: d.summary,
          needsFound: d.needsFound,
          nextStep: d.nextStep,
          guide: d.guide,
          contacts: d.contacts.map((c) => ({ id: c.id, name: c.name })),
          staff: d.staffIds.map((id) => ref(id)!),
          visitId: d.visitId,
          qualifies: d.qualifies,
        },
      };
    }
    case 'visit': {
      const d = row.data;
      return {
        ...base,
        data: {
          status: d.status,
          plannedOn: d.plannedOn,
          plannedTime: d.plannedTime,
          purpose: d.purpose,
          visitor: ref(d.visitorId),
          checkIn: d.checkInAt
            ? { at: isoOrNull(d.checkInAt), flag: d.checkInFlag, distanceM: d.checkInDistanceM }
            : null,
          report: d.reportedAt ? { summary: d.reportSummary, reportedAt: isoOrNull(d.reportedAt) } : null,
          cancelReason: d.cancelReason,
        },
      };
    }
    case 'task': {
      const d = row.data;
      return {
        ...base,
        data: {
          title: d.title,
          status: d.status,
          dueOn: d.dueOn,
          owner: ref(d.ownerId),
          source: d.source,
          completedAt: isoOrNull(d.completedAt),
        },
      };
    }
    case 'order': {
      const d = row.data;
      return {
        ...base,
        data: {
          orderedOn: d.orderedOn,
          product: { id: d.productId, name: d.productName },
          quantity: Number(d.quantity),
          amountFen: Number(d.amountFen),
          channel: d.channel,
        },
      };
    }
    case 'ticket': {
      const d = row.data;
      return {
        ...base,
        data: {
          ticket: {
            id: d.ticketId,
            number: Number(d.number),
            subject: d.subject,
            kind: d.ticketKind,
            status: d.status,
          },
          event: d.event,
          visibility: d.visibility,
          body: d.body,
          data: d.data,
        },
      };
    }
    case 'grade': {
      const d = row.data;
      return { ...base, data: { from: d.from, to: d.to, cause: d.cause, reason: d.reason } };
    }
    case 'owner': {
      const d = row.data;
      return { ...base, data: { kind: d.kind, from: ref(d.fromId), to: ref(d.toId), reason: d.reason } };
    }
    case 'edit': {
      const d = row.data;
      const survivorId = survivorOf(row);
      const survivor = survivorId ? ctx.survivors.get(survivorId) : undefined;
      const after = survivor ? { ...asObject(d.after), mergedInto: survivor } : d.after;
      return {
        ...base,
        data: {
          action: d.action,
          before: ctx.masked ? maskContactDetails(d.before) : d.before,
          after: ctx.masked ? maskContactDetails(after) : after,
        },
      };
    }
  }
}
