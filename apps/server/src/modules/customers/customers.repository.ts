import {
  type ContactRow,
  type CustomerRow,
  type CustomFieldDefinitionRow,
  type DB,
  scopeFilter,
} from '@weixi/db';
import type { DataScope } from '@weixi/domain';
import {
  type Expression,
  type ExpressionBuilder,
  expressionBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import { escapeLike } from '../identity/identity.repository';

// The only file of the customers module that touches the database.

type Db = Kysely<DB>;
type CustomerEb = ExpressionBuilder<DB & { c: DB['customer'] }, 'c'>;

/** Everything a customer response needs; the search columns stay in the database. */
const customerColumns = [
  'c.id',
  'c.kind',
  'c.name',
  'c.short_name',
  'c.credit_code',
  'c.industry',
  'c.scale',
  'c.province_code',
  'c.city_code',
  'c.district_code',
  'c.address',
  'c.latitude',
  'c.longitude',
  'c.phone',
  'c.email',
  'c.wechat',
  'c.website',
  'c.source',
  'c.founded_on',
  'c.signed_on',
  'c.tags',
  'c.preferences',
  'c.owner_id',
  'c.department_id',
  'c.category',
  'c.grade',
  'c.value_tier',
  'c.lifecycle',
  'c.status',
  'c.invalid_reason',
  'c.invalidated_at',
  'c.merged_into_id',
  'c.verified_at',
  'c.verified_by',
  'c.custom',
  'c.version',
  'c.created_at',
  'c.updated_at',
  'c.created_by',
  'c.updated_by',
] as const;

export type CustomerView = Omit<
  CustomerRow,
  'search' | 'name_key' | 'phone_keys' | 'pinyin_key' | 'invalidated_by'
> & {
  owner_name: string | null;
  verified_by_name: string | null;
  collaborators: { id: string; name: string }[];
};

/** The scope rule for customers: owner, collaborators, or owners inside the department subtree. */
export function customerScope(scope: DataScope) {
  return scopeFilter(scope, {
    owner: 'c.owner_id',
    // `id = any(array(…))` rather than a correlated EXISTS: the array is read once, and the arm is
    // an index lookup that PostgreSQL can OR with the owner's, instead of a filter on every row.
    collaborator: (userId) =>
      sql<SqlBool>`c.id = any(array(select cc.customer_id from customer_collaborator cc where cc.user_id = ${userId}))`,
  });
}

function customerSelect(db: Db) {
  return db
    .selectFrom('customer as c')
    .leftJoin('app_user as o', 'o.id', 'c.owner_id')
    .leftJoin('app_user as v', 'v.id', 'c.verified_by')
    .select(customerColumns)
    .select(['o.name as owner_name', 'v.name as verified_by_name'])
    .select(
      sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
        from customer_collaborator cc join app_user u on u.id = cc.user_id
        where cc.customer_id = c.id), '[]'::json)`.as('collaborators'),
    );
}

/** One customer inside the actor's scope; undefined when missing or out of scope (callers 404). */
export async function findCustomer(db: Db, scope: DataScope, id: string): Promise<CustomerView | undefined> {
  return (await customerSelect(db).where('c.id', '=', id).where(customerScope(scope)).executeTakeFirst()) as
    | CustomerView
    | undefined;
}

/** Row lock for writes: concurrent edits of one customer queue instead of interleaving. */
export async function lockCustomer(
  db: Db,
  id: string,
): Promise<{ version: number; status: string } | undefined> {
  return db
    .selectFrom('customer')
    .select(['version', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export interface CustomerFilter {
  q?: { tsquery: string; recheck: string | null; raw: string; digits: string } | undefined;
  ownerId?: string | null | undefined;
  departmentIds?: string[] | undefined;
  grade?: string[] | undefined;
  category?: string[] | undefined;
  valueTier?: string[] | undefined;
  lifecycle?: string[] | undefined;
  scale?: string[] | undefined;
  source?: string[] | undefined;
  kind?: string | undefined;
  status: 'active' | 'invalid' | 'all';
  industry?: string | undefined;
  provinceCode?: string | undefined;
  cityCode?: string | undefined;
  districtCode?: string | undefined;
  tag?: string | undefined;
  signedFrom?: string | undefined;
  signedTo?: string | undefined;
  verifiedBefore?: Date | undefined;
  custom?: Record<string, unknown> | undefined;
}

/** exact name/code/phone 0, prefix (Chinese or pinyin) 1, anything else that matched 2. */
function rankExpression(q: NonNullable<CustomerFilter['q']>) {
  const lower = q.raw.toLowerCase();
  return sql<number>`(case
    when lower(c.name) = ${lower} or lower(c.short_name) = ${lower} or c.credit_code = ${q.raw.toUpperCase()}
      or (${q.digits} <> '' and c.phone_keys @> array[${q.digits}]::text[]) then 0
    when c.name ilike ${`${escapeLike(q.raw)}%`} or c.short_name ilike ${`${escapeLike(q.raw)}%`}
      or c.pinyin_key like ${`${escapeLike(lower)}%`} or c.pinyin_key like ${`% ${escapeLike(lower)}%`} then 1
    else 2 end)`;
}

const scopeEb = expressionBuilder<DB & { c: DB['customer'] }, 'c'>();

/** One owner bounds the rows: an account manager's own scope, or a filter by one owner. */
function isOwnerBounded(scope: DataScope, f: CustomerFilter): boolean {
  return scope.kind === 'own' || typeof f.ownerId === 'string';
}

/**
 * Matches ranked in one piece when one owner bounds them. Nobody holds more than a few thousand
 * customers (the pool's claim limit is 50; owners of record rarely pass 5,000); this is a guard
 * against a pathological owner, past which the two-part plan of relevancePage takes over.
 */
const ownerBoundedCap = 20_000;

/**
 * Nothing but the search term (and the status) narrows an unscoped list, so the planner's
 * estimate for the term alone says how many rows match.
 */
function searchesEverything(scope: DataScope, f: CustomerFilter): boolean {
  if (scope.kind !== 'all') return false;
  return Object.entries(f).every(([key, value]) => key === 'q' || key === 'status' || value === undefined);
}

/** Past this many matches in the whole archive a term is common (see listWhere, listCustomers). */
const commonTermMatches = 50_000;

// The planner's estimate per tsquery, from the column statistics ANALYZE keeps (most common
// lexemes and their frequencies): one EXPLAIN, ~0.3 ms, kept for ten minutes.
const matchEstimates = new Map<string, { rows: number; at: number }>();
const matchEstimateTtlMs = 10 * 60_000;

async function estimatedSearchMatches(db: Db, tsquery: string): Promise<number> {
  const now = Date.now();
  const hit = matchEstimates.get(tsquery);
  if (hit && now - hit.at < matchEstimateTtlMs) return hit.rows;
  const { rows } = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json)
    select 1 from customer c where c.search @@ ${tsquery}::tsquery`.execute(db);
  const estimate = rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  if (matchEstimates.size >= 10_000) matchEstimates.clear();
  matchEstimates.set(tsquery, { rows: estimate, at: now });
  return estimate;
}

/**
 * The list's WHERE clause as one SQL fragment. The list runs on every page view: written with
 * `sql` fragments rather than the query builder, building and compiling the count and the page
 * costs ~40 µs of CPU instead of ~340 µs (bench/RESULTS.md).
 */
function listWhere(scope: DataScope, f: CustomerFilter, scanOwnerRows = false): RawBuilder<SqlBool> {
  // Filtering by the actor's own customers is inside every scope: leaving the scope test out
  // then lets PostgreSQL read the owner's index in list order instead of OR-ing collaborations.
  const ownOnly = scope.kind !== 'all' && f.ownerId === scope.userId;
  const conds: (RawBuilder<SqlBool> | Expression<SqlBool>)[] = ownOnly ? [] : [customerScope(scope)(scopeEb)];
  const anyOf = (column: string, values: string[] | undefined) => {
    if (values?.length) conds.push(sql<SqlBool>`${sql.raw(column)} in (${sql.join(values)})`);
  };
  const equals = (column: string, value: string | undefined) => {
    if (value) conds.push(sql<SqlBool>`${sql.raw(column)} = ${value}`);
  };
  conds.push(f.status === 'all' ? sql<SqlBool>`c.status <> 'merged'` : sql<SqlBool>`c.status = ${f.status}`);
  if (f.q) {
    // A common term (科技: 220,000 postings on 1M customers) inside one owner's rows: PostgreSQL
    // ANDs the owner's bitmap with the search index's, and reading that posting list alone took
    // 130 ms. The owner's rows are a few thousand, so testing each one's vector costs a few ms
    // instead. ts_match_vq is the function behind @@; called by name it is not an index condition,
    // so the plan stays on the owner's rows. For rarer terms the index is the faster way in
    // (decompressing 5,000 vectors costs more than a short posting list), so this is chosen only
    // for common ones.
    conds.push(
      scanOwnerRows
        ? sql<SqlBool>`ts_match_vq(c.search, ${f.q.tsquery}::tsquery)`
        : sql<SqlBool>`c.search @@ ${f.q.tsquery}::tsquery`,
    );
    if (f.q.recheck) {
      const like = `%${escapeLike(f.q.recheck)}%`;
      conds.push(
        sql<SqlBool>`(c.name ilike ${like} or c.short_name ilike ${like}
          or exists (select 1 from contact k where k.customer_id = c.id and k.name ilike ${like}))`,
      );
    }
  }
  if (f.ownerId === null) conds.push(sql<SqlBool>`c.owner_id is null`);
  else equals('c.owner_id', f.ownerId);
  if (f.departmentIds) {
    conds.push(
      sql<SqlBool>`c.owner_id in (select u.id from app_user u where u.department_id = any(${f.departmentIds}))`,
    );
  }
  anyOf('c.grade', f.grade);
  anyOf('c.category', f.category);
  anyOf('c.value_tier', f.valueTier);
  anyOf('c.lifecycle', f.lifecycle);
  anyOf('c.scale', f.scale);
  anyOf('c.source', f.source);
  equals('c.kind', f.kind);
  equals('c.industry', f.industry);
  equals('c.province_code', f.provinceCode);
  equals('c.city_code', f.cityCode);
  equals('c.district_code', f.districtCode);
  if (f.tag) conds.push(sql<SqlBool>`c.tags @> array[${f.tag}]::text[]`);
  if (f.signedFrom) conds.push(sql<SqlBool>`c.signed_on >= ${f.signedFrom}`);
  if (f.signedTo) conds.push(sql<SqlBool>`c.signed_on <= ${f.signedTo}`);
  if (f.verifiedBefore)
    conds.push(sql<SqlBool>`(c.verified_at is null or c.verified_at < ${f.verifiedBefore})`);
  if (f.custom && Object.keys(f.custom).length > 0) {
    conds.push(sql<SqlBool>`c.custom @> ${JSON.stringify(f.custom)}::jsonb`);
  }
  return sql<SqlBool>`(${sql.join(conds, sql` and `)})`;
}

/** customerSelect's columns, joins included, as fixed SQL text made once. */
const listColumns = sql.raw(`${customerColumns.join(', ')}, o.name as owner_name, v.name as verified_by_name,
  coalesce((select json_agg(json_build_object('id', u.id, 'name', u.name) order by u.name)
    from customer_collaborator cc join app_user u on u.id = cc.user_id
    where cc.customer_id = c.id), '[]'::json) as collaborators`);
const listFrom = sql.raw(
  'customer c left join app_user o on o.id = c.owner_id left join app_user v on v.id = c.verified_by',
);

export type CustomerSort =
  | 'name'
  | '-name'
  | 'createdAt'
  | '-createdAt'
  | 'updatedAt'
  | '-updatedAt'
  | 'relevance';
export type CursorValues = (string | number | null)[];

/**
 * Counting stops here: an exact total of a million rows costs more than the page itself. Counting
 * visits every matching row up to the cap, so the cap bounds the cost of broad lists and searches:
 * at 10,000 a search for 科技 or 光电 over 1M customers spent 30–90 ms counting (bench/RESULTS.md),
 * at 1,000 under 10 ms. The list says "1,000+" beyond it.
 */
export const totalCap = 1_000;

/**
 * Exactly the matches rankExpression puts at 0 or 1 (exact or prefix), written so that every arm
 * is an index range scan (migration 0004): `lower(x) like 'p%'` is how PostgreSQL evaluates
 * `x ilike 'p%'` (it lower-cases both sides), and pinyin_key is "<full pinyin> <initials>" with
 * one space, so `like '% p%'` is a prefix of its second word. credit_code may be null, making
 * the whole test null: the rest of the matches are therefore `headMatch is not true`.
 */
function headMatch(q: NonNullable<CustomerFilter['q']>) {
  const prefix = `${escapeLike(q.raw.toLowerCase())}%`;
  return sql<SqlBool>`(lower(c.name) like ${prefix} or lower(c.short_name) like ${prefix}
    or c.pinyin_key like ${prefix} or split_part(c.pinyin_key, ' ', 2) like ${prefix}
    or c.credit_code = ${q.raw.toUpperCase()}
    or (${q.digits} <> '' and c.phone_keys @> array[${q.digits}]::text[]))`;
}

export interface ListOptions {
  /** False skips the capped count (total is then 0): the export pages through and never shows it. */
  count?: boolean;
  /** Overrides commonTermMatches: tests use 0 to take the owner-rows form with a small archive. */
  commonTermMatches?: number;
  /** Overrides the estimate past which an unscoped search skips counting (tests). */
  manyMatchesEstimate?: number;
}

export async function listCustomers(
  db: Db,
  scope: DataScope,
  filter: CustomerFilter,
  sort: CustomerSort,
  limit: number,
  after: CursorValues | null,
  options: ListOptions = {},
): Promise<{ rows: (CustomerView & { rank: number | null })[]; total: number; totalCapped: boolean }> {
  const ownerBounded = isOwnerBounded(scope, filter);
  // The estimate serves two choices only: the owner-rows form, and skipping the relevance count.
  const everything = sort === 'relevance' && searchesEverything(scope, filter);
  const estimate =
    filter.q && (ownerBounded || everything) ? await estimatedSearchMatches(db, filter.q.tsquery) : 0;
  const where = listWhere(
    scope,
    filter,
    ownerBounded && estimate > (options.commonTermMatches ?? commonTermMatches),
  );
  let n: number;
  let rows: PageRow[];
  if (sort === 'relevance') {
    if (!filter.q) throw new Error('relevance sort needs a search term');
    const cap = ownerBounded ? ownerBoundedCap : totalCap;
    // A term estimated at five times totalCap over the whole archive surely has more than
    // totalCap matches: collecting 1,001 of them to count (23 ms for 科技, a sequential read until
    // enough are found; 7 ms for 光电) is skipped. The estimate comes from the lexeme statistics,
    // which are exact for frequent lexemes; were it ever wrong, the page would still be right and
    // only the total would say "1,000+".
    const manyMatches = everything && estimate > (options.manyMatchesEstimate ?? 5 * totalCap);
    ({ rows, n } = await relevancePage(db, where, filter.q, limit, after, cap, manyMatches));
  } else {
    // The count and the page are independent: on a server pool they run side by side.
    [n, rows] = await Promise.all([
      options.count === false ? 0 : countMatches(db, where),
      pageRows(db, where, sort, limit, after),
    ]);
  }
  return { rows, total: Math.min(n, totalCap), totalCapped: n > totalCap };
}

/** Matching rows up to totalCap + 1: enough to say "1,000+". */
async function countMatches(db: Db, where: RawBuilder<SqlBool>): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n
    from (select 1 from customer c where ${where} limit ${totalCap + 1}) t`.execute(db);
  return rows[0]?.n ?? 0;
}

type PageRow = CustomerView & { rank: number | null };

async function pageRows(
  db: Db,
  where: RawBuilder<SqlBool>,
  sort: Exclude<CustomerSort, 'relevance'>,
  limit: number,
  a: CursorValues | null,
): Promise<PageRow[]> {
  let after = sql``;
  let order: string;
  switch (sort) {
    case 'name':
    case '-name':
      if (a)
        after = sql` and (c.name, c.id) ${sql.raw(sort === 'name' ? '>' : '<')} (${String(a[0])}, ${String(a[1])}::uuid)`;
      order = sort === 'name' ? 'c.name, c.id' : 'c.name desc, c.id desc';
      break;
    case 'createdAt':
    case '-createdAt':
      if (a) after = sql` and c.id ${sql.raw(sort === 'createdAt' ? '>' : '<')} ${String(a[0])}::uuid`;
      order = sort === 'createdAt' ? 'c.id' : 'c.id desc';
      break;
    case 'updatedAt':
    case '-updatedAt':
      if (a)
        after = sql` and (c.updated_at, c.id) ${sql.raw(sort === 'updatedAt' ? '>' : '<')} (${String(a[0])}::timestamptz, ${String(a[1])}::uuid)`;
      order = sort === 'updatedAt' ? 'c.updated_at, c.id' : 'c.updated_at desc, c.id desc';
      break;
  }
  const { rows } = await sql<PageRow>`select ${listColumns}, null as rank from ${listFrom}
    where ${where}${after} order by ${sql.raw(order)} limit ${limit + 1}`.execute(db);
  return rows;
}

/**
 * Relevance order (rank, name, id) and the capped count of matches, without ranking every match.
 *
 * First, up to cap + 1 matches are collected (the count needs them anyway); when that is all
 * of them, they are ranked and the page is cut from them: a rare term costs one small query. The
 * cap is totalCap, or ownerBoundedCap when one owner bounds the rows: an account manager's 1,052
 * matches of 科技 are ranked at once from their own rows, where walking the name index for the
 * second part read ~10,000 other people's rows per page (300 ms at p95).
 *
 * A common term (科技: a fifth of all companies) has more: then exact and prefix matches (rank 0
 * and 1), which are few, come through the prefix indexes of migration 0004, and all other matches
 * (rank 2) in name order, read from customer_name until the page is full (at least 0.1% of the
 * rows match, so that takes a bounded number of rows). The first part followed by the second is
 * exactly `order by rank, name, id` over all matches. Deciding by the count
 * rather than leaving it to the planner matters: its estimate for prefix terms (nbyx:*) is a
 * fixed 0.5%, which made it walk the whole name index for a term with 173 matches.
 */
async function relevancePage(
  db: Db,
  where: RawBuilder<SqlBool>,
  q: NonNullable<CustomerFilter['q']>,
  limit: number,
  a: CursorValues | null,
  cap: number,
  manyMatches = false,
): Promise<{ rows: PageRow[]; n: number }> {
  const rank = rankExpression(q);
  const cursor = (r: RawBuilder<number>) =>
    a ? sql`and (${r}, c.name, c.id) > (${a[0]}::int, ${a[1]}, ${a[2]}::uuid)` : sql``;
  let n = cap + 1;
  if (!manyMatches) {
    // The page is cut from the matches' (rank, name, id) before the full rows are read.
    const { rows: ranked } = await sql<PageRow & { match_count: number }>`
    with m as materialized (
      select c.id, c.name, ${rank} as rank from customer c where ${where} limit ${cap + 1}
    ), p as (
      select m.id, m.rank from m
      ${a ? sql`where (m.rank, m.name, m.id) > (${a[0]}::int, ${a[1]}, ${a[2]}::uuid)` : sql``}
      order by m.rank, m.name, m.id limit ${limit + 1}
    )
    select ${listColumns}, p.rank, (select count(*) from m)::int as match_count
    from p join customer c on c.id = p.id
      left join app_user o on o.id = c.owner_id left join app_user v on v.id = c.verified_by
    order by p.rank, c.name, c.id`.execute(db);
    // Past the last row of a page nothing tells how many matched: count on their own then.
    n = ranked[0]?.match_count ?? (a ? await countMatches(db, where) : 0);
    if (n <= cap) return { rows: ranked.map(({ match_count: _, ...row }) => row), n };
  }

  const head = headMatch(q);
  // Exact and prefix matches first; when they fill the page the rest is not read at all.
  let headRows: PageRow[] = [];
  if (!(a && a[0] === '2')) {
    ({ rows: headRows } = await sql<PageRow>`select ${listColumns}, ${rank} as rank from ${listFrom}
      where ${where} and ${head} ${cursor(rank)}
      order by rank, c.name, c.id limit ${limit + 1}`.execute(db));
    if (headRows.length > limit) return { rows: headRows, n };
  }
  // Every other match has rank 2, so name order is relevance order among them.
  const { rows: tailRows } = await sql<PageRow>`select ${listColumns}, 2 as rank from ${listFrom}
    where ${where} and ${head} is not true
      ${a && a[0] === '2' ? sql`and (c.name, c.id) > (${a[1]}, ${a[2]}::uuid)` : sql``}
    order by c.name, c.id limit ${limit + 1 - headRows.length}`.execute(db);
  return { rows: [...headRows, ...tailRows], n };
}

export interface CustomerWrite {
  kind?: string;
  name?: string;
  short_name?: string;
  credit_code?: string | null;
  industry?: string;
  scale?: string | null;
  province_code?: string | null;
  city_code?: string | null;
  district_code?: string | null;
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  phone?: string;
  email?: string;
  wechat?: string;
  website?: string;
  source?: string | null;
  founded_on?: string | null;
  signed_on?: string | null;
  tags?: string[];
  preferences?: string;
  owner_id?: string | null;
  department_id?: string | null;
  category?: string;
  grade?: string | null;
  value_tier?: string | null;
  lifecycle?: string;
  custom?: Record<string, unknown>;
  status?: string;
  invalid_reason?: string | null;
  invalidated_at?: Date | null;
  invalidated_by?: string | null;
  merged_into_id?: string | null;
  verified_at?: Date | null;
  verified_by?: string | null;
  name_key?: string;
  pinyin_key?: string;
  phone_keys?: string[];
  search_lexemes?: string[];
}

/** The search lexemes as the vector the customer row keeps (migration 0014) and the index reads. */
function searchVector(lexemes: string[]): RawBuilder<string> {
  return sql<string>`array_to_tsvector(${lexemes}::text[])`;
}

function toColumns<T extends CustomerWrite>(
  w: T,
): Omit<T, 'custom' | 'search_lexemes'> & { custom?: string; search?: RawBuilder<string> } {
  const { custom, search_lexemes, ...rest } = w;
  return {
    ...rest,
    ...(custom !== undefined ? { custom: JSON.stringify(custom) } : {}),
    ...(search_lexemes !== undefined ? { search: searchVector(search_lexemes) } : {}),
  };
}

export async function insertCustomers(
  db: Db,
  rows: (CustomerWrite & { id: string; name: string; name_key: string })[],
  actorId: string | null,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('customer')
    .values(
      rows.map((r) => ({
        ...toColumns(r),
        created_by: actorId,
        updated_by: actorId,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function updateCustomer(
  db: Db,
  id: string,
  version: number,
  patch: CustomerWrite,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('customer')
    .set({ ...toColumns(patch), version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Search data of a customer: its own names, phones and code plus those of its contacts. */
export async function searchSource(db: Db, id: string) {
  const c = await db
    .selectFrom('customer')
    .select(['name', 'short_name', 'phone', 'credit_code'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const contacts = await db
    .selectFrom('contact')
    .select(['name', 'phone'])
    .where('customer_id', '=', id)
    .execute();
  return { customer: c, contacts };
}

export async function setSearchData(
  db: Db,
  id: string,
  data: { search_lexemes: string[]; phone_keys: string[]; name_key: string; pinyin_key: string },
): Promise<void> {
  await db.updateTable('customer').set(toColumns(data)).where('id', '=', id).execute();
}

// ---------- duplicates ----------

export interface DuplicateCandidate {
  id: string;
  name: string;
  credit_code: string | null;
  phone: string;
  owner_id: string | null;
  owner_name: string | null;
  status: string;
  name_key: string;
  phone_keys: string[];
  visible: boolean;
}

export async function findDuplicateCandidates(
  db: Db,
  scope: DataScope,
  keys: { creditCode: string | null; nameKey: string; phoneKeys: string[] },
  excludeIds: string[],
  limit = 20,
): Promise<DuplicateCandidate[]> {
  const phones = keys.phoneKeys.filter(Boolean);
  let q = db
    .selectFrom('customer as c')
    .leftJoin('app_user as o', 'o.id', 'c.owner_id')
    .select([
      'c.id',
      'c.name',
      'c.credit_code',
      'c.phone',
      'c.owner_id',
      'o.name as owner_name',
      'c.status',
      'c.name_key',
      'c.phone_keys',
    ])
    .select((eb) => sql<boolean>`(${customerScope(scope)(eb as unknown as CustomerEb)})`.as('visible'))
    .where('c.status', '<>', 'merged')
    .where((eb) => {
      const ors: Expression<SqlBool>[] = [];
      if (keys.creditCode) ors.push(eb('c.credit_code', '=', keys.creditCode));
      if (keys.nameKey) ors.push(eb('c.name_key', '=', keys.nameKey));
      if (phones.length) ors.push(sql<SqlBool>`c.phone_keys && ${phones}::text[]`);
      return ors.length ? eb.or(ors) : sql<SqlBool>`false`;
    });
  if (excludeIds.length) q = q.where('c.id', 'not in', excludeIds);
  return (await q.orderBy('c.id').limit(limit).execute()) as DuplicateCandidate[];
}

export interface DuplicateGroupRow {
  reason: 'credit_code' | 'name' | 'phone';
  key: string;
  ids: string[];
}

/** Groups of customers sharing a key, across the whole archive; keyset by (reason, key). */
export async function duplicateGroups(
  db: Db,
  limit: number,
  after: { reason: string; key: string } | null,
): Promise<DuplicateGroupRow[]> {
  const { rows } = await sql<DuplicateGroupRow>`
    select * from (
      select 'credit_code' as reason, credit_code as key, array_agg(id order by id) as ids
        from customer where status <> 'merged' and credit_code is not null group by credit_code having count(*) > 1
      union all
      select 'name', name_key, array_agg(id order by id)
        from customer where status <> 'merged' and name_key <> '' group by name_key having count(*) > 1
      union all
      select 'phone', p, array_agg(id order by id)
        from customer, unnest(phone_keys) p where status <> 'merged' group by p having count(*) > 1
    ) g
    where ${after ? sql`(g.reason, g.key) > (${after.reason}, ${after.key})` : sql`true`}
    order by g.reason, g.key
    limit ${limit + 1}`.execute(db);
  return rows;
}

export async function duplicateSummaries(
  db: Db,
  scope: DataScope,
  ids: string[],
): Promise<DuplicateCandidate[]> {
  if (ids.length === 0) return [];
  return (await db
    .selectFrom('customer as c')
    .leftJoin('app_user as o', 'o.id', 'c.owner_id')
    .select([
      'c.id',
      'c.name',
      'c.credit_code',
      'c.phone',
      'c.owner_id',
      'o.name as owner_name',
      'c.status',
      'c.name_key',
      'c.phone_keys',
    ])
    .select((eb) => sql<boolean>`(${customerScope(scope)(eb as unknown as CustomerEb)})`.as('visible'))
    .where('c.id', 'in', ids)
    .execute()) as DuplicateCandidate[];
}

// ---------- collaborators ----------

export async function replaceCollaborators(
  db: Db,
  customerId: string,
  userIds: string[],
  actorId: string,
): Promise<void> {
  await db.deleteFrom('customer_collaborator').where('customer_id', '=', customerId).execute();
  if (userIds.length) {
    await db
      .insertInto('customer_collaborator')
      .values(userIds.map((user_id) => ({ customer_id: customerId, user_id, created_by: actorId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function activeUsers(
  db: Db,
  ids: string[],
): Promise<{ id: string; department_id: string | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user')
    .select(['id', 'department_id'])
    .where('id', 'in', ids)
    .where('status', '=', 'active')
    .execute();
}

// ---------- contacts ----------

export async function listContacts(db: Db, customerIds: string[]): Promise<ContactRow[]> {
  if (customerIds.length === 0) return [];
  return db
    .selectFrom('contact')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('is_key', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findContact(db: Db, customerId: string, id: string): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('id', '=', id)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

export interface ContactWrite {
  name?: string;
  employer?: string;
  position?: string;
  address?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  birthday?: string | null;
  decision_role?: string | null;
  has_decision_authority?: boolean;
  preferred_channel?: string | null;
  personal_notes?: string;
  is_key?: boolean;
  phone_key?: string;
  custom?: Record<string, unknown>;
}

function contactColumns<T extends ContactWrite>(w: T): Omit<T, 'custom'> & { custom?: string } {
  const { custom, ...rest } = w;
  return { ...rest, ...(custom !== undefined ? { custom: JSON.stringify(custom) } : {}) };
}

export async function insertContacts(
  db: Db,
  rows: (ContactWrite & { id: string; customer_id: string; name: string })[],
  actorId: string | null,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('contact')
    .values(
      rows.map((r) => ({
        ...contactColumns(r),
        created_by: actorId,
        updated_by: actorId,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

export async function updateContact(
  db: Db,
  id: string,
  version: number,
  patch: ContactWrite,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('contact')
    .set({ ...contactColumns(patch), version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteContact(db: Db, id: string, version: number): Promise<boolean> {
  const res = await db
    .deleteFrom('contact')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

// ---------- merge ----------

/**
 * Tables that point at a customer. A merge moves every such reference to the survivor; later
 * modules (interactions, orders, tickets, …) add their tables here.
 */
export const customerReferences: { table: string; column: string }[] = [
  { table: 'contact', column: 'customer_id' },
  { table: 'customer_order', column: 'customer_id' },
  { table: 'ownership_history', column: 'customer_id' },
  { table: 'interaction', column: 'customer_id' },
  { table: 'visit', column: 'customer_id' },
  { table: 'task', column: 'customer_id' },
  { table: 'ticket', column: 'customer_id' },
  { table: 'ticket_event', column: 'customer_id' },
  { table: 'survey_invitation', column: 'customer_id' },
  { table: 'survey_response', column: 'customer_id' },
];

export async function moveReferences(db: Db, fromId: string, toId: string): Promise<Record<string, number>> {
  const moved: Record<string, number> = {};
  for (const ref of customerReferences) {
    const res =
      await sql`update ${sql.table(ref.table)} set ${sql.ref(ref.column)} = ${toId} where ${sql.ref(ref.column)} = ${fromId}`.execute(
        db,
      );
    moved[ref.table] = Number(res.numAffectedRows ?? 0);
  }
  await sql`insert into customer_collaborator (customer_id, user_id, created_by)
    select ${toId}, user_id, created_by from customer_collaborator where customer_id = ${fromId}
    on conflict do nothing`.execute(db);
  await db.deleteFrom('customer_collaborator').where('customer_id', '=', fromId).execute();
  return moved;
}

// ---------- custom field definitions ----------

export async function listCustomFields(
  db: Db,
  entity: string,
  activeOnly = false,
): Promise<CustomFieldDefinitionRow[]> {
  let q = db.selectFrom('custom_field_definition').selectAll().where('entity', '=', entity);
  if (activeOnly) q = q.where('active', '=', true);
  return q.orderBy('position').orderBy('key').execute();
}

export async function findCustomField(db: Db, id: string): Promise<CustomFieldDefinitionRow | undefined> {
  return db.selectFrom('custom_field_definition').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCustomField(
  db: Db,
  row: {
    id: string;
    entity: string;
    key: string;
    label_zh: string;
    label_en: string;
    type: string;
    options: unknown[];
    required: boolean;
    position: number;
  },
  actorId: string,
): Promise<void> {
  await db
    .insertInto('custom_field_definition')
    .values({ ...row, options: JSON.stringify(row.options), created_by: actorId, updated_by: actorId })
    .execute();
}

export async function updateCustomField(
  db: Db,
  id: string,
  version: number,
  patch: {
    label_zh?: string;
    label_en?: string;
    options?: unknown[];
    required?: boolean;
    position?: number;
    active?: boolean;
  },
  actorId: string,
  now: Date,
): Promise<boolean> {
  const { options, ...rest } = patch;
  const res = await db
    .updateTable('custom_field_definition')
    .set({
      ...rest,
      ...(options !== undefined ? { options: JSON.stringify(options) } : {}),
      version: sql`version + 1`,
      updated_at: now,
      updated_by: actorId,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------- saved views ----------

export async function listSavedViews(db: Db, userId: string, entity: string) {
  return db
    .selectFrom('saved_view')
    .select(['id', 'name', 'query', 'version'])
    .where('user_id', '=', userId)
    .where('entity', '=', entity)
    .orderBy('name')
    .execute();
}

export async function findSavedView(db: Db, userId: string, id: string) {
  return db
    .selectFrom('saved_view')
    .select(['id', 'name', 'query', 'version'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertSavedView(
  db: Db,
  row: { id: string; user_id: string; entity: string; name: string; query: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('saved_view')
    .values({ ...row, query: JSON.stringify(row.query), created_by: row.user_id, updated_by: row.user_id })
    .execute();
}

export async function updateSavedView(
  db: Db,
  userId: string,
  id: string,
  version: number,
  patch: { name?: string; query?: Record<string, unknown> },
  now: Date,
): Promise<boolean> {
  const res = await db
    .updateTable('saved_view')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.query !== undefined ? { query: JSON.stringify(patch.query) } : {}),
      version: sql`version + 1`,
      updated_at: now,
      updated_by: userId,
    })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteSavedView(db: Db, userId: string, id: string): Promise<boolean> {
  const res = await db
    .deleteFrom('saved_view')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

// ---------- settings ----------

export async function readSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value as T | undefined;
}

/** The stored value with its version and last change (settings that use optimistic concurrency). */
export async function readSettingRow(
  db: Db,
  key: string,
): Promise<{ value: unknown; version: number; updated_at: Date } | undefined> {
  return db
    .selectFrom('setting')
    .select(['value', 'version', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Saves a setting if it is still at `version`: the stored row's version, or 1 while none is
 * stored (the first save then writes version 2, so a second editor who also saw 1 is refused).
 * Returns false when someone saved in between. For settings edited under If-Match.
 */
export async function writeSettingAtVersion(
  db: Db,
  key: string,
  value: unknown,
  version: number,
  actorId: string,
  now: Date,
): Promise<boolean> {
  const json = JSON.stringify(value);
  const updated = await db
    .updateTable('setting')
    .set({ value: json, version: sql`version + 1`, updated_at: now, updated_by: actorId })
    .where('key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  if (version !== 1) return false;
  const inserted = await db
    .insertInto('setting')
    .values({ key, value: json, version: 2, updated_at: now, updated_by: actorId })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function writeSetting(
  db: Db,
  key: string,
  value: unknown,
  actorId: string,
  now: Date,
): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key, value: JSON.stringify(value), updated_by: actorId })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        value: JSON.stringify(value),
        updated_by: actorId,
        updated_at: now,
        version: sql`setting.version + 1`,
      }),
    )
    .execute();
}
