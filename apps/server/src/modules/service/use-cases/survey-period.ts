import { addDays, startOfBusinessDay } from '@weixi/domain';
import { fieldError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import type { Period } from '../surveys.repository';

/** Business dates from..to (both included) as instants in the business time zone. */
export function periodOf(
  ctx: Pick<Ctx, 'config'>,
  q: { from?: string | undefined; to?: string | undefined },
): Period {
  if (q.from && q.to && q.from > q.to) {
    throw fieldError('query.to', 'before_from', 'must be on or after from');
  }
  const tz = ctx.config.TZ_BUSINESS;
  return {
    from: q.from ? startOfBusinessDay(q.from, tz) : undefined,
    before: q.to ? startOfBusinessDay(addDays(q.to, 1), tz) : undefined,
  };
}
