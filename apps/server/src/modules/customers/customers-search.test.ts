import { buildSearchQuery, normalizePhone, resolveScope } from '@weixi/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer, creditCode } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { listCustomers } from './customers.repository';

let h: Harness;
let am: Session;
const ids: Record<string, string> = {};
const code = creditCode();

beforeAll(async () => {
  h = await createHarness();
  am = await h.signIn('account_manager');
  const make = async (key: string, body: Record<string, unknown>) => {
    ids[key] = (await createCustomer(h, am, body)).id;
  };
  await make('yixin', {
    name: '宁波怡信电子科技有限公司',
    shortName: '怡信',
    phone: '0574-8765 4321',
    creditCode: code,
  });
  await make('guangdian', { name: '光电', phone: '13700000000' });
  await make('hzgd', { name: '杭州海康光电股份有限公司' });
  await make('chongqing', { name: '重庆长安汽车股份有限公司' });
  await make('contact', { name: '深圳市某贸易公司', contacts: [{ name: '欧阳建国', phone: '13566667777' }] });
  await make('abb', { name: 'ABB（中国）有限公司' });
  // Noise the index must rule out.
  for (let i = 0; i < 30; i++) await createCustomer(h, am, { name: `无关客户${i}号商行` });
});
afterAll(async () => {
  await h.close();
});

async function search(q: string): Promise<string[]> {
  const res = await h.request({
    method: 'GET',
    url: `/api/v1/customers?q=${encodeURIComponent(q)}&limit=50`,
    as: am,
  });
  expect(res.statusCode, q).toBe(200);
  return res.json().items.map((c: { id: string }) => c.id);
}

describe('customer search', () => {
  it.each([
    ['one Han character', '怡', 'yixin'],
    ['two Han characters', '光电', 'guangdian'],
    ['a middle part of the name', '电子科技', 'yixin'],
    ['full pinyin', 'ningboyixin', 'yixin'],
    ['pinyin from a later syllable', 'yixin', 'yixin'],
    ['pinyin initials', 'nbyx', 'yixin'],
    ['upper-case initials', 'NBYX', 'yixin'],
    ['polyphone initials (重庆 = cq)', 'cqca', 'chongqing'],
    ['short name', '怡信', 'yixin'],
    ['phone digits from the start', '0574876', 'yixin'],
    ['phone with +86', '+86 137 0000 0000', 'guangdian'],
    ['credit code prefix, lower case', code.slice(0, 10).toLowerCase(), 'yixin'],
    ['contact name', '欧阳', 'contact'],
    ['contact phone', '1356666', 'contact'],
    ['latin word', 'abb', 'abb'],
  ])('finds by %s (%s)', async (_label, q, key) => {
    expect(await search(q)).toContain(ids[key]);
  });

  it("finds the same testing an owner's rows one by one as through the search index", async () => {
    // Common terms inside one owner's rows are matched row by row (ts_match_vq) rather than
    // through the GIN index; commonTermMatches 0 takes that form on this small archive.
    const own = resolveScope('own', am.userId, []);
    for (const raw of ['光电', '怡', 'nbyx', '客户', '0574876', '欧阳']) {
      const q = { ...buildSearchQuery(raw)!, raw, digits: normalizePhone(raw) };
      const run = async (commonTermMatches?: number) =>
        (
          await listCustomers(h.database.db, own, { status: 'all', q }, 'relevance', 100, null, {
            commonTermMatches,
          })
        ).rows.map((r) => r.id);
      const rowByRow = await run(0);
      expect(rowByRow.length, raw).toBeGreaterThan(0);
      expect(rowByRow, raw).toEqual(await run());
    }
  });

  it('an unscoped search of a term known to be common pages in the same order without counting', async () => {
    // manyMatchesEstimate 0 makes every term "surely more than the cap": the prefix part and then
    // the name-ordered rest must give exactly the order of ranking all matches at once.
    for (const raw of ['光电', '客户', 'nbyx']) {
      const q = { ...buildSearchQuery(raw)!, raw, digits: normalizePhone(raw) };
      const run = (manyMatchesEstimate?: number) =>
        listCustomers(h.database.db, { kind: 'all' }, { status: 'all', q }, 'relevance', 100, null, {
          manyMatchesEstimate,
        });
      const [uncounted, counted] = await Promise.all([run(0), run()]);
      expect(
        uncounted.rows.map((r) => r.id),
        raw,
      ).toEqual(counted.rows.map((r) => r.id));
      expect(uncounted.totalCapped).toBe(true);
      expect(counted.totalCapped).toBe(false);
    }
  });

  it('does not find what does not match', async () => {
    expect(await search('怡信光电')).toEqual([]);
    expect(await search('xyzxyz')).toEqual([]);
    const nbyx = await search('nbyx');
    expect(nbyx).toEqual([ids.yixin]);
  });

  it('ranks exact over prefix over contains', async () => {
    await createCustomer(h, am, { name: '光电科技' });
    await createCustomer(h, am, { name: '苏州光电' });
    const res = await h.request({
      method: 'GET',
      url: `/api/v1/customers?q=${encodeURIComponent('光电')}`,
      as: am,
    });
    const names = res.json().items.map((c: { name: string }) => c.name);
    expect(names[0]).toBe('光电');
    expect(names[1]).toBe('光电科技');
    expect(names.slice(2)).toEqual(expect.arrayContaining(['苏州光电', '杭州海康光电股份有限公司']));
  });

  it('pages through relevance-sorted results without repeats', async () => {
    const all = await search('客户');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/customers?q=${encodeURIComponent('客户')}&limit=7${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await h.request({ method: 'GET', url, as: am })).json();
      seen.push(...body.items.map((c: { id: string }) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen)).toEqual(new Set(all.length === 30 ? all : seen));
  });

  it('finds contacts added later and forgets removed ones', async () => {
    const c = await createCustomer(h, am, { name: '后加联系人公司' });
    const added = await h.request({
      method: 'POST',
      url: `/api/v1/customers/${c.id}/contacts`,
      as: am,
      payload: { name: '司马懿' },
    });
    expect(added.statusCode).toBe(201);
    expect(await search('司马')).toContain(c.id);
    await h.request({
      method: 'DELETE',
      url: `/api/v1/customers/${c.id}/contacts/${added.json().id}`,
      as: am,
      headers: { 'if-match': '"1"' },
    });
    expect(await search('司马')).not.toContain(c.id);
  });

  it.each(['光', '光电', 'nbyx', '1370000'])('%s is served by the GIN index (EXPLAIN)', async (term) => {
    const q = buildSearchQuery(term)!;
    const plan = await h.database.db.transaction().execute(async (trx) => {
      // A tiny table would be scanned anyway; forbid that to prove the index can serve the query.
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{
        'QUERY PLAN': string;
      }>`explain select id from customer c where c.search @@ ${q.tsquery}::tsquery`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Bitmap Index Scan on customer_search/);
  });
});

describe('mixed Chinese, latin, digits and punctuation', () => {
  const mixed: Record<string, string> = {};
  beforeAll(async () => {
    for (const name of [
      '导入旅程甲-abc',
      '3M中国有限公司',
      'A&B贸易有限公司',
      '华为技术（深圳）有限公司',
      '西门子（中国）有限公司',
    ])
      mixed[name] = (await createCustomer(h, am, { name })).id;
  });

  it.each([
    ['导入旅程甲-abc', '导入旅程甲-abc'],
    ['导入旅程甲', '导入旅程甲-abc'],
    ['旅程甲 abc', '导入旅程甲-abc'],
    ['3M中国', '3M中国有限公司'],
    ['3m', '3M中国有限公司'],
    ['A&B贸易', 'A&B贸易有限公司'],
    ['A&B贸易有限公司', 'A&B贸易有限公司'],
    ['华为-深圳', '华为技术（深圳）有限公司'],
    ['华为技术(深圳)', '华为技术（深圳）有限公司'],
    ['西门子(中国)', '西门子（中国）有限公司'],
    ['(中国)', '西门子（中国）有限公司'],
  ])('%s finds %s', async (q, name) => {
    expect(await search(q)).toContain(mixed[name]);
  });

  it('an exact name typed with its punctuation ranks first', async () => {
    expect((await search('导入旅程甲-abc'))[0]).toBe(mixed['导入旅程甲-abc']);
    expect((await search('A&B贸易有限公司'))[0]).toBe(mixed['A&B贸易有限公司']);
  });

  it('the re-check still rules out names holding the bigrams apart', async () => {
    // abc and 导入 + 入旅 + 旅程 + 程甲 all occur in this name, but not 导入旅程甲 in a row.
    const apart = (await createCustomer(h, am, { name: '导入甲公司入旅程甲-abc' })).id;
    const found = await search('导入旅程甲-abc');
    expect(found).toContain(mixed['导入旅程甲-abc']);
    expect(found).not.toContain(apart);
  });
});
