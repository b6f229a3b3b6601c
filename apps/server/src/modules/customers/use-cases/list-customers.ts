import { buildSearchQuery, normalizePhone } from '@weixi/domain';
import type { Customer, ListCustomersQuery } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { departmentSubtreeIds } from '../../identity/identity.repository';
import { seesContactDetails } from '../customers.policy';
import { presentCustomer } from '../customers.presenter';
import {
  type CustomerFilter,
  type CustomerSort,
  listCustomers as listCustomerRows,
} from '../customers.repository';

const cursorArity: Record<CustomerSort, number> = {
  relevance: 3,
  name: 2,
  '-name': 2,
  createdAt: 1,
  '-createdAt': 1,
  updatedAt: 2,
  '-updatedAt': 2,
};

export async function toCustomerFilter(ctx: Ctx, input: ListCustomersQuery): Promise<CustomerFilter> {
  let custom: Record<string, unknown> | undefined;
  if (input.custom) {
    try {
      const parsed: unknown = JSON.parse(input.custom);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      custom = parsed as Record<string, unknown>;
    } catch {
      throw fieldError('query.custom', 'invalid_json', 'must be a JSON object of custom field key → value');
    }
  }
  const search = input.q ? buildSearchQuery(input.q) : null;
  if (input.q && !search)
    throw fieldError(
      'query.q',
      'nothing_to_search',
      'the search term has no letters, digits or Chinese characters',
    );
  return {
    ...(search && input.q ? { q: { ...search, raw: input.q.trim(), digits: normalizePhone(input.q) } } : {}),
    ownerId: input.ownerId === 'me' ? ctx.actor.id : input.ownerId === 'none' ? null : input.ownerId,
    departmentIds: input.departmentId ? await departmentSubtreeIds(ctx.db, input.departmentId) : undefined,
    grade: input.grade,
    category: input.category,
    valueTier: input.valueTier,
    lifecycle: input.lifecycle,
    scale: input.scale,
    source: input.source,
    kind: input.kind,
    // Invalid (注销) customers leave work lists but a search still finds them.
    status: input.q && input.status === 'active' ? 'all' : input.status,
    industry: input.industry,
    provinceCode: input.provinceCode,
    cityCode: input.cityCode,
    districtCode: input.districtCode,
    tag: input.tag,
    signedFrom: input.signedFrom,
    signedTo: input.signedTo,
    verifiedBefore: input.unverifiedDays
      ? new Date(ctx.clock.now().getTime() - input.unverifiedDays * 86_400_000)
      : undefined,
    custom,
  };
}

export async function listCustomers(ctx: Ctx, input: ListCustomersQuery) {
  const filter = await toCustomerFilter(ctx, input);
  const sort: CustomerSort = input.sort ?? (filter.q ? 'relevance' : '-updatedAt');
  if (sort === 'relevance' && !filter.q)
    throw fieldError('query.sort', 'needs_q', 'relevance sorting needs a search term (q)');
  const cursor = readCursor(input.cursor, cursorArity[sort]);
  const after = cursor ? cursor.values : null;
  if (after && sort === 'relevance' && typeof after[0] !== 'string')
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid');
  const { rows, total, totalCapped } = await listCustomerRows(
    ctx.db,
    await ctx.scope(),
    filter,
    sort,
    input.limit,
    after,
  );
  const page = pageOf<(typeof rows)[number], Customer>(
    rows,
    input.limit,
    total,
    (r) => presentCustomer(r, seesContactDetails(ctx.actor, r)),
    (r) => {
      switch (sort) {
        case 'relevance':
          return [String(r.rank), r.name, r.id];
        case 'name':
        case '-name':
          return [r.name, r.id];
        case 'updatedAt':
        case '-updatedAt':
          return [new Date(r.updated_at).toISOString(), r.id];
        default:
          return [r.id];
      }
    },
  );
  return { ...page, totalCapped };
}
