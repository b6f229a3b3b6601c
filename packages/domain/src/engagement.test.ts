import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultEngagementSettings,
  distanceMeters,
  dueBounds,
  dueOnProblem,
  dueWindowOf,
  followUpDue,
  judgeCheckIn,
  notificationTopicOf,
  occurredAtProblem,
  overdueDays,
  qualifiesForFollowUp,
  resolveEngagementSettings,
} from './engagement';

const days = { A: 30, B: 90, C: 90, D: 180 };
const tz = 'Asia/Shanghai';
const at = (s: string) => new Date(s);

describe('qualifiesForFollowUp', () => {
  it('counts every outbound contact and every meeting, inbound remote contact only when set', () => {
    const off = { countInbound: false };
    expect(qualifiesForFollowUp({ channel: 'phone', direction: 'outbound' }, off)).toBe(true);
    expect(qualifiesForFollowUp({ channel: 'phone', direction: 'inbound' }, off)).toBe(false);
    expect(qualifiesForFollowUp({ channel: 'wechat', direction: 'inbound' }, off)).toBe(false);
    expect(qualifiesForFollowUp({ channel: 'face_to_face', direction: 'inbound' }, off)).toBe(true);
    expect(qualifiesForFollowUp({ channel: 'visit', direction: 'inbound' }, off)).toBe(true);
    expect(qualifiesForFollowUp({ channel: 'event', direction: 'inbound' }, off)).toBe(true);
    expect(qualifiesForFollowUp({ channel: 'email', direction: 'inbound' }, { countInbound: true })).toBe(
      true,
    );
  });
});

describe('followUpDue', () => {
  const base = {
    status: 'active',
    grade: 'B',
    category: 'normal',
    createdAt: at('2026-01-10T02:00:00Z'),
    lastFollowUpAt: null,
    lastOwnerContactAt: null,
  };

  it('runs the grade cadence from the last follow-up, or from creation when there was none', () => {
    expect(followUpDue(base, days, 30)).toEqual({ dueAt: at('2026-04-10T02:00:00Z'), reason: 'cadence' });
    const after = { ...base, lastFollowUpAt: at('2026-03-01T06:30:00Z') };
    expect(followUpDue(after, days, 30)?.dueAt).toEqual(at('2026-05-30T06:30:00Z'));
  });

  it('uses D for ungraded customers and nothing for invalid or merged ones', () => {
    expect(followUpDue({ ...base, grade: null }, days, 30)?.dueAt).toEqual(at('2026-07-09T02:00:00Z'));
    expect(followUpDue({ ...base, status: 'invalid' }, days, 30)).toBeNull();
    expect(followUpDue({ ...base, status: 'merged' }, days, 30)).toBeNull();
  });

  it("holds key customers to the owner's monthly contact when it comes first", () => {
    const key = {
      ...base,
      category: 'key',
      lastFollowUpAt: at('2026-03-01T00:00:00Z'),
      // A colleague called on 1 March; the owner last on 1 February.
      lastOwnerContactAt: at('2026-02-01T00:00:00Z'),
    };
    expect(followUpDue(key, days, 30)).toEqual({ dueAt: at('2026-03-03T00:00:00Z'), reason: 'key_contact' });
    // A grade-A key customer whose owner called last: the 30-day cadence and the key rule tie.
    const a = { ...key, grade: 'A', lastOwnerContactAt: key.lastFollowUpAt };
    expect(followUpDue(a, days, 30)).toEqual({ dueAt: at('2026-03-31T00:00:00Z'), reason: 'cadence' });
  });

  it('is never later than the cadence, and never earlier than the last follow-up (property)', () => {
    const date = fc.date({
      min: at('2020-01-01T00:00:00Z'),
      max: at('2030-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(
        fc.record({
          grade: fc.constantFrom('A', 'B', 'C', 'D', null),
          category: fc.constantFrom('key', 'normal', 'potential'),
          createdAt: date,
          lastFollowUpAt: fc.option(date, { nil: null }),
          lastOwnerContactAt: fc.option(date, { nil: null }),
        }),
        fc.integer({ min: 1, max: 366 }),
        (c, keyDays) => {
          const due = followUpDue({ ...c, status: 'active' }, days, keyDays)!;
          const from = (c.lastFollowUpAt ?? c.createdAt).getTime();
          const cadenceDays = days[(c.grade ?? 'D') as keyof typeof days];
          expect(due.dueAt.getTime()).toBeLessThanOrEqual(from + cadenceDays * 86_400_000);
          if (c.category !== 'key') expect(due.reason).toBe('cadence');
        },
      ),
    );
  });
});

describe('due windows', () => {
  // Thursday 3 December 2026, 10:00 in Shanghai.
  const now = at('2026-12-03T02:00:00Z');
  const b = dueBounds(now, tz, 1);

  it('cut the business day and week at Shanghai midnight, weeks ending on Sunday', () => {
    expect(b.today).toBe('2026-12-03');
    expect(b.startOfToday).toEqual(at('2026-12-02T16:00:00Z'));
    expect(b.startOfTomorrow).toEqual(at('2026-12-03T16:00:00Z'));
    expect(b.startOfNextWeek).toEqual(at('2026-12-06T16:00:00Z')); // Monday 7 Dec 00:00
    expect(b.leadEnd).toEqual(at('2026-12-04T16:00:00Z')); // tomorrow included
  });

  it('place due times in overdue / today / week / later', () => {
    expect(dueWindowOf(at('2026-12-02T15:59:59Z'), b)).toBe('overdue');
    expect(dueWindowOf(at('2026-12-02T16:00:00Z'), b)).toBe('today');
    expect(dueWindowOf(at('2026-12-06T15:59:59Z'), b)).toBe('week');
    expect(dueWindowOf(at('2026-12-06T16:00:00Z'), b)).toBe('later');
  });

  it('on a Sunday the week is just today; on a Monday it is seven days', () => {
    const sunday = dueBounds(at('2026-12-06T04:00:00Z'), tz);
    expect(sunday.startOfNextWeek).toEqual(sunday.startOfTomorrow);
    const monday = dueBounds(at('2026-12-07T04:00:00Z'), tz);
    expect(monday.startOfNextWeek.getTime() - monday.startOfToday.getTime()).toBe(7 * 86_400_000);
  });

  it('count overdue days by business dates', () => {
    expect(overdueDays(at('2026-12-02T15:00:00Z'), now, tz)).toBe(1); // 2 Dec 23:00 Shanghai
    expect(overdueDays(at('2026-12-02T17:00:00Z'), now, tz)).toBe(0); // due today
    expect(overdueDays(at('2026-12-10T00:00:00Z'), now, tz)).toBe(0);
  });
});

describe('typed dates', () => {
  it('refuses interactions in the future beyond the tolerance', () => {
    const now = at('2026-12-03T02:00:00Z');
    expect(occurredAtProblem(at('2026-12-03T02:10:00Z'), now, 10)).toBeNull();
    expect(occurredAtProblem(at('2026-12-03T02:10:01Z'), now, 10)).toBe('in_future');
    expect(occurredAtProblem(at('2020-01-01T00:00:00Z'), now, 0)).toBeNull();
  });

  it('refuses tasks due before today', () => {
    expect(dueOnProblem('2026-12-02', '2026-12-03')).toBe('before_today');
    expect(dueOnProblem('2026-12-03', '2026-12-03')).toBeNull();
  });
});

describe('check-in', () => {
  const tianAnMen = { latitude: 39.9087, longitude: 116.3975 };

  it('measures great-circle distances', () => {
    const shanghai = { latitude: 31.2304, longitude: 121.4737 };
    expect(distanceMeters(tianAnMen, shanghai) / 1000).toBeCloseTo(1067, -1);
    expect(distanceMeters(tianAnMen, tianAnMen)).toBe(0);
  });

  it('flags far, missing and incomparable positions; accuracy gives the benefit of the doubt', () => {
    const near = { latitude: 39.9127, longitude: 116.3975 }; // ~445 m north
    const far = { latitude: 39.9287, longitude: 116.3975 }; // ~2.2 km north
    expect(judgeCheckIn(near, tianAnMen, 1000)).toEqual({ flag: 'ok', distanceM: 445 });
    expect(judgeCheckIn(far, tianAnMen, 1000).flag).toBe('far');
    // 1.3 km away, but the browser says ±500 m: it may have been 800 m, so not flagged.
    const edge = { latitude: 39.9204, longitude: 116.3975 };
    expect(judgeCheckIn(edge, tianAnMen, 1000).flag).toBe('far');
    expect(judgeCheckIn({ ...edge, accuracyM: 500 }, tianAnMen, 1000).flag).toBe('ok');
    // A coarse fix (±5 km) gets at most the threshold itself as benefit, or nothing would be far.
    expect(judgeCheckIn({ ...far, accuracyM: 5000 }, tianAnMen, 1000).flag).toBe('far');
    expect(judgeCheckIn(null, tianAnMen, 1000)).toEqual({ flag: 'no_location', distanceM: null });
    expect(judgeCheckIn(near, null, 1000)).toEqual({ flag: 'no_customer_location', distanceM: null });
  });
});

describe('settings and topics', () => {
  it('fall back to defaults for missing or junk values', () => {
    expect(resolveEngagementSettings(null)).toEqual(defaultEngagementSettings);
    expect(
      resolveEngagementSettings({ keyContactDays: 0, countInbound: 'yes', reminderLeadDays: 3 }),
    ).toEqual({
      ...defaultEngagementSettings,
      reminderLeadDays: 3,
    });
  });

  it('takes the topic from the kind', () => {
    expect(notificationTopicOf('task.overdue')).toBe('task');
    expect(notificationTopicOf('system')).toBe('system');
  });
});
