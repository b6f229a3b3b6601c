import { describe, expect, it } from 'vitest';
import {
  defaultServiceSettings,
  resolveServiceSettings,
  serviceSettingsIssues,
  warnBeforeMs,
} from './service-settings';

describe('service settings', () => {
  it('falls back to the defaults for nothing stored or junk', () => {
    expect(resolveServiceSettings(undefined)).toEqual(defaultServiceSettings);
    expect(resolveServiceSettings('x')).toEqual(defaultServiceSettings);
    expect(
      resolveServiceSettings({
        warnBeforePercent: 500,
        reopenWindowDays: -1,
        surveyLinkDays: 1.5,
        resolvedSurveyId: '',
      }),
    ).toEqual(defaultServiceSettings);
  });

  it('keeps each valid part and drops an invalid one on its own', () => {
    const stored = {
      calendar: { ...defaultServiceSettings.calendar, timeZone: 'Not/AZone' },
      slaPolicies: [
        { channel: 'email', firstResponseMs: 3_600_000, resolutionMs: 7_200_000, mode: 'calendar' },
      ],
      warnBeforePercent: 10,
      resolvedSurveyId: 'b1c3',
      lowScore: { csatAtMost: 3, npsAtMost: 99 },
    };
    const s = resolveServiceSettings(stored);
    expect(s.calendar).toBe(defaultServiceSettings.calendar);
    expect(s.slaPolicies).toHaveLength(1);
    expect(s.warnBeforePercent).toBe(10);
    expect(s.resolvedSurveyId).toBe('b1c3');
    expect(s.lowScore).toEqual({ csatAtMost: 3, npsAtMost: 6 });
  });

  it('names the field of every issue', () => {
    const issues = serviceSettingsIssues({
      ...defaultServiceSettings,
      calendar: { ...defaultServiceSettings.calendar, timeZone: 'Nowhere' },
      slaPolicies: [{ firstResponseMs: 0, resolutionMs: 1, mode: 'business' }],
      warnBeforePercent: 0,
      surveyLinkDays: 400,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'calendar.timeZone',
      'slaPolicies.0.firstResponseMs',
      'warnBeforePercent',
      'surveyLinkDays',
    ]);
    expect(serviceSettingsIssues(defaultServiceSettings)).toEqual([]);
  });

  it('warns at the set share of the target', () => {
    expect(warnBeforeMs(3_600_000, 20)).toBe(720_000);
    expect(warnBeforeMs(30_000, 1)).toBe(300);
  });
});
