import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { NotFoundResult } from '../../components/Results';
import { FollowUpsTab } from './follow-ups/FollowUpsTab';
import { InteractionsTab } from './interactions/InteractionsTab';
import { engagementPermissions } from './permissions';
import { useQuickLog } from './quick-log/QuickLogProvider';
import { TasksTab } from './tasks/TasksTab';
import { VisitsTab } from './visits/VisitsTab';

const tabKeys = ['follow-ups', 'visits', 'tasks', 'interactions'] as const;
type TabKey = (typeof tabKeys)[number];
const isTab = (s: string | undefined): s is TabKey =>
  (tabKeys as readonly (string | undefined)[]).includes(s);

/** 跟进与拜访: 回访, 拜访, 任务 and 沟通记录 as tabs; the tab is the path's last part. */
export default function EngagementPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const navigate = useNavigate();
  const quickLog = useQuickLog();
  const params = useParams();
  const tab = params.taskId ? 'tasks' : params.tab;
  if (!isTab(tab)) return <NotFoundResult />;

  // Finance and reception keep task lists only: they do not serve customers directly.
  const visible: TabKey[] = can.logInteraction ? [...tabKeys] : ['tasks'];
  const active: TabKey = visible.includes(tab) ? tab : 'tasks';
  const children: Record<TabKey, React.ReactNode> = {
    'follow-ups': <FollowUpsTab />,
    visits: <VisitsTab />,
    tasks: <TasksTab openTaskId={params.taskId ?? null} />,
    interactions: <InteractionsTab />,
  };
  const labels: Record<TabKey, string> = {
    'follow-ups': t('engagement.tabs.followUps'),
    visits: t('engagement.tabs.visits'),
    tasks: t('engagement.tabs.tasks'),
    interactions: t('engagement.tabs.interactions'),
  };

  return (
    <div data-testid="engagement-page">
      <PageHeader
        title={<span data-testid="page-title">{t('nav.engagement')}</span>}
        subtitle={t('engagement.subtitle')}
        extra={
          can.logInteraction ? (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => quickLog.open()}
              data-testid="engagement-quick-log"
            >
              {t('engagement.quickLog.buttonCustomer')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(`/engagement/${key}`)}
          items={visible.map((key) => ({
            key,
            label: <span data-testid={`engagement-tab-${key}`}>{labels[key]}</span>,
            children: children[key],
          }))}
          destroyOnHidden
        />
      </Card>
    </div>
  );
}
