import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EngagementResources } from '../../i18n/modules/engagement.zh-CN';

type Group =
  | 'channels'
  | 'directions'
  | 'visitStatuses'
  | 'checkInFlags'
  | 'creditChanges'
  | 'materials'
  | 'taskStatuses'
  | 'taskSources'
  | 'timelineKinds'
  | 'reasons'
  | 'topics'
  | 'outboxStatuses';

/**
 * Labels of engagement codes (channels, statuses, sources…) that also accept codes this build does
 * not know — the timeline and a newer server may send them — showing the code itself then.
 */
export function useEngagementLabels() {
  const { t } = useTranslation();
  const all = t('engagement', { returnObjects: true }) as EngagementResources;
  return useMemo(() => {
    const label = (group: Group, code: string | null | undefined): string => {
      if (!code) return '';
      return (all[group] as Record<string, string>)[code] ?? code;
    };
    return {
      label,
      /** A material key, or a plan's free-text item as written. */
      material: (m: string) => label('materials', m),
    };
  }, [all]);
}

export type EngagementLabels = ReturnType<typeof useEngagementLabels>;

/** Tag colours shared by lists and the timeline, so a state looks the same everywhere. */
export const visitStatusColors: Record<string, string> = {
  planned: 'blue',
  checked_in: 'gold',
  reported: 'green',
  cancelled: 'default',
};
export const checkInFlagColors: Record<string, string> = {
  ok: 'green',
  far: 'red',
  no_location: 'orange',
  no_customer_location: 'default',
};
export const taskStatusColors: Record<string, string> = { open: 'blue', done: 'green', cancelled: 'default' };
export const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

/** "逾期 3 天" / "今天到期" / "12月5日到期": when a follow-up falls due, seen from today. */
export function useDueText() {
  const { t } = useTranslation();
  return (item: { dueOn: string; overdueDays: number }, today: string) => {
    if (item.overdueDays > 0)
      return { text: t('engagement.due.overdueDays', { count: item.overdueDays }), color: 'red' };
    if (item.dueOn === today) return { text: t('engagement.due.dueToday'), color: 'orange' };
    return {
      text: t('engagement.due.dueOn', { date: dayjs(item.dueOn).format(t('engagement.formats.shortDate')) }),
      color: 'blue',
    };
  };
}
