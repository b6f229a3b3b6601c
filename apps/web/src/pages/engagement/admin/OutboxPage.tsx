import { RedoOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { outboxStatuses } from '@weixi/shared';
import { App, Button, Card, Empty, Flex, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { engagementKeys, type OutboxItem, outboxApi } from '../../../api/engagement';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { useEngagementLabels } from '../use-labels';

const statusColors: Record<string, string> = { pending: 'blue', sent: 'green', failed: 'red' };
const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/**
 * 邮件发送记录: every e-mail the system wrote, sent or not, with its attempts and the last error, so
 * an administrator can tell "the reminder went out" from "the mail server refused it" — and, once
 * the address or the server is fixed, send the failed ones again.
 */
export default function OutboxPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const labels = useEngagementLabels();
  const keyset = useKeyset(20);
  const [status, setStatus] = useState<string>('all');
  const filter = status === 'all' ? undefined : status;
  const list = useQuery({
    queryKey: engagementKeys.outbox(filter, keyset.limit, keyset.cursor),
    queryFn: () => outboxApi.list(filter, keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
  });
  // After a retry, or a refusal because the row changed meanwhile, every page and filter is stale.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: engagementKeys.outboxAll });
  const retry = useMutation({
    mutationFn: (item: OutboxItem) => outboxApi.retry(item.id),
    onSuccess: (item) => {
      message.success(t('engagement.outbox.retried', { recipient: item.recipient }));
      refresh();
    },
    onError: (err) => {
      message.error(errorText(t, err));
      refresh();
    },
  });
  const retryAll = useMutation({
    mutationFn: () => outboxApi.retryFailed(),
    onSuccess: ({ requeued }) => {
      if (requeued === 0) message.info(t('engagement.outbox.retriedNone'));
      else message.success(t('engagement.outbox.retriedAll', { count: requeued }));
      refresh();
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  const columns: ColumnsType<OutboxItem> = [
    {
      title: t('engagement.outbox.columns.createdAt'),
      key: 'createdAt',
      width: 170,
      render: (_, o) => time(o.createdAt),
    },
    { title: t('engagement.outbox.columns.recipient'), dataIndex: 'recipient', width: 220, ellipsis: true },
    {
      title: t('engagement.outbox.columns.subject'),
      dataIndex: 'subject',
      render: (s: string) => <span style={{ wordBreak: 'break-word' }}>{s}</span>,
    },
    {
      title: t('engagement.outbox.columns.status'),
      key: 'status',
      width: 110,
      render: (_, o) => (
        <Tag color={statusColors[o.status]} data-testid="outbox-status">
          {labels.label('outboxStatuses', o.status)}
        </Tag>
      ),
    },
    { title: t('engagement.outbox.columns.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
    {
      title: t('engagement.outbox.columns.when'),
      key: 'when',
      width: 190,
      render: (_, o) =>
        o.status === 'sent' ? (
          <span>{t('engagement.outbox.sentAt', { at: time(o.sentAt) })}</span>
        ) : o.status === 'pending' ? (
          <span>{t('engagement.outbox.nextAttempt', { at: time(o.nextAttemptAt) })}</span>
        ) : (
          <Typography.Text type="secondary">{t('engagement.outbox.gaveUp')}</Typography.Text>
        ),
    },
    {
      title: t('engagement.outbox.columns.lastError'),
      key: 'lastError',
      width: 260,
      render: (_, o) =>
        o.lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: o.lastError }} style={{ maxWidth: 240 }}>
            {o.lastError}
          </Typography.Text>
        ) : null,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, o) =>
        o.status === 'failed' ? (
          <Popconfirm title={t('engagement.outbox.retryConfirm')} onConfirm={() => retry.mutate(o)}>
            <Button
              size="small"
              icon={<RedoOutlined />}
              loading={retry.isPending && retry.variables?.id === o.id}
              data-testid={`outbox-retry-${o.id}`}
            >
              {t('engagement.outbox.retry')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('engagement.outbox.title')}</span>}
        subtitle={t('engagement.outbox.subtitle')}
        extra={
          <Space>
            <Popconfirm title={t('engagement.outbox.retryAllConfirm')} onConfirm={() => retryAll.mutate()}>
              <Button icon={<RedoOutlined />} loading={retryAll.isPending} data-testid="outbox-retry-all">
                {t('engagement.outbox.retryAll')}
              </Button>
            </Popconfirm>
            <Button onClick={() => void list.refetch()}>{t('common.refresh')}</Button>
          </Space>
        }
      />
      <Card variant="borderless">
        <Flex vertical gap={16}>
          <Segmented
            value={status}
            onChange={(v) => {
              setStatus(String(v));
              keyset.reset();
            }}
            options={[
              { value: 'all', label: t('engagement.outbox.all') },
              ...outboxStatuses.map((s) => ({ value: s, label: labels.label('outboxStatuses', s) })),
            ]}
            style={{ alignSelf: 'flex-start' }}
          />
          {list.isError && !list.data ? (
            <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <>
              <Table<OutboxItem>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={list.data?.items ?? []}
                loading={list.isFetching}
                pagination={false}
                scroll={{ x: 1100 }}
                locale={{
                  emptyText: (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('engagement.outbox.empty')} />
                  ),
                }}
                data-testid="outbox-table"
              />
              <KeysetPager
                keyset={keyset}
                total={list.data?.total}
                nextCursor={list.data?.nextCursor}
                loading={list.isFetching}
              />
            </>
          )}
        </Flex>
      </Card>
    </>
  );
}
