/** Calendar arithmetic on YYYY-MM-DD strings (UTC noon avoids any daylight-saving edge). */
function toDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

function fromDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

/** 1 = Monday … 7 = Sunday. */
export function weekday(day: string): number {
  return ((toDate(day).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the week holding `day` (Chinese weeks start on Monday). */
export function weekStart(day: string): string {
  return addDays(day, 1 - weekday(day));
}

/** The seven days of the week starting at `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

interface Plannable {
  plannedOn: string;
  plannedTime: string | null;
  stopOrder: number | null;
  id: string;
}

/**
 * A day's stops in the order the visitor goes: by stop number first (the route), then by time,
 * unnumbered and untimed ones last; the id keeps equal ones stable.
 */
export function compareStops(a: Plannable, b: Plannable): number {
  const order = (a.stopOrder ?? 1000) - (b.stopOrder ?? 1000);
  if (order !== 0) return order;
  const time = (a.plannedTime ?? '99:99').localeCompare(b.plannedTime ?? '99:99');
  if (time !== 0) return time;
  return a.id.localeCompare(b.id);
}

/** Visits grouped by day for the planner, every day of `days` present (empty days say so). */
export function groupByDay<T extends Plannable>(
  visits: readonly T[],
  days: readonly string[],
): { day: string; visits: T[] }[] {
  const byDay = new Map<string, T[]>(days.map((d) => [d, []]));
  for (const v of visits) {
    const list = byDay.get(v.plannedOn);
    if (list) list.push(v);
    else byDay.set(v.plannedOn, [v]);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, list]) => ({ day, visits: [...list].sort(compareStops) }));
}
