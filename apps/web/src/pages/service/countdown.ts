import type { SlaTimer, TicketListItem } from '../../api/service-tickets';

/** A duration broken into what a countdown shows; `over` when the deadline has passed. */
export interface DurationParts {
  over: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function durationParts(ms: number): DurationParts {
  const over = ms < 0;
  // Whole seconds, rounded towards the deadline: "0 分" must not show while time is still left.
  const total = Math.floor(Math.abs(ms) / 1000);
  return {
    over,
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

export interface DurationUnits {
  days: string;
  hours: string;
  minutes: string;
  seconds: string;
  /** Joins the parts: '' in Chinese (2天3小时), ' ' in English (2d 3h). */
  separator: string;
}

/**
 * The two largest parts that matter, as a person reads a deadline: "2天3小时", "3小时5分",
 * "5分12秒" under an hour, "45秒" under a minute. Seconds only show close to the edge, where
 * they decide something (a phone answer is due within 30 s).
 */
export function formatDuration(ms: number, u: DurationUnits): string {
  const p = durationParts(ms);
  const part = (n: number, unit: string) => `${n}${unit}`;
  if (p.days > 0)
    return [part(p.days, u.days), p.hours > 0 ? part(p.hours, u.hours) : '']
      .filter(Boolean)
      .join(u.separator);
  if (p.hours > 0)
    return [part(p.hours, u.hours), p.minutes > 0 ? part(p.minutes, u.minutes) : '']
      .filter(Boolean)
      .join(u.separator);
  if (p.minutes > 0)
    return [part(p.minutes, u.minutes), p.seconds > 0 ? part(p.seconds, u.seconds) : '']
      .filter(Boolean)
      .join(u.separator);
  return part(p.seconds, u.seconds);
}

/** What a countdown says: time left, time over, or that the clock stands while the customer is awaited. */
export type Countdown =
  | { kind: 'left'; text: string }
  | { kind: 'over'; text: string }
  | { kind: 'paused' }
  | { kind: 'none' };

export function countdown(dueAt: string | null, paused: boolean, now: number, u: DurationUnits): Countdown {
  if (paused) return { kind: 'paused' };
  if (!dueAt) return { kind: 'none' };
  const ms = Date.parse(dueAt) - now;
  if (Number.isNaN(ms)) return { kind: 'none' };
  return ms < 0
    ? { kind: 'over', text: formatDuration(ms, u) }
    : { kind: 'left', text: formatDuration(ms, u) };
}

export type Tone = 'green' | 'blue' | 'orange' | 'red' | 'grey';

/**
 * The colour of one SLA timer on the ticket page. The server's state is as of the request; the
 * page refetches every minute, and in between a deadline that passes on screen turns red at once.
 * met: green; met late: red; paused (waiting on the customer): grey; warning: orange; running: blue.
 */
export function timerTone(timer: Pick<SlaTimer, 'state' | 'dueAt'>, now: number): Tone {
  const passed = Date.parse(timer.dueAt) <= now;
  switch (timer.state) {
    case 'met':
      return 'green';
    case 'breached_met':
    case 'breached':
      return 'red';
    case 'paused':
      return 'grey';
    case 'warning':
      return passed ? 'red' : 'orange';
    case 'running':
      return passed ? 'red' : 'blue';
  }
}

/**
 * The colour of a queue row's time to breach. Orange once the owner has been warned that the
 * deadline is near: the SLA watch counts the warning share as the ticket's clock counts (working
 * hours for a business-hours clock), which the row's bare deadline cannot tell, so the row shows
 * the watch's verdict — the same moment the owner's notice went out.
 */
export function queueTone(
  item: Pick<TicketListItem, 'nextDueAt' | 'nextWarned' | 'waiting' | 'resolutionBreached'>,
  now: number,
): Tone | null {
  if (item.waiting) return 'grey';
  if (!item.nextDueAt) return item.resolutionBreached ? 'red' : null;
  const left = Date.parse(item.nextDueAt) - now;
  if (left <= 0 || item.resolutionBreached) return 'red';
  if (item.nextWarned) return 'orange';
  return 'blue';
}

/** antd Tag / text colours for the tones. */
export const toneColors: Record<Tone, string> = {
  green: '#52c41a',
  blue: '#1677ff',
  orange: '#fa8c16',
  red: '#f5222d',
  grey: '#8c8c8c',
};
