import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { insertTicket } from './admin-fixtures';
import { clearSeededServiceLists } from './list-fixtures';

let h: Harness;
let admin: Session;
let manager: Session;
let am: Session;
let agent: Session;
let otherAgent: Session;
let finance: Session;
let categoryId: string;
let inactiveCategoryId: string;
let ticket: { id: string; number: string };
let noContactTicket: { id: string; number: string };

const url = '/api/v1/service/reply-templates';
const agentName = '客服小周';

beforeAll(async () => {
  h = await createHarness();
  // These tests build their own lists and count them; the defaults a new installation starts
  // with are checked in service-seed.test.ts.
  await clearSeededServiceLists(h);
  admin = await h.signIn('admin');
  const dept = await h.makeDepartment('客服模板部');
  manager = await h.signIn('department_manager', dept);
  am = await h.signIn('account_manager', dept);
  const a = await h.makeUser({ role: 'service_agent', departmentId: dept, name: agentName });
  agent = await h.login(a.email);
  otherAgent = await h.signIn('service_agent', dept);
  finance = await h.signIn('finance', dept);
  const cat = await h.request({
    method: 'POST',
    url: '/api/v1/service/categories',
    as: admin,
    payload: { name: '安装调试' },
  });
  categoryId = cat.json().id;
  const off = await h.request({
    method: 'POST',
    url: '/api/v1/service/categories',
    as: admin,
    payload: { name: '旧分类' },
  });
  inactiveCategoryId = off.json().id;
  await h.request({
    method: 'PATCH',
    url: `/api/v1/service/categories/${inactiveCategoryId}`,
    as: admin,
    payload: { active: false, version: 1 },
  });
  // The customer is the account manager's; the agent reaches the ticket only by owning it.
  const customer = await createCustomer(h, am, { name: '宁波怡信机械', contacts: [{ name: '陈国华' }] });
  const received = new Date(h.clock.now().getTime() - 3_600_000);
  ticket = await insertTicket(h, {
    customerId: customer.id,
    contactId: customer.contacts[0]!.id,
    ownerId: a.id,
    receivedAt: received,
  });
  noContactTicket = await insertTicket(h, { customerId: customer.id, ownerId: a.id, receivedAt: received });
});
afterAll(async () => {
  await h.close();
});

const body =
  '{{contact.name}}您好，您的工单 {{ticket.number}}（{{customer.name}}）已由{{agent.name}}受理。{{today}}';

describe('POST /api/v1/service/reply-templates', () => {
  it('401, 400 on shape, 403 for agents, 400 naming every placeholder problem under body', async () => {
    expect((await h.request({ method: 'POST', url, payload: { title: 't', body: 'x' } })).statusCode).toBe(
      401,
    );
    const shape = await h.request({
      method: 'POST',
      url,
      as: admin,
      payload: { title: '', body: 'x', categoryId: 'nope' },
    });
    expect(shape.statusCode).toBe(400);
    expect(
      shape
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['categoryId', 'title']);
    expect(
      (await h.request({ method: 'POST', url, as: agent, payload: { title: 't', body: 'x' } })).statusCode,
    ).toBe(403);
    const bad = await h.request({
      method: 'POST',
      url,
      as: manager,
      payload: {
        title: '受理回复',
        body: '{{customer.nam}}您好 {{ }} {{today',
        categoryId: inactiveCategoryId,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: 'body', code: 'unknown_placeholder' }),
      expect.objectContaining({ path: 'body', code: 'empty_placeholder' }),
      expect.objectContaining({ path: 'body', code: 'unclosed_placeholder' }),
      expect.objectContaining({ path: 'categoryId', code: 'inactive' }),
    ]);
    const missing = await h.request({
      method: 'POST',
      url,
      as: manager,
      payload: { title: '受理回复', body: 'ok', categoryId: '0190d6f0-0000-7000-8000-000000000009' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ path: 'categoryId', code: 'not_found' }),
    ]);
  });

  it('201 for department managers and administrators, with the placeholders it uses', async () => {
    const res = await h.request({
      method: 'POST',
      url,
      as: manager,
      payload: { title: '受理回复', body, categoryId },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: expect.any(String),
      title: '受理回复',
      category: { id: categoryId, name: '安装调试' },
      body,
      placeholders: ['contact.name', 'ticket.number', 'customer.name', 'agent.name', 'today'],
      active: true,
      version: 1,
    });
    const general = await h.request({
      method: 'POST',
      url,
      as: admin,
      payload: { title: '通用致歉', body: '非常抱歉给您带来不便。' },
    });
    expect(general.statusCode).toBe(201);
    expect(general.json().category).toBeNull();
    const other = await h.request({
      method: 'POST',
      url,
      as: admin,
      payload: { title: '别类', body: 'x', categoryId: null },
    });
    expect(other.statusCode).toBe(201);
  });
});

describe('GET /api/v1/service/reply-templates and reply-placeholders', () => {
  it('401, 403 for roles that do not work tickets; agents list active ones, by category with the general ones', async () => {
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    expect((await h.request({ method: 'GET', url, as: finance })).statusCode).toBe(403);
    const all = await h.request({ method: 'GET', url, as: agent });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((t: { title: string }) => t.title)).toEqual(['别类', '受理回复', '通用致歉']);
    const byCategory = await h.request({ method: 'GET', url: `${url}?categoryId=${categoryId}`, as: agent });
    expect(
      byCategory
        .json()
        .items.map((t: { title: string }) => t.title)
        .sort(),
    ).toEqual(['受理回复', '别类', '通用致歉'].sort());
    expect((await h.request({ method: 'GET', url: `${url}?categoryId=x`, as: agent })).statusCode).toBe(400);

    const placeholders = await h.request({
      method: 'GET',
      url: '/api/v1/service/reply-placeholders',
      as: agent,
    });
    expect(placeholders.statusCode).toBe(200);
    expect(placeholders.json()).toContainEqual({ name: 'customer.name', label: '客户名称' });
    expect((await h.request({ method: 'GET', url: '/api/v1/service/reply-placeholders' })).statusCode).toBe(
      401,
    );
  });
});

describe('PATCH /api/v1/service/reply-templates/:id', () => {
  it('401, 403, 404, 428, 400 on a bad placeholder, 200 deactivates, 409 when stale', async () => {
    const list = (await h.request({ method: 'GET', url, as: admin })).json().items as {
      id: string;
      title: string;
    }[];
    const id = list.find((t) => t.title === '别类')!.id;
    const at = `${url}/${id}`;
    expect(
      (await h.request({ method: 'PATCH', url: at, payload: { active: false, version: 1 } })).statusCode,
    ).toBe(401);
    expect(
      (await h.request({ method: 'PATCH', url: at, as: agent, payload: { active: false, version: 1 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await h.request({
          method: 'PATCH',
          url: `${url}/0190d6f0-0000-7000-8000-000000000001`,
          as: admin,
          payload: { active: false, version: 1 },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await h.request({ method: 'PATCH', url: at, as: admin, payload: { active: false } })).statusCode,
    ).toBe(428);
    const bad = await h.request({
      method: 'PATCH',
      url: at,
      as: admin,
      payload: { body: '{{agent}}', version: 1 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: 'body', code: 'unknown_placeholder' }),
    ]);
    const ok = await h.request({
      method: 'PATCH',
      url: at,
      as: admin,
      payload: { active: false, body: '{{agent.name}}', version: 1 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ active: false, placeholders: ['agent.name'], version: 2 });
    expect(
      (await h.request({ method: 'PATCH', url: at, as: admin, payload: { title: 'x', version: 1 } }))
        .statusCode,
    ).toBe(409);
    const active = (await h.request({ method: 'GET', url, as: agent }))
      .json()
      .items.map((t: { id: string }) => t.id);
    expect(active).not.toContain(id);
  });
});

describe('POST /api/v1/service/reply-templates/:id/render', () => {
  it('401, 400, 403, 404 for a ticket out of reach; fills from the ticket and lists what is missing', async () => {
    const list = (await h.request({ method: 'GET', url, as: agent })).json().items as {
      id: string;
      title: string;
    }[];
    const id = list.find((t) => t.title === '受理回复')!.id;
    const at = `${url}/${id}/render`;
    expect((await h.request({ method: 'POST', url: at, payload: { ticketId: ticket.id } })).statusCode).toBe(
      401,
    );
    expect(
      (await h.request({ method: 'POST', url: at, as: agent, payload: { ticketId: 'x' } })).statusCode,
    ).toBe(400);
    expect(
      (await h.request({ method: 'POST', url: at, as: finance, payload: { ticketId: ticket.id } }))
        .statusCode,
    ).toBe(403);
    // Neither owns the ticket nor has its customer in scope.
    expect(
      (await h.request({ method: 'POST', url: at, as: otherAgent, payload: { ticketId: ticket.id } }))
        .statusCode,
    ).toBe(404);

    const res = await h.request({ method: 'POST', url: at, as: agent, payload: { ticketId: ticket.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      text: `陈国华您好，您的工单 ${ticket.number}（宁波怡信机械）已由${agentName}受理。2026-11-25`,
      missing: [],
    });
    // The customer's account manager sees it through the customer.
    expect(
      (await h.request({ method: 'POST', url: at, as: am, payload: { ticketId: ticket.id } })).statusCode,
    ).toBe(200);

    const partial = await h.request({
      method: 'POST',
      url: at,
      as: agent,
      payload: { ticketId: noContactTicket.id },
    });
    expect(partial.json()).toEqual({
      text: `{{contact.name}}您好，您的工单 ${noContactTicket.number}（宁波怡信机械）已由${agentName}受理。2026-11-25`,
      missing: ['contact.name'],
    });
  });
});
