import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type TicketKind, ticketChannels, ticketKinds, ticketPriorities } from '@weixi/shared';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Grid, Input, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { customerRecordsApi, recordKeys } from '../../api/customer-records';
import {
  type CreateTicketBody,
  serviceListsApi,
  type Ticket,
  ticketKeys,
  ticketsApi,
} from '../../api/service-tickets';
import { useCurrentUser } from '../../auth/current-user';
import { StaffSelect } from '../customers/form/StaffSelect';
import { CustomerPicker } from '../loyalty/pickers';
import { placeServerErrors, serviceErrorText } from './form-errors';
import { useServiceLabels } from './ticket-ui';

interface Values {
  customerId: string | null;
  contactId: string | null;
  channel: CreateTicketBody['channel'];
  kind: TicketKind;
  categoryId: string | null;
  priority: CreateTicketBody['priority'];
  important: boolean;
  subject: string;
  description: string;
  receivedAt: Dayjs | null;
  ownerId: string | null;
}

const fields = [
  'customerId',
  'contactId',
  'channel',
  'kind',
  'categoryId',
  'priority',
  'important',
  'subject',
  'description',
  'receivedAt',
  'ownerId',
] as const;

/** 新建工单: what the customer reported, through which channel, when; the clocks start at receivedAt. */
export function TicketFormDrawer({
  open,
  onClose,
  onCreated,
  defaultCustomer,
}: {
  open: boolean;
  onClose: () => void;
  onCreated?: (ticket: Ticket) => void;
  defaultCustomer?: { id: string; name: string } | undefined;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const customerId = Form.useWatch('customerId', form) ?? null;
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    idempotencyKey.current = newIdempotencyKey();
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({
      customerId: defaultCustomer?.id ?? null,
      contactId: null,
      channel: 'phone',
      kind: 'service_request',
      categoryId: null,
      priority: 'normal',
      important: false,
      subject: '',
      description: '',
      receivedAt: dayjs(),
      ownerId: me.id,
    });
  }, [open, defaultCustomer, me.id, form]);

  const customer = useQuery({
    queryKey: recordKeys.detail(customerId ?? ''),
    queryFn: () => customerRecordsApi.get(customerId ?? ''),
    enabled: open && customerId !== null,
  });
  const categories = useQuery({
    queryKey: ticketKeys.categories,
    queryFn: serviceListsApi.categories,
    enabled: open,
    staleTime: 5 * 60_000,
  });

  const create = useMutation({
    mutationFn: (body: CreateTicketBody) => ticketsApi.create(body, idempotencyKey.current),
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.ticket(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.tickets });
      message.success(t('service.form.created', { number: ticket.number }));
      onClose();
      onCreated?.(ticket);
    },
    onError: (err) => {
      if (isApiError(err) && placeServerErrors(t, form, err, fields)) return;
      setProblem(serviceErrorText(t, err));
    },
  });

  const submit = (v: Values) => {
    setProblem(null);
    if (!v.customerId) return;
    const body: CreateTicketBody = {
      customerId: v.customerId,
      channel: v.channel,
      kind: v.kind,
      priority: v.priority,
      subject: v.subject.trim(),
      ...(v.contactId ? { contactId: v.contactId } : {}),
      ...(v.categoryId ? { categoryId: v.categoryId } : {}),
      ...(v.kind === 'complaint' ? { important: v.important } : {}),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
      ...(v.receivedAt ? { receivedAt: v.receivedAt.toISOString() } : {}),
      ...(v.ownerId && v.ownerId !== me.id ? { ownerId: v.ownerId } : {}),
    };
    create.mutate(body);
  };

  const contacts = customerId && customer.data?.id === customerId ? customer.data.contacts : [];
  const required = { required: true, message: t('validation.required') };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('service.form.title')}
      size={screens.md ? 560 : '100%'}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={create.isPending}
            onClick={() => form.submit()}
            data-testid="ticket-save"
          >
            {t('service.form.submit')}
          </Button>
        </Flex>
      }
      data-testid="ticket-form"
    >
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 16 }}
          data-testid="ticket-form-problem"
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark
        onValuesChange={(changed: Partial<Values>) => {
          // Another customer's contacts do not fit the new one.
          if ('customerId' in changed) form.setFieldValue('contactId', null);
        }}
      >
        <Form.Item name="customerId" label={t('service.form.customer')} rules={[required]}>
          <CustomerPicker
            known={defaultCustomer ?? null}
            disabled={Boolean(defaultCustomer)}
            placeholder={t('service.form.customerPlaceholder')}
            testId="ticket-customer"
          />
        </Form.Item>
        <Form.Item name="contactId" label={t('service.form.contact')}>
          <Select
            allowClear
            disabled={!customerId}
            loading={customer.isFetching}
            placeholder={customerId ? t('service.form.contactPlaceholder') : t('service.form.contactFirst')}
            options={contacts.map((c) => ({
              value: c.id,
              label: c.position ? `${c.name} · ${c.position}` : c.name,
            }))}
            data-testid="ticket-contact"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="channel"
            label={t('service.form.channel')}
            rules={[required]}
            style={{ flex: '1 1 240px' }}
          >
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              options={ticketChannels.map((c) => ({ value: c, label: labels.label('channels', c) }))}
              data-testid="ticket-channel"
            />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="kind"
            label={t('service.form.kind')}
            rules={[required]}
            style={{ flex: '1 1 200px' }}
          >
            <Radio.Group
              optionType="button"
              options={ticketKinds.map((c) => ({ value: c, label: labels.label('kinds', c) }))}
              data-testid="ticket-kind"
            />
          </Form.Item>
          {kind === 'complaint' ? (
            <Form.Item
              name="important"
              label={t('service.form.important')}
              valuePropName="checked"
              tooltip={t('service.form.importantHint')}
              style={{ flex: '0 0 auto' }}
            >
              <Switch data-testid="ticket-important" />
            </Form.Item>
          ) : null}
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="priority"
            label={t('service.form.priority')}
            rules={[required]}
            style={{ flex: '1 1 200px' }}
          >
            <Radio.Group
              optionType="button"
              options={ticketPriorities.map((c) => ({ value: c, label: labels.label('priorities', c) }))}
              data-testid="ticket-priority"
            />
          </Form.Item>
          <Form.Item name="categoryId" label={t('service.form.category')} style={{ flex: '1 1 180px' }}>
            <Select
              allowClear
              loading={categories.isFetching}
              placeholder={t('service.form.categoryPlaceholder')}
              options={(categories.data ?? [])
                .filter((c) => c.active)
                .map((c) => ({ value: c.id, label: c.name }))}
              data-testid="ticket-category"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="subject"
          label={t('service.form.subject')}
          rules={[{ ...required, whitespace: true }]}
        >
          <Input
            maxLength={200}
            placeholder={t('service.form.subjectPlaceholder')}
            data-testid="ticket-subject"
          />
        </Form.Item>
        <Form.Item name="description" label={t('service.form.description')}>
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={8000}
            placeholder={t('service.form.descriptionPlaceholder')}
            data-testid="ticket-description"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="receivedAt"
            label={t('service.form.receivedAt')}
            extra={t('service.form.receivedAtHint')}
            style={{ flex: '1 1 220px' }}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              data-testid="ticket-received-at"
            />
          </Form.Item>
          <Form.Item name="ownerId" label={t('service.form.owner')} style={{ flex: '1 1 200px' }}>
            <StaffSelect known={[{ id: me.id, name: me.name }]} testId="ticket-owner" />
          </Form.Item>
        </Flex>
      </Form>
    </Drawer>
  );
}
