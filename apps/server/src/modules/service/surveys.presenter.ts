import type { Survey, SurveyInvitation, SurveySchedule } from '@weixi/shared';
import type { InvitationRow, ScheduleView, SurveyWithCount } from './surveys.repository';

const iso = (d: Date | string): string => new Date(d).toISOString();

/** Only these fields of a survey leave the server. */
export function presentSurvey(row: SurveyWithCount): Survey {
  return {
    id: row.id,
    title: row.title,
    intro: row.intro,
    questions: row.questions.map((q) => ({
      id: q.id,
      type: q.type,
      label: q.label,
      required: q.required,
      ...(q.options ? { options: [...q.options] } : {}),
    })),
    status: row.status as Survey['status'],
    responses: row.responses,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** What the audit log keeps of a survey. */
export function auditSurvey(s: Survey): Record<string, unknown> {
  return { title: s.title, intro: s.intro, questions: s.questions, status: s.status };
}

export function presentInvitation(row: InvitationRow): SurveyInvitation {
  return {
    id: row.id,
    channel: row.channel as SurveyInvitation['channel'],
    recipient: row.recipient,
    sentAt: iso(row.sent_at),
    expiresAt: iso(row.expires_at),
    answeredAt: row.answered_at ? iso(row.answered_at) : null,
  };
}

export function presentSchedule(row: ScheduleView): SurveySchedule {
  const a = row.audience as SurveySchedule['audience'];
  return {
    id: row.id,
    surveyId: row.survey_id,
    survey: { id: row.survey_id, title: row.survey_title, status: row.survey_status as Survey['status'] },
    name: row.name,
    audience: {
      ...(a.grades ? { grades: a.grades } : {}),
      ...(a.categories ? { categories: a.categories } : {}),
      ...(a.customerIds ? { customerIds: a.customerIds } : {}),
    },
    intervalDays: row.interval_days,
    nextRunOn: row.next_run_on,
    lastRunAt: row.last_run_at ? iso(row.last_run_at) : null,
    active: row.active,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function auditSchedule(s: SurveySchedule): Record<string, unknown> {
  return {
    surveyId: s.surveyId,
    name: s.name,
    audience: s.audience,
    intervalDays: s.intervalDays,
    nextRunOn: s.nextRunOn,
    active: s.active,
  };
}
