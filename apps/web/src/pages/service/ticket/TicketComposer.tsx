import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Input, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engagementKeys, preferencesApi } from '../../../api/engagement';
import { serviceListsApi, type Ticket, ticketKeys, ticketsApi } from '../../../api/service-tickets';
import { serviceErrorText } from '../form-errors';
import { useTicketWrite } from './use-ticket-write';

type Mode = 'note' | 'reply';

/**
 * The composer under the history: 内部备注 for colleagues, 回复客户 for what the customer is told
 * (optionally e-mailed). A standard reply is rendered for this ticket by the server and inserted
 * into the text, where the agent finishes it before sending.
 */
export function TicketComposer({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const write = useTicketWrite(ticket.id);
  const [mode, setMode] = useState<Mode>('note');
  const [texts, setTexts] = useState<Record<Mode, string>>({ note: '', reply: '' });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [sendEmail, setSendEmail] = useState(false);
  const categoryId = ticket.category?.id ?? null;
  // A server without SMTP_URL refuses e-mailed replies: do not offer what cannot be sent.
  const prefs = useQuery({
    queryKey: engagementKeys.preferences,
    queryFn: preferencesApi.get,
    staleTime: 300_000,
  });
  const emailAvailable = prefs.data?.emailAvailable === true;

  const templates = useQuery({
    queryKey: ticketKeys.templates(categoryId),
    queryFn: () => serviceListsApi.templates(categoryId),
    staleTime: 60_000,
  });
  // Templates of another category are not offered; null-category ones fit every ticket.
  const usable = (templates.data ?? []).filter(
    (x) => x.active && (x.category === null || x.category.id === categoryId),
  );

  const render = useMutation({
    mutationFn: (id: string) => serviceListsApi.renderTemplate(id, ticket.id),
    onSuccess: (r, id) => {
      setTemplateId(id);
      setMissing(r.missing);
      setTexts((x) => ({ ...x, [mode]: x[mode].trim() ? `${x[mode].trimEnd()}\n${r.text}` : r.text }));
    },
    onError: (err) => message.error(serviceErrorText(t, err)),
  });

  const send = useMutation({
    mutationFn: () =>
      ticketsApi.addEvent(ticket.id, {
        kind: mode,
        body: texts[mode].trim(),
        ...(templateId ? { templateId } : {}),
        ...(mode === 'reply' && sendEmail && emailAvailable ? { sendEmail: true } : {}),
      }),
    onSuccess: () => {
      setTexts((x) => ({ ...x, [mode]: '' }));
      setTemplateId(null);
      setMissing([]);
      write.refresh();
      message.success(
        mode === 'note'
          ? t('service.composer.noted')
          : sendEmail
            ? t('service.composer.emailed')
            : t('service.composer.replied'),
      );
    },
    onError: (err) => message.error(serviceErrorText(t, err)),
  });

  if (ticket.status === 'closed')
    return <Typography.Text type="secondary">{t('service.composer.closedHint')}</Typography.Text>;

  const editor = (m: Mode) => (
    <Flex vertical gap={8}>
      <Input.TextArea
        value={texts[m]}
        onChange={(e) => setTexts((x) => ({ ...x, [m]: e.target.value }))}
        autoSize={{ minRows: 3, maxRows: 12 }}
        maxLength={8000}
        placeholder={
          m === 'note' ? t('service.composer.notePlaceholder') : t('service.composer.replyPlaceholder')
        }
        style={m === 'note' ? { background: '#fffbe6' } : undefined}
        data-testid={`ticket-composer-${m}`}
      />
      {missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('service.composer.missing', { names: missing.join(t('service.listSeparator')) })}
          data-testid={`ticket-template-missing-${m}`}
        />
      ) : null}
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <Select
            value={null}
            onChange={(id: string | null) => {
              if (id) render.mutate(id);
            }}
            placeholder={t('service.composer.templatePlaceholder')}
            loading={templates.isFetching || render.isPending}
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={t('service.composer.noTemplates')}
            options={usable.map((x) => ({ value: x.id, label: x.title }))}
            aria-label={t('service.composer.template')}
            data-testid={`ticket-template-${m}`}
          />
          {m === 'reply' && emailAvailable ? (
            <Checkbox
              checked={sendEmail}
              onChange={(e) => setSendEmail(e.target.checked)}
              data-testid="ticket-send-email"
            >
              {t('service.composer.sendEmail')}
            </Checkbox>
          ) : null}
        </Flex>
        <Button
          type="primary"
          icon={m === 'note' ? <LockOutlined /> : <SendOutlined />}
          disabled={texts[m].trim() === ''}
          loading={send.isPending}
          onClick={() => send.mutate()}
          data-testid={`ticket-send-${m}`}
        >
          {m === 'note' ? t('service.composer.addNote') : t('service.composer.sendReply')}
        </Button>
      </Flex>
    </Flex>
  );

  return (
    <Tabs
      activeKey={mode}
      onChange={(k) => {
        setMode(k as Mode);
        setMissing([]);
      }}
      size="small"
      items={[
        {
          key: 'note',
          label: <span data-testid="ticket-tab-note">{t('service.composer.note')}</span>,
          children: editor('note'),
        },
        {
          key: 'reply',
          label: <span data-testid="ticket-tab-reply">{t('service.composer.reply')}</span>,
          children: editor('reply'),
        },
      ]}
      data-testid="ticket-composer"
    />
  );
}
