import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { slaTargetsFor } from '@weixi/domain/tickets';
import {
  type CustomerGrade,
  customerGrades,
  slaClockModes,
  type TicketChannel,
  type TicketPriority,
  ticketChannels,
  ticketPriorities,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import {
  type ServiceSettings,
  type ServiceSettingsValue,
  type SlaPolicy,
  serviceAdminKeys,
  serviceSettingsApi,
} from '../../../api/service-admin';
import { surveyKeys, surveysApi } from '../../../api/surveys';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { type Issue, issueText, placeIssues } from '../issues';
import { DateListInput } from './DateListInput';
import { DurationInput } from './DurationInput';
import {
  fromFormValues,
  localIssues,
  policySpecificity,
  type SettingsFormValues,
  settingsFieldName,
  shadowedBy,
  toFormValues,
} from './settings-form';
import { useDurationText } from './use-duration-text';

// Monday first, as a Chinese calendar reads; the stored index stays 0 = Sunday.
const weekOrder = [1, 2, 3, 4, 5, 6, 0] as const;

/** 服务标准设置: business calendar, SLA policies, warnings, reopen window, the survey after resolving. */
export default function ServiceSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SettingsFormValues>();
  const settings = useQuery({ queryKey: serviceAdminKeys.settings, queryFn: serviceSettingsApi.get });
  const activeSurveys = useQuery({
    queryKey: surveyKeys.list('active'),
    queryFn: () => surveysApi.list('active'),
  });
  // The settings the form was filled from: their version goes with the save.
  const [base, setBase] = useState<ServiceSettings | null>(null);
  const [dirty, setDirty] = useState(false);
  const [unplaced, setUnplaced] = useState<Issue[]>([]);
  const [conflict, setConflict] = useState<ServiceSettings | null>(null);

  const fill = (s: ServiceSettings) => {
    form.resetFields();
    form.setFieldsValue(toFormValues(s));
    setBase(s);
    setDirty(false);
    setUnplaced([]);
    setConflict(null);
  };

  // Filled once; later refetches do not overwrite what the administrator is typing.
  useEffect(() => {
    if (settings.data && !base) fill(settings.data);
  }, [settings.data, base]);

  const save = useMutation({
    mutationFn: ({ version, value }: { version: number; value: ServiceSettingsValue }) =>
      serviceSettingsApi.save(version, value),
    onSuccess: (saved) => {
      queryClient.setQueryData(serviceAdminKeys.settings, saved);
      fill(saved);
      message.success(t('serviceAdmin.settings.saved'));
    },
    onError: async (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        // Keep the administrator's edits; let them choose between theirs and the latest.
        const latest = await queryClient.fetchQuery({
          queryKey: serviceAdminKeys.settings,
          queryFn: serviceSettingsApi.get,
          staleTime: 0,
        });
        setConflict(latest);
        return;
      }
      if (isApiError(err) && err.fieldErrors.length > 0) {
        setUnplaced(placeIssues(t, form, err.fieldErrors, settingsFieldName));
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const submit = (values: SettingsFormValues, version: number) => {
    if (!base) return;
    const value = fromFormValues(values, base);
    const issues = localIssues(value);
    if (issues.length > 0) {
      setUnplaced(placeIssues(t, form, issues, settingsFieldName));
      message.warning(t('serviceAdmin.errors.fixLocal'));
      return;
    }
    setUnplaced([]);
    save.mutate({ version, value });
  };

  if (settings.isError) return <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;

  return (
    <div data-testid="service-settings">
      <PageHeader
        title={<span data-testid="page-title">{t('serviceAdmin.settings.title')}</span>}
        subtitle={t('serviceAdmin.settings.subtitle')}
        extra={
          <>
            {dirty ? (
              <Typography.Text type="warning" style={{ alignSelf: 'center' }} data-testid="settings-dirty">
                {t('serviceAdmin.settings.unsaved')}
              </Typography.Text>
            ) : null}
            <Button
              icon={<UndoOutlined />}
              disabled={!dirty || !base}
              onClick={() => base && fill(base)}
              data-testid="settings-reset"
            >
              {t('serviceAdmin.settings.reset')}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              disabled={!base}
              onClick={() => form.submit()}
              data-testid="settings-save"
            >
              {t('common.save')}
            </Button>
          </>
        }
      />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('serviceAdmin.settings.conflict.title')}
          data-testid="settings-conflict"
          action={
            <Flex vertical gap={4}>
              <Button size="small" onClick={() => fill(conflict)} data-testid="conflict-load">
                {t('serviceAdmin.settings.conflict.load')}
              </Button>
              <Button
                size="small"
                danger
                onClick={() => submit(form.getFieldsValue(true), conflict.version)}
                data-testid="conflict-overwrite"
              >
                {t('serviceAdmin.settings.conflict.overwrite')}
              </Button>
            </Flex>
          }
        />
      ) : null}
      {unplaced.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="settings-issues"
          title={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {unplaced.map((i) => (
                <li key={`${i.path}-${i.code}`}>
                  {issueLabel(t, i.path)}
                  {issueText(t, i)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {settings.isPending || !base ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      ) : (
        <Form<SettingsFormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          onValuesChange={() => setDirty(true)}
          onFinish={(values) => submit(form.getFieldsValue(true) ?? values, base.version)}
          scrollToFirstError
        >
          <Flex vertical gap={16}>
            <CalendarCard />
            <PoliciesCard />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <Card title={t('serviceAdmin.settings.sections.clock')} style={{ height: '100%' }}>
                  <Form.Item
                    name="warnBeforePercent"
                    label={t('serviceAdmin.settings.clock.warnBeforePercent')}
                    extra={t('serviceAdmin.settings.clock.warnBeforePercentHelp')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber
                      min={1}
                      max={90}
                      precision={0}
                      suffix="%"
                      data-testid="settings-warnBeforePercent"
                    />
                  </Form.Item>
                  <Form.Item
                    name="reopenWindowDays"
                    label={t('serviceAdmin.settings.clock.reopenWindowDays')}
                    extra={t('serviceAdmin.settings.clock.reopenWindowDaysHelp')}
                    rules={[{ required: true, message: t('validation.required') }]}
                  >
                    <InputNumber
                      min={0}
                      max={365}
                      precision={0}
                      suffix={t('serviceAdmin.settings.clock.days')}
                      data-testid="settings-reopenWindowDays"
                    />
                  </Form.Item>
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title={t('serviceAdmin.settings.sections.surveys')} style={{ height: '100%' }}>
                  <Form.Item
                    name="resolvedSurveyId"
                    label={t('serviceAdmin.settings.surveys.resolvedSurveyId')}
                    extra={t('serviceAdmin.settings.surveys.resolvedSurveyIdHelp')}
                  >
                    <Select
                      loading={activeSurveys.isPending}
                      options={[
                        { value: null, label: t('serviceAdmin.settings.surveys.none') },
                        ...(activeSurveys.data?.items ?? []).map((s) => ({ value: s.id, label: s.title })),
                        // A survey archived since it was chosen still shows, so the field is not blank.
                        ...(base.resolvedSurveyId &&
                        !(activeSurveys.data?.items ?? []).some((s) => s.id === base.resolvedSurveyId)
                          ? [{ value: base.resolvedSurveyId, label: base.resolvedSurveyId, disabled: true }]
                          : []),
                      ]}
                      data-testid="settings-resolvedSurveyId"
                    />
                  </Form.Item>
                  <Row gutter={16}>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name="surveyLinkDays"
                        label={t('serviceAdmin.settings.surveys.surveyLinkDays')}
                        extra={t('serviceAdmin.settings.surveys.surveyLinkDaysHelp')}
                        rules={[{ required: true, message: t('validation.required') }]}
                      >
                        <InputNumber
                          min={1}
                          max={365}
                          precision={0}
                          suffix={t('serviceAdmin.settings.clock.days')}
                          data-testid="settings-surveyLinkDays"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={['lowScore', 'csatAtMost']}
                        label={t('serviceAdmin.settings.surveys.csatAtMost')}
                        extra={t('serviceAdmin.settings.surveys.csatAtMostHelp')}
                        rules={[{ required: true, message: t('validation.required') }]}
                      >
                        <InputNumber
                          min={0}
                          max={5}
                          precision={0}
                          suffix={t('serviceAdmin.settings.surveys.points')}
                          data-testid="settings-csatAtMost"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item
                        name={['lowScore', 'npsAtMost']}
                        label={t('serviceAdmin.settings.surveys.npsAtMost')}
                        extra={t('serviceAdmin.settings.surveys.npsAtMostHelp')}
                        rules={[{ required: true, message: t('validation.required') }]}
                      >
                        <InputNumber
                          min={-1}
                          max={10}
                          precision={0}
                          suffix={t('serviceAdmin.settings.surveys.points')}
                          data-testid="settings-npsAtMost"
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                </Card>
              </Col>
            </Row>
            {base.updatedAt ? (
              <Typography.Text type="secondary">
                {t('serviceAdmin.settings.updatedAt', {
                  at: dayjs(base.updatedAt).format('YYYY-MM-DD HH:mm'),
                })}
              </Typography.Text>
            ) : null}
          </Flex>
        </Form>
      )}
    </div>
  );
}

/** "第 2 条策略 · " before an issue listed above the form, so it can be found. */
function issueLabel(t: TFunction, path: string): string {
  const m = /^slaPolicies\.(\d+)/.exec(path);
  if (m) return `${t('serviceAdmin.settings.policies.rowLabel', { n: Number(m[1]) + 1 })} · `;
  if (path.startsWith('calendar')) return `${t('serviceAdmin.settings.sections.calendar')} · `;
  return '';
}

function CalendarCard() {
  const { t } = useTranslation();
  return (
    <Card title={t('serviceAdmin.settings.sections.calendar')} data-testid="settings-calendar">
      <Form.Item
        name={['calendar', 'timeZone']}
        label={t('serviceAdmin.settings.calendar.timeZone')}
        extra={t('serviceAdmin.settings.calendar.timeZoneHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
        style={{ maxWidth: 320 }}
      >
        <Input placeholder="Asia/Shanghai" data-testid="settings-timeZone" />
      </Form.Item>
      <Typography.Text strong>{t('serviceAdmin.settings.calendar.week')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('serviceAdmin.settings.calendar.weekHelp')}
      </Typography.Paragraph>
      <Flex vertical gap={4} style={{ marginBottom: 16 }}>
        {weekOrder.map((d) => (
          <Form.List key={d} name={['calendar', 'week', d]}>
            {(fields, { add, remove }) => (
              <Flex align="flex-start" gap={12} wrap data-testid={`week-${d}`}>
                <Typography.Text style={{ width: 48, lineHeight: '32px' }}>
                  {t(`serviceAdmin.enums.weekdays.${d}`)}
                </Typography.Text>
                {fields.length === 0 ? (
                  <Tag style={{ lineHeight: '30px' }}>{t('serviceAdmin.settings.calendar.dayOff')}</Tag>
                ) : null}
                {fields.map((field) => (
                  <Space.Compact key={field.key} style={{ alignItems: 'flex-start' }}>
                    <Form.Item
                      name={[field.name, 'start']}
                      style={{ marginBottom: 4 }}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <Input
                        placeholder="09:00"
                        maxLength={5}
                        style={{ width: 76 }}
                        aria-label={t('serviceAdmin.settings.calendar.start')}
                        data-testid={`week-${d}-${field.name}-start`}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'end']}
                      style={{ marginBottom: 4 }}
                      rules={[{ required: true, message: t('validation.required') }]}
                    >
                      <Input
                        placeholder="18:00"
                        maxLength={5}
                        style={{ width: 76 }}
                        aria-label={t('serviceAdmin.settings.calendar.end')}
                        data-testid={`week-${d}-${field.name}-end`}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('serviceAdmin.settings.policies.remove')}
                    />
                  </Space.Compact>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ start: fields.length ? '13:00' : '09:00', end: '18:00' })}
                  data-testid={`week-${d}-add`}
                >
                  {t('serviceAdmin.settings.calendar.addInterval')}
                </Button>
              </Flex>
            )}
          </Form.List>
        ))}
      </Flex>
      <Row gutter={24}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['calendar', 'holidays']}
            label={t('serviceAdmin.settings.calendar.holidays')}
            extra={t('serviceAdmin.settings.calendar.holidaysHelp')}
          >
            <DateListInput testId="settings-holidays" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name={['calendar', 'workdays']}
            label={t('serviceAdmin.settings.calendar.workdays')}
            extra={t('serviceAdmin.settings.calendar.workdaysHelp')}
          >
            <DateListInput testId="settings-workdays" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}

function PoliciesCard() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<SettingsFormValues>();
  const watched = (Form.useWatch('slaPolicies', form) ?? []) as Partial<SlaPolicy>[];
  const shadows = shadowedBy(watched);
  const anyLabel = t('serviceAdmin.enums.any');
  return (
    <Card title={t('serviceAdmin.settings.sections.policies')} data-testid="settings-policies">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('serviceAdmin.settings.policies.intro')}
      />
      <Form.List name="slaPolicies">
        {(fields, { add, remove, move }) => (
          <>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              scroll={{ x: 1280 }}
              dataSource={fields}
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('serviceAdmin.settings.policies.empty')}
                  />
                ),
              }}
              columns={[
                {
                  key: 'order',
                  title: t('serviceAdmin.settings.policies.order'),
                  width: 64,
                  render: (_, f) => <Typography.Text strong>{f.name + 1}</Typography.Text>,
                },
                {
                  key: 'channel',
                  title: t('serviceAdmin.settings.policies.channel'),
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'channel']} style={{ marginBottom: 0 }}>
                      <Select<TicketChannel>
                        allowClear
                        placeholder={anyLabel}
                        style={{ minWidth: 110 }}
                        options={ticketChannels.map((c) => ({
                          value: c,
                          label: t(`serviceAdmin.enums.channels.${c}`),
                        }))}
                        data-testid={`policy-${f.name}-channel`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'priority',
                  title: t('serviceAdmin.settings.policies.priority'),
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'priority']} style={{ marginBottom: 0 }}>
                      <Select<TicketPriority>
                        allowClear
                        placeholder={anyLabel}
                        style={{ minWidth: 96 }}
                        options={ticketPriorities.map((p) => ({
                          value: p,
                          label: t(`serviceAdmin.enums.priorities.${p}`),
                        }))}
                        data-testid={`policy-${f.name}-priority`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'grade',
                  title: t('serviceAdmin.settings.policies.grade'),
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'grade']} style={{ marginBottom: 0 }}>
                      <Select<CustomerGrade>
                        allowClear
                        placeholder={anyLabel}
                        style={{ minWidth: 80 }}
                        options={customerGrades.map((g) => ({
                          value: g,
                          label: t(`customerFields.grade.${g}`),
                        }))}
                        data-testid={`policy-${f.name}-grade`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'firstResponseMs',
                  title: t('serviceAdmin.settings.policies.firstResponse'),
                  width: 250,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'firstResponseMs']} style={{ marginBottom: 0 }}>
                      <DurationInput
                        mode={watched[f.name]?.mode ?? 'business'}
                        testId={`policy-${f.name}-firstResponse`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'resolutionMs',
                  title: t('serviceAdmin.settings.policies.resolution'),
                  width: 250,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'resolutionMs']} style={{ marginBottom: 0 }}>
                      <DurationInput
                        mode={watched[f.name]?.mode ?? 'business'}
                        testId={`policy-${f.name}-resolution`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'mode',
                  title: t('serviceAdmin.settings.policies.mode'),
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'mode']} style={{ marginBottom: 0 }}>
                      <Select
                        style={{ minWidth: 110 }}
                        options={slaClockModes.map((m) => ({
                          value: m,
                          label: t(`serviceAdmin.enums.modes.${m}`),
                        }))}
                        data-testid={`policy-${f.name}-mode`}
                      />
                    </Form.Item>
                  ),
                },
                {
                  key: 'specificity',
                  title: t('serviceAdmin.settings.policies.specificity'),
                  render: (_, f) => {
                    const shadow = shadows[f.name];
                    return (
                      <Flex vertical gap={2}>
                        <Tag
                          color={
                            ['default', 'blue', 'geekblue', 'purple'][
                              policySpecificity(watched[f.name] ?? {})
                            ]
                          }
                        >
                          {t('serviceAdmin.settings.policies.specificityValue', {
                            count: policySpecificity(watched[f.name] ?? {}),
                          })}
                        </Tag>
                        {shadow ? (
                          <Typography.Text
                            type="warning"
                            style={{ fontSize: 12 }}
                            data-testid={`policy-${f.name}-shadowed`}
                          >
                            {t('serviceAdmin.settings.policies.shadowed', { index: shadow })}
                          </Typography.Text>
                        ) : null}
                      </Flex>
                    );
                  },
                },
                {
                  key: 'actions',
                  title: t('common.actions'),
                  fixed: 'right',
                  render: (_, f) => (
                    <Space size={0}>
                      <Tooltip title={t('serviceAdmin.settings.policies.moveUp')}>
                        <Button
                          type="text"
                          icon={<ArrowUpOutlined />}
                          disabled={f.name === 0}
                          onClick={() => move(f.name, f.name - 1)}
                          aria-label={t('serviceAdmin.settings.policies.moveUp')}
                          data-testid={`policy-${f.name}-up`}
                        />
                      </Tooltip>
                      <Tooltip title={t('serviceAdmin.settings.policies.moveDown')}>
                        <Button
                          type="text"
                          icon={<ArrowDownOutlined />}
                          disabled={f.name === fields.length - 1}
                          onClick={() => move(f.name, f.name + 1)}
                          aria-label={t('serviceAdmin.settings.policies.moveDown')}
                          data-testid={`policy-${f.name}-down`}
                        />
                      </Tooltip>
                      <Tooltip title={t('serviceAdmin.settings.policies.remove')}>
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(f.name)}
                          aria-label={t('serviceAdmin.settings.policies.remove')}
                          data-testid={`policy-${f.name}-remove`}
                        />
                      </Tooltip>
                    </Space>
                  ),
                },
              ]}
            />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginTop: 12 }}
              onClick={() =>
                add({ firstResponseMs: 60 * 60_000, resolutionMs: 9 * 60 * 60_000, mode: 'business' })
              }
              data-testid="policy-add"
            >
              {t('serviceAdmin.settings.policies.add')}
            </Button>
          </>
        )}
      </Form.List>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <PolicyTester policies={watched} />
        </Col>
        <Col xs={24} lg={12}>
          <DefaultsHint />
        </Col>
      </Row>
    </Card>
  );
}

/** Which policy a ticket of this channel, priority and grade gets: the order rule, shown by example. */
function PolicyTester({ policies }: { policies: Partial<SlaPolicy>[] }) {
  const { t } = useTranslation();
  const duration = useDurationText();
  const [channel, setChannel] = useState<TicketChannel>('email');
  const [priority, setPriority] = useState<TicketPriority>('normal');
  const [grade, setGrade] = useState<CustomerGrade | null>(null);
  const result = useMemo(() => {
    const complete = policies.filter(
      (p): p is SlaPolicy =>
        typeof p.firstResponseMs === 'number' && typeof p.resolutionMs === 'number' && !!p.mode,
    );
    // Incomplete rows are skipped, but the number shown is the row's place in the table.
    const indexOf = policies.map((p) => complete.indexOf(p as SlaPolicy));
    const r = slaTargetsFor({
      channel,
      priority,
      grade,
      policies: complete.map((p) => ({
        ...p,
        channel: p.channel || undefined,
        priority: p.priority || undefined,
        grade: p.grade || undefined,
      })),
    });
    return { ...r, row: r.policyIndex === null ? null : indexOf.indexOf(r.policyIndex) + 1 };
  }, [policies, channel, priority, grade]);
  return (
    <Card size="small" title={t('serviceAdmin.settings.policies.tester.title')} data-testid="policy-tester">
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          value={channel}
          onChange={setChannel}
          style={{ width: 120 }}
          options={ticketChannels.map((c) => ({ value: c, label: t(`serviceAdmin.enums.channels.${c}`) }))}
          data-testid="tester-channel"
        />
        <Select
          value={priority}
          onChange={setPriority}
          style={{ width: 100 }}
          options={ticketPriorities.map((p) => ({
            value: p,
            label: t(`serviceAdmin.enums.priorities.${p}`),
          }))}
          data-testid="tester-priority"
        />
        <Select
          value={grade}
          onChange={setGrade}
          style={{ width: 120 }}
          options={[
            { value: null, label: t('serviceAdmin.settings.policies.tester.ungraded') },
            ...customerGrades.map((g) => ({ value: g, label: t(`customerFields.grade.${g}`) })),
          ]}
          data-testid="tester-grade"
        />
      </Flex>
      <Typography.Paragraph strong style={{ marginBottom: 4 }} data-testid="tester-result">
        {result.row === null
          ? t('serviceAdmin.settings.policies.tester.defaults')
          : t('serviceAdmin.settings.policies.tester.policy', { n: result.row })}
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('serviceAdmin.settings.policies.tester.targets', {
          firstResponse: duration(result.firstResponseMs, result.firstResponseMode),
          resolution: duration(result.resolutionMs, result.resolutionMode),
          mode: t(`serviceAdmin.enums.modes.${result.resolutionMode}`),
        })}
      </Typography.Text>
    </Card>
  );
}

function DefaultsHint() {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('serviceAdmin.settings.defaults.title')} data-testid="sla-defaults">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('serviceAdmin.settings.defaults.body')}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'phone',
            label: t('serviceAdmin.enums.channels.phone'),
            children: t('serviceAdmin.settings.defaults.phone'),
          },
          {
            key: 'email',
            label: t('serviceAdmin.enums.channels.email'),
            children: t('serviceAdmin.settings.defaults.email'),
          },
          {
            key: 'online',
            label: t('serviceAdmin.enums.channels.online'),
            children: t('serviceAdmin.settings.defaults.online'),
          },
          {
            key: 'resolution',
            label: t('serviceAdmin.settings.policies.resolution'),
            children: t('serviceAdmin.settings.defaults.resolution'),
          },
        ]}
      />
    </Card>
  );
}
