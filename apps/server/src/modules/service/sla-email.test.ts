import { renderNotification } from '@weixi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness } from '../../testing/harness';
import { insertTicket } from './admin-fixtures';
import { watchSla } from './use-cases/watch-sla';

// With SMTP configured, SLA notices also go out by e-mail as each recipient's preference for the
// 'sla' topic says (on by default). Nothing is delivered here: the outbox rows are the evidence.
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://crm.example.com' });
});
afterAll(async () => {
  await h.close();
});

describe('SLA notices by e-mail', () => {
  it('the owner gets the breach by e-mail by default; a manager who turned the topic off gets only the bell', async () => {
    const dept = await h.makeDepartment('邮件客服部');
    const owner = await h.makeUser({ role: 'service_agent', departmentId: dept, email: 'owner@sla.test' });
    const lead = await h.makeUser({ role: 'department_manager', departmentId: dept, email: 'lead@sla.test' });
    const leadSession = await h.login(lead.email);
    const off = await h.request({
      method: 'PUT',
      url: '/api/v1/me/notification-preferences',
      as: leadSession,
      payload: { topics: [{ topic: 'sla', email: false }] },
    });
    expect(off.statusCode).toBe(200);
    const am = await h.login((await h.makeUser({ role: 'account_manager', departmentId: dept })).email);
    const customerId = (await createCustomer(h, am, { name: '邮件客户' })).id;
    const now = h.clock.now().getTime();
    const ticket = await insertTicket(h, {
      customerId,
      ownerId: owner.id,
      receivedAt: new Date(now - 2 * 3_600_000),
      firstResponseTargetMs: 3_600_000,
      subject: '邮件通知',
    });

    expect(await watchSla({ db: h.database.db, clock: h.clock, config: h.config })).toMatchObject({
      breached: 1,
      notified: 2,
    });
    const outbox = await h.database.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'body'])
      .execute();
    expect(outbox.map((o) => o.recipient)).toEqual(['owner@sla.test']);
    expect(outbox[0]!.subject).toBe(`工单 ${ticket.number} 已超过首次响应时限：邮件通知`);
    expect(outbox[0]!.body).toContain(`https://crm.example.com/service/tickets/${ticket.id}`);
    const bell = await h.database.db
      .selectFrom('notification')
      .select('user_id')
      .where('entity_id', '=', ticket.id)
      .execute();
    expect(bell.map((b) => b.user_id).sort()).toEqual([owner.id, lead.id].sort());
  });

  it('every SLA kind reads in both languages', () => {
    const params = {
      number: '1024',
      subject: '设备异响',
      customer: '宁波怡信',
      dueAt: '2026-11-25 16:00',
      owner: '刘洋',
    };
    for (const step of ['warning', 'breached', 'escalated'])
      for (const clock of ['first_response', 'resolution'])
        for (const locale of ['zh-CN', 'en-US'] as const) {
          const { title, body } = renderNotification(locale, `sla.${step}.${clock}`, params);
          expect(title).toContain('1024');
          expect(body).toContain('2026-11-25 16:00');
          expect(`${title}${body}`).not.toMatch(/\{\{|New notification|新通知/);
        }
  });
});
