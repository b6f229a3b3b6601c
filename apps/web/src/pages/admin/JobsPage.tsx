import { RedoOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { jobStates } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type JobFilters,
  type JobQueueInfo,
  type JobRun,
  type JobState,
  jobKeys,
  jobsApi,
} from '../../api/jobs';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';

const stateColors: Record<JobState, string> = {
  created: 'default',
  retry: 'warning',
  active: 'processing',
  completed: 'success',
  cancelled: 'default',
  failed: 'error',
};

/** A job's readable name from `jobs.names.<dotted name>`, or its code when this build has none. */
function jobLabel(t: TFunction, i18nExists: (key: string) => boolean, name: string): string {
  const key = `jobs.names.${name}`;
  // Job names come from the server; the typed resources cannot list them all.
  return i18nExists(key) ? (t as unknown as (k: string) => string)(key) : name;
}

const time = (at: string | null) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm:ss') : '—');

function duration(job: JobRun): string {
  if (!job.startedAt) return '—';
  const end = job.finishedAt ? dayjs(job.finishedAt) : dayjs();
  const ms = Math.max(0, end.diff(dayjs(job.startedAt)));
  return ms < 1000
    ? `${ms} ms`
    : ms < 60_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms / 60_000)} min`;
}

function QueuesCard({
  queues,
  onPick,
}: {
  queues: {
    data?: { items: JobQueueInfo[] } | undefined;
    isError: boolean;
    error: unknown;
    refetch: () => unknown;
  };
  onPick: (name: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (queues.isError && !queues.data)
    return <ErrorResult error={queues.error} onRetry={() => void queues.refetch()} />;
  return (
    <Table<JobQueueInfo>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={queues.data?.items ?? []}
      loading={!queues.data}
      data-testid="job-queues"
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.queuesEmpty')} />,
      }}
      columns={[
        {
          key: 'name',
          title: t('jobs.name'),
          render: (_: unknown, q) => (
            <Flex vertical>
              <Typography.Link onClick={() => onPick(q.name)}>
                {jobLabel(t, (k) => i18n.exists(k), q.name)}
              </Typography.Link>
              <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                {q.name}
              </Typography.Text>
            </Flex>
          ),
        },
        {
          key: 'schedule',
          title: t('jobs.schedule'),
          render: (_: unknown, q) =>
            q.schedule ? (
              <Typography.Text code>
                {t('jobs.scheduleValue', { cron: q.schedule.cron, tz: q.schedule.tz })}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('jobs.noSchedule')}</Typography.Text>
            ),
        },
        {
          key: 'counts',
          title: t('jobs.state'),
          render: (_: unknown, q) => (
            <Space size={4} wrap>
              <Tag>{`${t('jobs.counts.queued')} ${q.counts.queued}`}</Tag>
              <Tag
                color={q.counts.active ? 'processing' : undefined}
              >{`${t('jobs.counts.active')} ${q.counts.active}`}</Tag>
              <Tag
                color={q.counts.failed ? 'error' : undefined}
              >{`${t('jobs.counts.failed')} ${q.counts.failed}`}</Tag>
              <Tag color={q.counts.completed ? 'success' : undefined}>
                {`${t('jobs.counts.completed')} ${q.counts.completed}`}
              </Tag>
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Administrators: job types with their schedules, recent runs with progress and failures, retry. */
export default function JobsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const keyset = useKeyset(20);
  const [filters, setFiltersState] = useState<JobFilters>({});

  const setFilters = (patch: Partial<JobFilters>) => {
    setFiltersState((f) => {
      const next = { ...f, ...patch };
      if (!next.name) delete next.name;
      if (!next.state) delete next.state;
      return next;
    });
    keyset.reset();
  };

  const queues = useQuery({ queryKey: jobKeys.queues, queryFn: jobsApi.queues });
  const list = useQuery({
    queryKey: jobKeys.list(filters, keyset.limit, keyset.cursor),
    queryFn: () => jobsApi.list(filters, keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
    // While something runs, its progress bar moves.
    refetchInterval: (q) =>
      q.state.data?.items.some((j) => j.state === 'active' || j.state === 'created' || j.state === 'retry')
        ? 3000
        : false,
  });
  const retry = useMutation({
    mutationFn: (job: JobRun) => jobsApi.retry(job.id),
    onSuccess: (job) => {
      message.success(t('jobs.retried', { name: jobLabel(t, (k) => i18n.exists(k), job.name) }));
      void queryClient.invalidateQueries({ queryKey: jobKeys.all });
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  const label = (name: string) => jobLabel(t, (k) => i18n.exists(k), name);

  // Rebuilt each render: cheap for one page of rows, and always in the current language.
  const columns: TableProps<JobRun>['columns'] = [
    { key: 'createdAt', title: t('jobs.createdAt'), dataIndex: 'createdAt', width: 170, render: time },
    {
      key: 'name',
      title: t('jobs.name'),
      dataIndex: 'name',
      render: (name: string) => (
        <Tooltip title={name}>
          <span>{label(name)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'state',
      title: t('jobs.state'),
      dataIndex: 'state',
      render: (s: JobState) => (
        <Tag color={stateColors[s]} data-testid={`job-state-${s}`}>
          {t(`jobs.states.${s}`)}
        </Tag>
      ),
    },
    {
      key: 'progress',
      title: t('jobs.progress'),
      width: 160,
      render: (_: unknown, j) =>
        j.progress && j.progress.total > 0 ? (
          <Tooltip title={`${j.progress.done} / ${j.progress.total}`}>
            <Progress
              size="small"
              percent={Math.floor((j.progress.done / j.progress.total) * 100)}
              status={j.state === 'failed' ? 'exception' : j.state === 'active' ? 'active' : undefined}
            />
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'attempts',
      title: t('jobs.attempts'),
      render: (_: unknown, j) => t('jobs.attemptsValue', { attempts: j.attempts, max: j.maxAttempts }),
    },
    {
      key: 'startedBy',
      title: t('jobs.startedBy'),
      render: (_: unknown, j) =>
        j.startedBy?.name ?? <Typography.Text type="secondary">{t('jobs.system')}</Typography.Text>,
    },
    { key: 'duration', title: t('jobs.duration'), render: (_: unknown, j) => duration(j) },
    {
      key: 'error',
      title: t('jobs.error'),
      dataIndex: 'error',
      ellipsis: true,
      render: (e: string | null) =>
        e ? (
          <Tooltip title={e}>
            <Typography.Text type="danger">{e}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, j) =>
        j.state === 'failed' ? (
          <Popconfirm
            title={t('jobs.retryConfirm', { name: label(j.name) })}
            onConfirm={() => retry.mutate(j)}
          >
            <Button size="small" icon={<RedoOutlined />} data-testid={`job-retry-${j.id}`}>
              {t('jobs.retry')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('jobs.title')}</span>}
        subtitle={t('jobs.subtitle')}
      />
      <Flex vertical gap={16}>
        <Card variant="borderless" title={t('jobs.queues')}>
          <QueuesCard queues={queues} onPick={(name) => setFilters({ name })} />
        </Card>
        <Card variant="borderless" title={t('jobs.runs')}>
          <Flex gap={8} wrap style={{ marginBottom: 16 }}>
            <Select<string>
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('jobs.allNames')}
              value={filters.name}
              onChange={(name) => setFilters({ name })}
              options={(queues.data?.items ?? []).map((q) => ({ value: q.name, label: label(q.name) }))}
              style={{ width: 260 }}
              data-testid="jobs-filter-name"
            />
            <Select<JobState>
              allowClear
              placeholder={t('jobs.allStates')}
              value={filters.state}
              onChange={(state) => setFilters({ state })}
              options={jobStates.map((s) => ({ value: s, label: t(`jobs.states.${s}`) }))}
              style={{ width: 160 }}
              data-testid="jobs-filter-state"
            />
            <Button
              danger={filters.state === 'failed'}
              onClick={() => setFilters({ state: filters.state === 'failed' ? undefined : 'failed' })}
              data-testid="jobs-only-failed"
            >
              {t('jobs.onlyFailed')}
            </Button>
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                aria-label={t('common.refresh')}
                onClick={() => {
                  void list.refetch();
                  void queues.refetch();
                }}
                style={{ marginLeft: 'auto' }}
              />
            </Tooltip>
          </Flex>
          {list.isError && !list.data ? (
            <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
          ) : (
            <>
              <Table<JobRun>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={list.data?.items ?? []}
                loading={list.isFetching && !list.data}
                pagination={false}
                scroll={{ x: 'max-content' }}
                expandable={{
                  rowExpandable: (j) => j.result !== null || j.error !== null,
                  expandedRowRender: (j) => (
                    <Flex vertical gap={4}>
                      <Typography.Text type="secondary">
                        {`${t('jobs.startedAt')}：${time(j.startedAt)}　${t('jobs.finishedAt')}：${time(j.finishedAt)}`}
                      </Typography.Text>
                      {j.error ? <Typography.Text type="danger">{j.error}</Typography.Text> : null}
                      {j.result ? (
                        <pre className="weixi-json">{JSON.stringify(j.result, null, 2)}</pre>
                      ) : null}
                    </Flex>
                  ),
                }}
                locale={{
                  emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('jobs.empty')} />,
                }}
                data-testid="jobs-table"
              />
              <KeysetPager
                keyset={keyset}
                total={list.data?.total}
                nextCursor={list.data?.nextCursor}
                loading={list.isFetching}
              />
            </>
          )}
        </Card>
      </Flex>
    </>
  );
}
