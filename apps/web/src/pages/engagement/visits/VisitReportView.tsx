import { CheckCircleOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { Card, Descriptions, Flex, List, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { engagementKeys, tasksApi, type Visit } from '../../../api/engagement';
import { taskStatusColors, useEngagementLabels } from '../use-labels';

type Report = NonNullable<Visit['report']>;

/** A submitted visit report, read-only, with the tasks its commitments became. */
export function VisitReportView({ report }: { report: Report }) {
  const { t } = useTranslation();
  const labels = useEngagementLabels();
  const tasks = useQueries({
    queries: report.taskIds.map((id) => ({
      queryKey: engagementKeys.task(id),
      queryFn: () => tasksApi.get(id),
    })),
  });
  const para = (s: string) =>
    s ? (
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{s}</Typography.Paragraph>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <CheckCircleOutlined style={{ color: '#52c41a' }} />
          {t('engagement.report.title')}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {dayjs(report.reportedAt).format('YYYY-MM-DD HH:mm')}
        </Typography.Text>
      }
      data-testid="report-view"
    >
      <Flex vertical gap={16}>
        {report.receivedBy.length > 0 ? (
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.name}-${r.position}-${r.contactId ?? ''}`}
            dataSource={report.receivedBy}
            columns={[
              { title: t('engagement.report.name'), dataIndex: 'name' },
              { title: t('engagement.report.position'), dataIndex: 'position' },
              {
                title: t('engagement.report.decisionAuthority'),
                key: 'decision',
                render: (_, r) =>
                  r.decisionAuthority ? <Tag color="gold">{t('customerDetail.yes')}</Tag> : null,
              },
            ]}
          />
        ) : null}
        <Descriptions
          size="small"
          column={1}
          layout="vertical"
          items={[
            { key: 'summary', label: t('engagement.report.summary'), children: para(report.summary) },
            { key: 'needs', label: t('engagement.report.needs'), children: para(report.needs) },
            { key: 'problems', label: t('engagement.report.problems'), children: para(report.problems) },
            {
              key: 'objections',
              label: t('engagement.report.objections'),
              children: para(report.objections),
            },
            { key: 'prospects', label: t('engagement.report.prospects'), children: para(report.prospects) },
            {
              key: 'competitor',
              label: t('engagement.report.competitorInfo'),
              children: para(report.competitorInfo),
            },
            {
              key: 'credit',
              label: t('engagement.report.creditChange'),
              children: (
                <Flex vertical gap={4}>
                  <Tag
                    color={
                      report.creditChange === 'worsened'
                        ? 'red'
                        : report.creditChange === 'improved'
                          ? 'green'
                          : 'default'
                    }
                    style={{ width: 'fit-content' }}
                  >
                    {labels.label('creditChanges', report.creditChange)}
                  </Tag>
                  {report.creditChangeCause ? para(report.creditChangeCause) : null}
                </Flex>
              ),
            },
          ]}
        />
        <div>
          <Typography.Title level={5}>{t('engagement.report.commitments')}</Typography.Title>
          {report.taskIds.length === 0 ? (
            <Typography.Text type="secondary">{t('engagement.report.noCommitments')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={report.taskIds.map((id, i) => ({ id, q: tasks[i] }))}
              renderItem={({ id, q }) => (
                <List.Item data-testid="report-task">
                  {q?.data ? (
                    <Flex gap={8} wrap align="center">
                      <Link to={`/engagement/tasks/${id}`}>{q.data.title}</Link>
                      <Tag color={taskStatusColors[q.data.status]}>
                        {labels.label('taskStatuses', q.data.status)}
                      </Tag>
                      <Typography.Text
                        type={q.data.overdue ? 'danger' : 'secondary'}
                        style={{ fontSize: 12 }}
                      >
                        {t('engagement.tasks.dueLine', { date: q.data.dueOn })} · {q.data.owner.name}
                      </Typography.Text>
                    </Flex>
                  ) : (
                    <Link to={`/engagement/tasks/${id}`}>{t('engagement.report.taskLink')}</Link>
                  )}
                </List.Item>
              )}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}
