import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { customerLimits } from '@weixi/shared';
import { App, Button, Card, Flex, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CustomerSettings, customerSettingsApi, recordKeys } from '../../api/customer-records';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';

/** Mirrors the server's bounds (customer-admin.routes.ts): whole days, 1 to 3650. */
const verifyAfterDaysRange = { min: 1, max: 3650 } as const;

function verifyAfterDaysProblem(value: unknown): 'required' | 'integer' | 'range' | null {
  if (value === null || value === undefined || value === '') return 'required';
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'integer';
  if (value < verifyAfterDaysRange.min || value > verifyAfterDaysRange.max) return 'range';
  return null;
}

/** Archive settings an administrator may change (DOMAIN: every number is a setting, not a constant). */
export default function CustomerSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerSettings>();
  const settings = useQuery({ queryKey: recordKeys.settings, queryFn: customerSettingsApi.get });

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (v: CustomerSettings) => customerSettingsApi.update({ verifyAfterDays: v.verifyAfterDays }),
    onSuccess: (saved) => {
      queryClient.setQueryData(recordKeys.settings, saved);
      form.setFieldsValue(saved);
      message.success(t('customerAdmin.settings.savedMsg'));
    },
    onError: (err) => {
      if (isApiError(err) && err.fieldErrors.some((e) => e.path === 'verifyAfterDays')) {
        form.setFields([
          { name: 'verifyAfterDays', errors: [t('customerAdmin.settings.range', verifyAfterDaysRange)] },
        ]);
        return;
      }
      message.error(errorText(t, err));
    },
  });

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('customerAdmin.settings.title')}</span>}
        subtitle={t('customerAdmin.settings.subtitle')}
      />
      <Card variant="borderless" style={{ maxWidth: 720 }}>
        {settings.isPending ? (
          <Skeleton active />
        ) : settings.isError ? (
          <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <Form<CustomerSettings>
            form={form}
            layout="vertical"
            initialValues={settings.data}
            onFinish={(v) => save.mutate(v)}
          >
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('customerAdmin.settings.verification')}
            </Typography.Title>
            <Form.Item
              name="verifyAfterDays"
              label={t('customerAdmin.settings.verifyAfterDays')}
              extra={t('customerAdmin.settings.verifyAfterDaysHelp', {
                days: customerLimits.verifyAfterDaysDefault,
              })}
              required
              rules={[
                {
                  validator: async (_r, v: unknown) => {
                    const problem = verifyAfterDaysProblem(v);
                    if (problem === 'required') throw new Error(t('validation.required'));
                    if (problem === 'integer') throw new Error(t('validation.integer'));
                    if (problem === 'range')
                      throw new Error(t('customerAdmin.settings.range', verifyAfterDaysRange));
                  },
                },
              ]}
            >
              <InputNumber
                suffix={t('customerAdmin.settings.days')}
                style={{ width: 200 }}
                data-testid="settings-verifyAfterDays"
              />
            </Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-submit">
                {t('common.save')}
              </Button>
              <Button onClick={() => settings.data && form.setFieldsValue(settings.data)}>
                {t('customerAdmin.settings.reset')}
              </Button>
            </Flex>
          </Form>
        )}
      </Card>
    </>
  );
}
