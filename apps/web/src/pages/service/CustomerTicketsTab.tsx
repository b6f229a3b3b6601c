import { PlusOutlined, StarFilled } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ticketStatuses } from '@weixi/shared';
import { Button, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type TicketListItem, type TicketQuery, ticketKeys, ticketsApi } from '../../api/service-tickets';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { ErrorResult } from '../../components/Results';
import { servicePermissions } from './permissions';
import { TicketFormDrawer } from './TicketFormDrawer';
import { PriorityTag, QueueCountdown, StatusTag, useServiceLabels } from './ticket-ui';

/** 工单 on the customer page: every ticket of the customer, open or not, newest first. */
export function CustomerTicketsTab({
  customerId,
  customerName,
  canCreate,
}: {
  customerId: string;
  customerName: string;
  canCreate: boolean;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = servicePermissions(me.role);
  const labels = useServiceLabels();
  const keyset = useKeyset(20);
  const [creating, setCreating] = useState(false);
  // The drawer resets when its customer changes; a new object every render would reset it while typing.
  const known = useMemo(() => ({ id: customerId, name: customerName }), [customerId, customerName]);
  const query: TicketQuery = { view: 'all', customerId, status: ticketStatuses.join(','), sort: '-received' };
  const list = useQuery({
    queryKey: ticketKeys.list(query, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => ticketsApi.list(query, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<TicketListItem> = [
    {
      title: t('service.queue.columns.number'),
      key: 'number',
      width: 90,
      render: (_, x) => <Link to={`/service/tickets/${x.id}`}>#{x.number}</Link>,
    },
    {
      title: t('service.queue.columns.subject'),
      key: 'subject',
      render: (_, x) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Link
            to={`/service/tickets/${x.id}`}
            style={{ wordBreak: 'break-word' }}
            data-testid="customer-ticket-open"
          >
            {x.important ? <StarFilled style={{ color: '#f5222d', marginInlineEnd: 4 }} /> : null}
            {x.subject}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              labels.label('kinds', x.kind),
              labels.label('channels', x.channel),
              dayjs(x.receivedAt).format('YYYY-MM-DD HH:mm'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('service.queue.columns.priority'),
      key: 'priority',
      width: 80,
      render: (_, x) => <PriorityTag priority={x.priority} />,
    },
    {
      title: t('service.queue.columns.status'),
      key: 'status',
      width: 90,
      render: (_, x) => <StatusTag status={x.status} />,
    },
    {
      title: t('service.queue.columns.owner'),
      key: 'owner',
      width: 100,
      responsive: ['lg'],
      render: (_, x) => x.owner?.name ?? '—',
    },
    {
      title: t('service.queue.columns.due'),
      key: 'due',
      width: 150,
      render: (_, x) => <QueueCountdown item={x} />,
    },
  ];

  return (
    <Flex vertical gap={12} data-testid="customer-tickets">
      {canCreate && can.handleTickets ? (
        <Flex justify="flex-end">
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-ticket-new">
            {t('service.customerTab.new')}
          </Button>
        </Flex>
      ) : null}
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<TicketListItem>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 520 }}
            locale={{
              emptyText: (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.customerTab.empty')} />
              ),
            }}
            data-testid="customer-ticket-table"
          />
          <KeysetPager
            keyset={keyset}
            total={list.data?.total}
            nextCursor={list.data?.nextCursor}
            loading={list.isFetching}
          />
        </>
      )}
      <TicketFormDrawer open={creating} onClose={() => setCreating(false)} defaultCustomer={known} />
    </Flex>
  );
}
