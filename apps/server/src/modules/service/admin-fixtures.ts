import { newId } from '@weixi/db';
import type { Harness } from '../../testing/harness';

// Test data for the service-admin tests: tickets written straight into the table, so the SLA watch
// and the figures can be tested on hand-built rows whatever state the tickets API is in.

export interface TicketFixture {
  customerId: string;
  ownerId?: string | null;
  contactId?: string | null;
  kind?: 'complaint' | 'service_request' | 'question';
  channel?: 'phone' | 'email' | 'online' | 'wechat' | 'visit';
  priority?: 'urgent' | 'high' | 'normal' | 'low';
  important?: boolean;
  subject?: string;
  categoryId?: string | null;
  rootCauseId?: string | null;
  status?: 'new' | 'acknowledged' | 'in_progress' | 'resolved' | 'closed';
  receivedAt: Date;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  reopenCount?: number;
  firstResponseTargetMs?: number;
  resolutionTargetMs?: number;
  /** Default 'calendar'; a business-mode fixture should give its due times too. */
  firstResponseMode?: 'business' | 'calendar';
  resolutionMode?: 'business' | 'calendar';
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date;
  waitingSince?: Date | null;
  firstResponseBreached?: boolean;
  resolutionBreached?: boolean;
}

const hour = 3_600_000;

export async function insertTicket(h: Harness, f: TicketFixture): Promise<{ id: string; number: string }> {
  const id = newId();
  const frTarget = f.firstResponseTargetMs ?? 24 * hour;
  const resTarget = f.resolutionTargetMs ?? 72 * hour;
  const frDue = f.firstResponseDueAt ?? new Date(f.receivedAt.getTime() + frTarget);
  const resDue = f.resolutionDueAt ?? new Date(f.receivedAt.getTime() + resTarget);
  const row = await h.database.db
    .insertInto('ticket')
    .values({
      id,
      customer_id: f.customerId,
      contact_id: f.contactId ?? null,
      channel: f.channel ?? 'email',
      kind: f.kind ?? 'service_request',
      category_id: f.categoryId ?? null,
      priority: f.priority ?? 'normal',
      important: f.important ?? false,
      subject: f.subject ?? '设备异响',
      owner_id: f.ownerId ?? null,
      status: f.status ?? 'new',
      root_cause_id: f.rootCauseId ?? null,
      received_at: f.receivedAt,
      first_response_at: f.firstResponseAt ?? null,
      resolved_at: f.resolvedAt ?? null,
      closed_at: f.closedAt ?? null,
      reopen_count: f.reopenCount ?? 0,
      first_response_target_ms: frTarget,
      first_response_mode: f.firstResponseMode ?? 'calendar',
      resolution_target_ms: resTarget,
      resolution_mode: f.resolutionMode ?? 'calendar',
      first_response_due_at: frDue,
      resolution_due_at: resDue,
      next_due_at: f.firstResponseAt ? resDue : frDue,
      waiting_since: f.waitingSince ?? null,
      first_response_breached: f.firstResponseBreached ?? false,
      resolution_breached: f.resolutionBreached ?? false,
      created_at: f.receivedAt,
      updated_at: f.receivedAt,
    })
    .returning('number')
    .executeTakeFirstOrThrow();
  return { id, number: String(row.number) };
}

/** An active survey with one CSAT and one NPS question. */
export async function insertSurvey(
  h: Harness,
  status: 'draft' | 'active' | 'archived' = 'active',
): Promise<string> {
  const id = newId();
  await h.database.db
    .insertInto('survey')
    .values({
      id,
      title: '服务满意度回访',
      questions: JSON.stringify([
        { id: 'q1', type: 'csat', label: '您对本次服务满意吗？', required: true },
        { id: 'q2', type: 'nps', label: '您愿意推荐我们吗？', required: false },
      ]),
      status,
    })
    .execute();
  return id;
}

/** A survey answer tied to a ticket (with its invitation, which the table requires). */
export async function insertResponse(
  h: Harness,
  r: {
    surveyId: string;
    customerId: string;
    ticketId: string;
    csat: number | null;
    nps: number | null;
    at: Date;
  },
): Promise<void> {
  const invitation = newId();
  await h.database.db
    .insertInto('survey_invitation')
    .values({
      id: invitation,
      survey_id: r.surveyId,
      customer_id: r.customerId,
      ticket_id: r.ticketId,
      channel: 'link',
      sent_at: r.at,
      expires_at: new Date(r.at.getTime() + 14 * 86_400_000),
      answered_at: r.at,
    })
    .execute();
  await h.database.db
    .insertInto('survey_response')
    .values({
      id: newId(),
      invitation_id: invitation,
      survey_id: r.surveyId,
      customer_id: r.customerId,
      ticket_id: r.ticketId,
      submitted_at: r.at,
      answers: JSON.stringify({ q1: r.csat, q2: r.nps }),
      csat: r.csat,
      nps: r.nps,
    })
    .execute();
}
