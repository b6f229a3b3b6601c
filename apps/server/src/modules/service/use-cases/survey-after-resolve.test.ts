import { resolveScope } from '@weixi/domain';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ctx } from '../../../http/context';
import { createCustomer } from '../../../testing/customers';
import { createHarness, type Harness, type Session } from '../../../testing/harness';
import { writeSetting } from '../../customers/customers.repository';
import { insertTicket, makeSurvey, submitJson, tokenOf } from '../survey-fixtures';
import { addTicketEvent } from './add-ticket-event';
import { inviteToSurvey } from './invite-to-survey';
import { serviceSettingsKey } from './read-service-settings';
import { surveyAfterResolve } from './survey-after-resolve';

let h: Harness;
let admin: Session;
let agent: Session;
let withEmail: { id: string; contacts: { id: string }[] };
let noEmail: { id: string; contacts: { id: string }[] };
const start = '2026-11-25T08:00:00Z';

/** What the ticket's resolve use case passes: the agent's ctx inside its transaction. */
function agentCtx(): Ctx {
  return {
    actor: {
      id: agent.userId,
      name: 'agent',
      email: agent.email,
      role: 'service_agent',
      dataScope: 'own',
      departmentId: null,
      departmentName: null,
      locale: 'zh-CN',
      via: 'session',
      sessionId: null,
      csrfToken: null,
    },
    db: h.database.db,
    clock: h.clock,
    config: h.config,
    requestId: 'test',
    ip: '127.0.0.1',
    scope: async () => resolveScope('own', agent.userId, []),
    jobs: h.jobs,
  };
}

const setResolvedSurvey = (id: string | null) =>
  writeSetting(
    h.database.db,
    serviceSettingsKey,
    { resolvedSurveyId: id, surveyLinkDays: 7 },
    admin.userId,
    h.clock.now(),
  );

const invitationsOf = (ticketId: string) =>
  h.database.db
    .selectFrom('survey_invitation')
    .select(['id', 'channel', 'recipient', 'expires_at'])
    .where('ticket_id', '=', ticketId)
    .execute();

beforeAll(async () => {
  h = await createHarness({ SMTP_URL: 'smtp://127.0.0.1:9' });
  admin = await h.signIn('admin');
  agent = await h.signIn('service_agent');
  const am = await h.signIn('account_manager');
  withEmail = await createCustomer(h, am, {
    name: '解决后调查甲',
    contacts: [{ name: '联系人', email: 'contact@jia.example.com' }],
  });
  noEmail = await createCustomer(h, am, { name: '解决后调查乙' });
});
beforeEach(() => h.clock.set(start));
afterAll(async () => {
  await h.close();
});

describe('surveyAfterResolve', () => {
  it('no survey set, or not active: nothing happens', async () => {
    const ticket = await insertTicket(h, withEmail.id, agent.userId);
    await surveyAfterResolve(agentCtx(), { id: ticket.id, customerId: withEmail.id, contactId: null });
    const draft = await makeSurvey(h, admin, { activate: false });
    await setResolvedSurvey(draft.id);
    await surveyAfterResolve(agentCtx(), { id: ticket.id, customerId: withEmail.id, contactId: null });
    expect(await invitationsOf(ticket.id)).toEqual([]);
  });

  it('e-mails the contact when it has an address, else a link invitation; survey_sent on the ticket; once while open', async () => {
    const survey = await makeSurvey(h, admin, { title: '工单回访' });
    await setResolvedSurvey(survey.id);
    const t1 = await insertTicket(h, withEmail.id, agent.userId);
    const contactId = withEmail.contacts[0]?.id ?? null;
    await h.database.db
      .transaction()
      .execute((trx) =>
        surveyAfterResolve({ ...agentCtx(), db: trx }, { id: t1.id, customerId: withEmail.id, contactId }),
      );
    const [mail] = await invitationsOf(t1.id);
    expect(mail).toMatchObject({ channel: 'email', recipient: 'contact@jia.example.com' });
    // The settings' link days.
    expect(mail?.expires_at.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    const outbox = await h.database.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'contact@jia.example.com')
      .executeTakeFirstOrThrow();
    const link = outbox.body.match(/http:\/\/localhost:3000\/s\/\S+/)?.[0] ?? '';
    // The link in the mail works.
    expect((await submitJson(h, tokenOf(link), { sat: 5 })).statusCode).toBe(201);

    const t2 = await insertTicket(h, noEmail.id, agent.userId);
    await surveyAfterResolve(agentCtx(), { id: t2.id, customerId: noEmail.id, contactId: null });
    // Resolved again after a reopen while the link still works: no second invitation.
    await surveyAfterResolve(agentCtx(), { id: t2.id, customerId: noEmail.id, contactId: null });
    const links = await invitationsOf(t2.id);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ channel: 'link', recipient: null });
    const events = await h.database.db
      .selectFrom('ticket_event')
      .select(['kind', 'actor_id'])
      .where('ticket_id', '=', t2.id)
      .execute();
    expect(events).toEqual([{ kind: 'survey_sent', actor_id: agent.userId }]);
    // The agent copies it from the ticket page.
    const page = await h.request({
      method: 'GET',
      url: `/api/v1/tickets/${t2.id}/survey-invitations`,
      as: agent,
    });
    expect(page.json<{ items: { link: string | null }[] }>().items[0]?.link).toMatch(/\/s\//);
    await setResolvedSurvey(null);
  });

  it('without SMTP_URL: a link the agent copies, even for a contact with an address; e-mail sends are refused', async () => {
    const survey = await makeSurvey(h, admin, { title: '无邮件服务器' });
    await setResolvedSurvey(survey.id);
    const ticket = await insertTicket(h, withEmail.id, agent.userId);
    const noMail: Ctx = {
      ...agentCtx(),
      config: { ...h.config, SMTP_URL: undefined },
      // Sending by hand checks the customer is in scope; this test is about the channel.
      scope: async () => resolveScope('all', agent.userId, []),
    };
    const contactId = withEmail.contacts[0]?.id ?? null;
    await surveyAfterResolve(noMail, { id: ticket.id, customerId: withEmail.id, contactId });
    expect(await invitationsOf(ticket.id)).toEqual([
      expect.objectContaining({ channel: 'link', recipient: null }),
    ]);
    await expect(
      inviteToSurvey(noMail, survey.id, { customerId: withEmail.id, channel: 'email' }, Buffer.alloc(32, 7)),
    ).rejects.toMatchObject({
      extra: { errors: [expect.objectContaining({ path: 'channel', code: 'email_not_configured' })] },
    });
    await expect(
      addTicketEvent(noMail, ticket.id, { kind: 'reply', body: '您好', sendEmail: true }),
    ).rejects.toMatchObject({
      extra: { errors: [expect.objectContaining({ path: 'sendEmail', code: 'email_not_configured' })] },
    });
    await setResolvedSurvey(null);
  });
});
