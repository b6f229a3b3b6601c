import { CheckOutlined, PlusOutlined, RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DueWindow, dueWindows, type WorkView } from '@weixi/shared';
import { App, Button, Empty, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { engagementKeys, type Task, type TaskFilters, tasksApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { ErrorResult } from '../../../components/Results';
import { engagementErrorText } from '../form-errors';
import { engagementPermissions } from '../permissions';
import { taskStatusColors, useEngagementLabels } from '../use-labels';
import { TaskDrawer, TaskSource } from './TaskDrawer';

const statusChoices = ['open', 'done', 'cancelled', 'all'] as const;
type StatusChoice = (typeof statusChoices)[number];

/**
 * 任务: my tasks or my team's, open by default, by due window; commitments from visit reports land
 * here. /engagement/tasks/<id> (a reminder's link) opens that task.
 */
export function TasksTab({ openTaskId }: { openTaskId: string | null }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const labels = useEngagementLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyset = useKeyset(20);
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [openedId, setOpenedId] = useState<string | null>(null);

  const views: WorkView[] = can.viewTeam ? ['mine', 'team', 'all'] : ['mine', 'all'];
  const viewParam = params.get('view') as WorkView | null;
  const view: WorkView = viewParam && views.includes(viewParam) ? viewParam : 'mine';
  const statusParam = params.get('status') as StatusChoice | null;
  const status: StatusChoice = statusParam && statusChoices.includes(statusParam) ? statusParam : 'open';
  const dueParam = params.get('due') as DueWindow | null;
  const due: DueWindow = status === 'open' && dueParam && dueWindows.includes(dueParam) ? dueParam : 'all';
  const filters: TaskFilters = {
    view,
    status: status === 'all' ? 'open,done,cancelled' : status,
    ...(due !== 'all' ? { due } : {}),
  };

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
    queryKey: engagementKeys.tasks(filters, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => tasksApi.list(filters, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
  });
  // A reminder's link names one task: it opens over the list, whatever the filters show. The
  // drawer reads the task from its own query, so a completion or reopening shows at once.
  const focusId = openTaskId ?? openedId;
  const focused = useQuery({
    queryKey: engagementKeys.task(focusId ?? ''),
    queryFn: () => tasksApi.get(focusId!),
    enabled: focusId !== null,
    initialData: () => list.data?.items.find((x) => x.id === focusId),
  });
  const drawerTask = focusId ? (focused.data ?? null) : null;

  const onDone = (saved: Task, text: string) => {
    queryClient.setQueryData(engagementKeys.task(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
    message.success(text);
  };
  const onError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') void list.refetch();
    message.error(engagementErrorText(t, err));
  };
  const complete = useMutation({
    mutationFn: (task: Task) => tasksApi.complete(task),
    onSuccess: (saved) => onDone(saved, t('engagement.tasks.completed', { title: saved.title })),
    onError,
  });
  const reopen = useMutation({
    mutationFn: (task: Task) => tasksApi.reopen(task),
    onSuccess: (saved) => onDone(saved, t('engagement.tasks.reopened', { title: saved.title })),
    onError,
  });

  const columns: ColumnsType<Task> = [
    {
      title: t('engagement.tasks.columns.title'),
      key: 'title',
      render: (_, task) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Link
            onClick={() => setOpenedId(task.id)}
            data-testid="task-open"
            style={{ wordBreak: 'break-word' }}
          >
            {task.title}
          </Typography.Link>
          {task.description ? (
            <Typography.Text
              type="secondary"
              ellipsis={{ tooltip: task.description }}
              style={{ fontSize: 12 }}
            >
              {task.description}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('engagement.tasks.columns.customer'),
      key: 'customer',
      width: 200,
      responsive: ['md'],
      render: (_, task) =>
        task.customer ? <Link to={`/customers/${task.customer.id}`}>{task.customer.name}</Link> : '—',
    },
    ...(view === 'mine'
      ? []
      : [
          {
            title: t('engagement.tasks.columns.owner'),
            key: 'owner',
            width: 100,
            render: (_: unknown, task: Task) => task.owner.name,
          },
        ]),
    {
      title: t('engagement.tasks.columns.dueOn'),
      key: 'dueOn',
      width: 130,
      render: (_, task) => (
        <Flex vertical>
          <Typography.Text type={task.overdue ? 'danger' : undefined}>{task.dueOn}</Typography.Text>
          {task.overdue ? (
            <Tag color="red" style={{ width: 'fit-content' }}>
              {t('engagement.tasks.overdue')}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('engagement.tasks.columns.source'),
      key: 'source',
      width: 110,
      responsive: ['lg'],
      render: (_, task) => <TaskSource task={task} />,
    },
    {
      title: t('engagement.tasks.columns.status'),
      key: 'status',
      width: 100,
      render: (_, task) => (
        <Tag color={taskStatusColors[task.status]}>{labels.label('taskStatuses', task.status)}</Tag>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, task) =>
        task.status === 'open' ? (
          <Button
            size="small"
            icon={<CheckOutlined />}
            loading={complete.isPending && complete.variables?.id === task.id}
            onClick={() => complete.mutate(task)}
            data-testid="task-row-complete"
          >
            {t('engagement.tasks.complete')}
          </Button>
        ) : (
          <Button
            size="small"
            icon={<RollbackOutlined />}
            loading={reopen.isPending && reopen.variables?.id === task.id}
            onClick={() => reopen.mutate(task)}
          >
            {t('engagement.tasks.reopen')}
          </Button>
        ),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="tasks-tab">
      <Flex gap={12} wrap align="center" justify="space-between">
        <Flex gap={12} wrap align="center">
          <Segmented
            value={view}
            onChange={(v) => set({ view: v === 'mine' ? null : v })}
            options={views.map((v) => ({ value: v, label: t(`engagement.views.${v}`) }))}
          />
          <Select
            value={status}
            onChange={(v: StatusChoice) => set({ status: v === 'open' ? null : v, due: null })}
            style={{ width: 120 }}
            options={statusChoices.map((s) => ({
              value: s,
              label: s === 'all' ? t('engagement.tasks.allStatuses') : t(`engagement.taskStatuses.${s}`),
            }))}
            data-testid="tasks-status"
          />
          {status === 'open' ? (
            <Segmented
              value={due}
              onChange={(v) => set({ due: v === 'all' ? null : v })}
              options={dueWindows.map((w) => ({ value: w, label: t(`engagement.taskWindows.${w}`) }))}
            />
          ) : null}
        </Flex>
        {can.manageTasks ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="task-new"
          >
            {t('engagement.tasks.new')}
          </Button>
        ) : null}
      </Flex>
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<Task>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 560 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    status === 'open' ? t('engagement.tasks.emptyOpen') : t('engagement.tasks.empty')
                  }
                />
              ),
            }}
            data-testid="tasks-table"
          />
          <KeysetPager
            keyset={keyset}
            total={list.data?.total}
            nextCursor={list.data?.nextCursor}
            loading={list.isFetching}
          />
        </>
      )}
      {/* One drawer for new and existing tasks: a closed second one would still render its form. */}
      <TaskDrawer
        open={creating || drawerTask !== null}
        task={creating ? null : drawerTask}
        onClose={() => {
          setCreating(false);
          setOpenedId(null);
          if (openTaskId) navigate('/engagement/tasks');
        }}
      />
      {focusId && focused.isError ? (
        <ErrorResult error={focused.error} onRetry={() => void focused.refetch()} />
      ) : null}
    </Flex>
  );
}
