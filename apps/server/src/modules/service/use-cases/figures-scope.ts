import { addDays, dateInTimeZone } from '@weixi/domain';
import { AppError } from '../../../http/app-error';
import type { Ctx } from '../../../http/context';
import { departmentSubtreeIds } from '../../identity/identity.repository';
import type { FiguresReach } from '../figures.repository';

/**
 * Whose tickets the figures count (by owner): executives and administrators everyone's, a
 * department manager their department subtree's (and their own), everyone else their own.
 */
export async function figuresReach(ctx: Ctx): Promise<FiguresReach> {
  const { actor } = ctx;
  if (actor.role === 'admin' || actor.role === 'executive') return { kind: 'all' };
  if (actor.role === 'department_manager' && actor.departmentId)
    return {
      kind: 'team',
      userId: actor.id,
      departmentIds: await departmentSubtreeIds(ctx.db, actor.departmentId),
    };
  return { kind: 'own', userId: actor.id };
}

/** Longest period one request may span: enough for five years of trends, small enough to stay fast. */
const maxDays = 5 * 366;

/**
 * The period asked for, in business dates: to defaults to today, from to the first day of the
 * month eleven months earlier (a year of months). From after to, or a span over five years, is a 400.
 */
export function figuresPeriod(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }) {
  const to = q.to ?? dateInTimeZone(ctx.clock.now(), ctx.config.TZ_BUSINESS);
  let from = q.from;
  if (!from) {
    const [y, m] = to.split('-').map(Number) as [number, number];
    const months = y * 12 + (m - 1) - 11;
    from = `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}-01`;
  }
  if (from > to)
    throw new AppError('validation_failed', 'The period ends before it starts', {
      errors: [{ path: 'query.from', code: 'after_to', message: 'must not be after to' }],
    });
  if (addDays(from, maxDays) < to)
    throw new AppError('validation_failed', 'The period is too long', {
      errors: [{ path: 'query.from', code: 'too_long', message: `at most ${maxDays} days before to` }],
    });
  return { from, to };
}
