import { PlusOutlined, ReloadOutlined, StarFilled } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ticketChannels, ticketKinds, ticketPriorities, ticketStatuses } from '@weixi/shared';
import { Button, Card, Empty, Flex, Input, Segmented, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { serviceListsApi, type TicketListItem, ticketKeys, ticketsApi } from '../../api/service-tickets';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { StaffSelect } from '../customers/form/StaffSelect';
import { servicePermissions } from './permissions';
import {
  emptyFilters,
  filtersFromParams,
  hasFilters,
  paramsOf,
  type QueueFilters,
  segmentsFor,
  ticketQueryOf,
} from './queue-filters';
import { TicketFormDrawer } from './TicketFormDrawer';
import { kindColors, PriorityTag, QueueCountdown, StatusTag, useServiceLabels } from './ticket-ui';

/**
 * 客服工单: the queue, sorted by time to breach (soonest first). Views 我的 / 团队 / 即将超时 /
 * 已超时, filters in the address so a link or a reload keeps them, keyset pages from the server.
 */
export default function ServiceQueuePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = servicePermissions(me.role);
  const labels = useServiceLabels();
  const navigate = useNavigate();
  const keyset = useKeyset(50);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const filters = filtersFromParams(params, can.viewTeam);
  const query = ticketQueryOf(filters, can.viewTeam);
  // The search box types freely; the address (and the query) follow after a pause.
  const [term, setTerm] = useState(filters.q);
  useEffect(() => setTerm(filters.q), [filters.q]);

  const set = (patch: Partial<QueueFilters>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(paramsOf({ ...filters, ...patch }))) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
    keyset.reset();
  };

  const list = useQuery({
    queryKey: ticketKeys.list(query, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => ticketsApi.list(query, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
    // Breaches and new tickets arrive without anyone here doing anything.
    refetchInterval: 60_000,
  });
  const categories = useQuery({
    queryKey: ticketKeys.categories,
    queryFn: serviceListsApi.categories,
    staleTime: 5 * 60_000,
  });

  const columns: ColumnsType<TicketListItem> = [
    {
      title: t('service.queue.columns.number'),
      key: 'number',
      width: 70,
      render: (_, x) => (
        <Link to={`/service/tickets/${x.id}`} data-testid="ticket-number">
          #{x.number}
        </Link>
      ),
    },
    {
      title: t('service.queue.columns.subject'),
      key: 'subject',
      minWidth: 200,
      render: (_, x) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Link to={`/service/tickets/${x.id}`} style={{ wordBreak: 'break-word' }} data-testid="ticket-open">
            {x.important ? (
              <Tooltip title={t('service.important')}>
                <StarFilled style={{ color: '#f5222d', marginInlineEnd: 4 }} />
              </Tooltip>
            ) : null}
            {x.subject}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[
              labels.label('channels', x.channel),
              x.category?.name,
              dayjs(x.receivedAt).format('MM-DD HH:mm'),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('service.queue.columns.customer'),
      key: 'customer',
      width: 160,
      responsive: ['md'],
      render: (_, x) => <Link to={`/customers/${x.customer.id}`}>{x.customer.name}</Link>,
    },
    {
      title: t('service.queue.columns.priority'),
      key: 'priority',
      width: 80,
      render: (_, x) => <PriorityTag priority={x.priority} />,
    },
    {
      title: t('service.queue.columns.kind'),
      key: 'kind',
      width: 90,
      responsive: ['lg'],
      render: (_, x) => (
        <Tag color={kindColors[x.kind]} style={{ marginInlineEnd: 0 }}>
          {labels.label('kinds', x.kind)}
        </Tag>
      ),
    },
    {
      title: t('service.queue.columns.status'),
      key: 'status',
      width: 90,
      render: (_, x) => <StatusTag status={x.status} />,
    },
    {
      title: t('service.queue.columns.stage'),
      key: 'stage',
      width: 90,
      responsive: ['xl'],
      render: (_, x) => labels.label('stages', x.stage),
    },
    {
      title: t('service.queue.columns.owner'),
      key: 'owner',
      width: 90,
      responsive: ['lg'],
      render: (_, x) => x.owner?.name ?? '—',
    },
    {
      title: t('service.queue.columns.due'),
      key: 'due',
      width: 160,
      render: (_, x) => (
        <Flex vertical gap={2}>
          <QueueCountdown item={x} />
          {x.firstResponseBreached || x.resolutionBreached ? (
            <Flex gap={4} wrap>
              {x.firstResponseBreached ? (
                <Tag color="red" style={{ marginInlineEnd: 0, fontSize: 11 }}>
                  {t('service.queue.breachedFlag.firstResponse')}
                </Tag>
              ) : null}
              {x.resolutionBreached ? (
                <Tag color="red" style={{ marginInlineEnd: 0, fontSize: 11 }}>
                  {t('service.queue.breachedFlag.resolution')}
                </Tag>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      ),
    },
  ];

  const emptyText = hasFilters(filters)
    ? t('service.queue.empty.filtered')
    : t(`service.queue.empty.${filters.segment}`);

  return (
    <div data-testid="service-queue">
      <PageHeader
        title={<span data-testid="page-title">{t('nav.service')}</span>}
        subtitle={t('service.subtitle')}
        extra={
          can.handleTickets ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="ticket-new"
            >
              {t('service.queue.new')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <Flex vertical gap={16}>
          <Flex gap={12} wrap align="center" justify="space-between">
            <Segmented
              value={filters.segment}
              onChange={(v) => set({ segment: v })}
              options={segmentsFor(can.viewTeam).map((s) => ({
                value: s,
                label: <span data-testid={`ticket-view-${s}`}>{t(`service.segments.${s}`)}</span>,
              }))}
            />
            <Flex gap={8} align="center">
              <Input.Search
                value={term}
                onChange={(e) => setTerm(e.target.value)}
                onSearch={(v) => set({ q: v })}
                allowClear
                placeholder={t('service.queue.search')}
                style={{ width: 260 }}
                data-testid="ticket-search"
              />
              <Tooltip title={t('common.refresh')}>
                <Button
                  icon={<ReloadOutlined />}
                  onClick={() => void list.refetch()}
                  loading={list.isFetching}
                />
              </Tooltip>
            </Flex>
          </Flex>
          <Flex gap={8} wrap align="center">
            <Select
              mode="multiple"
              value={filters.statuses}
              onChange={(v) => set({ statuses: v })}
              placeholder={t('service.queue.statusPlaceholder')}
              style={{ minWidth: 160 }}
              maxTagCount="responsive"
              options={ticketStatuses.map((s) => ({ value: s, label: labels.label('statuses', s) }))}
              aria-label={t('service.queue.status')}
              data-testid="ticket-filter-status"
            />
            <Select
              value={filters.kind}
              onChange={(v) => set({ kind: v ?? null })}
              allowClear
              placeholder={t('service.queue.kind')}
              style={{ width: 120 }}
              options={ticketKinds.map((s) => ({ value: s, label: labels.label('kinds', s) }))}
              data-testid="ticket-filter-kind"
            />
            <Select
              value={filters.priority}
              onChange={(v) => set({ priority: v ?? null })}
              allowClear
              placeholder={t('service.queue.priority')}
              style={{ width: 110 }}
              options={ticketPriorities.map((s) => ({ value: s, label: labels.label('priorities', s) }))}
              data-testid="ticket-filter-priority"
            />
            <Select
              value={filters.channel}
              onChange={(v) => set({ channel: v ?? null })}
              allowClear
              placeholder={t('service.queue.channel')}
              style={{ width: 110 }}
              options={ticketChannels.map((s) => ({ value: s, label: labels.label('channels', s) }))}
              data-testid="ticket-filter-channel"
            />
            <Select
              value={filters.categoryId}
              onChange={(v) => set({ categoryId: v ?? null })}
              allowClear
              placeholder={t('service.queue.category')}
              style={{ width: 150 }}
              loading={categories.isFetching}
              options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="ticket-filter-category"
            />
            {can.viewTeam && filters.segment !== 'mine' ? (
              <div style={{ width: 160, display: 'grid' }}>
                <StaffSelect
                  value={filters.ownerId}
                  onChange={(v) => set({ ownerId: typeof v === 'string' ? v : null })}
                  known={[]}
                  allowClear
                  placeholder={t('service.queue.owner')}
                  testId="ticket-filter-owner"
                />
              </div>
            ) : null}
            {hasFilters(filters) ? (
              <Button
                type="link"
                onClick={() => set({ ...emptyFilters, segment: filters.segment })}
                data-testid="ticket-filter-clear"
              >
                {t('service.queue.clear')}
              </Button>
            ) : null}
          </Flex>
          {list.isError && !list.data ? (
            <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <>
              <Table<TicketListItem>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={list.data?.items ?? []}
                loading={list.isPending || (list.isFetching && list.isPlaceholderData)}
                pagination={false}
                scroll={{ x: 640 }}
                rowClassName={() => 'ticket-row'}
                onRow={(x) => ({ 'data-ticket-id': x.id }) as React.HTMLAttributes<HTMLElement>}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />,
                }}
                data-testid="ticket-table"
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
      <TicketFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(ticket) => navigate(`/service/tickets/${ticket.id}`)}
      />
    </div>
  );
}
