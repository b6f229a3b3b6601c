import { DeleteOutlined, PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { creditChanges, engagementLimits, guideTopics, visitReportRequestSchema } from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { contactsApi } from '../../../api/customer-records';
import { engagementKeys, type Visit, visitsApi } from '../../../api/engagement';
import { StaffSelect } from '../../customers/form/StaffSelect';
import { checkWithSchema, engagementErrorText, type FormName, placeServerErrors } from '../form-errors';
import { guideCoverage } from '../interaction-form';
import { type CommitmentRow, type ReceivedByRow, type ReportFormValues, reportRequest } from '../report-form';

interface Values extends Omit<ReportFormValues, 'commitments'> {
  commitments: (Omit<CommitmentRow, 'dueOn'> & { dueOn?: Dayjs | null })[];
}

const topFields = new Set([
  'needs',
  'problems',
  'objections',
  'prospects',
  'competitorInfo',
  'creditChange',
  'creditChangeCause',
  'summary',
  'guide',
  'receivedBy',
  'commitments',
]);
const rowFields: Record<string, Set<string>> = {
  // contactId is a hidden field: an issue on it cannot be shown there, so it goes to the alert.
  receivedBy: new Set(['name', 'position', 'decisionAuthority']),
  commitments: new Set(['title', 'dueOn', 'ownerId']),
};
function isField(name: FormName): boolean {
  const [head, index, field] = name;
  if (name.length === 1) return topFields.has(String(head));
  if (name.length === 3 && typeof index === 'number')
    return rowFields[String(head)]?.has(String(field)) ?? false;
  return false;
}
const aliases = {
  'guide.business': 'guide',
  'guide.needs': 'guide',
  'guide.rapport': 'guide',
  'guide.value': 'guide',
};
const collapse = ['guide'];

/**
 * 拜访报告 (DOMAIN §4): who received us, needs and problems, objections handled, prospective
 * customers, competitor information, credit changes and their cause, and the commitments made —
 * each commitment becomes a task. Laid out in one column on a phone.
 */
export function VisitReportForm({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const contacts = useQuery({
    queryKey: ['customers', 'contacts', visit.customer.id],
    queryFn: () => contactsApi.list(visit.customer.id),
  });

  useEffect(() => {
    form.setFieldsValue({
      receivedBy: [],
      needs: '',
      problems: '',
      objections: '',
      prospects: '',
      competitorInfo: '',
      creditChange: 'none',
      creditChangeCause: '',
      summary: '',
      guide: [],
      commitments: [],
    });
  }, [form]);

  const creditChange = Form.useWatch('creditChange', form);
  const guide = Form.useWatch('guide', form) ?? [];
  const receivedBy: ReceivedByRow[] = Form.useWatch('receivedBy', form) ?? [];

  const report = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      visitsApi.report(visit.id, body as Parameters<typeof visitsApi.report>[1]),
    onSuccess: (v) => {
      queryClient.setQueryData(engagementKeys.visit(v.id), v);
      // The report made an interaction and tasks: My day, lists and the timeline all change.
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('engagement.report.submitted', { count: v.report?.taskIds.length ?? 0 }));
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        setProblem(t('errors.versionConflict'));
        void queryClient.invalidateQueries({ queryKey: engagementKeys.visit(visit.id) });
        return;
      }
      if (isApiError(err) && placeServerErrors(t, form, err, { isField, aliases, collapse })) return;
      setProblem(engagementErrorText(t, err));
    },
  });

  const submit = (v: Values) => {
    setProblem(null);
    const body = reportRequest(
      {
        ...v,
        receivedBy: v.receivedBy ?? [],
        guide: v.guide ?? [],
        commitments: (v.commitments ?? []).map((c) => ({
          ...c,
          dueOn: c?.dueOn ? c.dueOn.format('YYYY-MM-DD') : null,
        })),
      },
      visit.version,
    );
    if (checkWithSchema(t, form, visitReportRequestSchema, body, { aliases, collapse })) report.mutate(body);
  };

  const chosen = new Set(receivedBy.map((r) => r?.contactId).filter(Boolean));
  const addContact = (id: string) => {
    const c = contacts.data?.items.find((k) => k.id === id);
    if (!c) return;
    form.setFieldsValue({
      receivedBy: [
        ...receivedBy,
        { name: c.name, position: c.position, decisionAuthority: c.hasDecisionAuthority, contactId: c.id },
      ],
    });
  };

  const text = (name: keyof ReportFormValues, label: string, placeholder: string, testId: string) => (
    <Form.Item name={name} label={label}>
      <Input.TextArea
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={engagementLimits.reportTextMax}
        placeholder={placeholder}
        data-testid={testId}
      />
    </Form.Item>
  );

  return (
    <Card size="small" title={t('engagement.report.title')} data-testid="report-form">
      {visit.status === 'planned' ? (
        <Alert
          type="info"
          showIcon
          title={t('engagement.report.notCheckedIn')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        <Typography.Title level={5}>{t('engagement.report.receivedBy')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('engagement.report.receivedByHint')}
        </Typography.Paragraph>
        <Form.List name="receivedBy">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  styles={{ body: { padding: 8 } }}
                  data-testid="received-by-row"
                >
                  <Row gutter={8} align="middle">
                    <Col xs={12} md={8}>
                      <Form.Item
                        name={[field.name, 'name']}
                        label={t('engagement.report.name')}
                        style={{ marginBottom: 4 }}
                      >
                        <Input maxLength={50} data-testid="received-by-name" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={8}>
                      <Form.Item
                        name={[field.name, 'position']}
                        label={t('engagement.report.position')}
                        style={{ marginBottom: 4 }}
                      >
                        <Input maxLength={50} data-testid="received-by-position" />
                      </Form.Item>
                    </Col>
                    <Col xs={18} md={6}>
                      <Form.Item
                        name={[field.name, 'decisionAuthority']}
                        valuePropName="checked"
                        style={{ marginBottom: 4 }}
                      >
                        <Checkbox>{t('engagement.report.decisionAuthority')}</Checkbox>
                      </Form.Item>
                    </Col>
                    {/* Kept as a field so the link to the contact is submitted with the row. */}
                    <Form.Item name={[field.name, 'contactId']} hidden>
                      <Input />
                    </Form.Item>
                    <Col xs={6} md={2} style={{ textAlign: 'right' }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                </Card>
              ))}
              <Flex gap={8} wrap>
                <Select
                  value={null}
                  style={{ minWidth: 220, flex: 1 }}
                  placeholder={
                    <span>
                      <UserAddOutlined /> {t('engagement.report.fromContacts')}
                    </span>
                  }
                  loading={contacts.isFetching}
                  options={(contacts.data?.items ?? [])
                    .filter((c) => !chosen.has(c.id))
                    .map((c) => ({ value: c.id, label: c.position ? `${c.name} · ${c.position}` : c.name }))}
                  onChange={(id: string | null) => id && addContact(id)}
                  notFoundContent={t('engagement.report.noContacts')}
                  data-testid="received-by-contact"
                />
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ name: '', position: '', decisionAuthority: false })}
                >
                  {t('engagement.report.addPerson')}
                </Button>
              </Flex>
            </Flex>
          )}
        </Form.List>
        <Divider style={{ margin: '8px 0 16px' }} />
        {text('needs', t('engagement.report.needs'), t('engagement.report.needsPlaceholder'), 'report-needs')}
        {text(
          'problems',
          t('engagement.report.problems'),
          t('engagement.report.problemsPlaceholder'),
          'report-problems',
        )}
        {text(
          'objections',
          t('engagement.report.objections'),
          t('engagement.report.objectionsPlaceholder'),
          'report-objections',
        )}
        {text(
          'prospects',
          t('engagement.report.prospects'),
          t('engagement.report.prospectsPlaceholder'),
          'report-prospects',
        )}
        {text(
          'competitorInfo',
          t('engagement.report.competitorInfo'),
          t('engagement.report.competitorInfoPlaceholder'),
          'report-competitor',
        )}
        <Form.Item name="creditChange" label={t('engagement.report.creditChange')}>
          <Radio.Group
            optionType="button"
            options={creditChanges.map((c) => ({ value: c, label: t(`engagement.creditChanges.${c}`) }))}
            data-testid="report-credit-change"
          />
        </Form.Item>
        {creditChange && creditChange !== 'none' ? (
          <Form.Item name="creditChangeCause" label={t('engagement.report.creditChangeCause')}>
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 4 }}
              maxLength={engagementLimits.reportTextMax}
              data-testid="report-credit-cause"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="summary"
          label={t('engagement.report.summary')}
          required
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={engagementLimits.summaryMax}
            placeholder={t('engagement.report.summaryPlaceholder')}
            data-testid="report-summary"
          />
        </Form.Item>
        <Form.Item
          name="guide"
          label={t('engagement.guide.title')}
          extra={`${t('engagement.guide.coverage', { percent: guideCoverage(guide) })} · ${t('engagement.guide.hint')}`}
        >
          <Checkbox.Group
            options={guideTopics.map((g) => ({ value: g, label: t(`engagement.guide.${g}`) }))}
          />
        </Form.Item>
        <Divider style={{ margin: '8px 0 16px' }} />
        <Typography.Title level={5}>{t('engagement.report.commitments')}</Typography.Title>
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('engagement.report.commitmentsHint')}
        </Typography.Paragraph>
        <Form.List name="commitments">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 16 }}>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  styles={{ body: { padding: 8 } }}
                  data-testid="commitment-row"
                >
                  <Row gutter={8}>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name={[field.name, 'title']}
                        label={t('engagement.report.commitmentTitle')}
                        style={{ marginBottom: 4 }}
                      >
                        <Input maxLength={engagementLimits.taskTitleMax} data-testid="commitment-title" />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={[field.name, 'dueOn']}
                        label={t('engagement.report.commitmentDue')}
                        style={{ marginBottom: 4 }}
                      >
                        <DatePicker
                          style={{ width: '100%' }}
                          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                          data-testid="commitment-due"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={6}>
                      <Form.Item
                        name={[field.name, 'ownerId']}
                        label={t('engagement.report.commitmentOwner')}
                        style={{ marginBottom: 4 }}
                      >
                        <StaffSelect
                          known={[visit.visitor]}
                          allowClear
                          placeholder={visit.visitor.name}
                          testId="commitment-owner"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={2} style={{ textAlign: 'right', alignSelf: 'flex-end' }}>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('common.delete')}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                </Card>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ title: '', dueOn: dayjs().add(7, 'day'), ownerId: null })}
                data-testid="commitment-add"
                style={{ alignSelf: 'flex-start' }}
              >
                {t('engagement.report.addCommitment')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={report.isPending}
          data-testid="report-submit"
        >
          {t('engagement.report.submit')}
        </Button>
      </Form>
    </Card>
  );
}
