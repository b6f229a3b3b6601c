import type { GradingIndicatorKey } from '@weixi/shared';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

export const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };
/** Chart colours by grade, in the same families as the tags. */
export const gradeChartColors: Record<string, string> = {
  A: '#cf1322',
  B: '#d46b08',
  C: '#1677ff',
  D: '#8c8c8c',
  none: '#d9d9d9',
};

/** fen → ¥1,234.50 (integer arithmetic: amounts never pass through a float). */
export function formatYuan(fen: number): string {
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}¥${yuan}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/** Labels shared by the grading pages: enumerations come from the customer archive's namespace. */
export function useGradingLabels() {
  const { t } = useTranslation();
  const grade = (g: string | null) =>
    g ? t(`customerFields.grade.${g as 'A'}`) : t('grading.overview.ungraded');
  const category = (c: string) => t(`customerFields.category.${c as 'key'}`);
  const valueTier = (v: string | null) =>
    v ? t(`customerFields.valueTier.${v as 'high'}`) : t('grading.overview.none');
  const field = (f: 'grade' | 'category' | 'valueTier', v: string | null) =>
    f === 'grade' ? grade(v) : f === 'category' ? category(v ?? 'normal') : valueTier(v);
  const raw = (key: GradingIndicatorKey, value: number | null) =>
    value === null
      ? t('grading.raw.none')
      : t(`grading.raw.${key}`, { value: key === 'value12m' ? formatYuan(value) : value });
  const dateTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');
  return { t, grade, category, valueTier, field, raw, dateTime };
}
