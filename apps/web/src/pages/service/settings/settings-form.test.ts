import { defaultBusinessCalendar } from '@weixi/domain/sla';
import { describe, expect, it } from 'vitest';
import type { ServiceSettings } from '../../../api/service-admin';
import { fromFormValues, localIssues, settingsFieldName, shadowedBy, toFormValues } from './settings-form';

const loaded: ServiceSettings = {
  calendar: defaultBusinessCalendar,
  slaPolicies: [{ channel: 'email', firstResponseMs: 3_600_000, resolutionMs: 32_400_000, mode: 'business' }],
  warnBeforePercent: 20,
  reopenWindowDays: 30,
  resolvedSurveyId: null,
  surveyLinkDays: 14,
  lowScore: { csatAtMost: 2, npsAtMost: 6 },
  version: 3,
  updatedAt: null,
};

describe('settings form values', () => {
  it('round-trips the settings', () => {
    const { version: _v, updatedAt: _u, ...value } = loaded;
    expect(fromFormValues(toFormValues(loaded), loaded)).toEqual(value);
  });

  it('drops cleared conditions from a policy', () => {
    const v = toFormValues(loaded);
    v.slaPolicies = [{ ...v.slaPolicies[0], channel: undefined, grade: null } as never];
    expect(fromFormValues(v, loaded).slaPolicies[0]).toEqual({
      firstResponseMs: 3_600_000,
      resolutionMs: 32_400_000,
      mode: 'business',
    });
  });

  it('finds calendar and policy issues with the paths the server uses', () => {
    const v = toFormValues(loaded);
    v.calendar.week[1] = [{ start: '18:00', end: '09:00' }];
    v.slaPolicies.push({ ...loaded.slaPolicies[0], firstResponseMs: 0 } as never);
    const paths = localIssues(fromFormValues(v, loaded)).map((i) => i.path);
    expect(paths).toContain('calendar.week.1.0.end');
    expect(paths).toContain('slaPolicies.1.firstResponseMs');
    expect(paths).toContain('slaPolicies.1.channel');
  });
});

describe('settingsFieldName', () => {
  it.each([
    ['calendar.week.1.0.end', ['calendar', 'week', 1, 0, 'end']],
    ['calendar.week.2.1', ['calendar', 'week', 2, 1, 'start']],
    ['calendar.holidays.3', ['calendar', 'holidays']],
    ['slaPolicies.0.resolutionMs', ['slaPolicies', 0, 'resolutionMs']],
    ['lowScore.npsAtMost', ['lowScore', 'npsAtMost']],
    ['resolvedSurveyId', ['resolvedSurveyId']],
    ['calendar.week', null],
    ['slaPolicies.2', null],
  ])('%s', (path, name) => {
    expect(settingsFieldName(path)).toEqual(name);
  });
});

describe('policy order', () => {
  it('names the earlier policy a duplicate can never beat', () => {
    expect(
      shadowedBy([
        { channel: 'email' },
        { priority: 'high' },
        { channel: 'email' },
        { channel: 'email', grade: 'A' },
      ]),
    ).toEqual([null, null, 1, null]);
  });
});
