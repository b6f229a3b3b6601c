import { CheckCircleFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createInteractionRequestSchema,
  engagementLimits,
  guideTopics,
  interactionChannels,
  interactionDirections,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { contactsApi } from '../../../api/customer-records';
import { engagementKeys, type Interaction, interactionsApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { StaffSelect } from '../../customers/form/StaffSelect';
import { CustomerPicker } from '../../loyalty/pickers';
import { AttachmentsPanel } from '../AttachmentsPanel';
import { checkWithSchema, engagementErrorText, type FormName, placeServerErrors } from '../form-errors';
import {
  guideCoverage,
  type InteractionFormValues,
  interactionAliases,
  interactionListFields,
  interactionRequest,
} from '../interaction-form';

interface Values extends Omit<InteractionFormValues, 'occurredAt' | 'taskDueOn'> {
  occurredAt: Dayjs | null;
  taskDueOn: Dayjs | null;
}

const fieldNames = new Set([
  'customerId',
  'channel',
  'direction',
  'occurredAt',
  'summary',
  'needsFound',
  'nextStep',
  'guide',
  'contactIds',
  'staffIds',
  'taskTitle',
  'taskDueOn',
]);
const isField = (name: FormName) => name.length === 1 && fieldNames.has(String(name[0]));

export interface QuickLogTarget {
  customer?: { id: string; name: string } | null;
  /** Pre-selected channel, e.g. "visit" from a visit page. */
  channel?: InteractionFormValues['channel'];
}

/**
 * 记录沟通: log one interaction from anywhere. The customer is fixed when opened from a customer
 * or a follow-up row. After saving, the same dialog offers attachments (a file needs the record's
 * id) and says whether the contact reset the follow-up cadence.
 */
export function QuickLogModal({
  target,
  onClose,
  onLogged,
}: {
  /** null: closed. */
  target: QuickLogTarget | null;
  onClose: () => void;
  onLogged?: ((i: Interaction) => void) | undefined;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<Interaction | null>(null);
  // One key per opened form: a double tap on a slow phone network logs one interaction.
  const idempotencyKey = useRef(newIdempotencyKey());
  const open = target !== null;

  useEffect(() => {
    if (!open) return;
    idempotencyKey.current = newIdempotencyKey();
    setProblem(null);
    setSaved(null);
    form.resetFields();
    form.setFieldsValue({
      customerId: target.customer?.id ?? null,
      channel: target.channel ?? 'phone',
      direction: 'outbound',
      occurredAt: dayjs(),
      summary: '',
      needsFound: '',
      nextStep: '',
      guide: [],
      contactIds: [],
      staffIds: [],
      makeTask: false,
      taskTitle: '',
      taskDueOn: dayjs().add(7, 'day'),
    });
  }, [open, target, form]);

  const customerId = Form.useWatch('customerId', form);
  const makeTask = Form.useWatch('makeTask', form);
  const guide = Form.useWatch('guide', form) ?? [];
  const contacts = useQuery({
    queryKey: ['customers', 'contacts', customerId ?? ''],
    queryFn: () => contactsApi.list(customerId!),
    enabled: open && Boolean(customerId),
  });

  const save = useMutation({
    mutationFn: (body: Parameters<typeof interactionsApi.create>[0]) =>
      interactionsApi.create(body, idempotencyKey.current),
    onSuccess: (i) => {
      setSaved(i);
      // My day, follow-up lists, the timeline and the customer (its last contact) all change.
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('engagement.quickLog.saved', { name: i.customer.name }));
      onLogged?.(i);
    },
    onError: (err) => {
      if (
        isApiError(err) &&
        placeServerErrors(t, form, err, {
          isField,
          aliases: interactionAliases,
          collapse: interactionListFields,
        })
      )
        return;
      setProblem(engagementErrorText(t, err));
    },
  });

  const submit = (v: Values) => {
    setProblem(null);
    const body = interactionRequest(
      {
        ...v,
        occurredAt: v.occurredAt ? v.occurredAt.toISOString() : null,
        taskDueOn: v.taskDueOn ? v.taskDueOn.format('YYYY-MM-DD') : null,
      },
      me.id,
    );
    const checked = checkWithSchema(t, form, createInteractionRequestSchema, body, {
      aliases: interactionAliases,
      collapse: interactionListFields,
    });
    if (checked) save.mutate(body as Parameters<typeof interactionsApi.create>[0]);
  };

  const refetchSaved = () => {
    if (!saved) return;
    void interactionsApi
      .get(saved.id)
      .then(setSaved, (err: unknown) => message.error(engagementErrorText(t, err)));
    void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
  };

  const coverage = guideCoverage(guide);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={t('engagement.quickLog.title')}
      width={screens.md ? 720 : '100%'}
      style={screens.md ? undefined : { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 }}
      forceRender
      destroyOnHidden={false}
      maskClosable={false}
      footer={
        saved ? (
          <Button type="primary" onClick={onClose} data-testid="quick-log-done">
            {t('engagement.quickLog.done')}
          </Button>
        ) : (
          <Flex gap={8} justify="flex-end">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="quick-log-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        )
      }
      data-testid="quick-log"
    >
      {saved ? (
        <Flex vertical gap={12} data-testid="quick-log-saved">
          <Result
            icon={<CheckCircleFilled style={{ color: '#52c41a' }} />}
            status="success"
            style={{ padding: '16px 0' }}
            title={t('engagement.quickLog.savedTitle', { name: saved.customer.name })}
            subTitle={
              <Flex vertical gap={4}>
                <span>
                  {saved.qualifies
                    ? t('engagement.quickLog.qualifies')
                    : t('engagement.quickLog.notQualifies')}
                </span>
                {saved.nextStepTaskId ? <span>{t('engagement.quickLog.taskCreated')}</span> : null}
              </Flex>
            }
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('engagement.quickLog.attachmentsTitle')}
          </Typography.Title>
          <AttachmentsPanel
            parent={{ kind: 'interactions', id: saved.id }}
            attachments={saved.attachments}
            canUpload
            onChanged={refetchSaved}
          />
        </Flex>
      ) : null}
      <div style={saved ? { display: 'none' } : undefined}>
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
          <Form.Item
            name="customerId"
            label={t('engagement.quickLog.customer')}
            required
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <CustomerPicker
              known={target?.customer ?? null}
              disabled={Boolean(target?.customer)}
              placeholder={t('engagement.quickLog.customerPlaceholder')}
              testId="quick-log-customer"
              onChange={() => form.setFieldsValue({ contactIds: [] })}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="channel" label={t('engagement.quickLog.channel')}>
                <Select
                  options={interactionChannels.map((c) => ({
                    value: c,
                    label: t(`engagement.channels.${c}`),
                  }))}
                  data-testid="quick-log-channel"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="direction" label={t('engagement.quickLog.direction')}>
                <Radio.Group
                  optionType="button"
                  options={interactionDirections.map((d) => ({
                    value: d,
                    label: t(`engagement.directions.${d}`),
                  }))}
                  data-testid="quick-log-direction"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="occurredAt"
                label={t('engagement.quickLog.occurredAt')}
                rules={[{ required: true, message: t('validation.required') }]}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  data-testid="quick-log-occurred-at"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="summary"
            label={t('engagement.quickLog.summary')}
            required
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={engagementLimits.summaryMax}
              placeholder={t('engagement.quickLog.summaryPlaceholder')}
              data-testid="quick-log-summary"
            />
          </Form.Item>
          <Form.Item
            name="guide"
            label={t('engagement.guide.title')}
            extra={t('engagement.guide.coverage', { percent: coverage })}
          >
            <Checkbox.Group
              options={guideTopics.map((g) => ({ value: g, label: t(`engagement.guide.${g}`) }))}
              data-testid="quick-log-guide"
            />
          </Form.Item>
          <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 12 }}>
            {t('engagement.guide.hint')}
          </Typography.Paragraph>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="needsFound" label={t('engagement.quickLog.needsFound')}>
                <Input.TextArea
                  rows={2}
                  maxLength={engagementLimits.needsMax}
                  placeholder={t('engagement.quickLog.needsPlaceholder')}
                  data-testid="quick-log-needs"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="nextStep" label={t('engagement.quickLog.nextStep')}>
                <Input.TextArea
                  rows={2}
                  maxLength={engagementLimits.nextStepMax}
                  placeholder={t('engagement.quickLog.nextStepPlaceholder')}
                  data-testid="quick-log-next-step"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="makeTask" valuePropName="checked" style={{ marginBottom: makeTask ? 8 : 24 }}>
            <Checkbox data-testid="quick-log-make-task">{t('engagement.quickLog.makeTask')}</Checkbox>
          </Form.Item>
          {makeTask ? (
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item
                  name="taskTitle"
                  label={t('engagement.quickLog.taskTitle')}
                  extra={t('engagement.quickLog.taskTitleHint')}
                >
                  <Input maxLength={engagementLimits.taskTitleMax} data-testid="quick-log-task-title" />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item
                  name="taskDueOn"
                  label={t('engagement.quickLog.taskDueOn')}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <DatePicker
                    style={{ width: '100%' }}
                    disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                    data-testid="quick-log-task-due"
                  />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="contactIds" label={t('engagement.quickLog.contacts')}>
                <Select
                  mode="multiple"
                  disabled={!customerId}
                  loading={contacts.isFetching}
                  placeholder={
                    customerId
                      ? t('engagement.quickLog.contactsPlaceholder')
                      : t('engagement.quickLog.contactsNeedCustomer')
                  }
                  optionFilterProp="title"
                  options={(contacts.data?.items ?? []).map((c) => ({
                    value: c.id,
                    title: c.name,
                    label: c.position ? `${c.name} · ${c.position}` : c.name,
                  }))}
                  data-testid="quick-log-contacts"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="staffIds"
                label={t('engagement.quickLog.staff')}
                extra={t('engagement.quickLog.staffHint')}
              >
                <StaffSelect
                  multiple
                  known={[]}
                  placeholder={t('engagement.quickLog.staffPlaceholder')}
                  testId="quick-log-staff"
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Modal>
  );
}
