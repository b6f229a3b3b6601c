import type { GuideTopic, TimelineItem } from '@weixi/shared';
import { guideTopicsOf } from './interaction-form';

/**
 * One timeline item's `data` (a free-form record per kind, see timelineItemSchema) read into a
 * typed shape the page renders. Reading is forgiving: a missing or odd value becomes empty rather
 * than breaking the whole feed, since the feed mixes records written over years.
 */
export type TimelineEntry =
  | {
      kind: 'interaction';
      id: string | null;
      channel: string;
      direction: string;
      summary: string;
      needsFound: string;
      nextStep: string;
      guide: GuideTopic[];
      contacts: string[];
      staff: string[];
      visitId: string | null;
    }
  | {
      kind: 'visit';
      id: string | null;
      status: string;
      plannedOn: string;
      purpose: string;
      checkInFlag: string | null;
      distanceM: number | null;
      reportSummary: string;
    }
  | {
      kind: 'task';
      id: string | null;
      title: string;
      status: string;
      dueOn: string;
      owner: string;
      source: string;
    }
  | {
      kind: 'order';
      orderedOn: string;
      product: string;
      quantity: number | null;
      amountFen: number | null;
      channel: string;
    }
  | {
      kind: 'ticket';
      /** The ticket's id (the feed's own id names the ticket event). */
      id: string | null;
      number: string;
      subject: string;
      status: string;
      event: string;
      visibility: string;
      body: string;
    }
  | { kind: 'grade'; from: string | null; to: string | null; cause: string; reason: string }
  | { kind: 'owner'; change: string; from: string | null; to: string | null; reason: string }
  | {
      kind: 'edit';
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    };

type Data = Record<string, unknown>;

const isRecord = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strOrNull = (v: unknown): string | null => {
  const s = nameOf(v);
  return s === '' ? null : s;
};
const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
};
/** A person or thing given as a name or as {name}. */
function nameOf(v: unknown): string {
  if (isRecord(v)) return str(v.name);
  return str(v);
}
function names(v: unknown): string[] {
  return Array.isArray(v) ? v.map(nameOf).filter((s) => s !== '') : [];
}

/** The source record's id: `data.id`, else the part of the feed id after "kind:". */
function sourceId(item: TimelineItem): string | null {
  const own = str(item.data.id);
  if (own) return own;
  const colon = item.id.indexOf(':');
  return colon > 0 ? item.id.slice(colon + 1) : null;
}

export function timelineEntry(item: TimelineItem): TimelineEntry {
  const d = item.data;
  switch (item.kind) {
    case 'interaction':
      return {
        kind: 'interaction',
        id: sourceId(item),
        channel: str(d.channel),
        direction: str(d.direction),
        summary: str(d.summary),
        needsFound: str(d.needsFound),
        nextStep: str(d.nextStep),
        guide: guideTopicsOf(isRecord(d.guide) ? (d.guide as Partial<Record<GuideTopic, boolean>>) : null),
        contacts: names(d.contacts),
        staff: names(d.staff),
        visitId: str(d.visitId) || null,
      };
    case 'visit': {
      const checkIn = isRecord(d.checkIn) ? d.checkIn : null;
      const report = isRecord(d.report) ? d.report : null;
      return {
        kind: 'visit',
        id: sourceId(item),
        status: str(d.status),
        plannedOn: str(d.plannedOn),
        purpose: str(d.purpose),
        checkInFlag: str(checkIn?.flag ?? d.checkInFlag) || null,
        distanceM: num(checkIn?.distanceM ?? d.distanceM),
        reportSummary: str(report?.summary ?? d.reportSummary ?? d.summary),
      };
    }
    case 'task':
      return {
        kind: 'task',
        id: sourceId(item),
        title: str(d.title),
        status: str(d.status),
        dueOn: str(d.dueOn),
        owner: nameOf(d.owner),
        source: str(d.source),
      };
    case 'order':
      return {
        kind: 'order',
        orderedOn: str(d.orderedOn),
        product: nameOf(d.product),
        quantity: num(d.quantity),
        amountFen: num(d.amountFen),
        channel: str(d.channel),
      };
    case 'ticket': {
      const ticket = isRecord(d.ticket) ? d.ticket : {};
      return {
        kind: 'ticket',
        id: str(ticket.id) || null,
        number: str(ticket.number),
        subject: str(ticket.subject),
        status: str(ticket.status),
        event: str(d.event),
        visibility: str(d.visibility),
        body: str(d.body),
      };
    }
    case 'grade':
      return {
        kind: 'grade',
        from: strOrNull(d.from),
        to: strOrNull(d.to),
        cause: str(d.cause),
        reason: str(d.reason),
      };
    case 'owner':
      return {
        kind: 'owner',
        change: str(d.kind ?? d.change),
        from: strOrNull(d.from),
        to: strOrNull(d.to),
        reason: str(d.reason),
      };
    default:
      return {
        kind: 'edit',
        action: str(d.action),
        before: isRecord(d.before) ? d.before : null,
        after: isRecord(d.after) ? d.after : null,
      };
  }
}
