import { emailByDefault, notificationTopics } from '@weixi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let am: Session;
let other: Session;
const url = '/api/v1/me/notification-preferences';

beforeAll(async () => {
  // The server says e-mail is available as soon as it has an SMTP server to send through.
  h = await createHarness({ SMTP_URL: 'smtp://127.0.0.1:2525' });
  am = await h.signIn('account_manager');
  other = await h.signIn('account_manager');
});
afterAll(async () => {
  await h.close();
});

const put = (as: Session | undefined, payload: unknown) =>
  h.request({ method: 'PUT', url, ...(as ? { as } : {}), payload: payload as object });

describe('GET /api/v1/me/notification-preferences', () => {
  it('401 anonymous; every topic with its default, the account’s address, e-mail available', async () => {
    expect((await h.request({ method: 'GET', url })).statusCode).toBe(401);
    const res = await h.request({ method: 'GET', url, as: am });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      emailAvailable: true,
      address: am.email,
      topics: notificationTopics.map((topic) => ({ topic, email: emailByDefault[topic] })),
    });
  });
});

describe('PUT /api/v1/me/notification-preferences', () => {
  it('401; 400 names the offending item; nothing is saved', async () => {
    expect((await put(undefined, { topics: [{ topic: 'task', email: false }] })).statusCode).toBe(401);
    const unknown = await put(am, { topics: [{ topic: 'weather', email: true }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('topics.0.topic');
    const twice = await put(am, {
      topics: [
        { topic: 'task', email: false },
        { topic: 'task', email: true },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().errors[0]).toMatchObject({ path: 'topics.1.topic', code: 'duplicate' });
    const empty = await put(am, { topics: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('topics');
    expect(await h.database.db.selectFrom('notification_preference').selectAll().execute()).toEqual([]);
  });

  it('changes only the topics sent, only for the signed-in person; back to the default removes the row', async () => {
    const res = await put(am, {
      topics: [
        { topic: 'task', email: false },
        { topic: 'grading', email: true },
      ],
    });
    expect(res.statusCode).toBe(200);
    const chosen = Object.fromEntries(
      res.json().topics.map((t: { topic: string; email: boolean }) => [t.topic, t.email]),
    );
    expect(chosen).toMatchObject({ task: false, grading: true, follow_up: true, visit: false });
    const theirs = (await h.request({ method: 'GET', url, as: other })).json();
    expect(theirs.topics.find((t: { topic: string }) => t.topic === 'task').email).toBe(true);

    await put(am, { topics: [{ topic: 'task', email: true }] });
    const rows = await h.database.db
      .selectFrom('notification_preference')
      .select(['user_id', 'topic', 'email'])
      .execute();
    expect(rows).toEqual([{ user_id: am.userId, topic: 'grading', email: true }]);
    const audit = await h.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'notification_preferences.update')
      .execute();
    expect(audit).toEqual([
      { action: 'notification_preferences.update', entity_id: am.userId },
      { action: 'notification_preferences.update', entity_id: am.userId },
    ]);
  });
});
