import { SettingOutlined, SwapOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { customerCategories, customerGrades, customerSources, valueTiers } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Table,
  type TableProps,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type HTMLAttributes, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { ownershipApi, ownershipKeys, type PoolCustomer, type PoolFilters } from '../../api/ownership';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { SearchBox } from '../customers/list/controls';
import { useQueryKeyset } from '../customers/list/hooks';
import { AtRiskList } from './AtRiskList';
import { HeldGauge } from './HeldGauge';
import { KeyCustomersWidget } from './KeyCustomersWidget';
import { activePoolFilters, claimProblem, type PoolTab, parsePoolState, toPoolParams } from './pool-state';
import { transferRoles } from './TransferDialog';

const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };
const categoryColors: Record<string, string> = { key: 'gold', normal: 'blue', potential: 'cyan' };

export default function PoolPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { tab, filters } = useMemo(() => parsePoolState(params), [params]);
  const setState = (nextTab: PoolTab, next: PoolFilters, replace = false) =>
    setParams(toPoolParams(nextTab, next), { replace });
  const keyset = useQueryKeyset(JSON.stringify(filters), 'weixi.pool.pageSize');
  const [selected, setSelected] = useState<string[]>([]);
  const canOpen = me.role === 'admin' || me.role === 'executive';
  // Roles with a limit of 0 (administrators, service agents by default) look but do not claim.
  const standing = useQuery({ queryKey: ownershipKeys.me, queryFn: ownershipApi.me });
  const canClaim = (standing.data?.limit ?? 0) > 0;

  const pool = useQuery({
    queryKey: ownershipKeys.pool(filters, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => ownershipApi.pool(filters, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
    enabled: tab === 'pool',
  });
  const rows = pool.data?.items ?? [];

  const refreshAfterClaim = () => {
    void queryClient.invalidateQueries({ queryKey: ownershipKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
  };
  const claim = useMutation({
    mutationFn: (ids: string[]) => ownershipApi.claim(ids),
    onSuccess: (r) => {
      setSelected([]);
      refreshAfterClaim();
      const only = r.claimed.length === 1 ? r.claimed[0] : undefined;
      message.success({
        content: (
          <span data-testid="pool-claimed">
            {t('ownership.pool.claimed', { count: r.claimed.length, held: r.held, limit: r.limit })}{' '}
            {/* Messages render outside the router: navigate from here rather than with a <Link>. */}
            {only ? (
              <Button type="link" size="small" onClick={() => navigate(`/customers/${only.id}`)}>
                {t('ownership.pool.openClaimed')}
              </Button>
            ) : null}
          </span>
        ),
      });
    },
    onError: (err, ids) => {
      if (!isApiError(err)) return message.error(errorText(t, err));
      const problem = claimProblem(err);
      const row = (i: number | null) => (i === null ? undefined : rows.find((c) => c.id === ids[i]));
      switch (problem.kind) {
        case 'taken': {
          const c = row(problem.index);
          message.warning(
            ids.length === 1 && c
              ? t('ownership.pool.errors.taken', { name: c.name })
              : t('ownership.pool.errors.takenMany'),
            6,
          );
          refreshAfterClaim();
          return;
        }
        case 'limit':
          // The gauge refreshes with the numbers the server counted.
          void queryClient.invalidateQueries({ queryKey: ownershipKeys.me });
          void ownershipApi
            .me()
            .then((m) =>
              message.error(t('ownership.pool.errors.limit', { held: m.held, limit: m.limit }), 6),
            );
          return;
        case 'cooldown': {
          const c = row(problem.index);
          message.error(
            t('ownership.pool.errors.cooldown', { name: c?.name ?? '', date: c?.pool.cooldownEndsOn ?? '' }),
            6,
          );
          return;
        }
        case 'gone':
          message.warning(t('ownership.pool.errors.gone'), 6);
          refreshAfterClaim();
          return;
        default:
          message.error(errorText(t, err));
      }
    },
  });

  const enumSelect = (key: 'grade' | 'category' | 'valueTier' | 'source', values: readonly string[]) => (
    <Select<string[]>
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t(`ownership.pool.filters.${key}`)}
      value={filters[key]?.split(',') ?? []}
      onChange={(v) => setState('pool', { ...filters, [key]: v.length ? v.join(',') : undefined })}
      options={values.map((v) => ({
        value: v,
        label: t(`customerFields.${key}.${v}` as 'customerFields.grade.A'),
      }))}
      style={{ minWidth: 140 }}
      data-testid={`pool-filter-${key}`}
    />
  );

  const origin = (c: PoolCustomer) => {
    const p = c.pool;
    if (!p.how || !p.since)
      return <Typography.Text type="secondary">{t('ownership.pool.origin.new')}</Typography.Text>;
    return (
      <Typography.Text type="secondary">
        {t(`ownership.pool.origin.${p.how}`, {
          name: p.lastOwner?.name ?? t('ownership.pool.origin.someone'),
          date: dayjs(p.since).format('YYYY-MM-DD'),
        })}
      </Typography.Text>
    );
  };

  const columns: NonNullable<TableProps<PoolCustomer>['columns']> = [
    {
      key: 'name',
      title: t('ownership.pool.columns.name'),
      fixed: 'left',
      width: 260,
      render: (_: unknown, c) => (
        <Flex vertical gap={2}>
          {canOpen ? (
            <Link to={`/customers/${c.id}`}>{c.name}</Link>
          ) : (
            <Typography.Text strong>{c.name}</Typography.Text>
          )}
          {c.shortName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.shortName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'grade',
      title: t('ownership.pool.columns.grade'),
      render: (_: unknown, c) =>
        c.grade ? <Tag color={gradeColors[c.grade]}>{t(`customerFields.grade.${c.grade}`)}</Tag> : '—',
    },
    {
      key: 'category',
      title: t('ownership.pool.columns.category'),
      render: (_: unknown, c) => (
        <Tag color={categoryColors[c.category]}>{t(`customerFields.category.${c.category}`)}</Tag>
      ),
    },
    {
      key: 'region',
      title: t('ownership.pool.columns.region'),
      render: (_: unknown, c) => c.regionName || '—',
    },
    {
      key: 'industry',
      title: t('ownership.pool.columns.industry'),
      render: (_: unknown, c) => c.industry || '—',
    },
    { key: 'phone', title: t('ownership.pool.columns.phone'), render: (_: unknown, c) => c.phone || '—' },
    { key: 'origin', title: t('ownership.pool.columns.origin'), render: (_: unknown, c) => origin(c) },
    {
      key: 'actions',
      hidden: !canClaim,
      title: t('ownership.pool.columns.actions'),
      fixed: 'right',
      render: (_: unknown, c) =>
        c.pool.cooldownEndsOn ? (
          <Tooltip title={t('ownership.pool.cooldownTip', { date: c.pool.cooldownEndsOn })}>
            <Tag data-testid={`pool-cooldown-${c.id}`}>
              {t('ownership.pool.cooldownUntil', { date: c.pool.cooldownEndsOn })}
            </Tag>
          </Tooltip>
        ) : (
          <Button
            type="primary"
            size="small"
            loading={claim.isPending && claim.variables?.length === 1 && claim.variables[0] === c.id}
            disabled={claim.isPending}
            onClick={() => claim.mutate([c.id])}
            data-testid={`pool-claim-${c.id}`}
          >
            {t('ownership.pool.claim')}
          </Button>
        ),
    },
  ];

  const filterCount = activePoolFilters(filters);
  const empty =
    !filters.q && filterCount === 0 ? (
      <Empty
        description={
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('ownership.pool.empty.noneTitle')}</Typography.Text>
            <Typography.Text type="secondary">{t('ownership.pool.empty.noneBody')}</Typography.Text>
          </Flex>
        }
        data-testid="pool-empty"
      />
    ) : (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('ownership.pool.empty.noMatchTitle')}</Typography.Text>
            <Typography.Text type="secondary">{t('ownership.pool.empty.noMatchBody')}</Typography.Text>
          </Flex>
        }
        data-testid="pool-empty-nomatch"
      >
        <Button onClick={() => setState('pool', {})}>{t('ownership.pool.filters.clear')}</Button>
      </Empty>
    );

  const total = pool.data?.total;
  const poolTab = (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <div style={{ flex: '1 1 260px', maxWidth: 420 }}>
          <SearchBox
            value={filters.q}
            onChange={(q) =>
              setState(
                'pool',
                { ...filters, q, sort: q ? filters.sort : undefined },
                Boolean(filters.q) && Boolean(q),
              )
            }
            loading={pool.isFetching && Boolean(filters.q)}
          />
        </div>
        {enumSelect('grade', customerGrades)}
        {enumSelect('category', customerCategories)}
        {enumSelect('valueTier', valueTiers)}
        {enumSelect('source', customerSources)}
        <Select<NonNullable<PoolFilters['sort']>>
          value={filters.sort ?? (filters.q ? 'relevance' : '-updatedAt')}
          onChange={(sort) => setState('pool', { ...filters, sort })}
          options={(filters.q
            ? (['relevance', '-updatedAt', 'name', '-createdAt'] as const)
            : (['-updatedAt', 'name', '-createdAt'] as const)
          ).map((s) => ({ value: s, label: t(`ownership.pool.sorts.${s}`) }))}
          style={{ minWidth: 130 }}
          aria-label="sort"
        />
        <Button
          type="primary"
          hidden={!canClaim}
          disabled={selected.length === 0 || claim.isPending}
          loading={claim.isPending && (claim.variables?.length ?? 0) > 1}
          onClick={() => claim.mutate(selected)}
          style={{ marginLeft: 'auto' }}
          data-testid="pool-claim-selected"
        >
          {t('ownership.pool.claimSelected', { count: selected.length })}
        </Button>
      </Flex>
      {total !== undefined ? (
        <Typography.Text strong style={{ display: 'block', marginBottom: 8 }} data-testid="pool-total">
          {t(pool.data?.totalCapped ? 'ownership.pool.totalCapped' : 'ownership.pool.total', {
            count: total,
          })}
        </Typography.Text>
      ) : null}
      {pool.isError && !pool.data ? (
        <ErrorResult error={pool.error} onRetry={() => void pool.refetch()} />
      ) : (
        <>
          <Table<PoolCustomer>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={pool.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            rowSelection={
              canClaim
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys.map(String)),
                    getCheckboxProps: (c) => ({ disabled: Boolean(c.pool.cooldownEndsOn) }),
                  }
                : undefined
            }
            onRow={(c) => ({ 'data-testid': `pool-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
            locale={{ emptyText: pool.isPending ? <span /> : empty }}
            style={{ opacity: pool.isPlaceholderData ? 0.65 : 1 }}
            data-testid="pool-table"
          />
          <KeysetPager
            keyset={keyset}
            total={undefined}
            nextCursor={pool.data?.nextCursor}
            loading={pool.isFetching}
          />
        </>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('ownership.pool.title')}</span>}
        subtitle={t('ownership.pool.subtitle')}
        extra={
          <>
            {transferRoles.includes(me.role) ? (
              <Button
                icon={<SwapOutlined />}
                onClick={() => navigate('/grading/transfers')}
                data-testid="pool-to-transfers"
              >
                {t('ownership.pool.toTransfers')}
              </Button>
            ) : null}
            {me.role === 'admin' ? (
              <Button icon={<SettingOutlined />} onClick={() => navigate('/admin/pool-settings')}>
                {t('ownership.pool.toSettings')}
              </Button>
            ) : null}
          </>
        }
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={me.role === 'executive' ? 16 : 24}>
          <HeldGauge onAtRisk={() => setState('at-risk', filters)} />
        </Col>
        {me.role === 'executive' ? (
          <Col xs={24} xl={8}>
            <KeyCustomersWidget />
          </Col>
        ) : null}
      </Row>
      <Card variant="borderless">
        <Tabs
          activeKey={tab}
          onChange={(key) => setState(key === 'at-risk' ? 'at-risk' : 'pool', filters)}
          items={[
            {
              key: 'pool',
              label: <span data-testid="pool-tab">{t('ownership.pool.tabs.pool')}</span>,
              children: poolTab,
            },
            {
              key: 'at-risk',
              label: <span data-testid="at-risk-tab">{t('ownership.pool.tabs.atRisk')}</span>,
              children: <AtRiskList />,
            },
          ]}
        />
      </Card>
    </>
  );
}
