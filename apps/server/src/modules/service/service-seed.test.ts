import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type Session } from '../../testing/harness';

let h: Harness;
let agent: Session;

beforeAll(async () => {
  h = await createHarness();
  agent = await h.signIn('service_agent');
});
afterAll(async () => {
  await h.close();
});

describe('a new installation', () => {
  it('starts with categories, root causes and standard replies an agent can use at once', async () => {
    const get = async (url: string) => {
      const res = await h.request({ method: 'GET', url, as: agent });
      expect(res.statusCode).toBe(200);
      return res.json<{ items: { name?: string; title?: string; placeholders?: string[] }[] }>().items;
    };
    const causes = await get('/api/v1/service/root-causes');
    expect(causes.map((c) => c.name)).toContain('安装调试不规范');
    expect(causes.length).toBeGreaterThanOrEqual(5);
    expect((await get('/api/v1/service/categories')).map((c) => c.name)).toContain('产品质量');
    const templates = await get('/api/v1/service/reply-templates');
    expect(templates.map((t) => t.title)).toEqual(
      expect.arrayContaining(['受理确认', '处理完成回访', '致歉说明']),
    );
    // Every seeded placeholder is one the renderer knows (an unknown one would be refused on save).
    expect(templates.find((t) => t.title === '受理确认')?.placeholders).toEqual(
      expect.arrayContaining(['contact.name', 'ticket.number', 'agent.name']),
    );
  });
});
