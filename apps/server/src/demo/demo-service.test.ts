import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../testing/harness';
import { demoPassword, loadDemoData } from './demo-data';

// The demo's service desk, read back through the API as its people would on first start.
let h: Harness;
let admin: Session;
beforeAll(async () => {
  h = await createHarness();
  await h.makeUser({ role: 'admin', email: 'admin@weixi.local' });
  await loadDemoData(h.database.db, h.clock.now(), h.config);
  admin = await h.login('admin@weixi.local');
});
afterAll(async () => {
  await h.close();
});

interface QueueItem {
  subject: string;
  status: string;
  priority: string;
  owner: { name: string } | null;
}

describe('demo service desk', () => {
  it('gives the service agents a queue led by the urgent complaint nobody has acknowledged', async () => {
    const xu = await h.login('xu.fang@weixi.local', demoPassword);
    const mine = (await h.request({ method: 'GET', url: '/api/v1/tickets?view=mine', as: xu })).json();
    expect(mine.items.map((t: QueueItem) => [t.subject, t.status])).toEqual([
      ['装车后传感器报警，客户要求立即派人', 'new'],
      // Waiting on the customer: no running deadline, so last.
      ['新购数控转台安装调试', 'in_progress'],
    ]);
    const wu = await h.login('wu.jing@weixi.local', demoPassword);
    const open = (await h.request({ method: 'GET', url: '/api/v1/tickets?view=mine', as: wu })).json();
    expect(open.items.map((t: QueueItem) => t.status)).toEqual(['acknowledged']);
    const resolved = (
      await h.request({ method: 'GET', url: '/api/v1/tickets?view=mine&status=resolved,closed', as: wu })
    ).json();
    expect(resolved.items).toHaveLength(3);
  });

  it('tells the whole story of the handled complaint on its page and its history', async () => {
    const manager = await h.login('cs.manager@weixi.local', demoPassword);
    const list = (
      await h.request({
        method: 'GET',
        url: '/api/v1/tickets?view=all&status=closed&kind=complaint',
        as: manager,
      })
    ).json();
    expect(list.items).toHaveLength(1);
    const ticket = (
      await h.request({ method: 'GET', url: `/api/v1/tickets/${list.items[0].id}`, as: manager })
    ).json();
    expect(ticket).toMatchObject({
      status: 'closed',
      important: true,
      rootCause: { name: '生产质量问题' },
    });
    const events = (
      await h.request({ method: 'GET', url: `/api/v1/tickets/${ticket.id}/events?limit=100`, as: manager })
    ).json();
    const kinds = events.items.map((e: { kind: string }) => e.kind);
    for (const k of ['created', 'acknowledged', 'reply', 'note', 'started', 'resolved', 'closed'])
      expect(kinds).toContain(k);
    // The template's placeholders were filled in, as the composer sends a reply.
    const bodies = events.items.map((e: { body: string | null }) => e.body ?? '').join('\n');
    expect(bodies).toContain(`工单号 ${ticket.number}`);
    expect(bodies).not.toContain('{{');
  });

  it('has survey answers in the results and the figures, and a task from the low score', async () => {
    const surveys = (await h.request({ method: 'GET', url: '/api/v1/surveys', as: admin })).json();
    expect(surveys.items).toHaveLength(1);
    const results = (
      await h.request({ method: 'GET', url: `/api/v1/surveys/${surveys.items[0].id}/results`, as: admin })
    ).json();
    expect(results.responses).toBe(3);

    const gm = await h.login('gm@weixi.local', demoPassword);
    const figures = (
      await h.request({ method: 'GET', url: '/api/v1/service/figures?groupBy=agent', as: gm })
    ).json();
    expect(figures.totals).toMatchObject({ tickets: 7, responses: 3 });
    // Two of three answered 4 or 5.
    expect(figures.totals.csat).toBeCloseTo(66.7, 0);
    // Answered on the call and mostly in time: of the four finished tickets only the late delivery
    // breached. (The urgent complaint nobody has picked up counts once the SLA watch marks it.)
    expect(figures.totals.breachRate).toBe(25);

    const li = await h.login('li.na@weixi.local', demoPassword);
    const tasks = (await h.request({ method: 'GET', url: '/api/v1/tasks?view=mine', as: li })).json();
    expect(tasks.items.some((t: { source: string }) => t.source === 'survey')).toBe(true);
  });
});

describe('demo service desk without an administrator (a bare data-transfer source)', () => {
  it('loads the tickets and leaves the survey out', async () => {
    const bare = await createHarness();
    try {
      await loadDemoData(bare.database.db, bare.clock.now(), bare.config);
      const tickets = await bare.database.db
        .selectFrom('ticket')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(tickets.n)).toBe(7);
      expect(await bare.database.db.selectFrom('survey').select('id').execute()).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});
