import { DeleteOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  engagementLimits,
  guideTopics,
  interactionChannels,
  interactionDirections,
  updateInteractionRequestSchema,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Radio,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { contactsApi } from '../../../api/customer-records';
import { engagementKeys, type Interaction, interactionsApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { errorText } from '../../../lib/errors';
import { StaffSelect } from '../../customers/form/StaffSelect';
import { AttachmentsPanel } from '../AttachmentsPanel';
import { checkWithSchema, engagementErrorText, type FormName, placeServerErrors } from '../form-errors';
import { guideCoverage, guideTopicsOf, interactionAliases, interactionListFields } from '../interaction-form';
import { engagementPermissions } from '../permissions';
import { useEngagementLabels } from '../use-labels';

interface Values {
  channel: Interaction['channel'];
  direction: Interaction['direction'];
  occurredAt: Dayjs | null;
  summary: string;
  needsFound: string;
  nextStep: string;
  guide: (typeof guideTopics)[number][];
  contactIds: string[];
  staffIds: string[];
}

const fieldNames = new Set([
  'channel',
  'direction',
  'occurredAt',
  'summary',
  'needsFound',
  'nextStep',
  'guide',
  'contactIds',
  'staffIds',
]);
const isField = (name: FormName) => name.length === 1 && fieldNames.has(String(name[0]));

/**
 * One interaction: read it, correct it (its logger, or a manager), add files, or delete it (the
 * logger or an administrator; a visit's own record goes with its report, not from here).
 */
export function InteractionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const labels = useEngagementLabels();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const q = useQuery({
    queryKey: engagementKeys.interaction(id ?? ''),
    queryFn: () => interactionsApi.get(id!),
    enabled: id !== null,
  });
  const i = q.data;
  const contacts = useQuery({
    queryKey: ['customers', 'contacts', i?.customer.id ?? ''],
    queryFn: () => contactsApi.list(i!.customer.id),
    enabled: editing && Boolean(i),
  });

  useEffect(() => {
    setEditing(false);
    setProblem(null);
  }, [id]);
  useEffect(() => {
    if (!editing || !i) return;
    form.resetFields();
    form.setFieldsValue({
      channel: i.channel,
      direction: i.direction,
      occurredAt: dayjs(i.occurredAt),
      summary: i.summary,
      needsFound: i.needsFound,
      nextStep: i.nextStep,
      guide: guideTopicsOf(i.guide),
      contactIds: i.contacts.map((c) => c.id),
      staffIds: i.staff.map((s) => s.id).filter((s) => s !== i.loggedBy?.id),
    });
  }, [editing, i, form]);

  const isLogger = i?.loggedBy?.id === me.id;
  const mayEdit = Boolean(i) && (isLogger || can.viewTeam);
  const mayDelete = Boolean(i) && (isLogger || me.role === 'admin') && i?.visitId === null;

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      interactionsApi.update(id!, body as Parameters<typeof interactionsApi.update>[1]),
    onSuccess: (saved) => {
      queryClient.setQueryData(engagementKeys.interaction(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('engagement.interactions.saved'));
      setEditing(false);
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        setProblem(t('errors.versionConflict'));
        void q.refetch();
        return;
      }
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
  const remove = useMutation({
    mutationFn: (x: Interaction) => interactionsApi.remove(x.id, x.version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      message.success(t('engagement.interactions.deleted'));
      onClose();
    },
    onError: (err) => message.error(engagementErrorText(t, err)),
  });

  const submit = (v: Values) => {
    if (!i) return;
    setProblem(null);
    const body = {
      channel: v.channel,
      direction: v.direction,
      occurredAt: v.occurredAt ? v.occurredAt.toISOString() : undefined,
      summary: v.summary,
      needsFound: v.needsFound,
      nextStep: v.nextStep,
      guide: Object.fromEntries(guideTopics.map((g) => [g, v.guide.includes(g)])),
      contactIds: v.contactIds,
      staffIds: v.staffIds,
      version: i.version,
    };
    if (
      checkWithSchema(t, form, updateInteractionRequestSchema, body, {
        aliases: interactionAliases,
        collapse: interactionListFields,
      })
    )
      save.mutate(body);
  };

  const confirmDelete = (x: Interaction) =>
    modal.confirm({
      title: t('engagement.interactions.deleteTitle'),
      content: t('engagement.interactions.deleteBody', { name: x.customer.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'interaction-delete-confirm' } },
      onOk: () => remove.mutateAsync(x),
    });

  const guide = Form.useWatch('guide', form) ?? [];

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      title={i ? i.customer.name : t('engagement.interactions.title')}
      size={screens.md ? 600 : '100%'}
      forceRender
      extra={
        i && editing ? (
          <Flex gap={8}>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="interaction-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        ) : i ? (
          <Flex gap={8}>
            {mayEdit ? (
              <Button onClick={() => setEditing(true)} data-testid="interaction-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {mayDelete ? (
              <Button
                danger
                icon={<DeleteOutlined />}
                onClick={() => confirmDelete(i)}
                data-testid="interaction-delete"
              >
                {t('common.delete')}
              </Button>
            ) : null}
          </Flex>
        ) : null
      }
      data-testid="interaction-drawer"
    >
      {q.isPending && id !== null ? <Skeleton active /> : null}
      {q.isError ? <Alert type="error" showIcon title={errorText(t, q.error)} /> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      {i && !editing ? (
        <Flex vertical gap={12}>
          <Flex gap={6} wrap>
            <Tag color="blue">{labels.label('channels', i.channel)}</Tag>
            <Tag>{labels.label('directions', i.direction)}</Tag>
            {i.qualifies ? (
              <Tag color="green">{t('engagement.interactions.qualifies')}</Tag>
            ) : (
              <Tag>{t('engagement.interactions.notQualifies')}</Tag>
            )}
            {guideTopicsOf(i.guide).map((g) => (
              <Tag key={g} color="purple">
                {t(`engagement.guide.${g}`)}
              </Tag>
            ))}
          </Flex>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'customer',
                label: t('engagement.interactions.columns.customer'),
                children: <Link to={`/customers/${i.customer.id}`}>{i.customer.name}</Link>,
              },
              {
                key: 'at',
                label: t('engagement.quickLog.occurredAt'),
                children: dayjs(i.occurredAt).format('YYYY-MM-DD HH:mm'),
              },
              {
                key: 'summary',
                label: t('engagement.quickLog.summary'),
                children: <span style={{ whiteSpace: 'pre-wrap' }}>{i.summary}</span>,
              },
              ...(i.needsFound
                ? [{ key: 'needs', label: t('engagement.quickLog.needsFound'), children: i.needsFound }]
                : []),
              ...(i.nextStep
                ? [{ key: 'next', label: t('engagement.quickLog.nextStep'), children: i.nextStep }]
                : []),
              ...(i.contacts.length > 0
                ? [
                    {
                      key: 'contacts',
                      label: t('engagement.quickLog.contacts'),
                      children: i.contacts
                        .map((c) => (c.position ? `${c.name}（${c.position}）` : c.name))
                        .join('、'),
                    },
                  ]
                : []),
              {
                key: 'staff',
                label: t('engagement.interactions.staff'),
                children: i.staff.map((s) => s.name).join('、'),
              },
              ...(i.visitId
                ? [
                    {
                      key: 'visit',
                      label: t('engagement.timelineKinds.visit'),
                      children: (
                        <Link to={`/engagement/visits/${i.visitId}`}>
                          {t('engagement.interactions.openVisit')}
                        </Link>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Divider style={{ margin: '4px 0' }} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('engagement.attachments.title')}
          </Typography.Title>
          <AttachmentsPanel
            parent={{ kind: 'interactions', id: i.id }}
            attachments={i.attachments}
            canUpload={mayEdit}
            onChanged={() => void q.refetch()}
          />
        </Flex>
      ) : null}
      <div style={i && editing ? undefined : { display: 'none' }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Flex gap={12} wrap>
            <Form.Item
              name="channel"
              label={t('engagement.quickLog.channel')}
              style={{ minWidth: 160, flex: 1 }}
            >
              <Select
                options={interactionChannels.map((c) => ({ value: c, label: t(`engagement.channels.${c}`) }))}
              />
            </Form.Item>
            <Form.Item name="direction" label={t('engagement.quickLog.direction')}>
              <Radio.Group
                optionType="button"
                options={interactionDirections.map((d) => ({
                  value: d,
                  label: t(`engagement.directions.${d}`),
                }))}
              />
            </Form.Item>
          </Flex>
          <Form.Item name="occurredAt" label={t('engagement.quickLog.occurredAt')}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            />
          </Form.Item>
          <Form.Item
            name="summary"
            label={t('engagement.quickLog.summary')}
            required
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={engagementLimits.summaryMax} />
          </Form.Item>
          <Form.Item
            name="guide"
            label={t('engagement.guide.title')}
            extra={t('engagement.guide.coverage', { percent: guideCoverage(guide) })}
          >
            <Checkbox.Group
              options={guideTopics.map((g) => ({ value: g, label: t(`engagement.guide.${g}`) }))}
            />
          </Form.Item>
          <Form.Item name="needsFound" label={t('engagement.quickLog.needsFound')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={engagementLimits.needsMax} />
          </Form.Item>
          <Form.Item name="nextStep" label={t('engagement.quickLog.nextStep')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={engagementLimits.nextStepMax} />
          </Form.Item>
          <Form.Item name="contactIds" label={t('engagement.quickLog.contacts')}>
            <Select
              mode="multiple"
              loading={contacts.isFetching}
              optionFilterProp="title"
              options={[
                ...(contacts.data?.items ?? []).map((c) => ({
                  value: c.id,
                  title: c.name,
                  label: c.position ? `${c.name} · ${c.position}` : c.name,
                })),
                // A participant since removed from the contacts still shows by name.
                ...(i?.contacts ?? [])
                  .filter((c) => !(contacts.data?.items ?? []).some((k) => k.id === c.id))
                  .map((c) => ({ value: c.id, title: c.name, label: c.name })),
              ]}
            />
          </Form.Item>
          <Form.Item
            name="staffIds"
            label={t('engagement.quickLog.staff')}
            extra={t('engagement.quickLog.staffHint')}
          >
            <StaffSelect multiple known={i?.staff ?? []} testId="interaction-staff" />
          </Form.Item>
        </Form>
      </div>
    </Drawer>
  );
}
