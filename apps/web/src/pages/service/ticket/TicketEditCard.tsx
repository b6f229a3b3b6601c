import { useMutation, useQuery } from '@tanstack/react-query';
import { type TicketPriority, ticketPriorities } from '@weixi/shared';
import { App, Button, Card, Form, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import {
  serviceListsApi,
  type Ticket,
  ticketKeys,
  ticketsApi,
  type UpdateTicketBody,
} from '../../../api/service-tickets';
import { useCurrentUser } from '../../../auth/current-user';
import { StaffSelect } from '../../customers/form/StaffSelect';
import { placeServerErrors } from '../form-errors';
import { servicePermissions } from '../permissions';
import { useServiceLabels } from '../ticket-ui';
import { useTicketWrite } from './use-ticket-write';

interface Values {
  priority: TicketPriority;
  categoryId: string | null;
  ownerId: string | null;
  important: boolean;
}

const fields = ['priority', 'categoryId', 'ownerId', 'important'];

/**
 * Priority, category, owner and (for complaints) 重要 of the ticket, saved against the version the
 * user saw: when someone else saved first, the user is told and the current ticket is loaded.
 */
export function TicketEditCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = servicePermissions(me.role);
  const labels = useServiceLabels();
  const { message } = App.useApp();
  const write = useTicketWrite(ticket.id);
  const [form] = Form.useForm<Values>();
  const categories = useQuery({
    queryKey: ticketKeys.categories,
    queryFn: serviceListsApi.categories,
    staleTime: 5 * 60_000,
  });

  // The form follows the ticket as reloaded (after a save, a conflict or another tab's change).
  useEffect(() => {
    form.setFieldsValue({
      priority: ticket.priority,
      categoryId: ticket.category?.id ?? null,
      ownerId: ticket.owner?.id ?? null,
      important: ticket.important,
    });
  }, [ticket, form]);

  const save = useMutation({
    mutationFn: (body: UpdateTicketBody) => ticketsApi.update(ticket.id, ticket.version, body),
    onSuccess: (saved) => write.applied(saved, t('service.edit.saved')),
    onError: (err) => {
      if (write.failed(err, { quiet: true })) return;
      if (isApiError(err) && placeServerErrors(t, form, err, fields)) return;
      write.failed(err);
    },
  });

  const submit = (v: Values) => {
    const body: UpdateTicketBody = {};
    if (v.priority !== ticket.priority) body.priority = v.priority;
    if ((v.categoryId ?? null) !== (ticket.category?.id ?? null)) body.categoryId = v.categoryId ?? null;
    if (v.ownerId && v.ownerId !== ticket.owner?.id) body.ownerId = v.ownerId;
    if (ticket.kind === 'complaint' && v.important !== ticket.important) body.important = v.important;
    if (Object.keys(body).length === 0) {
      message.info(t('service.edit.unchanged'));
      return;
    }
    save.mutate(body);
  };

  const closed = ticket.status === 'closed';
  const known = ticket.owner ? [ticket.owner, { id: me.id, name: me.name }] : [{ id: me.id, name: me.name }];
  const categoryOptions = (categories.data ?? [])
    .filter((c) => c.active || c.id === ticket.category?.id)
    .map((c) => ({ value: c.id, label: c.name }));
  if (ticket.category && !categoryOptions.some((o) => o.value === ticket.category?.id))
    categoryOptions.unshift({ value: ticket.category.id, label: ticket.category.name });

  return (
    <Card
      size="small"
      title={t('service.edit.title')}
      extra={
        closed ? null : (
          <Button
            size="small"
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="ticket-edit-save"
          >
            {t('common.save')}
          </Button>
        )
      }
      data-testid="ticket-edit"
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={closed} size="small">
        <Form.Item name="priority" label={t('service.form.priority')}>
          <Select
            options={ticketPriorities.map((p) => ({ value: p, label: labels.label('priorities', p) }))}
            data-testid="ticket-edit-priority"
          />
        </Form.Item>
        <Form.Item name="categoryId" label={t('service.form.category')}>
          <Select
            allowClear
            loading={categories.isFetching}
            placeholder={t('service.form.categoryPlaceholder')}
            options={categoryOptions}
            data-testid="ticket-edit-category"
          />
        </Form.Item>
        <Form.Item name="ownerId" label={t('service.form.owner')}>
          <StaffSelect known={known} disabled={closed || !can.assign} testId="ticket-edit-owner" />
        </Form.Item>
        {ticket.kind === 'complaint' ? (
          <Form.Item
            name="important"
            label={t('service.form.important')}
            valuePropName="checked"
            tooltip={t('service.form.importantHint')}
          >
            <Switch data-testid="ticket-edit-important" />
          </Form.Item>
        ) : null}
      </Form>
    </Card>
  );
}
