import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { loginRequestSchema } from '@weixi/shared';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client';
import { authApi, keys } from '../api/endpoints';
import { FullPageSpin } from '../auth/guards';
import { signedIn, useMe } from '../auth/session';
import { storedLocale } from '../i18n';
import { useLocale } from '../i18n/LocaleProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { errorText } from '../lib/errors';
import { validateRequest, zodRule } from '../lib/forms';

interface LoginValues {
  email: string;
  password: string;
}

/** Only same-site paths: an attacker's link must not turn our sign-in page into a redirector. */
function safeRedirect(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value.startsWith('/login') ? '/' : value;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const { setLocale } = useLocale();
  const redirect = safeRedirect(params.get('redirect'));
  const [failure, setFailure] = useState<unknown>(null);
  const reason = (location.state as { reason?: string } | null)?.reason;

  const login = useMutation({
    mutationFn: (values: LoginValues) => authApi.login(values.email, values.password),
    onSuccess: (user) => {
      signedIn(queryClient, user);
      // A language picked on this browser wins and becomes the profile's; otherwise the profile's applies.
      const chosen = storedLocale();
      if (chosen && chosen !== user.locale) {
        void authApi.updateProfile({ locale: chosen }).catch(() => undefined);
        queryClient.setQueryData(keys.me, { ...user, locale: chosen });
      } else if (!chosen) {
        setLocale(user.locale, false);
      }
      navigate(redirect, { replace: true });
    },
    onError: (err) => setFailure(err),
  });

  if (me.data && !login.isPending) return <Navigate to={redirect} replace />;
  if (me.isPending) return <FullPageSpin />;

  const onFinish = (values: LoginValues) => {
    setFailure(null);
    const request = validateRequest(t, form, loginRequestSchema, values);
    if (request) login.mutate(request);
  };

  return (
    <div className="weixi-login">
      <Flex justify="flex-end" style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch me={null} />
      </Flex>
      <Card
        style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 30px rgba(0,0,0,0.08)' }}
        data-testid="login-card"
      >
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
            {t('login.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
        </Flex>
        {failure ? (
          <LoginFailure error={failure} />
        ) : reason === 'expired' ? (
          <Alert type="warning" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
        ) : reason === 'signed_out' ? (
          <Alert type="success" showIcon title={t('login.signedOut')} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          size="large"
        >
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[zodRule(t, loginRequestSchema.shape.email)]}
            validateTrigger="onBlur"
          >
            <Input
              prefix={<MailOutlined />}
              autoComplete="username"
              inputMode="email"
              autoFocus
              data-testid="login-email"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[zodRule(t, loginRequestSchema.shape.password)]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}

function LoginFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  let text: string;
  if (isApiError(error) && error.code === 'invalid_credentials') {
    text = t('login.invalidCredentials');
  } else if (isApiError(error) && error.code === 'account_locked') {
    const seconds = error.retryAfterSeconds ?? 0;
    text = t('login.accountLocked', {
      time: dayjs().add(seconds, 'second').format('HH:mm'),
      minutes: Math.max(1, Math.ceil(seconds / 60)),
    });
  } else if (isApiError(error) && error.code === 'rate_limited') {
    text = t('login.rateLimited', { seconds: error.retryAfterSeconds ?? 60 });
  } else {
    text = errorText(t, error);
  }
  return <Alert type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="login-error" />;
}
