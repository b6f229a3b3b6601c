import { isRealDate } from './import-values';

/**
 * Rules for order lines (订单明细) that need no database: which dates an order may carry, and the
 * window "the last 12 months" means. Dates are calendar dates in the business time zone: an order
 * placed at 07:30 in Shanghai on 25 November is a 25 November order, although it is still the
 * 24th in UTC.
 */

/** Orders before this are surely typing mistakes (1926 for 2026), not history worth grading. */
export const minOrderDate = '1990-01-01';

/** The calendar date at `now` in an IANA time zone, as YYYY-MM-DD. */
export function dateInTimeZone(now: Date, timeZone: string): string {
  return dateFormatter(timeZone).format(now);
}

// Building an Intl.DateTimeFormat costs ~0.1 ms (it loads the zone's rules); lists call this for
// every row, so one formatter per zone is kept for the life of the process.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    // sv-SE formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  return f;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** YYYY-MM-DD plus n days (n may be negative). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/**
 * First day of "the last 12 months" ending today (inclusive): the day after the same date a year
 * earlier, so 2026-11-25 → 2025-11-26 and a year always spans 365 or 366 days. 29 February looks
 * back to 28 February and starts on 1 March.
 */
export function twelveMonthsStart(today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = isRealDate(y - 1, m, d) ? d : d - 1;
  return addDays(`${y - 1}-${pad(m)}-${pad(day)}`, 1);
}

export type OrderDateProblem = 'impossible' | 'too_old' | 'in_future';

/**
 * Why an order cannot carry this date, or null. An order records a purchase that happened: a
 * date after today (in the business time zone) is a typing mistake, not a plan — a future
 * delivery is still ordered today. `toleranceDays` lets an administrator allow orders dated a day
 * or two ahead (ERP exports from another time zone); the default is none.
 */
export function orderDateProblem(date: string, today: string, toleranceDays = 0): OrderDateProblem | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m || !isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return 'impossible';
  if (date < minOrderDate) return 'too_old';
  if (date > addDays(today, toleranceDays)) return 'in_future';
  return null;
}
