import { newId } from '@weixi/db';
import type { Survey } from '@weixi/shared';
import type { Harness, Session } from '../../testing/harness';

// Test helpers of the survey tests (not used by the server).

export const sampleQuestions = [
  { id: 'sat', type: 'csat', label: '总体满意度', required: true },
  { id: 'nps', type: 'nps', label: '您向朋友推荐我们的可能性', required: false },
  { id: 'why', type: 'single_choice', label: '主要原因', required: false, options: ['速度', '态度', '质量'] },
  {
    id: 'good',
    type: 'multi_choice',
    label: '做得好的方面',
    required: false,
    options: ['响应', '专业', '礼貌'],
  },
  { id: 'note', type: 'free_text', label: '其他建议', required: false },
];

/** A survey created (and by default activated) by an administrator; fails the test otherwise. */
export async function makeSurvey(
  h: Harness,
  admin: Session,
  opts: { title?: string; intro?: string; questions?: unknown[]; activate?: boolean } = {},
): Promise<Survey> {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/surveys',
    as: admin,
    payload: {
      title: opts.title ?? '服务满意度调查',
      intro: opts.intro ?? '感谢您抽出时间。',
      questions: opts.questions ?? sampleQuestions,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create survey: ${res.statusCode} ${res.body}`);
  const survey = res.json<Survey>();
  if (opts.activate === false) return survey;
  const act = await h.request({
    method: 'POST',
    url: `/api/v1/surveys/${survey.id}/activate`,
    as: admin,
    payload: { version: survey.version },
  });
  if (act.statusCode !== 200) throw new Error(`activate survey: ${act.statusCode} ${act.body}`);
  return act.json<Survey>();
}

export interface Invited {
  invitation: {
    id: string;
    channel: string;
    recipient: string | null;
    expiresAt: string;
    answeredAt: string | null;
  };
  link: string;
  token: string;
}

export async function invite(
  h: Harness,
  as: Session,
  surveyId: string,
  body: Record<string, unknown>,
): Promise<Invited> {
  const res = await h.request({
    method: 'POST',
    url: `/api/v1/surveys/${surveyId}/invitations`,
    as,
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`invite: ${res.statusCode} ${res.body}`);
  const out = res.json<Omit<Invited, 'token'>>();
  return { ...out, token: tokenOf(out.link) };
}

export const tokenOf = (link: string): string => link.split('/s/')[1] ?? '';

/** A ticket row written directly: the survey tests need one to attach to, not the ticket flow. */
export async function insertTicket(
  h: Harness,
  customerId: string,
  ownerId: string | null,
  contactId: string | null = null,
): Promise<{ id: string; number: string }> {
  const id = newId();
  const now = h.clock.now();
  const row = await h.database.db
    .insertInto('ticket')
    .values({
      id,
      customer_id: customerId,
      contact_id: contactId,
      channel: 'phone',
      kind: 'complaint',
      priority: 'normal',
      subject: '测试工单',
      owner_id: ownerId,
      status: 'resolved',
      stage: 'collect_feedback',
      received_at: now,
      resolved_at: now,
      first_response_target_ms: 60_000,
      first_response_mode: 'calendar',
      resolution_target_ms: 86_400_000,
      resolution_mode: 'calendar',
      first_response_due_at: now,
      resolution_due_at: now,
      created_at: now,
      updated_at: now,
      created_by: ownerId,
      updated_by: ownerId,
    })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
  return { id: row.id, number: String(row.number) };
}

export const submitJson = (h: Harness, token: string, answers: unknown) =>
  h.request({ method: 'POST', url: '/api/v1/public/survey-responses', payload: { token, answers } });

export const responseCount = async (h: Harness, surveyId?: string): Promise<number> => {
  let q = h.database.db.selectFrom('survey_response').select((eb) => eb.fn.countAll<string>().as('n'));
  if (surveyId) q = q.where('survey_id', '=', surveyId);
  return Number((await q.executeTakeFirstOrThrow()).n);
};
