import type { Attachment, Visit } from '@weixi/shared';
import type { VisitView } from './visits.repository';

const iso = (d: Date | string): string => new Date(d).toISOString();
const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

export interface VisitExtras {
  attachments: Map<string, Attachment[]>;
  /** visit id → the interaction its report made */
  interactionIds: Map<string, string>;
  /** visit id → the tasks its commitments became */
  taskIds: Map<string, string[]>;
}

interface ReceivedBy {
  name: string;
  position: string;
  decisionAuthority: boolean;
  contactId: string | null;
}

/** Only these fields of a visit leave the server. */
export function presentVisit(row: VisitView, extras: VisitExtras): Visit {
  return {
    id: row.id,
    customer: {
      id: row.customer_id,
      name: row.customer_name,
      grade: row.customer_grade as Visit['customer']['grade'],
      category: row.customer_category as Visit['customer']['category'],
      address: row.customer_address,
      latitude: num(row.customer_latitude),
      longitude: num(row.customer_longitude),
    },
    visitor: { id: row.visitor_id, name: row.visitor_name },
    plannedOn: row.planned_on,
    // pg gives HH:MM:SS; plans are made to the minute.
    plannedTime: row.planned_time ? row.planned_time.slice(0, 5) : null,
    stopOrder: row.stop_order,
    purpose: row.purpose,
    objectives: row.objectives,
    materials: row.materials,
    status: row.status as Visit['status'],
    cancelReason: row.cancel_reason,
    checkIn: row.check_in_at
      ? {
          at: iso(row.check_in_at),
          latitude: num(row.check_in_latitude),
          longitude: num(row.check_in_longitude),
          accuracyM: row.check_in_accuracy_m,
          distanceM: row.check_in_distance_m,
          flag: (row.check_in_flag ?? 'no_location') as NonNullable<Visit['checkIn']>['flag'],
        }
      : null,
    report: row.reported_at
      ? {
          receivedBy: (row.received_by as ReceivedBy[]).map((r) => ({
            name: r.name,
            position: r.position,
            decisionAuthority: r.decisionAuthority,
            contactId: r.contactId ?? null,
          })),
          needs: row.needs,
          problems: row.problems,
          objections: row.objections,
          prospects: row.prospects,
          competitorInfo: row.competitor_info,
          creditChange: (row.credit_change ?? 'none') as NonNullable<Visit['report']>['creditChange'],
          creditChangeCause: row.credit_change_cause,
          summary: row.report_summary,
          reportedAt: iso(row.reported_at),
          interactionId: extras.interactionIds.get(row.id) ?? null,
          taskIds: extras.taskIds.get(row.id) ?? [],
        }
      : null,
    attachments: extras.attachments.get(row.id) ?? [],
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** What the audit log keeps of a visit (under its customer, so the customer's history shows it). */
export function auditVisit(v: Visit): Record<string, unknown> {
  return {
    visitId: v.id,
    visitorId: v.visitor.id,
    plannedOn: v.plannedOn,
    plannedTime: v.plannedTime,
    stopOrder: v.stopOrder,
    purpose: v.purpose,
    objectives: v.objectives,
    materials: v.materials,
    status: v.status,
    cancelReason: v.cancelReason,
    checkIn: v.checkIn,
    report: v.report,
  };
}
