import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './orders';
import {
  businessDate,
  claimLimitFor,
  cooldownCutoff,
  cooldownEndsOn,
  defaultPoolSettings,
  keyCustomerStanding,
  poolSettingsIssues,
  recycleCutoffs,
  recycleOutlook,
  resolvePoolSettings,
  startOfBusinessDay,
} from './pool';

const tz = 'Asia/Shanghai';

describe('startOfBusinessDay', () => {
  it('is local midnight: 16:00 UTC the day before in Shanghai', () => {
    expect(startOfBusinessDay('2026-11-25', tz).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(startOfBusinessDay('2026-11-25', 'UTC').toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
  it('handles days on which the clocks change', () => {
    // Berlin moves to summer time at 02:00 on 29 March 2026; midnight is still +01:00.
    expect(startOfBusinessDay('2026-03-29', 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfBusinessDay('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z');
  });
  it('always falls on its own date and at most one day before the next one (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.constantFrom(tz, 'UTC', 'America/New_York'),
        (n, zone) => {
          const date = addDays('2000-01-01', n);
          const start = startOfBusinessDay(date, zone);
          expect(businessDate(start, zone)).toBe(date);
          expect(businessDate(new Date(start.getTime() - 1), zone)).toBe(addDays(date, -1));
        },
      ),
    );
  });
});

describe('recycleCutoffs and recycleOutlook', () => {
  const created = new Date('2026-11-25T08:00:00Z'); // 16:00 in Shanghai
  const day = (n: number) => new Date(created.getTime() + n * 86_400_000);
  const owned = {
    ownerId: 'u1',
    status: 'active',
    grade: 'B',
    category: 'normal',
    executiveSponsorId: null,
    lastInteractionAt: created,
  };

  it('warns on day 83 and recycles on day 90 with the defaults, not a day earlier', () => {
    const s = defaultPoolSettings;
    const at = (n: number) => recycleCutoffs(day(n), tz, s);
    expect(created < at(82).warnBefore.B!).toBe(false);
    expect(created < at(83).warnBefore.B!).toBe(true);
    expect(created < at(89).recycleBefore.B!).toBe(false);
    expect(created < at(90).recycleBefore.B!).toBe(true);
    expect(recycleOutlook(owned, s, tz)).toEqual({
      exemption: null,
      dueOn: '2027-02-23',
      warnOn: '2027-02-16',
    });
    expect(businessDate(day(90), tz)).toBe('2027-02-23');
  });

  it('requires the warning to be warnDays old before recycling', () => {
    const { warnedBefore } = recycleCutoffs(day(90), tz, defaultPoolSettings);
    expect(day(83) < warnedBefore!).toBe(true);
    expect(day(84) < warnedBefore!).toBe(false);
    expect(recycleCutoffs(day(90), tz, { ...defaultPoolSettings, warnDays: 0 }).warnedBefore).toBeNull();
  });

  it('a grade set to 0 days is never recycled nor warned', () => {
    const s = { ...defaultPoolSettings, recycleDays: { ...defaultPoolSettings.recycleDays, A: 0 } };
    const c = recycleCutoffs(day(1000), tz, s);
    expect(c.recycleBefore.A).toBeNull();
    expect(c.warnBefore.A).toBeNull();
    expect(recycleOutlook({ ...owned, grade: 'A' }, s, tz).exemption).toBe('never_for_grade');
  });

  it('ungraded customers follow the `none` setting', () => {
    const s = { ...defaultPoolSettings, recycleDays: { ...defaultPoolSettings.recycleDays, none: 30 } };
    expect(recycleOutlook({ ...owned, grade: null }, s, tz).dueOn).toBe('2026-12-25');
  });

  it('names why a customer is exempt', () => {
    const s = defaultPoolSettings;
    expect(recycleOutlook({ ...owned, ownerId: null }, s, tz).exemption).toBe('unowned');
    expect(recycleOutlook({ ...owned, status: 'invalid' }, s, tz).exemption).toBe('inactive');
    expect(recycleOutlook({ ...owned, executiveSponsorId: 'e1' }, s, tz).exemption).toBe('executive_key');
    expect(recycleOutlook({ ...owned, category: 'key' }, s, tz).exemption).toBeNull();
    expect(
      recycleOutlook({ ...owned, category: 'key' }, { ...s, exemptKeyCategory: true }, tz).exemption,
    ).toBe('key_category');
  });

  it('the outlook and the cutoffs agree on the due date (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 86_400_000 * 400 }),
        fc.integer({ min: 8, max: 400 }),
        fc.integer({ min: 0, max: 7 }),
        (offset, days, warnDays) => {
          const last = new Date(created.getTime() + offset);
          const s = {
            ...defaultPoolSettings,
            warnDays,
            recycleDays: { ...defaultPoolSettings.recycleDays, C: days },
          };
          const { dueOn } = recycleOutlook({ ...owned, grade: 'C', lastInteractionAt: last }, s, tz);
          const onDue = startOfBusinessDay(dueOn!, tz);
          expect(last < recycleCutoffs(onDue, tz, s).recycleBefore.C!).toBe(true);
          expect(last < recycleCutoffs(new Date(onDue.getTime() - 1), tz, s).recycleBefore.C!).toBe(false);
        },
      ),
    );
  });
});

describe('cooldown', () => {
  it('blocks the releaser until the release date plus the cooldown days', () => {
    const released = new Date('2026-11-25T08:00:00Z');
    expect(cooldownEndsOn(released, tz, 30)).toBe('2026-12-25');
    const on = (date: string) => cooldownCutoff(startOfBusinessDay(date, tz), tz, 30)!;
    expect(released >= on('2026-12-24')).toBe(true);
    expect(released >= on('2026-12-25')).toBe(false);
    expect(cooldownCutoff(released, tz, 0)).toBeNull();
  });
});

describe('settings', () => {
  it('falls back to the defaults key by key', () => {
    expect(resolvePoolSettings(undefined)).toEqual(defaultPoolSettings);
    const s = resolvePoolSettings({ claimLimits: { account_manager: 60, admin: -1 }, warnDays: 'x' });
    expect(s.claimLimits.account_manager).toBe(60);
    expect(s.claimLimits.admin).toBe(0);
    expect(s.claimLimits.department_manager).toBe(50);
    expect(s.warnDays).toBe(7);
  });
  it('refuses recycle days not after the warning and a minimum above the maximum', () => {
    const issues = poolSettingsIssues({
      ...defaultPoolSettings,
      warnDays: 10,
      recycleDays: { A: 10, B: 0, C: 11, D: 5, none: 90 },
      executiveKeyMin: 6,
    });
    expect(issues.map((i) => i.path)).toEqual(['recycleDays.A', 'recycleDays.D', 'executiveKeyMin']);
    expect(poolSettingsIssues(defaultPoolSettings)).toEqual([]);
  });
  it('claim limits: finance and reception never claim', () => {
    expect(claimLimitFor(defaultPoolSettings, 'account_manager')).toBe(50);
    expect(claimLimitFor(defaultPoolSettings, 'finance')).toBe(0);
  });
});

describe('keyCustomerStanding', () => {
  it('warns below 3 and refuses a 6th', () => {
    const s = defaultPoolSettings;
    expect(keyCustomerStanding(2, s)).toEqual({ standing: 'below_min', canAdd: true });
    expect(keyCustomerStanding(3, s)).toEqual({ standing: 'ok', canAdd: true });
    expect(keyCustomerStanding(5, s)).toEqual({ standing: 'at_max', canAdd: false });
  });
});
