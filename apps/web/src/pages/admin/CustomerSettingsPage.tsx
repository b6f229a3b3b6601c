import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { customerLimits, importLimits } from '@weixi/shared';
import { App, Button, Card, Divider, Flex, Form, InputNumber, Skeleton, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CustomerSettings, customerSettingsApi, recordKeys } from '../../api/customer-records';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';

/** The server's bounds (shared updateCustomerSettingsRequestSchema): whole numbers in these ranges. */
const ranges = {
  verifyAfterDays: { min: customerLimits.verifyAfterDaysMin, max: customerLimits.verifyAfterDaysMax },
  importMaxFileMb: { min: importLimits.maxFileMbMin, max: importLimits.maxFileMbMax },
} as const;
type Setting = keyof typeof ranges;
const settingNames = Object.keys(ranges) as Setting[];

function settingProblem(setting: Setting, value: unknown): 'required' | 'integer' | 'range' | null {
  if (value === null || value === undefined || value === '') return 'required';
  if (typeof value !== 'number' || !Number.isInteger(value)) return 'integer';
  if (value < ranges[setting].min || value > ranges[setting].max) return 'range';
  return null;
}

function rule(t: TFunction, setting: Setting): Rule {
  return {
    validator: async (_r, v: unknown) => {
      const problem = settingProblem(setting, v);
      if (problem === 'required') throw new Error(t('validation.required'));
      if (problem === 'integer') throw new Error(t('validation.integer'));
      if (problem === 'range') throw new Error(t('customerAdmin.settings.range', ranges[setting]));
    },
  };
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
    // Only what changed: each setting is audited on its own.
    mutationFn: (v: CustomerSettings) => {
      const current = settings.data;
      const body = Object.fromEntries(
        settingNames.filter((k) => v[k] !== current?.[k]).map((k) => [k, v[k]]),
      );
      return Object.keys(body).length > 0 ? customerSettingsApi.update(body) : Promise.resolve(current ?? v);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(recordKeys.settings, saved);
      // The import page shows the upload limit.
      void queryClient.invalidateQueries({ queryKey: ['customer-imports'] });
      form.setFieldsValue(saved);
      message.success(t('customerAdmin.settings.savedMsg'));
    },
    onError: (err) => {
      const onFields = isApiError(err)
        ? err.fieldErrors.filter((e): e is typeof e & { path: Setting } => e.path in ranges)
        : [];
      if (onFields.length > 0) {
        form.setFields(
          onFields.map((e) => ({
            name: e.path,
            errors: [t('customerAdmin.settings.range', ranges[e.path])],
          })),
        );
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
              rules={[rule(t, 'verifyAfterDays')]}
            >
              <InputNumber
                suffix={t('customerAdmin.settings.days')}
                style={{ width: 200 }}
                data-testid="settings-verifyAfterDays"
              />
            </Form.Item>
            <Divider />
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('customerAdmin.settings.import')}
            </Typography.Title>
            <Form.Item
              name="importMaxFileMb"
              label={t('customerAdmin.settings.importMaxFileMb')}
              extra={t('customerAdmin.settings.importMaxFileMbHelp', {
                mb: importLimits.maxFileMbDefault,
                ...ranges.importMaxFileMb,
              })}
              required
              rules={[rule(t, 'importMaxFileMb')]}
            >
              <InputNumber suffix="MB" style={{ width: 200 }} data-testid="settings-importMaxFileMb" />
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
