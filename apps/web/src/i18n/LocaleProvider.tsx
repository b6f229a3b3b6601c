import type { Locale } from '@weixi/shared';
import { ConfigProvider } from 'antd';
import enUSAntd from 'antd/locale/en_US';
import zhCNAntd from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n, { isLocale, storeLocale } from './index';

const antdLocales = { 'zh-CN': zhCNAntd, 'en-US': enUSAntd } as const;
const dayjsLocales = { 'zh-CN': 'zh-cn', 'en-US': 'en' } as const;

interface LocaleContextValue {
  locale: Locale;
  /** `remember` stores an explicit choice; an adopted profile preference is not one. */
  setLocale(locale: Locale, remember: boolean): void;
}

const LocaleContext = createContext<LocaleContextValue | null>(null);

function apply(locale: Locale) {
  dayjs.locale(dayjsLocales[locale]);
  document.documentElement.lang = locale;
  document.title = i18n.t('common.documentTitle', { lng: locale });
}

/** Keeps i18next, antd's built-in texts, dayjs and <html lang> on one language. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const [locale, setState] = useState<Locale>(() =>
    isLocale(instance.language) ? instance.language : 'zh-CN',
  );

  useEffect(() => apply(locale), [locale]);

  const setLocale = useCallback((next: Locale, remember: boolean) => {
    if (remember) storeLocale(next);
    apply(next);
    void i18n.changeLanguage(next);
    setState(next);
  }, []);

  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider
        locale={antdLocales[locale]}
        theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}
      >
        {children}
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleContextValue {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error('useLocale outside LocaleProvider');
  return ctx;
}
