import { MergeCellsOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { customerRecordsApi, type DuplicateCustomer, recordKeys } from '../../api/customer-records';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, ForbiddenResult } from '../../components/Results';
import { customerPermissions } from './detail/permissions';
import { useCustomerLabels } from './detail/use-labels';
import { MergeModal } from './merge/MergeModal';

/** Whole-archive duplicate check (全库查重) for managers: groups by reason, each with a merge action. */
export default function DuplicatesPage() {
  const me = useCurrentUser();
  if (!customerPermissions(me.role).merge) return <ForbiddenResult />;
  return <DuplicateScan />;
}

function DuplicateScan() {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const keyset = useKeyset(20);
  const [merging, setMerging] = useState<{ id: string; candidates: { id: string; name: string }[] } | null>(
    null,
  );
  const scan = useQuery({
    queryKey: recordKeys.duplicateScan(keyset.limit, keyset.cursor),
    queryFn: () => customerRecordsApi.scanDuplicates(keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
  });

  const mergeable = (c: DuplicateCustomer) => c.visible && c.status !== 'merged';

  const header = (
    <PageHeader
      title={<span data-testid="page-title">{t('customerDetail.scan.title')}</span>}
      subtitle={t('customerDetail.scan.subtitle')}
      extra={
        <Tooltip title={t('common.refresh')}>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            onClick={() => void scan.refetch()}
            loading={scan.isFetching}
          />
        </Tooltip>
      }
    />
  );

  if (scan.isError && !scan.data)
    return (
      <>
        {header}
        <ErrorResult error={scan.error} onRetry={() => void scan.refetch()} />
      </>
    );

  const groups = scan.data?.groups ?? [];
  return (
    <div data-testid="duplicates-page">
      {header}
      {scan.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : groups.length === 0 ? (
        <Card variant="borderless">
          <Empty description={t('customerDetail.scan.empty')} data-testid="duplicates-empty" />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          {groups.map((g) => {
            const others = (id: string) =>
              g.customers.filter((c) => c.id !== id && mergeable(c)).map((c) => ({ id: c.id, name: c.name }));
            return (
              <Card
                key={`${g.reason}:${g.key}`}
                size="small"
                data-testid="duplicate-group"
                title={
                  <Flex gap={8} align="center" wrap>
                    <Tag color="orange">{t(`customerFields.duplicateReason.${g.reason}`)}</Tag>
                    <Typography.Text style={{ fontWeight: 'normal' }} ellipsis>
                      {t('customerDetail.scan.key', { key: g.key })}
                    </Typography.Text>
                  </Flex>
                }
                extra={
                  <Typography.Text type="secondary">
                    {t('customerDetail.scan.count', { count: g.customers.length })}
                  </Typography.Text>
                }
              >
                <Table<DuplicateCustomer>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={g.customers}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    {
                      key: 'name',
                      title: t('customerDetail.scan.name'),
                      render: (_, c) =>
                        c.visible ? (
                          <Link to={`/customers/${c.id}`}>{c.name}</Link>
                        ) : (
                          <Tooltip title={t('customerDetail.scan.hidden')}>
                            <Typography.Text type="secondary">{c.name}</Typography.Text>
                          </Tooltip>
                        ),
                    },
                    {
                      key: 'creditCode',
                      title: labels.customer('creditCode'),
                      render: (_, c) => c.creditCode ?? '—',
                    },
                    { key: 'phone', title: labels.customer('phone'), render: (_, c) => c.phone || '—' },
                    {
                      key: 'owner',
                      title: t('customerDetail.scan.owner'),
                      render: (_, c) => c.owner?.name ?? t('customerDetail.noOwner'),
                    },
                    {
                      key: 'status',
                      title: t('customerDetail.scan.status'),
                      render: (_, c) => (
                        <Tag color={c.status === 'active' ? 'green' : 'default'}>
                          {labels.enumValue('status', c.status)}
                        </Tag>
                      ),
                    },
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      render: (_, c) =>
                        mergeable(c) && others(c.id).length > 0 ? (
                          <Tooltip title={t('customerDetail.scan.mergeHint')}>
                            <Button
                              size="small"
                              icon={<MergeCellsOutlined />}
                              onClick={() => setMerging({ id: c.id, candidates: others(c.id) })}
                              data-testid="duplicate-merge"
                            >
                              {t('customerDetail.scan.merge')}
                            </Button>
                          </Tooltip>
                        ) : null,
                    },
                  ]}
                />
              </Card>
            );
          })}
        </Flex>
      )}
      <KeysetPager
        keyset={keyset}
        total={undefined}
        nextCursor={scan.data?.nextCursor}
        loading={scan.isFetching}
      />
      {merging ? (
        <MergeModal
          open
          mergedId={merging.id}
          candidates={merging.candidates}
          onClose={() => setMerging(null)}
        />
      ) : null}
    </div>
  );
}
