import { businessDayMs } from '@weixi/domain/tickets';

/**
 * SLA targets are stored in milliseconds; administrators think in minutes, hours and business
 * days. A business day is 9 counted hours (09:00–18:00), the same unit the DOMAIN defaults use
 * ("high: 1 business day"), so 3 business days round-trip to the stored 27 h exactly.
 */
export const durationUnits = ['minutes', 'hours', 'businessDays'] as const;
export type DurationUnit = (typeof durationUnits)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const unitMs: Record<DurationUnit, number> = {
  minutes: MINUTE,
  hours: HOUR,
  businessDays: businessDayMs,
};

/** A value in a unit → whole milliseconds (the clock walks integer instants). */
export function toMs(value: number, unit: DurationUnit): number {
  return Math.round(value * unitMs[unit]);
}

/** Milliseconds → a value in the unit, to at most three decimals (30 s is 0.5 minutes). */
export function fromMs(ms: number, unit: DurationUnit): number {
  return Math.round((ms / unitMs[unit]) * 1000) / 1000;
}

export interface DurationInput {
  value: number;
  unit: DurationUnit;
}

/**
 * The unit a stored target reads best in: whole business days for targets counted in business
 * time, then whole hours, then minutes. A calendar-time target of 18 h stays "18 hours": on the
 * wall clock a "business day" would mislead.
 */
export function bestUnit(ms: number, mode: 'business' | 'calendar'): DurationInput {
  if (mode === 'business' && ms >= businessDayMs && ms % businessDayMs === 0)
    return { value: ms / businessDayMs, unit: 'businessDays' };
  if (ms >= HOUR && ms % HOUR === 0) return { value: ms / HOUR, unit: 'hours' };
  return { value: fromMs(ms, 'minutes'), unit: 'minutes' };
}

export type DurationParts =
  | { key: 'seconds'; count: number }
  | { key: 'minutes'; count: number }
  | { key: 'hours'; count: number }
  | { key: 'businessDays'; count: number }
  | { key: 'hoursMinutes'; hours: number; minutes: number };

/** A duration cut into the words a label needs (the caller translates them). */
export function durationParts(ms: number, mode: 'business' | 'calendar' = 'calendar'): DurationParts {
  if (ms < MINUTE) return { key: 'seconds', count: Math.round(ms / 1000) };
  const best = bestUnit(ms, mode);
  if (best.unit === 'businessDays') return { key: 'businessDays', count: best.value };
  if (best.unit === 'hours') return { key: 'hours', count: best.value };
  if (ms < HOUR) return { key: 'minutes', count: Math.round(ms / MINUTE) };
  const minutes = Math.round(ms / MINUTE);
  return { key: 'hoursMinutes', hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
