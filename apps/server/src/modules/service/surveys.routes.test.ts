import type { Survey } from '@weixi/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { issues } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { insertTicket, invite, makeSurvey, sampleQuestions, submitJson } from './survey-fixtures';

let h: Harness;
let admin: Session;
let am: Session;
let am2: Session;
let agent: Session;
let manager: Session;
let finance: Session;
let withEmail: { id: string; contacts: { id: string }[] };
let noEmail: { id: string; contacts: { id: string }[] };
let theirs: { id: string };
const missing = '0190a0a0-0000-7000-8000-000000000000';
const start = '2026-11-25T08:00:00Z';

beforeAll(async () => {
  h = await createHarness({ PUBLIC_URL: 'https://crm.example.com/', SMTP_URL: 'smtp://127.0.0.1:9' });
  const sales = await h.makeDepartment('调查-销售部');
  const other = await h.makeDepartment('调查-其他部');
  admin = await h.signIn('admin');
  am = await h.signIn('account_manager', sales);
  am2 = await h.signIn('account_manager', other);
  agent = await h.signIn('service_agent', sales);
  manager = await h.signIn('department_manager', sales);
  finance = await h.signIn('finance', sales);
  withEmail = await createCustomer(h, am, {
    name: '调查测试甲公司',
    email: 'office@jia.example.com',
    contacts: [{ name: '王经理', email: 'wang@jia.example.com', isKey: true }],
  });
  noEmail = await createCustomer(h, am, { name: '调查测试乙公司', contacts: [{ name: '李工' }] });
  theirs = await createCustomer(h, am2, { name: '调查测试丙公司', email: 'c@bing.example.com' });
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

const post = (as: Session | undefined, url: string, payload: Record<string, unknown>) =>
  h.request({ method: 'POST', url, ...(as ? { as } : {}), payload });
const get = (as: Session | undefined, url: string) =>
  h.request({ method: 'GET', url, ...(as ? { as } : {}) });
const patch = (as: Session | undefined, url: string, payload: Record<string, unknown>) =>
  h.request({ method: 'PATCH', url, ...(as ? { as } : {}), payload });

describe('survey builder', () => {
  it('401 anonymous, 403 for non-administrators, 400 names every issue by field', async () => {
    const body = { title: '满意度', questions: sampleQuestions };
    expect((await post(undefined, '/api/v1/surveys', body)).statusCode).toBe(401);
    expect((await post(am, '/api/v1/surveys', body)).statusCode).toBe(403);
    expect((await post(manager, '/api/v1/surveys', body)).statusCode).toBe(403);
    const bad = await post(admin, '/api/v1/surveys', {
      title: '有问题的调查',
      questions: [
        { id: 'a', type: 'csat', label: '满意度', required: true },
        { id: 'a', type: 'nps', label: '推荐', required: false },
        { id: 'c', type: 'single_choice', label: ' ', options: ['是', '是'] },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad)).toEqual([
      'questions.1.id:duplicate',
      'questions.2.label:required',
      'questions.2.options.1:duplicate',
      'questions.2.options:too_few',
    ]);
    const shape = await post(admin, '/api/v1/surveys', {
      title: '',
      questions: [{ id: 'x', type: 'stars' }],
    });
    expect(shape.statusCode).toBe(400);
    expect(issues(shape).map((i) => i.split(':')[0])).toEqual(
      expect.arrayContaining(['title', 'questions.0.type']),
    );
    expect((await post(admin, '/api/v1/surveys', { title: '空调查', questions: [] })).statusCode).toBe(400);
  });

  it('creates a draft, edits it, activates and archives it with version checks', async () => {
    const created = await post(admin, '/api/v1/surveys', {
      title: '  售后回访  ',
      questions: [
        { id: 'sat', type: 'csat', label: '满意度', required: true, options: ['忽略'] },
        { id: 'why', type: 'single_choice', label: '原因', options: [' 快 ', '慢'] },
      ],
    });
    expect(created.statusCode).toBe(201);
    const s = created.json<Survey>();
    expect(s).toMatchObject({ title: '售后回访', intro: '', status: 'draft', responses: 0, version: 1 });
    // Options are kept only on choice questions, trimmed.
    expect(s.questions).toEqual([
      { id: 'sat', type: 'csat', label: '满意度', required: true },
      { id: 'why', type: 'single_choice', label: '原因', required: false, options: ['快', '慢'] },
    ]);
    expect((await patch(admin, `/api/v1/surveys/${s.id}`, { title: '无版本' })).statusCode).toBe(428);
    const edited = await patch(admin, `/api/v1/surveys/${s.id}`, {
      version: 1,
      questions: [{ id: 'sat', type: 'csat', label: '总体满意度', required: true }],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Survey>().version).toBe(2);
    expect((await patch(admin, `/api/v1/surveys/${s.id}`, { version: 1, title: '旧版本' })).statusCode).toBe(
      409,
    );
    expect((await post(am, `/api/v1/surveys/${s.id}/activate`, { version: 2 })).statusCode).toBe(403);
    expect((await post(admin, `/api/v1/surveys/${s.id}/activate`, { version: 1 })).statusCode).toBe(409);
    const active = await post(admin, `/api/v1/surveys/${s.id}/activate`, { version: 2 });
    expect(active.json<Survey>()).toMatchObject({ status: 'active', version: 3 });
    // Active: questions are fixed, the title can still be corrected.
    const q = await patch(admin, `/api/v1/surveys/${s.id}`, { version: 3, questions: sampleQuestions });
    expect(q.statusCode).toBe(409);
    expect(issues(q)).toEqual(['questions:survey_active']);
    expect(
      (await patch(admin, `/api/v1/surveys/${s.id}`, { version: 3, title: '售后回访（新）' })).statusCode,
    ).toBe(200);
    const archived = await post(admin, `/api/v1/surveys/${s.id}/archive`, { version: 4 });
    expect(archived.json<Survey>().status).toBe('archived');
    expect((await patch(admin, `/api/v1/surveys/${s.id}`, { version: 5, title: 'x' })).statusCode).toBe(409);
    // Audited.
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', s.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['survey.create', 'survey.update', 'survey.activate', 'survey.archive']),
    );
  });

  it('lists and reads for those who send surveys; 403 for others; 404 unknown', async () => {
    const s = await makeSurvey(h, admin, { title: '列表测试' });
    const list = await get(agent, '/api/v1/surveys?status=active');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: Survey[] }>().items.map((x) => x.id)).toContain(s.id);
    expect(list.json<{ items: Survey[] }>().items.every((x) => x.status === 'active')).toBe(true);
    expect((await get(am, `/api/v1/surveys/${s.id}`)).statusCode).toBe(200);
    expect((await get(finance, '/api/v1/surveys')).statusCode).toBe(403);
    expect((await get(undefined, '/api/v1/surveys')).statusCode).toBe(401);
    expect((await get(am, `/api/v1/surveys/${missing}`)).statusCode).toBe(404);
    expect((await get(am, '/api/v1/surveys?status=open')).statusCode).toBe(400);
  });
});

describe('POST /api/v1/surveys/:id/invitations', () => {
  it('by link: returns PUBLIC_URL/s/<token>; by e-mail: an outbox message to the contact with the link', async () => {
    const s = await makeSurvey(h, admin, { title: '邀请测试' });
    const byLink = await invite(h, am, s.id, { customerId: noEmail.id, channel: 'link' });
    expect(byLink.link).toMatch(/^https:\/\/crm\.example\.com\/s\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(byLink.invitation).toMatchObject({ channel: 'link', recipient: null, answeredAt: null });
    // Expiry: the settings' 14 days.
    expect(byLink.invitation.expiresAt).toBe('2026-12-09T08:00:00.000Z');

    const byMail = await invite(h, am, s.id, {
      customerId: withEmail.id,
      contactId: withEmail.contacts[0]?.id,
      channel: 'email',
    });
    expect(byMail.invitation.recipient).toBe('wang@jia.example.com');
    const mail = await h.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('body', 'like', `%${byMail.token}%`)
      .executeTakeFirst();
    expect(mail).toMatchObject({
      recipient: 'wang@jia.example.com',
      status: 'pending',
      subject: '满意度调查：邀请测试',
    });
    expect(mail?.body).toContain(byMail.link);

    // English invitation: English words; the customer's own address when no contact is named.
    const en = await invite(h, am, s.id, { customerId: withEmail.id, channel: 'email', locale: 'en-US' });
    expect(en.invitation.recipient).toBe('office@jia.example.com');
    const enMail = await h.database.db
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('body', 'like', `%${en.token}%`)
      .executeTakeFirstOrThrow();
    expect(enMail.subject).toBe('How did we do? 邀请测试');
    expect(enMail.body).toContain('Dear 调查测试甲公司');
  });

  it('422 channel when there is no address; 404 customer out of scope; 422 ticket of another customer; 409 inactive survey', async () => {
    const s = await makeSurvey(h, admin, { title: '邀请规则' });
    const noAddress = await post(am, `/api/v1/surveys/${s.id}/invitations`, {
      customerId: noEmail.id,
      channel: 'email',
    });
    expect(noAddress.statusCode).toBe(422);
    expect(issues(noAddress)).toEqual(['channel:no_email']);
    expect(
      (await post(am, `/api/v1/surveys/${s.id}/invitations`, { customerId: theirs.id, channel: 'link' }))
        .statusCode,
    ).toBe(404);
    const ticket = await insertTicket(h, theirs.id, null);
    const wrongTicket = await post(am, `/api/v1/surveys/${s.id}/invitations`, {
      customerId: noEmail.id,
      ticketId: ticket.id,
      channel: 'link',
    });
    expect(issues(wrongTicket)).toEqual(['ticketId:not_of_customer']);
    const wrongContact = await post(am, `/api/v1/surveys/${s.id}/invitations`, {
      customerId: noEmail.id,
      contactId: withEmail.contacts[0]?.id,
      channel: 'link',
    });
    expect(issues(wrongContact)).toEqual(['contactId:not_of_customer']);
    const draft = await makeSurvey(h, admin, { title: '草稿', activate: false });
    expect(
      (await post(am, `/api/v1/surveys/${draft.id}/invitations`, { customerId: noEmail.id, channel: 'link' }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await post(finance, `/api/v1/surveys/${s.id}/invitations`, {
          customerId: noEmail.id,
          channel: 'link',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await post(undefined, `/api/v1/surveys/${s.id}/invitations`, {
          customerId: noEmail.id,
          channel: 'link',
        })
      ).statusCode,
    ).toBe(401);
    expect(
      (await post(am, `/api/v1/surveys/${s.id}/invitations`, { customerId: 'x', channel: 'fax' })).statusCode,
    ).toBe(400);
  });

  it('a ticket’s invitations list its copyable link and record survey_sent on the ticket', async () => {
    const s = await makeSurvey(h, admin, { title: '工单邀请' });
    const ticket = await insertTicket(h, noEmail.id, agent.userId);
    const sent = await invite(h, am, s.id, { customerId: noEmail.id, ticketId: ticket.id, channel: 'link' });
    const list = await get(agent, `/api/v1/tickets/${ticket.id}/survey-invitations`);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { id: string; link: string | null; survey: { title: string } }[] }>()
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: sent.invitation.id,
      link: sent.link,
      survey: { title: '工单邀请' },
    });
    const events = await h.database.db
      .selectFrom('ticket_event')
      .select(['kind'])
      .where('ticket_id', '=', ticket.id)
      .execute();
    expect(events.map((e) => e.kind)).toEqual(['survey_sent']);
    // Out of scope and not the ticket's owner: 404.
    expect((await get(am2, `/api/v1/tickets/${ticket.id}/survey-invitations`)).statusCode).toBe(404);
    // Answered: no link any more.
    expect((await submitJson(h, sent.token, { sat: 5 })).statusCode).toBe(201);
    const after = await get(agent, `/api/v1/tickets/${ticket.id}/survey-invitations`);
    expect(
      after.json<{ items: { link: string | null; answeredAt: string | null }[] }>().items[0],
    ).toMatchObject({
      link: null,
      answeredAt: start.replace('Z', '.000Z'),
    });
  });
});

describe('results and responses', () => {
  it('counts, response rate, CSAT %, NPS and per-question figures on a small set; filtered by date', async () => {
    const s = await makeSurvey(h, admin, { title: '结果测试' });
    const answers = [
      { sat: 5, nps: 10, why: '速度', good: ['响应', '专业'], note: '很好' },
      { sat: 4, nps: 9, why: '速度', good: ['专业'] },
      { sat: 2, nps: 3, why: '质量', note: '太慢了' },
      { sat: 5, nps: 7 },
    ];
    for (const a of answers) {
      const inv = await invite(h, am, s.id, { customerId: noEmail.id, channel: 'link' });
      expect((await submitJson(h, inv.token, a)).statusCode).toBe(201);
    }
    await invite(h, am, s.id, { customerId: noEmail.id, channel: 'link' }); // sent, not answered
    // Sent now, answered a week later: outside the filtered period as a response.
    const late = await invite(h, am, s.id, { customerId: noEmail.id, channel: 'link' });
    h.clock.set('2026-12-02T03:00:00Z');
    expect((await submitJson(h, late.token, { sat: 1 })).statusCode).toBe(201);
    // Sessions idle for a week have expired; back to the start for the readers.
    h.clock.set(start);

    const all = await get(manager, `/api/v1/surveys/${s.id}/results`);
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ responses: 5, invitations: 6, responseRate: 5 / 6 });

    const res = await get(manager, `/api/v1/surveys/${s.id}/results?from=2026-11-25&to=2026-11-30`);
    const r = res.json<{
      responses: number;
      invitations: number;
      responseRate: number;
      csat: number;
      nps: number;
      questions: {
        id: string;
        answered: number;
        distribution?: { value: number; count: number }[];
        counts?: { option: string; count: number }[];
        recentTexts?: { text: string }[];
      }[];
    }>();
    // The period's invitations (all six sent on the 25th), five of them answered by now.
    expect(r).toMatchObject({ responses: 4, invitations: 6, responseRate: 5 / 6, csat: 75, nps: 25 });
    const q = Object.fromEntries(r.questions.map((x) => [x.id, x]));
    expect(q.sat?.distribution).toEqual([
      { value: 1, count: 0 },
      { value: 2, count: 1 },
      { value: 3, count: 0 },
      { value: 4, count: 1 },
      { value: 5, count: 2 },
    ]);
    expect(q.nps?.distribution?.filter((d) => d.count > 0)).toEqual([
      { value: 3, count: 1 },
      { value: 7, count: 1 },
      { value: 9, count: 1 },
      { value: 10, count: 1 },
    ]);
    expect(q.why?.counts).toEqual([
      { option: '速度', count: 2 },
      { option: '态度', count: 0 },
      { option: '质量', count: 1 },
    ]);
    expect(q.good).toMatchObject({
      answered: 2,
      counts: [
        { option: '响应', count: 1 },
        { option: '专业', count: 2 },
        { option: '礼貌', count: 0 },
      ],
    });
    expect(q.note?.recentTexts?.map((t) => t.text).sort()).toEqual(['太慢了', '很好']);

    // Responses: keyset-paged, newest first; managers only.
    const page1 = await get(manager, `/api/v1/surveys/${s.id}/responses?limit=3`);
    expect(page1.statusCode).toBe(200);
    const p1 = page1.json<{
      items: { csat: number; lowScore: boolean; customer: { name: string } }[];
      nextCursor: string;
    }>();
    expect(p1.items).toHaveLength(3);
    expect(p1.items[0]).toMatchObject({ csat: 1, lowScore: true, customer: { name: '调查测试乙公司' } });
    const page2 = await get(manager, `/api/v1/surveys/${s.id}/responses?limit=3&cursor=${p1.nextCursor}`);
    const p2 = page2.json<{ items: unknown[]; nextCursor: string | null }>();
    expect(p2.items).toHaveLength(2);
    expect(p2.nextCursor).toBeNull();
    expect((await get(am, `/api/v1/surveys/${s.id}/results`)).statusCode).toBe(403);
    expect((await get(manager, `/api/v1/surveys/${s.id}/responses?cursor=bad!`)).statusCode).toBe(400);
    expect(
      (await get(manager, `/api/v1/surveys/${s.id}/results?from=2026-12-01&to=2026-11-01`)).statusCode,
    ).toBe(400);
    expect((await get(manager, `/api/v1/surveys/${missing}/results`)).statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the survey routes, the public answer endpoint without security, and hides the HTML page', async () => {
    const doc = (await h.request({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    }>();
    for (const path of [
      '/api/v1/surveys',
      '/api/v1/surveys/{id}',
      '/api/v1/surveys/{id}/activate',
      '/api/v1/surveys/{id}/archive',
      '/api/v1/surveys/{id}/invitations',
      '/api/v1/surveys/{id}/results',
      '/api/v1/surveys/{id}/responses',
      '/api/v1/tickets/{id}/survey-invitations',
      '/api/v1/survey-schedules',
      '/api/v1/survey-schedules/{id}',
      '/api/v1/public/survey-responses',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/public/survey-responses']?.post?.security).toEqual([]);
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/s/'))).toBe(false);
  });
});
