import {
  BellOutlined,
  CalendarOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FieldTimeOutlined,
  PlusOutlined,
  SmileOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  List,
  Row,
  Skeleton,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  engagementKeys,
  type Task,
  tasksApi,
  type Visit,
  type Workbench,
  workbenchApi,
} from '../../api/engagement';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { engagementErrorText } from '../engagement/form-errors';
import { engagementPermissions } from '../engagement/permissions';
import { useQuickLog } from '../engagement/quick-log/QuickLogProvider';
import { gradeColors, useDueText, useEngagementLabels, visitStatusColors } from '../engagement/use-labels';
import { compareStops } from '../engagement/visit-days';

function StatCard({
  title,
  value,
  icon,
  color,
  to,
  testId,
}: {
  title: string;
  value: number;
  icon: ReactNode;
  color: string;
  to: string;
  testId: string;
}) {
  return (
    <Link to={to} data-testid={testId}>
      <Card variant="borderless" hoverable size="small">
        <Statistic
          title={title}
          value={value}
          prefix={<span style={{ color }}>{icon}</span>}
          styles={{ content: { color: value > 0 ? color : undefined } }}
        />
      </Card>
    </Link>
  );
}

function FollowUpsCard({ wb }: { wb: Workbench }) {
  const { t } = useTranslation();
  const quickLog = useQuickLog();
  const dueText = useDueText();
  const { followUps } = wb;
  return (
    <Card
      variant="borderless"
      title={
        <Flex gap={8} align="center">
          <ClockCircleOutlined />
          {t('engagement.workbench.followUps.title')}
        </Flex>
      }
      extra={<Link to="/engagement/follow-ups">{t('engagement.workbench.viewAll')}</Link>}
      data-testid="wb-follow-ups"
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Tag color={followUps.overdue > 0 ? 'red' : 'default'} data-testid="wb-follow-ups-overdue">
          {t('engagement.workbench.followUps.overdue', { count: followUps.overdue })}
        </Tag>
        <Tag color={followUps.today > 0 ? 'orange' : 'default'}>
          {t('engagement.workbench.followUps.today', { count: followUps.today })}
        </Tag>
        <Tag>{t('engagement.workbench.followUps.week', { count: followUps.week })}</Tag>
      </Flex>
      {followUps.items.length === 0 ? (
        <Empty
          image={<SmileOutlined style={{ fontSize: 40, color: '#52c41a' }} />}
          styles={{ image: { height: 48 } }}
          description={
            <Flex vertical gap={2}>
              <Typography.Text>{t('engagement.workbench.followUps.empty')}</Typography.Text>
              <Typography.Text type="secondary">
                {followUps.week > 0
                  ? t('engagement.workbench.followUps.emptyWeek', { count: followUps.week })
                  : t('engagement.workbench.followUps.emptyHint')}
              </Typography.Text>
            </Flex>
          }
          data-testid="wb-follow-ups-empty"
        />
      ) : (
        <List
          dataSource={followUps.items}
          renderItem={(item) => {
            const due = dueText(item, wb.today);
            return (
              <List.Item
                data-testid="wb-follow-up"
                actions={[
                  <Button
                    key="log"
                    size="small"
                    type="primary"
                    ghost
                    icon={<EditOutlined />}
                    onClick={() => quickLog.open({ customer: item.customer })}
                    data-testid="wb-follow-up-log"
                  >
                    {t('engagement.quickLog.buttonCustomer')}
                  </Button>,
                ]}
              >
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={6} align="center" wrap>
                    <Link to={`/customers/${item.customer.id}`} style={{ fontWeight: 500 }}>
                      {item.customer.name}
                    </Link>
                    {item.customer.grade ? (
                      <Tag color={gradeColors[item.customer.grade]} style={{ marginInlineEnd: 0 }}>
                        {item.customer.grade}
                      </Tag>
                    ) : null}
                    <Tag color={due.color} style={{ marginInlineEnd: 0 }}>
                      {due.text}
                    </Tag>
                    {item.reason === 'key_contact' ? (
                      <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                        {t('engagement.reasons.key_contact')}
                      </Tag>
                    ) : null}
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.lastFollowUpAt
                      ? t('engagement.followUps.lastFollowUp', {
                          date: dayjs(item.lastFollowUpAt).format('YYYY-MM-DD'),
                        })
                      : t('engagement.followUps.neverFollowedUp')}
                    {' · '}
                    {t('engagement.followUps.cadence', { days: item.followUpDays })}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

function VisitsCard({ visits }: { visits: Visit[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useEngagementLabels();
  const sorted = [...visits].sort(compareStops);
  return (
    <Card
      variant="borderless"
      title={
        <Flex gap={8} align="center">
          <EnvironmentOutlined />
          {t('engagement.workbench.visits.title')}
        </Flex>
      }
      extra={<Link to="/engagement/visits">{t('engagement.workbench.viewAll')}</Link>}
      data-testid="wb-visits"
    >
      {sorted.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('engagement.workbench.visits.empty')}
          data-testid="wb-visits-empty"
        >
          <Button icon={<PlusOutlined />} onClick={() => navigate('/engagement/visits?plan=1')}>
            {t('engagement.visits.plan')}
          </Button>
        </Empty>
      ) : (
        <List
          dataSource={sorted}
          renderItem={(v, i) => (
            <List.Item
              data-testid="wb-visit"
              actions={[
                v.status === 'planned' ? (
                  <Button
                    key="go"
                    size="small"
                    type="primary"
                    onClick={() => navigate(`/engagement/visits/${v.id}`)}
                    data-testid="wb-visit-check-in"
                  >
                    {t('engagement.visit.checkIn')}
                  </Button>
                ) : v.status === 'checked_in' ? (
                  <Button
                    key="go"
                    size="small"
                    type="primary"
                    onClick={() => navigate(`/engagement/visits/${v.id}`)}
                    data-testid="wb-visit-report"
                  >
                    {t('engagement.visit.writeReport')}
                  </Button>
                ) : (
                  <Button key="go" size="small" onClick={() => navigate(`/engagement/visits/${v.id}`)}>
                    {t('engagement.visit.open')}
                  </Button>
                ),
              ]}
            >
              <Flex gap={10} align="flex-start" style={{ minWidth: 0 }}>
                <Badge count={v.stopOrder ?? i + 1} color="#1668dc" />
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Flex gap={6} wrap align="center">
                    <Typography.Text strong>{v.customer.name}</Typography.Text>
                    <Tag color={visitStatusColors[v.status]} style={{ marginInlineEnd: 0 }}>
                      {labels.label('visitStatuses', v.status)}
                    </Tag>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.plannedTime ? `${v.plannedTime} · ` : ''}
                    {v.purpose}
                  </Typography.Text>
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function TasksCard({ wb }: { wb: Workbench }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: (task: Task) => tasksApi.complete(task),
    onSuccess: (task) => {
      message.success(t('engagement.tasks.completed', { title: task.title }));
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict')
        void queryClient.invalidateQueries({ queryKey: engagementKeys.workbench });
      message.error(engagementErrorText(t, err));
    },
  });
  const { tasks } = wb;
  return (
    <Card
      variant="borderless"
      title={
        <Flex gap={8} align="center">
          <FieldTimeOutlined />
          {t('engagement.workbench.tasks.title')}
        </Flex>
      }
      extra={<Link to="/engagement/tasks">{t('engagement.workbench.viewAll')}</Link>}
      data-testid="wb-tasks"
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Tag color={tasks.overdue > 0 ? 'red' : 'default'}>
          {t('engagement.workbench.tasks.overdue', { count: tasks.overdue })}
        </Tag>
        <Tag color={tasks.today > 0 ? 'orange' : 'default'}>
          {t('engagement.workbench.tasks.today', { count: tasks.today })}
        </Tag>
        <Tag>{t('engagement.workbench.tasks.week', { count: tasks.week })}</Tag>
      </Flex>
      {tasks.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('engagement.workbench.tasks.empty')}
          data-testid="wb-tasks-empty"
        />
      ) : (
        <List
          dataSource={tasks.items}
          renderItem={(task) => (
            <List.Item
              data-testid="wb-task"
              actions={[
                <Button
                  key="done"
                  size="small"
                  icon={<CheckOutlined />}
                  loading={complete.isPending && complete.variables?.id === task.id}
                  onClick={() => complete.mutate(task)}
                  data-testid="wb-task-complete"
                >
                  {t('engagement.tasks.complete')}
                </Button>,
              ]}
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link to={`/engagement/tasks/${task.id}`} style={{ wordBreak: 'break-word' }}>
                  {task.title}
                </Link>
                <Typography.Text type={task.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {task.overdue ? <WarningOutlined /> : null}{' '}
                  {t('engagement.tasks.dueLine', { date: task.dueOn })}
                  {task.customer ? ` · ${task.customer.name}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 工作台 (My day): what the signed-in person has to do today, with one-click logging. */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const navigate = useNavigate();
  const quickLog = useQuickLog();
  const wb = useQuery({ queryKey: engagementKeys.workbench, queryFn: workbenchApi.get });

  const header = (
    <PageHeader
      title={<span data-testid="page-title">{t('nav.workbench')}</span>}
      subtitle={
        wb.data
          ? t('engagement.workbench.greeting', {
              name: me.name,
              date: dayjs(wb.data.today).format(t('engagement.formats.longDate')),
            })
          : t('modules.workbench.greeting', { name: me.name })
      }
      extra={
        can.logInteraction ? (
          <>
            <Button type="primary" icon={<EditOutlined />} onClick={() => quickLog.open()}>
              {t('engagement.quickLog.buttonCustomer')}
            </Button>
            <Button icon={<CalendarOutlined />} onClick={() => navigate('/engagement/visits?plan=1')}>
              {t('engagement.visits.plan')}
            </Button>
          </>
        ) : null
      }
    />
  );

  if (wb.isError)
    return (
      <>
        {header}
        <ErrorResult error={wb.error} onRetry={() => void wb.refetch()} />
      </>
    );
  if (wb.isPending)
    return (
      <>
        {header}
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );
  const data = wb.data;
  return (
    <div data-testid="workbench">
      {header}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {can.logInteraction ? (
          <>
            <Col xs={12} md={6}>
              <StatCard
                title={t('engagement.workbench.stats.overdue')}
                value={data.followUps.overdue}
                icon={<WarningOutlined />}
                color="#cf1322"
                to="/engagement/follow-ups?due=overdue"
                testId="wb-stat-overdue"
              />
            </Col>
            <Col xs={12} md={6}>
              <StatCard
                title={t('engagement.workbench.stats.today')}
                value={data.followUps.today}
                icon={<ClockCircleOutlined />}
                color="#d46b08"
                to="/engagement/follow-ups?due=today"
                testId="wb-stat-today"
              />
            </Col>
          </>
        ) : null}
        <Col xs={12} md={6}>
          <StatCard
            title={t('engagement.workbench.stats.tasks')}
            value={data.tasks.overdue + data.tasks.today}
            icon={<FieldTimeOutlined />}
            color="#1668dc"
            to="/engagement/tasks"
            testId="wb-stat-tasks"
          />
        </Col>
        <Col xs={12} md={6}>
          <StatCard
            title={t('engagement.workbench.stats.unread')}
            value={data.notifications.unread}
            icon={<BellOutlined />}
            color="#1668dc"
            to="/notifications"
            testId="wb-stat-unread"
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        {can.logInteraction ? (
          <Col xs={24} xl={14}>
            <FollowUpsCard wb={data} />
          </Col>
        ) : null}
        <Col xs={24} xl={can.logInteraction ? 10 : 24}>
          <Flex vertical gap={16}>
            {can.planVisit ? <VisitsCard visits={data.visits} /> : null}
            <TasksCard wb={data} />
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
