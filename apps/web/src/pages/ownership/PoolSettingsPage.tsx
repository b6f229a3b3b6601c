import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { poolRoleKeys, recycleGradeKeys } from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Divider,
  Flex,
  Form,
  InputNumber,
  Progress,
  Row,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { jobKeys, jobsApi } from '../../api/jobs';
import { ownershipApi, ownershipKeys, type PoolSettingsView } from '../../api/ownership';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';

/** Starts the recycling now and follows its job until it has counts to show. */
function RecycleRunCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: ownershipApi.startRecycleRun,
    onSuccess: (r) => {
      setJobId(r.jobId);
      message.info(t('ownership.settings.run.started'));
    },
    onError: (err) => message.error(errorText(t, err)),
  });
  const job = useQuery({
    queryKey: jobKeys.one(jobId ?? ''),
    queryFn: () => jobsApi.get(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) =>
      q.state.data && ['completed', 'failed', 'cancelled'].includes(q.state.data.state) ? false : 1000,
  });
  const j = job.data;
  const result = j?.result as { recycled?: number; warned?: number } | null | undefined;
  return (
    <Card size="small" title={t('ownership.settings.run.title')} data-testid="pool-run">
      <Typography.Paragraph type="secondary">{t('ownership.settings.run.body')}</Typography.Paragraph>
      <Button
        icon={<PlayCircleOutlined />}
        loading={
          start.isPending || (j !== undefined && !['completed', 'failed', 'cancelled'].includes(j.state))
        }
        onClick={() => start.mutate()}
        data-testid="pool-run-start"
      >
        {t('ownership.settings.run.button')}
      </Button>
      {j ? (
        <div style={{ marginTop: 12 }} data-testid="pool-run-status">
          {j.state === 'completed' ? (
            <Alert
              type="success"
              showIcon
              title={t('ownership.settings.run.done', {
                recycled: result?.recycled ?? 0,
                warned: result?.warned ?? 0,
              })}
            />
          ) : j.state === 'failed' ? (
            <Alert
              type="error"
              showIcon
              title={t('ownership.settings.run.failed', { error: j.error ?? '' })}
            />
          ) : (
            <Flex vertical gap={4}>
              <Typography.Text>{t('ownership.settings.run.running')}</Typography.Text>
              {j.progress && j.progress.total > 0 ? (
                <Progress percent={Math.round((j.progress.done / j.progress.total) * 100)} />
              ) : null}
            </Flex>
          )}
        </div>
      ) : null}
    </Card>
  );
}

/** The administrator's pool rules (公海规则): every number of DOMAIN §2 as a setting. */
export default function PoolSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PoolSettingsView>();
  const settings = useQuery({ queryKey: ownershipKeys.settings, queryFn: ownershipApi.settings });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: (values: PoolSettingsView) => ownershipApi.updateSettings(values),
    onSuccess: (saved) => {
      queryClient.setQueryData(ownershipKeys.settings, saved);
      void queryClient.invalidateQueries({ queryKey: ownershipKeys.all });
      message.success(t('ownership.settings.saved'));
    },
    onError: (err) => {
      if (isApiError(err) && err.fieldErrors.length > 0) {
        const codes = t('ownership.settings.errors', { returnObjects: true }) as Record<string, string>;
        // Server paths are the form's names (recycleDays.A → ['recycleDays', 'A']).
        const fields = err.fieldErrors.map((e) => ({
          name: e.path.split('.'),
          errors: [codes[e.code] ?? e.message],
        }));
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        return;
      }
      message.error(errorText(t, err));
    },
  });

  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;

  const number = (name: (string | number)[], label: string, suffix: string, testId: string) => (
    <Form.Item
      key={name.join('.')}
      name={name}
      label={label}
      rules={[{ required: true, message: t('validation.required') }]}
    >
      <InputNumber
        min={0}
        max={3650}
        precision={0}
        suffix={suffix}
        style={{ width: '100%' }}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('ownership.settings.title')}</span>}
        subtitle={t('ownership.settings.subtitle')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card variant="borderless">
            {settings.isPending ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : (
              <Form<PoolSettingsView>
                form={form}
                layout="vertical"
                onFinish={(v) => save.mutate(v)}
                requiredMark={false}
              >
                <Typography.Title level={5}>{t('ownership.settings.claimLimits')}</Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t('ownership.settings.claimLimitsHelp')}
                </Typography.Paragraph>
                <Row gutter={16}>
                  {poolRoleKeys.map((role) => (
                    <Col xs={12} md={8} key={role}>
                      {number(
                        ['claimLimits', role],
                        t(`roles.${role}`),
                        t('ownership.settings.people'),
                        `pool-limit-${role}`,
                      )}
                    </Col>
                  ))}
                </Row>
                <Divider />
                <Typography.Title level={5}>{t('ownership.settings.recycleDays')}</Typography.Title>
                <Typography.Paragraph type="secondary">
                  {t('ownership.settings.recycleDaysHelp')}
                </Typography.Paragraph>
                <Row gutter={16}>
                  {recycleGradeKeys.map((g) => (
                    <Col xs={12} md={8} key={g}>
                      {number(
                        ['recycleDays', g],
                        g === 'none' ? t('ownership.settings.ungraded') : t(`customerFields.grade.${g}`),
                        t('ownership.settings.days'),
                        `pool-days-${g}`,
                      )}
                    </Col>
                  ))}
                </Row>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="warnDays"
                      label={t('ownership.settings.warnDays')}
                      extra={t('ownership.settings.warnDaysHelp')}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <InputNumber
                        min={0}
                        max={365}
                        precision={0}
                        suffix={t('ownership.settings.days')}
                        style={{ width: '100%' }}
                        data-testid="pool-warn-days"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12}>
                    <Form.Item
                      name="cooldownDays"
                      label={t('ownership.settings.cooldownDays')}
                      extra={t('ownership.settings.cooldownDaysHelp')}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <InputNumber
                        min={0}
                        max={3650}
                        precision={0}
                        suffix={t('ownership.settings.days')}
                        style={{ width: '100%' }}
                        data-testid="pool-cooldown-days"
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name="exemptKeyCategory"
                  label={t('ownership.settings.exemptKeyCategory')}
                  extra={t('ownership.settings.exemptKeyCategoryHelp')}
                  valuePropName="checked"
                >
                  <Switch data-testid="pool-exempt-key" />
                </Form.Item>
                <Divider />
                <Typography.Title level={5}>{t('ownership.settings.executiveKey')}</Typography.Title>
                <Row gutter={16}>
                  <Col xs={12} md={8}>
                    {number(
                      ['executiveKeyMin'],
                      t('ownership.settings.executiveKeyMin'),
                      t('ownership.settings.people'),
                      'pool-key-min',
                    )}
                  </Col>
                  <Col xs={12} md={8}>
                    {number(
                      ['executiveKeyMax'],
                      t('ownership.settings.executiveKeyMax'),
                      t('ownership.settings.people'),
                      'pool-key-max',
                    )}
                  </Col>
                </Row>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={save.isPending}
                  data-testid="pool-settings-save"
                >
                  {t('common.save')}
                </Button>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <RecycleRunCard />
        </Col>
      </Row>
    </>
  );
}
