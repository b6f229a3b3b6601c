import { cooldownCutoff, cooldownEndsOn } from '@weixi/domain';
import type { ListCustomersQuery, PoolCustomer, PoolQuery } from '@weixi/shared';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { pageOf, readCursor } from '../../../http/pagination';
import { presentCustomer } from '../../customers/customers.presenter';
import { type CustomerSort, listCustomers } from '../../customers/customers.repository';
import { toCustomerFilter } from '../../customers/use-cases/list-customers';
import { assertCan } from '../ownership.policy';
import { lastDepartures, recentReleasesBy } from '../ownership.repository';
import { getPoolSettings } from './pool-settings';

const cursorArity: Record<CustomerSort, number> = {
  relevance: 3,
  name: 2,
  '-name': 2,
  createdAt: 1,
  '-createdAt': 1,
  updatedAt: 2,
  '-updatedAt': 2,
};

/**
 * The public pool (公海池): active customers without an owner, with the customer list's filters,
 * search and keyset pages (the same query, reused). Everyone who serves customers sees the whole
 * pool whatever their data scope — that is what a pool is for — and sees contact details masked,
 * as for any customer they do not own (decision 007). Each row says how it came to the pool and,
 * when the reader gave it up recently, when they may claim it again.
 */
export async function listPool(ctx: Ctx, input: PoolQuery) {
  assertCan(ctx.actor, 'view_pool');
  const base = await toCustomerFilter(ctx, { ...input, status: 'active' } as ListCustomersQuery);
  // Invalid (注销) customers are never in the pool, even when searching.
  const filter = { ...base, ownerId: null, status: 'active' as const, departmentIds: undefined };
  const sort: CustomerSort = input.sort ?? (filter.q ? 'relevance' : '-updatedAt');
  if (sort === 'relevance' && !filter.q)
    throw fieldError('query.sort', 'needs_q', 'relevance sorting needs a search term (q)');
  const cursor = readCursor(input.cursor, cursorArity[sort]);
  const after = cursor ? cursor.values : null;
  if (after && sort === 'relevance' && typeof after[0] !== 'string')
    throw fieldError('query.cursor', 'invalid', 'cursor is not valid');

  const { rows, total, totalCapped } = await listCustomers(
    ctx.db,
    { kind: 'all' },
    filter,
    sort,
    input.limit,
    after,
  );
  const ids = rows.slice(0, input.limit).map((r) => r.id);
  const settings = await getPoolSettings(ctx);
  const tz = ctx.config.TZ_BUSINESS;
  const since = cooldownCutoff(ctx.clock.now(), tz, settings.cooldownDays);
  const [departures, mine] = await Promise.all([
    lastDepartures(ctx.db, ids),
    since ? recentReleasesBy(ctx.db, ctx.actor.id, ids, since) : Promise.resolve(new Map<string, Date>()),
  ]);

  const page = pageOf<(typeof rows)[number], PoolCustomer>(
    rows,
    input.limit,
    total,
    (r) => {
      const d = departures.get(r.id);
      const released = mine.get(r.id);
      return {
        // Nobody owns a pool customer, so nobody reads its numbers plainly here.
        ...presentCustomer(r, false),
        pool: {
          since: d ? d.at.toISOString() : null,
          how: d?.kind ?? null,
          lastOwner: d?.from ?? null,
          cooldownEndsOn: released ? cooldownEndsOn(released, tz, settings.cooldownDays) : null,
        },
      };
    },
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
