import type { Interaction, Task, Visit } from '@weixi/shared';
import type { LightMyRequestResponse } from 'fastify';
import type { Harness, Session } from './harness';

/** The problem body's field issues as "path:code" strings, sorted (what a form shows). */
export function issues(res: LightMyRequestResponse): string[] {
  const body = res.json<{ errors?: { path: string; code: string }[] }>();
  return (body.errors ?? []).map((e) => `${e.path}:${e.code}`).sort();
}

/** An interaction logged through the API; fails the test on anything but 201. */
export async function logInteraction(
  h: Harness,
  as: Session,
  body: Record<string, unknown>,
): Promise<Interaction> {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/interactions',
    as,
    payload: { channel: 'phone', direction: 'outbound', summary: '电话沟通', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`log interaction failed: ${res.statusCode} ${res.body}`);
  return res.json<Interaction>();
}

export async function createTask(h: Harness, as: Session, body: Record<string, unknown>): Promise<Task> {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/tasks',
    as,
    payload: { title: '回访', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`create task failed: ${res.statusCode} ${res.body}`);
  return res.json<Task>();
}

export async function planVisit(h: Harness, as: Session, body: Record<string, unknown>): Promise<Visit> {
  const res = await h.request({
    method: 'POST',
    url: '/api/v1/visits',
    as,
    payload: { purpose: '季度拜访', ...body },
  });
  if (res.statusCode !== 201) throw new Error(`plan visit failed: ${res.statusCode} ${res.body}`);
  return res.json<Visit>();
}

/** The customer's follow-up columns as the database holds them (ISO strings or null). */
export async function followUpFacts(h: Harness, customerId: string) {
  const row = await h.database.db
    .selectFrom('customer')
    .innerJoin('customer_follow_up as f', 'f.customer_id', 'customer.id')
    .select([
      'last_interaction_at',
      'last_follow_up_at',
      'last_owner_contact_at',
      'f.due_at as follow_up_due_at',
    ])
    .where('customer.id', '=', customerId)
    .executeTakeFirstOrThrow();
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    lastInteractionAt: iso(row.last_interaction_at),
    lastFollowUpAt: iso(row.last_follow_up_at),
    lastOwnerContactAt: iso(row.last_owner_contact_at),
    followUpDueAt: iso(row.follow_up_due_at),
  };
}

/** Days of a grade's follow-up cadence as the standards table holds them. */
export async function followUpDays(h: Harness, grade: string): Promise<number> {
  const row = await h.database.db
    .selectFrom('grade_service_standard')
    .select('follow_up_days')
    .where('grade', '=', grade)
    .executeTakeFirstOrThrow();
  return row.follow_up_days;
}

export const addDaysIso = (iso: string, days: number) =>
  new Date(Date.parse(iso) + days * 86_400_000).toISOString();
