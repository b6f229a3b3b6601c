import { Button, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CustomerFilterKey, CustomFieldDefinition } from '../../../api/customers';
import { useLocale } from '../../../i18n/LocaleProvider';
import { customFieldLabel, optionLabel } from './FilterPanel';
import {
  csvValues,
  type ListState,
  parseCustomFilter,
  withCustomFilter,
  withFilter,
  withoutFilters,
} from './list-state';

export interface ChipLabels {
  ownerName: (id: string) => string;
  departmentName: (id: string) => string;
  regionName: (code: string) => string;
  customFields: CustomFieldDefinition[];
}

/**
 * The filters in effect, one removable tag each, so a person sees at a glance why the list holds
 * what it holds — also when the filter panel is folded away or lives in the phone drawer.
 */
export function FilterChips({
  state,
  onChange,
  labels,
}: {
  state: ListState;
  onChange: (next: ListState) => void;
  labels: ChipLabels;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const f = state.filters;
  const sep = t('customers.filters.separator');
  const chips: { key: string; text: string; next: ListState }[] = [];
  const add = (key: string, name: string, value: string, next: ListState) =>
    chips.push({ key, text: t('customers.filters.chip', { name, value }), next });
  const clear = (...keys: CustomerFilterKey[]) => keys.reduce((s, k) => withFilter(s, k, undefined), state);
  const list = (key: 'grade' | 'category' | 'valueTier' | 'lifecycle' | 'scale' | 'source') =>
    csvValues(f[key])
      .map((v) => t(`customerFields.${key}.${v}` as 'customerFields.grade.A'))
      .join(sep);

  if (f.ownerId) {
    const owner =
      f.ownerId === 'me'
        ? t('customers.filters.ownerMe')
        : f.ownerId === 'none'
          ? t('customers.filters.ownerNone')
          : labels.ownerName(f.ownerId);
    add('ownerId', t('customerFields.customer.owner'), owner, clear('ownerId'));
  }
  for (const key of ['grade', 'category', 'lifecycle', 'valueTier'] as const) {
    if (f[key]) add(key, t(`customerFields.customer.${key}`), list(key), clear(key));
  }
  if (f.departmentId)
    add(
      'departmentId',
      t('customers.filters.department'),
      labels.departmentName(f.departmentId),
      clear('departmentId'),
    );
  if (f.status)
    add(
      'status',
      t('customerFields.customer.status'),
      f.status === 'invalid' ? t('customers.filters.statusInvalid') : t('customers.filters.statusAll'),
      clear('status'),
    );
  if (f.kind)
    add(
      'kind',
      t('customerFields.customer.kind'),
      t(`customerFields.kind.${f.kind as 'company'}`),
      clear('kind'),
    );
  for (const key of ['scale', 'source'] as const) {
    if (f[key]) add(key, t(`customerFields.customer.${key}`), list(key), clear(key));
  }
  if (f.industry) add('industry', t('customerFields.customer.industry'), f.industry, clear('industry'));
  if (f.provinceCode) {
    const path = [f.provinceCode, f.cityCode, f.districtCode]
      .filter((c): c is string => Boolean(c))
      .map(labels.regionName)
      .join(' / ');
    add(
      'region',
      t('customerFields.customer.region'),
      path,
      clear('provinceCode', 'cityCode', 'districtCode'),
    );
  }
  if (f.tag) add('tag', t('customerFields.customer.tags'), f.tag, clear('tag'));
  if (f.signedFrom || f.signedTo)
    add(
      'signed',
      t('customerFields.customer.signedOn'),
      `${f.signedFrom ?? '…'} ~ ${f.signedTo ?? '…'}`,
      clear('signedFrom', 'signedTo'),
    );
  if (f.unverifiedDays)
    chips.push({
      key: 'unverifiedDays',
      text: t('customers.filters.unverifiedChip', { days: Number(f.unverifiedDays) }),
      next: clear('unverifiedDays'),
    });
  const custom = parseCustomFilter(f.custom) ?? {};
  for (const [key, value] of Object.entries(custom)) {
    const def = labels.customFields.find((d) => d.key === key);
    const name = def ? customFieldLabel(def, locale) : key;
    const shown = Array.isArray(value)
      ? value.map((v) => (def ? optionLabel(def, String(v), locale) : String(v))).join(sep)
      : typeof value === 'boolean'
        ? t(value ? 'customers.filters.yes' : 'customers.filters.no')
        : def && def.type === 'single_select'
          ? optionLabel(def, String(value), locale)
          : String(value);
    add(`custom-${key}`, name, shown, withCustomFilter(state, key, undefined));
  }

  if (chips.length === 0) return null;
  return (
    <Flex wrap gap={6} align="center" style={{ marginBottom: 12 }} data-testid="filter-chips">
      {chips.map((c) => (
        <Tag
          key={c.key}
          closable
          onClose={(e) => {
            e.preventDefault();
            onChange(c.next);
          }}
          style={{ marginInlineEnd: 0 }}
          data-testid={`filter-chip-${c.key}`}
        >
          {c.text}
        </Tag>
      ))}
      <Button
        type="link"
        size="small"
        onClick={() => onChange(withoutFilters(state))}
        data-testid="filters-clear"
      >
        {t('customers.filters.clear')}
      </Button>
    </Flex>
  );
}
