import type { ServiceSettingsView } from '@weixi/shared';
import type { StoredServiceSettings } from './use-cases/read-service-settings';

/** Only these fields of the service settings leave the server. */
export function presentServiceSettings(s: StoredServiceSettings): ServiceSettingsView {
  return {
    calendar: {
      timeZone: s.calendar.timeZone,
      week: s.calendar.week,
      holidays: s.calendar.holidays,
      workdays: s.calendar.workdays,
      ...(s.calendar.workdayHours ? { workdayHours: s.calendar.workdayHours } : {}),
    },
    slaPolicies: s.slaPolicies.map((p) => ({
      ...(p.channel ? { channel: p.channel } : {}),
      ...(p.priority ? { priority: p.priority } : {}),
      ...(p.grade ? { grade: p.grade } : {}),
      firstResponseMs: p.firstResponseMs,
      resolutionMs: p.resolutionMs,
      mode: p.mode,
    })),
    warnBeforePercent: s.warnBeforePercent,
    reopenWindowDays: s.reopenWindowDays,
    resolvedSurveyId: s.resolvedSurveyId,
    surveyLinkDays: s.surveyLinkDays,
    lowScore: { csatAtMost: s.lowScore.csatAtMost, npsAtMost: s.lowScore.npsAtMost },
    version: s.version,
    updatedAt: s.updatedAt,
  };
}
