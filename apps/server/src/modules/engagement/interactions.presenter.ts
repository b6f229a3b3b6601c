import type { Attachment, Interaction } from '@weixi/shared';
import type { InteractionView, Participants } from './interactions.repository';

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * Only these fields of an interaction leave the server. Contacts are named with their position,
 * never their phone numbers or addresses (those stay behind the customer's masking rules).
 */
export function presentInteraction(
  row: InteractionView,
  participants: Participants,
  attachments: Map<string, Attachment[]>,
): Interaction {
  return {
    id: row.id,
    customer: {
      id: row.customer_id,
      name: row.customer_name,
      grade: row.customer_grade as Interaction['customer']['grade'],
      category: row.customer_category as Interaction['customer']['category'],
    },
    channel: row.channel as Interaction['channel'],
    direction: row.direction as Interaction['direction'],
    occurredAt: iso(row.occurred_at),
    summary: row.summary,
    needsFound: row.needs_found,
    nextStep: row.next_step,
    guide: {
      business: row.guide_business,
      needs: row.guide_needs,
      rapport: row.guide_rapport,
      value: row.guide_value,
    },
    contacts: participants.contacts.get(row.id) ?? [],
    staff: participants.staff.get(row.id) ?? [],
    visitId: row.visit_id,
    qualifies: row.qualifies,
    attachments: attachments.get(row.id) ?? [],
    loggedBy: row.created_by ? { id: row.created_by, name: row.logger_name ?? '' } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** What the audit log keeps of an interaction (the customer's history shows it). */
export function auditInteraction(i: Interaction): Record<string, unknown> {
  return {
    interactionId: i.id,
    channel: i.channel,
    direction: i.direction,
    occurredAt: i.occurredAt,
    summary: i.summary,
    needsFound: i.needsFound,
    nextStep: i.nextStep,
    guide: i.guide,
    contactIds: i.contacts.map((c) => c.id),
    staffIds: i.staff.map((s) => s.id),
    visitId: i.visitId,
    qualifies: i.qualifies,
  };
}
