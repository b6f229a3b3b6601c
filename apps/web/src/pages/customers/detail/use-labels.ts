import type { CustomFieldDefinition } from '@weixi/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFieldsResources } from '../../../i18n/modules/customer-fields.zh-CN';
import type { EnumField } from './history-changes';

type Labelled = { labelZh: string; labelEn: string };

/**
 * Field and enumeration labels from the shared `customerFields` namespace, plus the labels of
 * administrator-defined custom fields in the current language.
 */
export function useCustomerLabels() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const fields = t('customerFields', { returnObjects: true }) as CustomerFieldsResources;
  return useMemo(() => {
    const customer: Record<string, string> = fields.customer;
    const contact: Record<string, string> = fields.contact;
    const label = (l: Labelled) => (english ? l.labelEn : l.labelZh);
    return {
      english,
      customer: (field: string) => customer[field] ?? field,
      contact: (field: string) => contact[field] ?? field,
      enumValue: (field: EnumField, value: string) =>
        (fields[field] as Record<string, string> | undefined)?.[value] ?? value,
      label,
      /** A custom value as text: option labels for selects, 是/否 for flags. */
      customValue: (
        def: CustomFieldDefinition | undefined,
        value: unknown,
        yes: string,
        no: string,
      ): string => {
        if (value === null || value === undefined || value === '') return '';
        if (typeof value === 'boolean') return value ? yes : no;
        const option = (v: unknown) => {
          const o = def?.options.find((x) => x.value === v);
          return o ? label(o) : String(v);
        };
        if (Array.isArray(value)) return value.map(option).join('、');
        return def?.type === 'single_select' ? option(value) : String(value);
      },
    };
  }, [fields, english]);
}

export type CustomerLabels = ReturnType<typeof useCustomerLabels>;
