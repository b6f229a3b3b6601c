import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CustomerCategory, type CustomerGrade, customerCategories, customerGrades } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { orderKeys, ordersApi } from '../../../api/orders';
import { type SurveySchedule, surveyKeys, surveySchedulesApi, surveysApi } from '../../../api/surveys';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { placeIssues } from '../issues';

interface ScheduleValues {
  name: string;
  surveyId: string;
  grades: CustomerGrade[];
  categories: CustomerCategory[];
  customerIds: string[];
  intervalDays: number;
  nextRunOn: Dayjs;
  active: boolean;
}

const scheduleFieldName = (path: string) => {
  const m = /^audience\.(grades|categories|customerIds)/.exec(path);
  if (m?.[1]) return [m[1]];
  const head = path.split('.')[0] ?? '';
  return ['name', 'surveyId', 'intervalDays', 'nextRunOn', 'active'].includes(head) ? [head] : null;
};

/** 定期调查: schedules that send a survey every N days to chosen grades, categories or customers. */
export function SchedulesSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<SurveySchedule | 'new' | null>(null);
  const schedules = useQuery({ queryKey: surveyKeys.schedules, queryFn: surveySchedulesApi.list });
  const toggle = useMutation({
    mutationFn: (s: SurveySchedule) =>
      surveySchedulesApi.update(s.id, { active: !s.active, version: s.version }),
    onSuccess: () => {
      message.success(t('serviceAdmin.surveys.schedules.saved'));
      void queryClient.invalidateQueries({ queryKey: surveyKeys.schedules });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('serviceAdmin.errors.versionConflict'), 6);
        void queryClient.invalidateQueries({ queryKey: surveyKeys.schedules });
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const audience = (s: SurveySchedule) => {
    const a = s.audience;
    const parts = [
      ...(a.grades ?? []).map((g) => <Tag key={`g-${g}`}>{t(`customerFields.grade.${g}`)}</Tag>),
      ...(a.categories ?? []).map((c) => <Tag key={`c-${c}`}>{t(`customerFields.category.${c}`)}</Tag>),
      ...(a.customerIds?.length
        ? [
            <Tag key="ids" color="blue">
              {t('serviceAdmin.surveys.schedules.customerCount', { count: a.customerIds.length })}
            </Tag>,
          ]
        : []),
    ];
    return parts.length ? (
      <Flex wrap gap={4}>
        {parts}
      </Flex>
    ) : (
      t('serviceAdmin.surveys.schedules.allCustomers')
    );
  };

  return (
    <Card
      variant="borderless"
      title={t('serviceAdmin.surveys.schedules.title')}
      extra={
        canEdit ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="schedule-add">
            {t('serviceAdmin.surveys.schedules.add')}
          </Button>
        ) : null
      }
      data-testid="survey-schedules"
    >
      <Typography.Paragraph type="secondary">
        {t('serviceAdmin.surveys.schedules.subtitle')}
      </Typography.Paragraph>
      {schedules.isError ? (
        <ErrorResult error={schedules.error} onRetry={() => void schedules.refetch()} />
      ) : (
        <Table<SurveySchedule>
          rowKey="id"
          size="middle"
          loading={schedules.isPending}
          dataSource={schedules.data ?? []}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={t('serviceAdmin.surveys.schedules.empty')} /> }}
          columns={[
            { key: 'name', title: t('serviceAdmin.surveys.schedules.name'), render: (_, s) => s.name },
            {
              key: 'survey',
              title: t('serviceAdmin.surveys.schedules.survey'),
              render: (_, s) => s.survey.title,
            },
            {
              key: 'audience',
              title: t('serviceAdmin.surveys.schedules.audience'),
              render: (_, s) => audience(s),
            },
            {
              key: 'interval',
              title: t('serviceAdmin.surveys.schedules.intervalDays'),
              render: (_, s) =>
                t('serviceAdmin.surveys.schedules.intervalDaysValue', { count: s.intervalDays }),
            },
            {
              key: 'next',
              title: t('serviceAdmin.surveys.schedules.nextRunOn'),
              render: (_, s) => s.nextRunOn,
            },
            {
              key: 'last',
              title: t('serviceAdmin.surveys.schedules.lastRunAt'),
              render: (_, s) =>
                s.lastRunAt ? dayjs(s.lastRunAt).format('YYYY-MM-DD HH:mm') : t('common.never'),
            },
            {
              key: 'active',
              title: t('serviceAdmin.surveys.schedules.active'),
              render: (_, s) => (
                <Switch
                  size="small"
                  checked={s.active}
                  disabled={!canEdit}
                  loading={toggle.isPending && toggle.variables?.id === s.id}
                  onChange={() => toggle.mutate(s)}
                  data-testid={`schedule-${s.id}-active`}
                />
              ),
            },
            ...(canEdit
              ? [
                  {
                    key: 'actions',
                    title: t('common.actions'),
                    render: (_: unknown, s: SurveySchedule) => (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(s)}
                        data-testid={`schedule-${s.id}-edit`}
                      >
                        {t('serviceAdmin.surveys.schedules.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {editing ? (
        <ScheduleModal
          schedule={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void queryClient.invalidateQueries({ queryKey: surveyKeys.schedules });
          }}
        />
      ) : null}
    </Card>
  );
}

function useDebounced(value: string, ms = 250): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Several customers, searched by name as in the archive; ids the search has not shown keep their id as label. */
function CustomersSelect({ value = [], onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const [seen, setSeen] = useState<Map<string, string>>(new Map());
  const found = useQuery({
    queryKey: orderKeys.customerSearch(term),
    queryFn: ({ signal }) => ordersApi.searchCustomers(term, signal),
  });
  useEffect(() => {
    const items = found.data?.items ?? [];
    if (items.length) setSeen((m) => new Map([...m, ...items.map((c) => [c.id, c.name] as const)]));
  }, [found.data]);
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    for (const id of value)
      if (!list.some((o) => o.value === id)) list.push({ value: id, label: seen.get(id) ?? id });
    return list;
  }, [found.data, value, seen]);
  return (
    <Select
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(ids: string[]) => onChange?.(ids)}
      options={options}
      loading={found.isFetching}
      data-testid="schedule-customers"
    />
  );
}

function ScheduleModal({
  schedule,
  onClose,
  onSaved,
}: {
  schedule: SurveySchedule | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScheduleValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const active = useQuery({ queryKey: surveyKeys.list('active'), queryFn: () => surveysApi.list('active') });
  const save = useMutation({
    mutationFn: (v: ScheduleValues) => {
      const audience = {
        ...(v.grades?.length ? { grades: v.grades } : {}),
        ...(v.categories?.length ? { categories: v.categories } : {}),
        ...(v.customerIds?.length ? { customerIds: v.customerIds } : {}),
      };
      const body = {
        name: v.name.trim(),
        surveyId: v.surveyId,
        audience,
        intervalDays: v.intervalDays,
        nextRunOn: v.nextRunOn.format('YYYY-MM-DD'),
        active: v.active,
      };
      return schedule
        ? surveySchedulesApi.update(schedule.id, { ...body, version: schedule.version })
        : surveySchedulesApi.create(body, idempotencyKey);
    },
    onSuccess: () => {
      message.success(t('serviceAdmin.surveys.schedules.saved'));
      onSaved();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('serviceAdmin.errors.versionConflict'), 6);
        onSaved();
        return;
      }
      if (isApiError(err) && err.fieldErrors.length > 0) {
        if (placeIssues(t, form, err.fieldErrors, scheduleFieldName).length === 0) return;
      }
      message.error(errorText(t, err));
    },
  });
  const surveyOptions = [
    ...(active.data?.items ?? []).map((s) => ({ value: s.id, label: s.title })),
    ...(schedule && !(active.data?.items ?? []).some((s) => s.id === schedule.surveyId)
      ? [{ value: schedule.surveyId, label: schedule.survey.title, disabled: true }]
      : []),
  ];
  return (
    <Modal
      open
      width={640}
      title={
        schedule
          ? t('serviceAdmin.surveys.schedules.editTitle')
          : t('serviceAdmin.surveys.schedules.newTitle')
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ ...{ 'data-testid': 'schedule-save' } }}
    >
      <Form<ScheduleValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          schedule
            ? {
                name: schedule.name,
                surveyId: schedule.surveyId,
                grades: schedule.audience.grades ?? [],
                categories: schedule.audience.categories ?? [],
                customerIds: schedule.audience.customerIds ?? [],
                intervalDays: schedule.intervalDays,
                nextRunOn: dayjs(schedule.nextRunOn),
                active: schedule.active,
              }
            : {
                name: '',
                grades: [],
                categories: [],
                customerIds: [],
                intervalDays: 90,
                nextRunOn: dayjs().add(1, 'day'),
                active: true,
              }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('serviceAdmin.surveys.schedules.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={120} data-testid="schedule-name" />
        </Form.Item>
        <Form.Item
          name="surveyId"
          label={t('serviceAdmin.surveys.schedules.survey')}
          extra={t('serviceAdmin.surveys.schedules.activeSurveysOnly')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select loading={active.isPending} options={surveyOptions} data-testid="schedule-survey" />
        </Form.Item>
        <Typography.Text strong>{t('serviceAdmin.surveys.schedules.audience')}</Typography.Text>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('serviceAdmin.surveys.schedules.audienceHelp')}
        </Typography.Paragraph>
        <Space style={{ width: '100%' }} size={16} wrap>
          <Form.Item
            name="grades"
            label={t('serviceAdmin.surveys.schedules.grades')}
            style={{ minWidth: 220 }}
          >
            <Select
              mode="multiple"
              options={customerGrades.map((g) => ({ value: g, label: t(`customerFields.grade.${g}`) }))}
              data-testid="schedule-grades"
            />
          </Form.Item>
          <Form.Item
            name="categories"
            label={t('serviceAdmin.surveys.schedules.categories')}
            style={{ minWidth: 220 }}
          >
            <Select
              mode="multiple"
              options={customerCategories.map((c) => ({
                value: c,
                label: t(`customerFields.category.${c}`),
              }))}
              data-testid="schedule-categories"
            />
          </Form.Item>
        </Space>
        <Form.Item name="customerIds" label={t('serviceAdmin.surveys.schedules.customerIds')}>
          <CustomersSelect />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item
            name="intervalDays"
            label={t('serviceAdmin.surveys.schedules.intervalDays')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <InputNumber
              min={1}
              max={3660}
              precision={0}
              suffix={t('serviceAdmin.surveys.schedules.days')}
              data-testid="schedule-interval"
            />
          </Form.Item>
          <Form.Item
            name="nextRunOn"
            label={t('serviceAdmin.surveys.schedules.nextRunOn')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker data-testid="schedule-next" />
          </Form.Item>
          <Form.Item name="active" label={t('serviceAdmin.surveys.schedules.active')} valuePropName="checked">
            <Switch data-testid="schedule-active" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
