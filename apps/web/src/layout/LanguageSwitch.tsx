import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Locale, MeResponse } from '@weixi/shared';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { authApi, keys } from '../api/endpoints';
import { useLocale } from '../i18n/LocaleProvider';

/**
 * Switches the interface language at once; when signed in the choice is also saved to the profile,
 * so it follows the user to their other devices.
 */
export function LanguageSwitch({ me }: { me: MeResponse | null }) {
  const { t } = useTranslation();
  const { locale, setLocale } = useLocale();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (next: Locale) => authApi.updateProfile({ locale: next }),
    onSuccess: (user) => {
      const current = queryClient.getQueryData<MeResponse | null>(keys.me);
      if (current) queryClient.setQueryData(keys.me, { ...current, locale: user.locale });
    },
  });
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('lang.label')}
      value={locale}
      onChange={(next) => {
        setLocale(next, true);
        if (me && me.locale !== next) save.mutate(next);
      }}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh-CN">中文</span> },
        { value: 'en-US', label: <span data-testid="lang-en-US">EN</span> },
      ]}
    />
  );
}
