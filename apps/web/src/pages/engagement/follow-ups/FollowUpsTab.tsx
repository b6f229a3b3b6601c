import { EditOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type DueWindow, dueWindows, type WorkView } from '@weixi/shared';
import { Button, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  engagementKeys,
  type FollowUpFilters,
  type FollowUpItem,
  followUpsApi,
} from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { ErrorResult } from '../../../components/Results';
import { useBusinessToday } from '../dates';
import { engagementPermissions } from '../permissions';
import { useQuickLog } from '../quick-log/QuickLogProvider';
import { gradeColors, useDueText } from '../use-labels';
import { TeamSummary } from './TeamSummary';

const isDue = (s: string | null): s is DueWindow => (dueWindows as readonly (string | null)[]).includes(s);

/**
 * 回访: customers whose follow-up falls due, mine or my team's, by window. Managers see how the
 * team stands per person as a chart; a bar narrows the list to that person.
 */
export function FollowUpsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const quickLog = useQuickLog();
  const dueText = useDueText();
  const [params, setParams] = useSearchParams();
  const keyset = useKeyset(20);

  const views: WorkView[] = can.viewTeam ? ['mine', 'team', 'all'] : ['mine', 'all'];
  const viewParam = params.get('view');
  const view: WorkView = views.includes(viewParam as WorkView) ? (viewParam as WorkView) : 'mine';
  const dueParam = params.get('due');
  const due: DueWindow = isDue(dueParam) ? dueParam : 'week';
  const ownerId = params.get('ownerId') ?? undefined;
  const filters: FollowUpFilters = { view, due, ...(ownerId && view !== 'mine' ? { ownerId } : {}) };

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
    keyset.reset();
  };

  const list = useQuery({
    queryKey: engagementKeys.followUps(filters, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => followUpsApi.list(filters, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({
    queryKey: engagementKeys.followUpSummary(view),
    queryFn: () => followUpsApi.summary(view),
  });
  const today = useBusinessToday();
  const counts = summary.data;
  const ownerName = ownerId ? counts?.byOwner.find((o) => o.owner.id === ownerId)?.owner.name : undefined;

  const columns: ColumnsType<FollowUpItem> = [
    {
      title: t('engagement.followUps.columns.customer'),
      key: 'customer',
      render: (_, item) => (
        <Flex gap={6} align="center" wrap>
          <Link to={`/customers/${item.customer.id}`}>{item.customer.name}</Link>
          {item.customer.grade ? (
            <Tag color={gradeColors[item.customer.grade]} style={{ marginInlineEnd: 0 }}>
              {item.customer.grade}
            </Tag>
          ) : null}
          {item.customer.category === 'key' ? (
            <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
              {t('customerFields.category.key')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('engagement.followUps.columns.due'),
      key: 'due',
      width: 170,
      render: (_, item) => {
        const d = dueText(item, today);
        return (
          <Flex vertical>
            <Tag color={d.color} style={{ width: 'fit-content' }} data-testid="follow-up-due">
              {d.text}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`engagement.reasons.${item.reason}`)}
            </Typography.Text>
          </Flex>
        );
      },
    },
    {
      title: t('engagement.followUps.columns.last'),
      key: 'last',
      width: 170,
      responsive: ['md'],
      render: (_, item) => (
        <Flex vertical>
          <span>
            {item.lastFollowUpAt
              ? dayjs(item.lastFollowUpAt).format('YYYY-MM-DD')
              : t('engagement.followUps.never')}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('engagement.followUps.cadence', { days: item.followUpDays })}
          </Typography.Text>
        </Flex>
      ),
    },
    ...(view === 'mine'
      ? []
      : [
          {
            title: t('engagement.followUps.columns.owner'),
            key: 'owner',
            width: 110,
            render: (_: unknown, item: FollowUpItem) => item.owner?.name ?? t('engagement.followUps.noOwner'),
          },
        ]),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_, item) =>
        can.logInteraction ? (
          <Button
            size="small"
            type="primary"
            ghost
            icon={<EditOutlined />}
            onClick={() => quickLog.open({ customer: item.customer })}
            data-testid="follow-up-log"
          >
            {t('engagement.quickLog.buttonCustomer')}
          </Button>
        ) : null,
    },
  ];

  const windowLabel = (w: DueWindow) => {
    const n = counts && w !== 'all' ? counts[w] : undefined;
    return n === undefined ? t(`engagement.dueWindows.${w}`) : `${t(`engagement.dueWindows.${w}`)} (${n})`;
  };

  return (
    <Flex vertical gap={16} data-testid="follow-ups-tab">
      <Flex gap={12} wrap align="center">
        <Segmented
          value={view}
          onChange={(v) => set({ view: v === 'mine' ? null : v, ownerId: null })}
          options={views.map((v) => ({ value: v, label: t(`engagement.views.${v}`) }))}
          data-testid="follow-ups-view"
        />
        <Segmented
          value={due}
          onChange={(v) => set({ due: v === 'week' ? null : v })}
          options={dueWindows.map((w) => ({
            value: w,
            label: <span data-testid={`follow-ups-due-${w}`}>{windowLabel(w)}</span>,
          }))}
        />
        {ownerId ? (
          <Tag closable onClose={() => set({ ownerId: null })} color="blue">
            {t('engagement.followUps.ownerFilter', { name: ownerName ?? '…' })}
          </Tag>
        ) : null}
      </Flex>
      {view !== 'mine' && can.viewTeam && counts && counts.byOwner.length > 0 ? (
        <TeamSummary summary={counts} onOwner={(id) => set({ ownerId: id })} />
      ) : null}
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<FollowUpItem>
            rowKey={(i) => i.customer.id}
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 640 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t(`engagement.followUps.empty.${due}`)}
                />
              ),
            }}
            data-testid="follow-ups-table"
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
  );
}
