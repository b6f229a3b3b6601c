import { newId } from '@weixi/db';
import { customerPageSchema } from '@weixi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomer } from '../../testing/customers';
import { createHarness, type Harness, type Session } from '../../testing/harness';
import { searchDataFor } from './customer-input';
import { insertCustomers, totalCap } from './customers.repository';

// The list's query was reshaped for speed (bench/RESULTS.md): relevance in two parts (exact and
// prefix matches, then the rest in name order), the owner's own list without the scope test, and
// a cheaper capped count. These tests pin the results those shortcuts must not change.

let h: Harness;
let am: Session;
let other: Session;

interface Page {
  items: { id: string; name: string }[];
  nextCursor: string | null;
  total: number;
  totalCapped: boolean;
}

async function page(as: Session, query: string): Promise<Page> {
  const res = await h.request({ method: 'GET', url: `/api/v1/customers?${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

async function walk(as: Session, query: string, limit: number): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const p: Page = await page(as, `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    names.push(...p.items.map((i) => i.name));
    cursor = p.nextCursor;
  } while (cursor);
  return names;
}

beforeAll(async () => {
  h = await createHarness();
  am = await h.signIn('account_manager');
  other = await h.signIn('account_manager');
  for (const name of [
    '苏州光电有限公司',
    '光电',
    '光电之星贸易有限公司',
    '杭州海康光电股份有限公司',
    '光电科技有限公司',
    '宁波光电器材厂',
    '深圳市光电研究所',
    '广电网络公司',
  ]) {
    await createCustomer(h, am, { name });
  }
});
afterAll(async () => {
  await h.close();
});

describe('relevance order in two parts', () => {
  const q = `q=${encodeURIComponent('光电')}`;

  it('puts the exact match first, then prefix matches, then the rest, each by name', async () => {
    const names = (await page(am, `${q}&limit=50`)).items.map((i) => i.name);
    expect(names).toEqual([
      '光电',
      '光电之星贸易有限公司',
      '光电科技有限公司',
      ...['苏州光电有限公司', '杭州海康光电股份有限公司', '宁波光电器材厂', '深圳市光电研究所'].sort(),
    ]);
  });

  it.each([1, 2, 3, 5])(
    'pages of %i cross from the prefix matches to the rest without a gap or repeat',
    async (limit) => {
      const all = (await page(am, `${q}&limit=50`)).items.map((i) => i.name);
      expect(await walk(am, q, limit)).toEqual(all);
    },
  );

  it('ranks pinyin-initial prefixes before later syllables (gd: 光电… and 广电… before 苏州光电…)', async () => {
    const names = (await page(am, 'q=gd&limit=50')).items.map((i) => i.name);
    const firstLater = names.indexOf('苏州光电有限公司');
    expect(firstLater).toBeGreaterThan(names.indexOf('广电网络公司'));
    expect(firstLater).toBeGreaterThan(names.indexOf('光电科技有限公司'));
    expect(await walk(am, 'q=gd', 2)).toEqual(names);
  });
});

describe('the owner’s own list', () => {
  it('ownerId=me lists only the actor’s own customers, also when they collaborate on others', async () => {
    const mine = await createCustomer(h, other, { name: '自己的客户甲' });
    const theirs = await createCustomer(h, am, { name: '协作客户乙' });
    const res = await h.request({
      method: 'PATCH',
      url: `/api/v1/customers/${theirs.id}`,
      as: am,
      headers: { 'if-match': `"${theirs.version}"` },
      payload: { collaboratorIds: [other.userId] },
    });
    expect(res.statusCode, res.body).toBe(200);

    const own = (await page(other, 'ownerId=me&limit=50')).items.map((i) => i.id);
    expect(own).toEqual([mine.id]);
    const body = await page(other, 'limit=50');
    // The 200 body is sent as presentCustomer built it (no zod pass): exactly what the schema allows.
    expect(customerPageSchema.parse(body)).toEqual(body);
    const all = body.items.map((i) => i.id);
    expect(all).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(all).toHaveLength(2);
    // Another owner's id is still limited by the actor's scope: nothing of am's beyond the collaboration.
    const amsOwn = (await page(other, `ownerId=${am.userId}&limit=50`)).items.map((i) => i.id);
    expect(amsOwn).toEqual([theirs.id]);
  });
});

describe('more matches than are counted', () => {
  let owner: Session;
  const prefixNames = Array.from({ length: 5 }, (_, i) => `批量客户${i}号`);

  beforeAll(async () => {
    // totalCap + 5 customers of one owner: 5 whose names start with 批量 (prefix matches of the
    // search 批量) and the rest containing it later in the name. Written in one insert for speed.
    owner = await h.signIn('account_manager');
    const names = [...prefixNames, ...Array.from({ length: totalCap }, (_, i) => `客户批量${i}号`)];
    const rows = names.map((name, i) => ({
      id: newId(),
      name,
      owner_id: owner.userId,
      grade: i < 3 ? 'A' : 'C',
      ...searchDataFor({ name, short_name: '', phone: '', credit_code: null }, []),
    }));
    await insertCustomers(h.database.db, rows, owner.userId, h.clock.now());
  });

  it(`counts exactly up to ${totalCap} and says when there are more`, async () => {
    const capped = await page(owner, 'limit=10');
    expect(capped.total).toBe(totalCap);
    expect(capped.totalCapped).toBe(true);
    const few = await page(owner, 'grade=A&limit=10');
    expect(few.total).toBe(3);
    expect(few.totalCapped).toBe(false);
  });

  it('pages a search with more matches than the cap through prefix matches and then the rest', async () => {
    const q = `q=${encodeURIComponent('批量')}`;
    const first = await page(owner, `${q}&limit=20`);
    expect(first.totalCapped).toBe(true);
    expect(first.items.slice(0, 5).map((i) => i.name)).toEqual(prefixNames);
    const names = await walk(owner, q, 150);
    expect(names).toHaveLength(totalCap + 5);
    expect(new Set(names).size).toBe(totalCap + 5);
    expect(names.slice(0, 5)).toEqual(prefixNames);
  });

  it("pages an executive's search (the two-part plan) in the same order as the owner's (ranked at once)", async () => {
    // The owner's rows are ranked in one piece (ownerBoundedCap); an executive's scope is unbounded,
    // so their search takes prefix matches first and then the rest in name order.
    const exec = await h.signIn('executive');
    const q = `q=${encodeURIComponent('批量')}`;
    const first = await page(owner, `${q}&limit=20`);
    expect(first.total).toBe(totalCap);
    expect(await walk(exec, q, 150)).toEqual(await walk(owner, q, 150));
  });
});

describe('the capped count beside a page', () => {
  it('gives the same total on every page and after a cursor whose page came back empty', async () => {
    const mine = await h.signIn('account_manager');
    const ids: string[] = [];
    for (const name of ['计数甲', '计数乙', '计数丙', '计数丁', '计数戊'])
      ids.push((await createCustomer(h, mine, { name, grade: name === '计数戊' ? 'C' : 'A' })).id);
    const query = `ownerId=${mine.userId}&grade=A,B&sort=name`;
    const first = await page(mine, `${query}&limit=2`);
    expect(first).toMatchObject({ total: 4, totalCapped: false });
    const second = await page(mine, `${query}&limit=2&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ total: 4, totalCapped: false });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    // Everything after the first page leaves the filter between two requests: the page after the
    // cursor is empty, and the total says what matches now.
    await h.database.db
      .updateTable('customer')
      .set({ grade: 'D' })
      .where('id', 'in', ids.slice(0, 4))
      .where(
        'name',
        'not in',
        first.items.map((i) => i.name),
      )
      .execute();
    const empty = await page(mine, `${query}&limit=2&cursor=${first.nextCursor}`);
    expect(empty).toMatchObject({ items: [], total: 2, totalCapped: false });
    expect((await page(mine, `${query}&limit=50`)).total).toBe(2);
  });
});
