import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { issues } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { insertTicket, invite, makeSurvey, responseCount, submitJson } from './survey-fixtures';

let h: Harness;
let admin: Session;
let am: Session;
let agent: Session;
let customer: { id: string };
let orphan: { id: string };
let surveyId: string;
const start = '2026-11-25T08:00:00Z';
const xss = '<script>alert(1)</script>';
const attr = '"><img src=x onerror=alert(1)>';

beforeAll(async () => {
  h = await createHarness();
  admin = await h.signIn('admin');
  am = await h.signIn('account_manager');
  agent = await h.signIn('service_agent');
  customer = await createCustomer(h, am, { name: '公开页测试公司' });
  orphan = await createCustomer(h, am, { name: '无负责人公司' });
  await h.database.db.updateTable('customer').set({ owner_id: null }).where('id', '=', orphan.id).execute();
  surveyId = (await makeSurvey(h, admin, { title: '服务回访', intro: '请告诉我们您的感受' })).id;
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

const page = (token: string, query = '') => h.request({ method: 'GET', url: `/s/${token}${query}` });
const form = (token: string, body: string, query = '') =>
  h.request({
    method: 'POST',
    url: `/s/${token}${query}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body,
  });
const fresh = async (body: Record<string, unknown> = {}) =>
  invite(h, am, surveyId, { customerId: customer.id, channel: 'link', ...body });
const answeredAt = async (id: string) =>
  (
    await h.database.db
      .selectFrom('survey_invitation')
      .select(['answered_at', 'opened_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).answered_at;

describe('GET /s/:token', () => {
  it('renders the survey in Chinese by default, mobile-friendly, no script; marks it opened once', async () => {
    const inv = await fresh();
    const res = await page(inv.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-store');
    const html = res.body;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
    expect(html).toContain('<h1>服务回访</h1>');
    expect(html).toContain('请告诉我们您的感受');
    for (let v = 1; v <= 5; v++) expect(html).toContain(`name="q_sat" value="${v}"`);
    for (let v = 0; v <= 10; v++) expect(html).toContain(`name="q_nps" value="${v}"`);
    expect(html).toContain('非常满意');
    expect(html).toContain('type="checkbox" name="q_good" value="专业"');
    expect(html).toContain('<textarea name="q_note"');
    expect(html).toContain(`<form method="post" action="/s/${inv.token}?lang=zh">`);
    expect(html).toContain(`href="/s/${inv.token}?lang=en"`);
    expect(html).not.toMatch(/<script/i);
    const first = await h.database.db
      .selectFrom('survey_invitation')
      .select('opened_at')
      .where('id', '=', inv.invitation.id)
      .executeTakeFirstOrThrow();
    expect(first.opened_at?.toISOString()).toBe('2026-11-25T08:00:00.000Z');
    h.clock.set('2026-11-26T08:00:00Z');
    await page(inv.token);
    const again = await h.database.db
      .selectFrom('survey_invitation')
      .select('opened_at')
      .where('id', '=', inv.invitation.id)
      .executeTakeFirstOrThrow();
    expect(again.opened_at?.toISOString()).toBe('2026-11-25T08:00:00.000Z');
  });

  it('English with ?lang=en or the invitation’s locale; ?lang=zh overrides it', async () => {
    const inv = await fresh();
    const en = await page(inv.token, '?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Very satisfied');
    expect(en.body).toContain('>Submit</button>');
    const enInv = await fresh({ locale: 'en-US' });
    expect((await page(enInv.token)).body).toContain('Very dissatisfied');
    expect((await page(enInv.token, '?lang=zh')).body).toContain('非常不满意');
  });

  it('forged or malformed → 404 "not valid", expired → 410, answered → already answered; nothing stored', async () => {
    const inv = await fresh();
    const [payload, sig] = inv.token.split('.');
    const forged = `${payload}.${sig?.startsWith('A') ? 'B' : 'A'}${sig?.slice(1)}`;
    const bad = await page(forged);
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('链接无效');
    expect((await page('not-a-token')).statusCode).toBe(404);
    expect((await page('not-a-token', '?lang=en')).body).toContain('Link not valid');
    // Someone else's invitation id under our signature format, signed with a wrong secret.
    const other = Buffer.from(JSON.stringify({ i: inv.invitation.id, e: Date.parse('2030-01-01') })).toString(
      'base64url',
    );
    expect((await page(`${other}.${sig}`)).statusCode).toBe(404);

    h.clock.set('2026-12-10T08:00:00Z');
    const expired = await page(inv.token);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('链接已过期');
    const late = await form(inv.token, 'q_sat=5');
    expect(late.statusCode).toBe(410);
    expect(await answeredAt(inv.invitation.id)).toBeNull();
    expect(await responseCount(h, surveyId)).toBe(0);
  });
});

describe('answering', () => {
  it('JSON: forged 404, expired 409, out-of-range / unknown option / missing required 400 by field; nothing stored', async () => {
    const inv = await fresh();
    const forged = await submitJson(h, `${inv.token.split('.')[0]}.AAAA`, { sat: 5 });
    expect(forged.statusCode).toBe(404);
    expect(issues(forged)).toEqual(['token:invalid']);
    const wrong = await submitJson(h, inv.token, {
      sat: 6,
      nps: 11,
      why: '价格',
      good: ['响应', '飞行'],
      extra: 1,
    });
    expect(wrong.statusCode).toBe(400);
    expect(issues(wrong)).toEqual([
      'answers.extra:unknown_question',
      'answers.good:unknown_option',
      'answers.nps:out_of_range',
      'answers.sat:out_of_range',
      'answers.why:unknown_option',
    ]);
    expect(issues(await submitJson(h, inv.token, { nps: 5 }))).toEqual(['answers.sat:required']);
    expect((await submitJson(h, inv.token, 'five')).statusCode).toBe(400);
    expect(await answeredAt(inv.invitation.id)).toBeNull();
    expect(await responseCount(h, surveyId)).toBe(0);

    h.clock.set('2026-12-09T08:00:00Z');
    const expired = await submitJson(h, inv.token, { sat: 5 });
    expect(expired.statusCode).toBe(409);
    expect(issues(expired)).toEqual(['token:expired']);
    expect(await responseCount(h, surveyId)).toBe(0);
  });

  it('stores once: the second submission is 409 already answered; the page then says so', async () => {
    const inv = await fresh();
    const ok = await submitJson(h, inv.token, {
      sat: 4,
      nps: 9,
      why: '速度',
      good: ['响应'],
      note: ' 很好 ',
    });
    expect(ok.statusCode).toBe(201);
    const { id } = ok.json<{ id: string }>();
    const row = await h.database.db
      .selectFrom('survey_response')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      csat: 4,
      nps: 9,
      low_score: false,
      customer_id: customer.id,
      follow_up_task_id: null,
    });
    expect(row.answers).toEqual({ sat: 4, nps: 9, why: '速度', good: ['响应'], note: '很好' });
    const again = await submitJson(h, inv.token, { sat: 1 });
    expect(again.statusCode).toBe(409);
    expect(issues(again)).toEqual(['token:already_answered']);
    const shown = await page(inv.token);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('您已提交过');
    expect((await form(inv.token, 'q_sat=2')).statusCode).toBe(409);
    expect(await responseCount(h, surveyId)).toBe(1);
  });

  it('two concurrent submissions of one token: exactly one is stored', async () => {
    const inv = await fresh();
    const results = await Promise.all([
      submitJson(h, inv.token, { sat: 5 }),
      submitJson(h, inv.token, { sat: 3 }),
      form(inv.token, 'q_sat=4'),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201 || c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(2);
    const n = await h.database.db
      .selectFrom('survey_response')
      .select('id')
      .where('invitation_id', '=', inv.invitation.id)
      .execute();
    expect(n).toHaveLength(1);
  });

  it('the HTML form: errors re-render with the values kept; success thanks; answers stored', async () => {
    const inv = await fresh();
    const bad = await form(
      inv.token,
      `q_nps=12&q_good=${encodeURIComponent('专业')}&q_note=${encodeURIComponent(xss)}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请检查标出的问题后再提交。');
    expect(bad.body).toContain('请回答此题'); // sat is required
    expect(bad.body).toContain('请选择有效的分数'); // nps 12
    expect(bad.body).toContain('name="q_good" value="专业" checked');
    expect(bad.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(bad.body).not.toContain(xss);
    expect(await answeredAt(inv.invitation.id)).toBeNull();

    const ok = await form(
      inv.token,
      `q_sat=5&q_nps=10&q_good=${encodeURIComponent('专业')}&q_good=${encodeURIComponent('礼貌')}&q_note=${encodeURIComponent(xss)}`,
      '?lang=en',
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Thank you for your feedback');
    const row = await h.database.db
      .selectFrom('survey_response')
      .select('answers')
      .where('invitation_id', '=', inv.invitation.id)
      .executeTakeFirstOrThrow();
    expect(row.answers).toEqual({ sat: 5, nps: 10, good: ['专业', '礼貌'], note: xss });
  });

  it('script in a survey title, intro, option or answer is inert on the page', async () => {
    const evil = await makeSurvey(h, admin, {
      title: `${xss} 调查`,
      intro: attr,
      questions: [
        { id: 'sat', type: 'csat', label: `满意吗${attr}`, required: true },
        { id: 'pick', type: 'single_choice', label: xss, options: [attr, '正常'] },
        { id: 'note', type: 'free_text', label: '建议' },
      ],
    });
    const inv = await invite(h, am, evil.id, { customerId: customer.id, channel: 'link' });
    const html = (await page(inv.token)).body;
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; 调查</title>');
    expect(html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
    // The option is still answerable by its exact text.
    const ok = await form(
      inv.token,
      `q_sat=5&q_pick=${encodeURIComponent(attr)}&q_note=${encodeURIComponent(xss)}`,
    );
    expect(ok.statusCode).toBe(200);
    // Results are JSON: the text comes back as data, and the web renders it as text.
    const results = await h.request({ method: 'GET', url: `/api/v1/surveys/${evil.id}/results`, as: admin });
    expect(results.headers['content-type']).toContain('application/json');
    expect(
      results.json<{ questions: { recentTexts?: { text: string }[] }[] }>().questions[2]?.recentTexts,
    ).toEqual([{ text: xss, submittedAt: '2026-11-25T08:00:00.000Z' }]);
  });
});

describe('low scores and tickets', () => {
  it('a low score opens a task due tomorrow for the customer’s owner and notifies them; survey_answered on the ticket', async () => {
    const ticket = await insertTicket(h, customer.id, agent.userId);
    const inv = await fresh({ ticketId: ticket.id });
    const res = await submitJson(h, inv.token, { sat: 2, nps: 8 });
    expect(res.statusCode).toBe(201);
    const { id } = res.json<{ id: string }>();
    const row = await h.database.db
      .selectFrom('survey_response')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ low_score: true, ticket_id: ticket.id });
    const task = await h.database.db
      .selectFrom('task')
      .selectAll()
      .where('source', '=', 'survey')
      .where('source_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(task).toMatchObject({
      owner_id: am.userId,
      customer_id: customer.id,
      status: 'open',
      // 16:00 on the 25th in Shanghai: due the 26th.
      due_on: '2026-11-26',
      title: '满意度低分回访：公开页测试公司',
    });
    expect(row.follow_up_task_id).toBe(task.id);
    const note = await h.database.db
      .selectFrom('notification')
      .select(['kind', 'entity_id'])
      .where('user_id', '=', am.userId)
      .where('kind', '=', 'task.survey_low_score')
      .execute();
    expect(note).toEqual([{ kind: 'task.survey_low_score', entity_id: task.id }]);
    const events = await h.database.db
      .selectFrom('ticket_event')
      .select(['kind', 'data'])
      .where('ticket_id', '=', ticket.id)
      .orderBy('at')
      .orderBy('kind', 'desc')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['survey_sent', 'survey_answered']);
    expect(events[1]?.data).toMatchObject({
      responseId: id,
      csat: 2,
      lowScore: true,
      followUpTaskId: task.id,
    });
  });

  it('no customer owner: the ticket’s owner follows up; neither: no task, the response still stored as low', async () => {
    const ticket = await insertTicket(h, orphan.id, agent.userId);
    const inv = await invite(h, admin, surveyId, {
      customerId: orphan.id,
      ticketId: ticket.id,
      channel: 'link',
    });
    const res = await submitJson(h, inv.token, { sat: 1 });
    expect(res.statusCode).toBe(201);
    const task = await h.database.db
      .selectFrom('task')
      .select('owner_id')
      .where('source_id', '=', res.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(task.owner_id).toBe(agent.userId);

    const plain = await invite(h, admin, surveyId, { customerId: orphan.id, channel: 'link' });
    const res2 = await submitJson(h, plain.token, { sat: 1 });
    expect(res2.statusCode).toBe(201);
    const id2 = res2.json<{ id: string }>().id;
    expect(
      await h.database.db.selectFrom('task').select('id').where('source_id', '=', id2).execute(),
    ).toHaveLength(0);
    const row = await h.database.db
      .selectFrom('survey_response')
      .select(['low_score', 'follow_up_task_id'])
      .where('id', '=', id2)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ low_score: true, follow_up_task_id: null });
  });
});
