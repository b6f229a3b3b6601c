import type { ImportField } from '@weixi/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerFieldsResources } from '../../../i18n/modules/customer-fields.zh-CN';

/** Import keys whose label in `customerFields.customer` has another name. */
const customerKey: Record<string, string> = {
  province: 'provinceCode',
  city: 'cityCode',
  district: 'districtCode',
};
const contactKey: Record<string, string> = {
  contactName: 'name',
  contactPosition: 'position',
  contactPhone: 'phone',
  contactEmail: 'email',
};

/**
 * The label of a target field in the current language: standard fields from the shared
 * `customerFields` namespace (the same words as the forms), custom fields from their definition.
 */
export function useImportFieldLabel() {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const fields = t('customerFields', { returnObjects: true }) as CustomerFieldsResources;
  return useCallback(
    (field: ImportField): string => {
      if (field.group === 'custom') return english ? field.labelEn : field.labelZh;
      if (field.group === 'contact') {
        const sub = (fields.contact as Record<string, string>)[contactKey[field.key] ?? ''];
        return sub
          ? t('customerImport.mapping.contactField', { field: sub })
          : english
            ? field.labelEn
            : field.labelZh;
      }
      const own = (fields.customer as Record<string, string>)[customerKey[field.key] ?? field.key];
      return own ?? (english ? field.labelEn : field.labelZh);
    },
    [english, fields, t],
  );
}

/** 0 → A, 26 → AA: how Excel names columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}
