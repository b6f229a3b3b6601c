import { useQuery } from '@tanstack/react-query';
import { Empty, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AtRiskCustomer, ownershipApi, ownershipKeys } from '../../api/ownership';
import { ErrorResult } from '../../components/Results';

const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

/** My customers in their warning period: the list a recycle warning links to. */
export function AtRiskList() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ownershipKeys.atRisk, queryFn: ownershipApi.atRisk });
  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const today = dayjs().startOf('day');
  const due = (c: AtRiskCustomer) => {
    const days = dayjs(c.dueOn).diff(today, 'day');
    if (days < 0) return <Typography.Text type="danger">{t('ownership.atRisk.overdue')}</Typography.Text>;
    return (
      <Typography.Text type={days <= 3 ? 'danger' : 'warning'}>
        {c.dueOn} ·{' '}
        {days === 0 ? t('ownership.atRisk.today') : t('ownership.atRisk.daysLeft', { count: days })}
      </Typography.Text>
    );
  };
  return (
    <>
      <Typography.Paragraph type="secondary">{t('ownership.atRisk.intro')}</Typography.Paragraph>
      <Table<AtRiskCustomer>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: list.isPending ? (
            <span />
          ) : (
            <Empty description={t('ownership.atRisk.empty')} data-testid="at-risk-empty" />
          ),
        }}
        data-testid="at-risk-table"
        columns={[
          {
            key: 'name',
            title: t('ownership.pool.columns.name'),
            render: (_: unknown, c) => <Link to={`/customers/${c.id}`}>{c.name}</Link>,
          },
          {
            key: 'grade',
            title: t('ownership.pool.columns.grade'),
            render: (_: unknown, c) =>
              c.grade ? <Tag color={gradeColors[c.grade]}>{t(`customerFields.grade.${c.grade}`)}</Tag> : '—',
          },
          {
            key: 'last',
            title: t('ownership.atRisk.lastInteraction'),
            render: (_: unknown, c) => dayjs(c.lastInteractionAt).format('YYYY-MM-DD'),
          },
          { key: 'due', title: t('ownership.atRisk.dueOn'), render: (_: unknown, c) => due(c) },
        ]}
      />
    </>
  );
}
