import type { SettingsIssue } from './pool';
import { type BusinessCalendar, businessCalendarIssues, defaultBusinessCalendar } from './sla';
import { defaultLowScoreThresholds, type LowScoreThresholds } from './surveys';
import { defaultReopenWindowDays, type SlaPolicy, slaPolicyIssues } from './tickets';

/**
 * The company's service standard (DOMAIN §5), one settings row edited by an administrator: the
 * business calendar the SLA clocks count in, the SLA policies over the defaults, when a running
 * clock warns, how long a closed ticket may be reopened, and the surveys that follow a ticket.
 */
export interface ServiceSettings {
  calendar: BusinessCalendar;
  /** Most specific match wins (tickets.ts `slaTargetsFor`); empty: the DOMAIN defaults. */
  slaPolicies: SlaPolicy[];
  /** Warn the owner when this share (1–90 %) of a target or less is left. */
  warnBeforePercent: number;
  reopenWindowDays: number;
  /** The survey sent when a ticket is resolved; null: none is sent automatically. */
  resolvedSurveyId: string | null;
  /** How long a survey link works, in days. */
  surveyLinkDays: number;
  lowScore: LowScoreThresholds;
}

export const defaultServiceSettings: ServiceSettings = {
  calendar: defaultBusinessCalendar,
  slaPolicies: [],
  // A fifth of the target: two hours' notice on a business day's resolution.
  warnBeforePercent: 20,
  reopenWindowDays: defaultReopenWindowDays,
  resolvedSurveyId: null,
  // Two weeks: long enough for someone away on business, short enough to be about this ticket.
  surveyLinkDays: 14,
  lowScore: defaultLowScoreThresholds,
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Stored settings may predate a key or hold junk: each part falls back to its default when it
 * does not pass its own checks, so a bad calendar never stops every SLA clock.
 */
export function resolveServiceSettings(stored: unknown): ServiceSettings {
  const s = isObject(stored) ? stored : {};
  const d = defaultServiceSettings;
  const int = (v: unknown, fallback: number, min: number, max: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback;
  const calendar =
    isObject(s.calendar) && businessCalendarIssues(s.calendar as unknown as BusinessCalendar).length === 0
      ? (s.calendar as unknown as BusinessCalendar)
      : d.calendar;
  const slaPolicies =
    Array.isArray(s.slaPolicies) && slaPolicyIssues(s.slaPolicies as SlaPolicy[]).length === 0
      ? (s.slaPolicies as SlaPolicy[])
      : d.slaPolicies;
  const low = isObject(s.lowScore) ? s.lowScore : {};
  return {
    calendar,
    slaPolicies,
    warnBeforePercent: int(s.warnBeforePercent, d.warnBeforePercent, 1, 90),
    reopenWindowDays: int(s.reopenWindowDays, d.reopenWindowDays, 0, 365),
    resolvedSurveyId:
      typeof s.resolvedSurveyId === 'string' && s.resolvedSurveyId !== '' ? s.resolvedSurveyId : null,
    surveyLinkDays: int(s.surveyLinkDays, d.surveyLinkDays, 1, 365),
    lowScore: {
      csatAtMost: int(low.csatAtMost, d.lowScore.csatAtMost, 0, 5),
      npsAtMost: int(low.npsAtMost, d.lowScore.npsAtMost, -1, 10),
    },
  };
}

/** Everything wrong with settings an administrator submits, by the field a form shows it beside. */
export function serviceSettingsIssues(s: ServiceSettings): SettingsIssue[] {
  const issues: SettingsIssue[] = [];
  for (const i of businessCalendarIssues(s.calendar)) issues.push({ ...i, path: `calendar.${i.path}` });
  for (const i of slaPolicyIssues(s.slaPolicies))
    issues.push({ ...i, path: `slaPolicies.${i.path.replace(/^policies\./, '')}` });
  const range = (path: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      issues.push({ path, code: 'out_of_range', message: `must be a whole number from ${min} to ${max}` });
  };
  range('warnBeforePercent', s.warnBeforePercent, 1, 90);
  range('reopenWindowDays', s.reopenWindowDays, 0, 365);
  range('surveyLinkDays', s.surveyLinkDays, 1, 365);
  range('lowScore.csatAtMost', s.lowScore.csatAtMost, 0, 5);
  range('lowScore.npsAtMost', s.lowScore.npsAtMost, -1, 10);
  return issues;
}

/** Counted time before a deadline at which the owner is warned: the set share of the target. */
export function warnBeforeMs(targetMs: number, warnBeforePercent: number): number {
  return Math.round((targetMs * warnBeforePercent) / 100);
}
