import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { notify } from './notify';

let h: Harness;
let me: Session;
let colleague: Session;

beforeAll(async () => {
  h = await createHarness();
  me = await h.signIn('account_manager');
  colleague = await h.signIn('account_manager');
});
afterAll(async () => {
  await h.close();
});

const ctx = () => ({ db: h.database.db, clock: h.clock });
const get = (url: string, as?: Session) => h.request({ method: 'GET', url, ...(as ? { as } : {}) });
const post = (url: string, as?: Session) => h.request({ method: 'POST', url, ...(as ? { as } : {}) });

async function send(userIds: string[], name: string) {
  await notify(ctx(), {
    userIds,
    kind: 'ownership.transferred',
    params: { customerName: name, fromName: '张伟' },
    link: '/customers/0190d6f0-0000-7000-8000-000000000001',
    entity: 'customer',
    entityId: '0190d6f0-0000-7000-8000-000000000001',
    actorId: colleague.userId,
  });
}

async function unreadCount(as: Session): Promise<number> {
  return (await get('/api/v1/notifications/unread-count', as)).json().count;
}

describe('notify()', () => {
  it('adds one row per active recipient, inside the caller’s transaction', async () => {
    const disabled = await h.makeUser();
    await h.database.db
      .updateTable('app_user')
      .set({ status: 'disabled' })
      .where('id', '=', disabled.id)
      .execute();
    const added = await notify(ctx(), {
      userIds: [me.userId, me.userId, disabled.id],
      kind: 'system.welcome',
      params: { name: '张伟' },
    });
    expect(added).toBe(1);

    await expect(
      h.database.db.transaction().execute(async (trx) => {
        await notify({ db: trx, clock: h.clock }, { userIds: [me.userId], kind: 'system.welcome' });
        throw new Error('the change it announces failed');
      }),
    ).rejects.toThrow('the change it announces failed');
    expect(await unreadCount(me)).toBe(1);
  });

  it('a repeated dedupe key for the same person is one notice (jobs may run twice)', async () => {
    const u = await h.signIn('account_manager');
    const warn = () =>
      notify(ctx(), {
        userIds: [u.userId],
        kind: 'pool.recycle_warning',
        params: { customerName: '宁波怡信', days: 7 },
        dedupeKey: 'pool.recycle_warning:c1:2026-11-25',
      });
    expect(await warn()).toBe(1);
    expect(await warn()).toBe(0);
    expect(await unreadCount(u)).toBe(1);
  });

  it('refuses a malformed kind, params or link (a programming error)', async () => {
    await expect(notify(ctx(), { userIds: [me.userId], kind: 'Ownership Transferred' })).rejects.toThrow();
    await expect(
      notify(ctx(), { userIds: [me.userId], kind: 'a.b', params: { 'bad key': 'x' } }),
    ).rejects.toThrow();
    await expect(
      notify(ctx(), { userIds: [me.userId], kind: 'a.b', link: 'https://evil.example/' }),
    ).rejects.toThrow();
  });
});

describe('GET /api/v1/notifications', () => {
  it('401 anonymous; 400 for a bad unread flag, limit or cursor', async () => {
    expect((await get('/api/v1/notifications')).statusCode).toBe(401);
    expect((await get('/api/v1/notifications/unread-count')).statusCode).toBe(401);
    const flag = await get('/api/v1/notifications?unread=maybe', me);
    expect(flag.statusCode).toBe(400);
    expect(flag.json().errors[0].path).toBe('query.unread');
    expect((await get('/api/v1/notifications?limit=0', me)).statusCode).toBe(400);
    expect((await get('/api/v1/notifications?cursor=abc', me)).statusCode).toBe(400);
  });

  it('lists only my notifications, newest first, in keyset pages, with the actor and link', async () => {
    const reader = await h.signIn('account_manager');
    for (const name of ['甲公司', '乙公司', '丙公司']) {
      await send([reader.userId], name);
      h.clock.advance(60_000);
    }
    await send([colleague.userId], '别人的公司');

    const p1 = (await get('/api/v1/notifications?limit=2', reader)).json();
    expect(p1.total).toBe(3);
    expect(p1.items.map((n: { params: { customerName: string } }) => n.params.customerName)).toEqual([
      '丙公司',
      '乙公司',
    ]);
    expect(p1.items[0]).toMatchObject({
      kind: 'ownership.transferred',
      link: '/customers/0190d6f0-0000-7000-8000-000000000001',
      entity: 'customer',
      actor: { id: colleague.userId },
      readAt: null,
    });
    const p2 = (await get(`/api/v1/notifications?limit=2&cursor=${p1.nextCursor}`, reader)).json();
    expect(p2.items.map((n: { params: { customerName: string } }) => n.params.customerName)).toEqual([
      '甲公司',
    ]);
    expect(p2.nextCursor).toBeNull();
    expect(await unreadCount(reader)).toBe(3);
  });
});

describe('POST /api/v1/notifications/:id/read and /read-all', () => {
  it('401 anonymous, 400 for a bad id, 404 for someone else’s notification (which stays unread)', async () => {
    await send([colleague.userId], '同事的公司');
    const theirs = (await get('/api/v1/notifications?limit=1', colleague)).json().items[0];
    expect((await post(`/api/v1/notifications/${theirs.id}/read`)).statusCode).toBe(401);
    expect((await post('/api/v1/notifications/xyz/read', me)).statusCode).toBe(400);
    expect((await post(`/api/v1/notifications/${theirs.id}/read`, me)).statusCode).toBe(404);
    const still = (await get('/api/v1/notifications?limit=1', colleague)).json().items[0];
    expect(still.readAt).toBeNull();
    expect((await post('/api/v1/notifications/read-all')).statusCode).toBe(401);
    expect((await post('/api/v1/notifications/read-all?upTo=latest', me)).statusCode).toBe(400);
  });

  it('marks one read (the first read time stays), then the unread filter and count follow', async () => {
    const reader = await h.signIn('account_manager');
    await send([reader.userId], '一号');
    await send([reader.userId], '二号');
    const [newest] = (await get('/api/v1/notifications', reader)).json().items;
    const res = await post(`/api/v1/notifications/${newest.id}/read`, reader);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: newest.id, readAt: h.clock.now().toISOString() });
    h.clock.advance(3_600_000);
    expect((await post(`/api/v1/notifications/${newest.id}/read`, reader)).json().readAt).toBe(
      res.json().readAt,
    );
    h.clock.advance(-3_600_000);
    expect(await unreadCount(reader)).toBe(1);
    const unread = (await get('/api/v1/notifications?unread=true', reader)).json();
    expect(unread.items.map((n: { params: { customerName: string } }) => n.params.customerName)).toEqual([
      '一号',
    ]);
    expect(unread.total).toBe(1);
  });

  it('marks all of mine read, or only those up to the newest I saw; nobody else’s', async () => {
    const reader = await h.signIn('account_manager');
    await send([reader.userId, colleague.userId], '第一条');
    const seen = (await get('/api/v1/notifications', reader)).json().items[0];
    await send([reader.userId], '看列表后才到的');
    const before = await unreadCount(colleague);

    const upTo = await post(`/api/v1/notifications/read-all?upTo=${seen.id}`, reader);
    expect(upTo.statusCode).toBe(200);
    expect(upTo.json()).toEqual({ updated: 1 });
    expect(await unreadCount(reader)).toBe(1);

    expect((await post('/api/v1/notifications/read-all', reader)).json()).toEqual({ updated: 1 });
    expect(await unreadCount(reader)).toBe(0);
    expect(await unreadCount(colleague)).toBe(before);
  });
});
