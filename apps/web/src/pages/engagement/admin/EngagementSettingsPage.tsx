import { PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { engagementSettingsFields } from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  InputNumber,
  Progress,
  Row,
  Skeleton,
  Switch,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import {
  type EngagementSettings,
  engagementKeys,
  engagementSettingsApi,
  type SettingsPatch,
} from '../../../api/engagement';
import { jobKeys, jobsApi } from '../../../api/jobs';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { type FormName, placeServerErrors } from '../form-errors';

type Values = SettingsPatch;
const settingKeys = Object.keys(engagementSettingsFields) as (keyof typeof engagementSettingsFields)[];
const isField = (name: FormName) => name.length === 1 && (settingKeys as string[]).includes(String(name[0]));
const running = new Set(['created', 'retry', 'active']);

/** The recompute job's progress, polled every second like the regrade's, then its counts. */
function RecomputeProgress({ jobId, onSettled }: { jobId: string; onSettled: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: jobKeys.one(jobId),
    queryFn: () => jobsApi.get(jobId),
    refetchInterval: (q) => (!q.state.data || running.has(q.state.data.state) ? 1000 : false),
  });
  const finished = job.data && !running.has(job.data.state);
  const announced = useRef(false);
  useEffect(() => {
    if (finished && !announced.current) {
      announced.current = true;
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      onSettled();
    }
  }, [finished, queryClient, onSettled]);

  if (job.isError) return <Alert type="error" showIcon title={errorText(t, job.error)} />;
  const data = job.data;
  if (!data) return <Progress percent={0} status="active" data-testid="recompute-progress" />;
  if (data.state === 'completed') {
    // RecomputeResult (recompute-follow-ups.ts): customers whose due time changed, of those scanned.
    const result = (data.result ?? {}) as { updated?: number; scanned?: number };
    return (
      <Alert
        type="success"
        showIcon
        title={t('engagement.settings.recompute.done', {
          changed: result.updated ?? 0,
          total: result.scanned ?? data.progress?.total ?? 0,
        })}
        data-testid="recompute-done"
      />
    );
  }
  if (data.state === 'failed' || data.state === 'cancelled')
    return (
      <Alert
        type="error"
        showIcon
        title={t('engagement.settings.recompute.failed', { error: data.error ?? data.state })}
        data-testid="recompute-failed"
      />
    );
  const p = data.progress;
  const percent = p && p.total > 0 ? Math.min(99, Math.floor((p.done / p.total) * 100)) : 0;
  return (
    <Flex vertical gap={4} data-testid="recompute-running">
      <Progress percent={percent} status="active" data-testid="recompute-progress" />
      <Typography.Text type="secondary">
        {p
          ? t('engagement.settings.recompute.progress', { done: p.done, total: p.total })
          : t('engagement.settings.recompute.queued')}
      </Typography.Text>
    </Flex>
  );
}

/**
 * 跟进设置: the engagement numbers DOMAIN §3 leaves to the administrator (key customers' monthly
 * contact, whether inbound contact counts, reminder lead time, clock-skew tolerance, the check-in
 * distance), and recomputing every due date by hand.
 */
export default function EngagementSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [jobId, setJobId] = useState<string | null>(null);
  const [jobDone, setJobDone] = useState(true);
  const settings = useQuery({ queryKey: engagementKeys.settings, queryFn: engagementSettingsApi.get });
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const save = useMutation({
    mutationFn: ({ s, values }: { s: EngagementSettings; values: Values }) => {
      // Only what changed: two administrators changing different numbers do not undo each other.
      const patch: SettingsPatch = {};
      for (const key of settingKeys) {
        if (values[key] !== undefined && values[key] !== s[key])
          (patch as Record<string, unknown>)[key] = values[key];
      }
      return engagementSettingsApi.update(s.version, patch);
    },
    onSuccess: (saved, { s }) => {
      queryClient.setQueryData(engagementKeys.settings, saved);
      const cadenceChanged =
        saved.keyContactDays !== s.keyContactDays || saved.countInbound !== s.countInbound;
      message.success(
        cadenceChanged ? t('engagement.settings.savedRecomputing') : t('engagement.settings.saved'),
      );
      if (cadenceChanged) void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('errors.versionConflict'), 6);
        void settings.refetch();
        return;
      }
      if (isApiError(err) && placeServerErrors(t, form, err, { isField })) return;
      message.error(errorText(t, err));
    },
  });

  const recompute = useMutation({
    mutationFn: engagementSettingsApi.recompute,
    onSuccess: (r) => {
      setJobId(r.jobId);
      setJobDone(false);
      message.info(t('engagement.settings.recompute.started'));
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;

  const number = (name: keyof typeof engagementSettingsFields, min: number, max: number, suffix: string) => (
    <Form.Item
      name={name}
      label={t(`engagement.settings.fields.${name}`)}
      extra={t(`engagement.settings.help.${name}`)}
      rules={[{ required: true, message: t('validation.required') }]}
    >
      <InputNumber
        min={min}
        max={max}
        precision={0}
        suffix={suffix}
        style={{ width: '100%' }}
        data-testid={`settings-${name}`}
      />
    </Form.Item>
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('engagement.settings.title')}</span>}
        subtitle={t('engagement.settings.subtitle')}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card variant="borderless">
            {settings.isPending ? (
              <Skeleton active paragraph={{ rows: 8 }} />
            ) : (
              <Form<Values>
                form={form}
                layout="vertical"
                requiredMark={false}
                onFinish={(values) => save.mutate({ s: settings.data, values })}
              >
                <Typography.Paragraph type="secondary">
                  {t('engagement.settings.cadenceNote')}{' '}
                  <Link to="/grading/standards">{t('engagement.settings.standardsLink')}</Link>
                </Typography.Paragraph>
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    {number('keyContactDays', 1, 366, t('engagement.settings.units.days'))}
                  </Col>
                  <Col xs={24} md={12}>
                    {number('reminderLeadDays', 0, 30, t('engagement.settings.units.days'))}
                  </Col>
                  <Col xs={24} md={12}>
                    {number('futureToleranceMinutes', 0, 1440, t('engagement.settings.units.minutes'))}
                  </Col>
                  <Col xs={24} md={12}>
                    {number('checkInFarMeters', 50, 100_000, t('engagement.settings.units.meters'))}
                  </Col>
                </Row>
                <Form.Item
                  name="countInbound"
                  label={t('engagement.settings.fields.countInbound')}
                  extra={t('engagement.settings.help.countInbound')}
                  valuePropName="checked"
                >
                  <Switch data-testid="settings-countInbound" />
                </Form.Item>
                <Flex gap={12} align="center" wrap>
                  <Button
                    type="primary"
                    htmlType="submit"
                    loading={save.isPending}
                    data-testid="settings-save"
                  >
                    {t('common.save')}
                  </Button>
                  {settings.data.updatedAt ? (
                    <Typography.Text type="secondary">
                      {t('engagement.settings.updatedAt', {
                        at: dayjs(settings.data.updatedAt).format('YYYY-MM-DD HH:mm'),
                      })}
                    </Typography.Text>
                  ) : null}
                </Flex>
              </Form>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('engagement.settings.recompute.title')} data-testid="recompute-card">
            <Typography.Paragraph type="secondary">
              {t('engagement.settings.recompute.body')}
            </Typography.Paragraph>
            <Button
              icon={<PlayCircleOutlined />}
              loading={recompute.isPending || !jobDone}
              onClick={() => recompute.mutate()}
              data-testid="recompute-start"
            >
              {t('engagement.settings.recompute.button')}
            </Button>
            {jobId ? (
              <div style={{ marginTop: 12 }}>
                <RecomputeProgress key={jobId} jobId={jobId} onSettled={() => setJobDone(true)} />
              </div>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
