import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createTask, followUpFacts, logInteraction, planVisit } from '../../testing/engagement-writes';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let manager: Session;
let am: Session;
let am2: Session;

beforeAll(async () => {
  h = await createHarness();
  const dept = await h.makeDepartment('合并跟进部');
  manager = await h.signIn('department_manager', dept);
  am = await h.signIn('account_manager', dept);
  am2 = await h.signIn('account_manager', dept);
});
afterAll(async () => {
  await h.close();
});

const rowsOf = async (table: 'interaction' | 'visit' | 'task', customerId: string) =>
  (await h.database.db.selectFrom(table).select('id').where('customer_id', '=', customerId).execute())
    .map((r) => r.id)
    .sort();

describe('merging customers carries their engagement', () => {
  it('moves interactions, visits and tasks to the survivor and derives its follow-up facts from all of them', async () => {
    const survivor = await createCustomer(h, am, { name: '合并跟进甲有限公司' });
    const merged = await createCustomer(h, am2, { name: '合并跟进甲' });
    await logInteraction(h, am, { customerId: survivor.id, occurredAt: '2026-11-01T02:00:00Z' });
    const theirCall = await logInteraction(h, am2, {
      customerId: merged.id,
      occurredAt: '2026-11-20T02:00:00Z',
    });
    const visit = await planVisit(h, am2, { customerId: merged.id, plannedOn: '2026-11-30' });
    const task = await createTask(h, am2, {
      customerId: merged.id,
      title: '合并前的承诺',
      dueOn: '2026-12-01',
    });

    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers/merge',
      as: manager,
      payload: { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 },
    });
    expect(res.statusCode).toBe(200);
    expect(await rowsOf('interaction', merged.id)).toEqual([]);
    expect(await rowsOf('visit', merged.id)).toEqual([]);
    expect(await rowsOf('task', merged.id)).toEqual([]);
    expect(await rowsOf('interaction', survivor.id)).toContain(theirCall.id);
    expect(await rowsOf('visit', survivor.id)).toEqual([visit.id]);
    expect(await rowsOf('task', survivor.id)).toEqual([task.id]);
    // The merged customer's later call counts for the survivor's cadence; the owner's own contact
    // stays the survivor owner's (am2's call was not theirs).
    expect(await followUpFacts(h, survivor.id)).toMatchObject({
      lastFollowUpAt: '2026-11-20T02:00:00.000Z',
      lastOwnerContactAt: '2026-11-01T02:00:00.000Z',
    });
    const moved = await h.request({ method: 'GET', url: `/api/v1/interactions/${theirCall.id}`, as: am });
    expect(moved.json()).toMatchObject({ customer: { id: survivor.id } });
  });

  it('moves tickets and their history, so the survivor’s timeline and figures keep them', async () => {
    const survivor = await createCustomer(h, am, { name: '合并工单乙有限公司' });
    const merged = await createCustomer(h, am2, { name: '合并工单乙' });
    const created = await h.request({
      method: 'POST',
      url: '/api/v1/tickets',
      as: am2,
      payload: {
        customerId: merged.id,
        channel: 'phone',
        kind: 'complaint',
        priority: 'high',
        subject: '合并前的投诉',
      },
    });
    expect(created.statusCode).toBe(201);
    const res = await h.request({
      method: 'POST',
      url: '/api/v1/customers/merge',
      as: manager,
      payload: { survivorId: survivor.id, mergedId: merged.id, survivorVersion: 1, mergedVersion: 1 },
    });
    expect(res.statusCode).toBe(200);
    const db = h.database.db;
    const ticket = await db
      .selectFrom('ticket')
      .select('customer_id')
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(ticket.customer_id).toBe(survivor.id);
    const events = await db
      .selectFrom('ticket_event')
      .select('customer_id')
      .where('ticket_id', '=', created.json().id)
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.customer_id === survivor.id)).toBe(true);
  });
});
