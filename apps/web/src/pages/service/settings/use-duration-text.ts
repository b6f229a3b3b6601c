import { useTranslation } from 'react-i18next';
import { durationParts } from './durations';

/** Milliseconds in words ("24 小时", "3 个工作日", "1 h 35 min"); null as a dash. */
export function useDurationText() {
  const { t } = useTranslation();
  return (ms: number | null | undefined, mode: 'business' | 'calendar' = 'calendar'): string => {
    if (ms === null || ms === undefined) return '—';
    const p = durationParts(ms, mode);
    if (p.key === 'hoursMinutes')
      return t('serviceAdmin.enums.durations.hoursMinutes', { hours: p.hours, minutes: p.minutes });
    return t(`serviceAdmin.enums.durations.${p.key}`, { count: p.count });
  };
}
