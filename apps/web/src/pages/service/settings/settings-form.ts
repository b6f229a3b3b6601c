import {
  type BusinessCalendar,
  businessCalendarIssues,
  type Weekday,
  type WorkingInterval,
} from '@weixi/domain/sla';
import { type SlaPolicy, slaPolicyIssues } from '@weixi/domain/tickets';
import type { ServiceSettings, ServiceSettingsValue } from '../../../api/service-admin';
import type { FormName, Issue } from '../issues';

/**
 * The settings form holds the week as a list indexed by weekday (0 = Sunday), which is what
 * antd's Form.List edits; the API holds it as an object keyed "0"…"6". Paths stay the same
 * (`calendar.week.1.0.end`), so server issues land on the inputs unchanged.
 */
export interface SettingsFormValues {
  calendar: {
    timeZone: string;
    week: WorkingInterval[][];
    holidays: string[];
    workdays: string[];
  };
  slaPolicies: SlaPolicy[];
  warnBeforePercent: number;
  reopenWindowDays: number;
  resolvedSurveyId: string | null;
  surveyLinkDays: number;
  lowScore: { csatAtMost: number; npsAtMost: number };
}

const days: Weekday[] = [0, 1, 2, 3, 4, 5, 6];

export function toFormValues(s: ServiceSettings): SettingsFormValues {
  return {
    calendar: {
      timeZone: s.calendar.timeZone,
      week: days.map((d) => (s.calendar.week[d] ?? []).map((i) => ({ ...i }))),
      holidays: [...s.calendar.holidays],
      workdays: [...s.calendar.workdays],
    },
    slaPolicies: s.slaPolicies.map((p) => ({ ...p })),
    warnBeforePercent: s.warnBeforePercent,
    reopenWindowDays: s.reopenWindowDays,
    resolvedSurveyId: s.resolvedSurveyId,
    surveyLinkDays: s.surveyLinkDays,
    lowScore: { ...s.lowScore },
  };
}

/** Drops "any" (undefined or null from a cleared select) so a policy only names what it matches. */
function cleanPolicy(p: SlaPolicy): SlaPolicy {
  const out: SlaPolicy = { firstResponseMs: p.firstResponseMs, resolutionMs: p.resolutionMs, mode: p.mode };
  if (p.channel) out.channel = p.channel;
  if (p.priority) out.priority = p.priority;
  if (p.grade) out.grade = p.grade;
  return out;
}

/** The request value; `workdayHours`, which this form does not edit, is kept as loaded. */
export function fromFormValues(v: SettingsFormValues, loaded: ServiceSettings): ServiceSettingsValue {
  const week = Object.fromEntries(
    days.map((d) => [
      d,
      (v.calendar.week[d] ?? []).map((i) => ({ start: i.start.trim(), end: i.end.trim() })),
    ]),
  ) as BusinessCalendar['week'];
  const calendar: BusinessCalendar = {
    timeZone: v.calendar.timeZone.trim(),
    week,
    holidays: [...v.calendar.holidays].sort(),
    workdays: [...v.calendar.workdays].sort(),
  };
  if (loaded.calendar.workdayHours) calendar.workdayHours = loaded.calendar.workdayHours;
  return {
    calendar,
    slaPolicies: (v.slaPolicies ?? []).map(cleanPolicy),
    warnBeforePercent: v.warnBeforePercent,
    reopenWindowDays: v.reopenWindowDays,
    resolvedSurveyId: v.resolvedSurveyId ?? null,
    surveyLinkDays: v.surveyLinkDays,
    lowScore: { ...v.lowScore },
  };
}

/** The checks the server runs on calendar and policies (ranges are the inputs' min/max). */
export function localIssues(value: ServiceSettingsValue): Issue[] {
  return [
    ...businessCalendarIssues(value.calendar).map((i) => ({ ...i, path: `calendar.${i.path}` })),
    ...slaPolicyIssues(value.slaPolicies).map((i) => ({
      ...i,
      path: `slaPolicies.${i.path.replace(/^policies\./, '')}`,
    })),
  ];
}

const policyFields = new Set(['channel', 'priority', 'grade', 'firstResponseMs', 'resolutionMs', 'mode']);
const scalarFields = new Set(['warnBeforePercent', 'reopenWindowDays', 'resolvedSurveyId', 'surveyLinkDays']);

/** The form field that shows an issue at `path`, or null when it belongs to the page as a whole. */
export function settingsFieldName(path: string): FormName | null {
  if (scalarFields.has(path)) return [path];
  if (path === 'calendar.timeZone') return ['calendar', 'timeZone'];
  let m = /^calendar\.week\.([0-6])\.(\d+)(?:\.(start|end))?$/.exec(path);
  // An overlap names the interval, not an end: shown on its start.
  if (m) return ['calendar', 'week', Number(m[1]), Number(m[2]), m[3] ?? 'start'];
  m = /^calendar\.(holidays|workdays)(?:\.\d+)?$/.exec(path);
  if (m?.[1]) return ['calendar', m[1]];
  m = /^slaPolicies\.(\d+)\.(\w+)$/.exec(path);
  if (m?.[2] && policyFields.has(m[2])) return ['slaPolicies', Number(m[1]), m[2]];
  m = /^lowScore\.(csatAtMost|npsAtMost)$/.exec(path);
  if (m?.[1]) return ['lowScore', m[1]];
  return null;
}

const policyKeys = ['channel', 'priority', 'grade'] as const;

/** How many of channel, priority and grade a policy names: more wins over fewer. */
export const policySpecificity = (p: Partial<SlaPolicy>): number => policyKeys.filter((k) => !!p[k]).length;

/**
 * For each policy, the 1-based numbers of the earlier policies with the same conditions, which it
 * can never beat (a tie goes to the first listed).
 */
export function shadowedBy(policies: readonly Partial<SlaPolicy>[]): (number | null)[] {
  const seen = new Map<string, number>();
  return policies.map((p, i) => {
    const key = policyKeys.map((k) => p[k] || '*').join('|');
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return null;
    }
    return first + 1;
  });
}
