import { InboxOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Form, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Customer, customerKeys, customersApi } from '../../api/customers';
import { KeysetPager } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { StaffSelect } from '../customers/form/StaffSelect';
import { useQueryKeyset } from '../customers/list/hooks';
import { TransferButton } from './TransferDialog';

const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

/**
 * Customer handover (客户交接): pick the previous owner, tick their customers (across pages), and
 * transfer them to a new owner in one go — what a manager does when someone changes teams or leaves.
 */
export default function TransfersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const fromId = params.get('from') ?? undefined;
  const [selected, setSelected] = useState<Map<string, string>>(new Map());
  const listParams = useMemo(() => ({ filters: { ownerId: fromId }, sort: 'name' as const }), [fromId]);
  const keyset = useQueryKeyset(`transfers:${fromId ?? ''}`, 'weixi.transfers.pageSize');

  const list = useQuery({
    queryKey: customerKeys.list(listParams, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => customersApi.list(listParams, keyset.limit, keyset.cursor, signal),
    enabled: Boolean(fromId),
    placeholderData: keepPreviousData,
  });
  const rows = fromId ? (list.data?.items ?? []) : [];
  const chosen = [...selected].map(([id, name]) => ({ id, name }));

  const pickOwner = (id: string | null) => {
    setSelected(new Map());
    setParams(id ? { from: id } : {}, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('ownership.transfersPage.title')}</span>}
        subtitle={t('ownership.transfersPage.subtitle')}
        extra={
          <Button icon={<InboxOutlined />} onClick={() => navigate('/grading/pool')}>
            {t('ownership.transfersPage.toPool')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Flex gap={16} wrap align="flex-end" style={{ marginBottom: 16 }}>
          <Form.Item label={t('ownership.transfersPage.from')} style={{ marginBottom: 0, minWidth: 280 }}>
            <StaffSelect
              value={fromId ?? null}
              onChange={(v) => pickOwner(typeof v === 'string' ? v : null)}
              known={[]}
              allowClear
              placeholder={t('ownership.transfersPage.fromPlaceholder')}
              testId="transfers-from"
            />
          </Form.Item>
          <Button
            disabled={rows.length === 0}
            onClick={() => setSelected((m) => new Map([...m, ...rows.map((c) => [c.id, c.name] as const)]))}
            data-testid="transfers-select-page"
          >
            {t('ownership.transfersPage.selectAllPage')}
          </Button>
          <TransferButton customers={chosen} onDone={() => setSelected(new Map())} testId="transfers-open" />
        </Flex>
        {!fromId ? (
          <Empty description={t('ownership.transfersPage.pickFirst')} data-testid="transfers-pick-first" />
        ) : list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Customer>
              rowKey="id"
              size="middle"
              loading={list.isPending}
              dataSource={rows}
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowSelection={{
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                onChange: (_keys, picked) => {
                  // Keys on other pages stay chosen; this page's ticks replace this page's part.
                  setSelected((m) => {
                    const next = new Map([...m].filter(([id]) => !rows.some((r) => r.id === id)));
                    for (const c of picked) if (c) next.set(c.id, c.name);
                    return next;
                  });
                },
              }}
              locale={{
                emptyText: list.isPending ? (
                  <span />
                ) : (
                  <Empty description={t('ownership.transfersPage.empty')} />
                ),
              }}
              data-testid="transfers-table"
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
                    c.grade ? (
                      <Tag color={gradeColors[c.grade]}>{t(`customerFields.grade.${c.grade}`)}</Tag>
                    ) : (
                      '—'
                    ),
                },
                {
                  key: 'region',
                  title: t('ownership.pool.columns.region'),
                  render: (_: unknown, c) => c.regionName || '—',
                },
                {
                  key: 'updated',
                  title: t('customerFields.customer.updatedAt'),
                  render: (_: unknown, c) => (
                    <Typography.Text type="secondary">
                      {dayjs(c.updatedAt).format('YYYY-MM-DD')}
                    </Typography.Text>
                  ),
                },
              ]}
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
    </>
  );
}
