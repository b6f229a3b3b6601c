import { CustomerServiceOutlined, LockOutlined, MailOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { type TicketEvent, ticketKeys, ticketsApi } from '../../../api/service-tickets';
import { ErrorResult } from '../../../components/Results';
import type { ServiceResources } from '../../../i18n/modules/service.zh-CN';
import { useServiceLabels } from '../ticket-ui';

type KindKey = keyof ServiceResources['history']['kinds'];

const fieldLabels: Record<
  string,
  'subject' | 'description' | 'category' | 'priority' | 'important' | 'owner' | 'contact'
> = {
  subject: 'subject',
  description: 'description',
  categoryId: 'category',
  priority: 'priority',
  important: 'important',
  ownerId: 'owner',
  contactId: 'contact',
};

/** A line for an event's data where it says what changed (status, stage, owner, fields), in words. */
function useChangeLine() {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  return (e: TicketEvent): string => {
    const d = e.data ?? {};
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const from = str(d.from);
    const to = str(d.to);
    if (e.kind === 'stage')
      return `${labels.label('stages', from) || '—'} → ${labels.label('stages', to) || '—'}`;
    if (e.kind === 'assigned') return str(d.toName) ? `→ ${str(d.toName)}` : '';
    if (e.kind === 'updated' && Array.isArray(d.fields))
      return d.fields
        .map((f) => {
          const key = typeof f === 'string' ? fieldLabels[f] : undefined;
          return key ? t(`service.form.${key}`) : String(f);
        })
        .join(t('service.listSeparator'));
    if (from || to)
      return `${labels.label('statuses', from) || '—'} → ${labels.label('statuses', to) || '—'}`;
    return '';
  };
}

/**
 * 处理记录: the ticket's history oldest first. Internal notes sit on a yellow card with a lock, what
 * the customer was told on a blue one with the customer-service icon; changes are single lines.
 */
export function TicketHistory({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const changeLine = useChangeLine();
  const events = useQuery({
    queryKey: ticketKeys.events(ticketId),
    queryFn: ({ signal }) => ticketsApi.events(ticketId, signal),
  });
  const kinds = t('service.history.kinds', { returnObjects: true }) as Record<KindKey, string>;
  const kindText = (k: string) => (Object.hasOwn(kinds, k) ? kinds[k as KindKey] : k);

  if (events.isPending)
    return (
      <Flex justify="center" style={{ padding: 24 }}>
        <Spin />
      </Flex>
    );
  if (events.isError) return <ErrorResult error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.history.empty')} />;

  const item = (e: TicketEvent) => {
    const who = e.actor?.name ?? t('service.history.system');
    const when = dayjs(e.at).format('YYYY-MM-DD HH:mm');
    const message = e.kind === 'note' || e.kind === 'reply';
    if (message) {
      const toCustomer = e.visibility === 'customer';
      const emailedTo = typeof e.data?.emailedTo === 'string' ? e.data.emailedTo : null;
      return {
        key: e.id,
        color: toCustomer ? 'blue' : 'gold',
        icon: toCustomer ? <CustomerServiceOutlined /> : <LockOutlined />,
        content: (
          <Card
            size="small"
            style={{
              background: toCustomer ? '#e6f4ff' : '#fffbe6',
              borderColor: toCustomer ? '#91caff' : '#ffe58f',
            }}
            data-testid="ticket-event"
            data-kind={e.kind}
            data-visibility={e.visibility}
          >
            <Flex gap={8} wrap align="center" style={{ marginBottom: 4 }}>
              <Tag color={toCustomer ? 'blue' : 'gold'} style={{ marginInlineEnd: 0 }}>
                {toCustomer ? t('service.history.customer') : t('service.history.internal')}
              </Tag>
              {emailedTo ? (
                <Tag
                  icon={<MailOutlined />}
                  style={{ marginInlineEnd: 0 }}
                  data-testid="ticket-event-emailed"
                >
                  {t('service.history.emailedTo', { to: emailedTo })}
                </Tag>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {who} · {when}
              </Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {e.body}
            </Typography.Paragraph>
          </Card>
        ),
      };
    }
    const line = changeLine(e);
    return {
      key: e.id,
      color: 'gray',
      icon: e.actor ? undefined : <SettingOutlined />,
      content: (
        <Flex vertical gap={2} data-testid="ticket-event" data-kind={e.kind} data-visibility={e.visibility}>
          <Typography.Text>
            <Typography.Text strong>{who}</Typography.Text> {kindText(e.kind)}
            {line ? (
              <Typography.Text type="secondary">{t('service.history.change', { line })}</Typography.Text>
            ) : null}
          </Typography.Text>
          {e.body ? (
            <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
              {e.body}
            </Typography.Text>
          ) : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {when}
          </Typography.Text>
        </Flex>
      ),
    };
  };

  return <Timeline items={events.data.map(item)} data-testid="ticket-history" />;
}
