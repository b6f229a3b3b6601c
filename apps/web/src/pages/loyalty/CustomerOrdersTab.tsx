import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Order, orderKeys, ordersApi } from '../../api/orders';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { ErrorResult } from '../../components/Results';
import { formatFen, formatQuantity } from './money';
import { OrderDrawer } from './OrderDrawer';
import { loyaltyPermissions } from './permissions';

/** The 订单 tab of a customer's page: its orders, the figures grading reads, and a new-order button. */
export function CustomerOrdersTab({
  customerId,
  customerName,
  canWrite,
}: {
  customerId: string;
  customerName: string;
  /** False for merged customers: their orders moved to the survivor. */
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = loyaltyPermissions(me.role);
  const keyset = useKeyset(10);
  const [editing, setEditing] = useState<Order | null | undefined>(undefined);
  const orders = useQuery({
    queryKey: orderKeys.customer(customerId, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => ordersApi.ofCustomer(customerId, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
    enabled: can.readOrders,
  });
  if (!can.readOrders) return null;
  if (orders.isError) return <ErrorResult error={orders.error} onRetry={() => void orders.refetch()} />;
  const totals = orders.data?.totals;
  const writable = canWrite && can.writeOrders;

  return (
    <Flex vertical gap={16} data-testid="customer-orders">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('loyalty.customerTab.count')}
              value={totals?.count ?? 0}
              loading={!totals}
              data-testid="customer-orders-count"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('loyalty.customerTab.sum')}
              value={totals ? formatFen(totals.amountFen) : ''}
              loading={!totals}
              data-testid="customer-orders-sum"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('loyalty.customerTab.last')}
              value={totals?.lastOrderedOn ?? t('loyalty.customerTab.none')}
              loading={!totals}
              data-testid="customer-orders-last"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('loyalty.customerTab.last12')}
              value={totals ? formatFen(totals.last12Months.amountFen) : ''}
              loading={!totals}
              data-testid="customer-orders-12m"
            />
            {totals ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('loyalty.customerTab.last12Count', { count: totals.last12Months.count })}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
      </Row>
      {writable ? (
        <Flex justify="flex-end">
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing(null)}
            data-testid="customer-order-new"
          >
            {t('loyalty.orders.new')}
          </Button>
        </Flex>
      ) : null}
      <Table<Order>
        rowKey="id"
        size="small"
        loading={orders.isFetching}
        pagination={false}
        dataSource={orders.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('loyalty.customerTab.empty')} /> }}
        scroll={{ x: 640 }}
        onRow={(o) => (writable ? { onClick: () => setEditing(o), style: { cursor: 'pointer' } } : {})}
        columns={[
          { title: t('loyalty.orders.columns.orderedOn'), dataIndex: 'orderedOn', width: 110 },
          {
            title: t('loyalty.orders.columns.product'),
            key: 'product',
            render: (_, o) => `${o.product.name}（${o.product.code}）`,
          },
          {
            title: t('loyalty.orders.columns.quantity'),
            key: 'quantity',
            align: 'right',
            width: 100,
            render: (_, o) => `${formatQuantity(o.quantity)} ${o.product.unit}`,
          },
          {
            title: t('loyalty.orders.columns.amount'),
            key: 'amount',
            align: 'right',
            width: 130,
            render: (_, o) => formatFen(o.amountFen),
          },
          {
            title: t('loyalty.orders.columns.channel'),
            dataIndex: 'channel',
            width: 90,
            render: (c: Order['channel']) => <Tag bordered={false}>{t(`loyalty.channels.${c}`)}</Tag>,
          },
          {
            title: t('loyalty.orders.columns.externalRef'),
            dataIndex: 'externalRef',
            width: 140,
            ellipsis: true,
            render: (r: string | null) => r ?? '—',
          },
        ]}
        data-testid="customer-orders-table"
      />
      <KeysetPager
        keyset={keyset}
        total={orders.data?.total}
        nextCursor={orders.data?.nextCursor}
        loading={orders.isFetching}
      />
      <OrderDrawer
        open={editing !== undefined}
        order={editing ?? null}
        customer={{ id: customerId, name: customerName }}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
