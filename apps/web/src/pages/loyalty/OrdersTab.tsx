import { DeleteOutlined, EditOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orderChannels, orderSorts } from '@weixi/shared';
import { Alert, App, Button, Checkbox, DatePicker, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  catalogApi,
  type Order,
  type OrderFilters,
  type OrderSort,
  orderKeys,
  ordersApi,
} from '../../api/orders';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { formatFen, formatQuantity } from './money';
import { OrderDrawer } from './OrderDrawer';
import { loyaltyPermissions } from './permissions';
import { CustomerPicker, ProductPicker } from './pickers';

/** The 订单 tab: every order the user may read, filtered, with the totals of the filtered set. */
export function OrdersTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = loyaltyPermissions(me.role);
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyset = useKeyset(20);
  const [filters, setFilters] = useState<OrderFilters>({});
  const [sort, setSort] = useState<OrderSort>('-orderedOn');
  const [editing, setEditing] = useState<Order | null | undefined>(undefined);

  const change = (patch: Partial<OrderFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    keyset.reset();
  };
  const list = useQuery({
    queryKey: orderKeys.list(filters, sort, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => ordersApi.list(filters, sort, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
  });
  // Totals come with the first page; later pages keep showing them.
  const firstPage = useQuery({
    queryKey: orderKeys.list(filters, sort, keyset.limit, undefined),
    queryFn: ({ signal }) => ordersApi.list(filters, sort, keyset.limit, undefined, signal),
    enabled: keyset.cursor !== undefined,
  });
  const totals = keyset.cursor === undefined ? list.data?.totals : firstPage.data?.totals;
  const categories = useQuery({
    queryKey: orderKeys.categories,
    queryFn: ({ signal }) => catalogApi.categories(signal),
  });

  const remove = useMutation({
    mutationFn: (o: Order) => ordersApi.remove(o.id, o.version),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      message.success(t('loyalty.orders.deleted'));
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') void list.refetch();
      message.error(errorText(t, err));
    },
  });
  const confirmDelete = (o: Order) =>
    modal.confirm({
      title: t('loyalty.orders.deleteTitle'),
      content: t('loyalty.orders.deleteBody', {
        customer: o.customer.name,
        product: o.product.name,
        amount: formatFen(o.amountFen),
        date: o.orderedOn,
      }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...{ 'data-testid': 'order-delete-confirm' } },
      onOk: () => remove.mutateAsync(o),
    });

  const filtered = Object.values(filters).some(Boolean);
  const columns: ColumnsType<Order> = [
    { title: t('loyalty.orders.columns.orderedOn'), dataIndex: 'orderedOn', width: 110 },
    {
      title: t('loyalty.orders.columns.customer'),
      key: 'customer',
      render: (_, o) => <Link to={`/customers/${o.customer.id}`}>{o.customer.name}</Link>,
    },
    {
      title: t('loyalty.orders.columns.product'),
      key: 'product',
      render: (_, o) => (
        <Flex vertical>
          <span>{o.product.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.product.code} · {o.category.name}
          </Typography.Text>
        </Flex>
      ),
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
      width: 140,
      render: (_, o) => <span data-testid="order-amount-cell">{formatFen(o.amountFen)}</span>,
    },
    {
      title: t('loyalty.orders.columns.channel'),
      dataIndex: 'channel',
      width: 90,
      render: (c: Order['channel']) => <Tag bordered={false}>{t(`loyalty.channels.${c}`)}</Tag>,
    },
    {
      title: t('loyalty.orders.columns.owner'),
      key: 'owner',
      width: 110,
      render: (_, o) => o.owner?.name ?? '—',
    },
    {
      title: t('loyalty.orders.columns.externalRef'),
      dataIndex: 'externalRef',
      width: 140,
      ellipsis: true,
      render: (r: string | null) => r ?? '—',
    },
    ...(can.writeOrders
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, o: Order) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('loyalty.orders.edit')}
                  onClick={() => setEditing(o)}
                  data-testid="order-edit"
                />
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('loyalty.orders.delete')}
                  onClick={() => confirmDelete(o)}
                  data-testid="order-delete"
                />
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="orders-tab">
      <Flex justify="space-between" wrap gap={8}>
        <Flex wrap gap={8} align="center">
          <CustomerPicker
            value={filters.customerId ?? null}
            onChange={(v) => change({ customerId: v ?? undefined })}
            allowClear
            placeholder={t('loyalty.orders.filters.customerPlaceholder')}
            testId="orders-filter-customer"
            style={{ width: 220 }}
          />
          <ProductPicker
            value={filters.productId ?? null}
            onChange={(v) => change({ productId: v ?? undefined })}
            allowClear
            placeholder={t('loyalty.orders.filters.product')}
            testId="orders-filter-product"
            style={{ width: 200 }}
          />
          <Select
            allowClear
            placeholder={t('loyalty.orders.filters.category')}
            value={filters.categoryId ?? null}
            onChange={(v: string | null | undefined) => change({ categoryId: v ?? undefined })}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            style={{ width: 150 }}
            data-testid="orders-filter-category"
          />
          <Select
            mode="multiple"
            allowClear
            placeholder={t('loyalty.orders.filters.channel')}
            value={filters.channel ? filters.channel.split(',') : []}
            onChange={(v: string[]) => change({ channel: v.length ? v.join(',') : undefined })}
            options={orderChannels.map((c) => ({ value: c, label: t(`loyalty.channels.${c}`) }))}
            style={{ minWidth: 150 }}
            maxTagCount="responsive"
            data-testid="orders-filter-channel"
          />
          <DatePicker.RangePicker
            onChange={(range) =>
              change({
                from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
                to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
              })
            }
            data-testid="orders-filter-dates"
          />
          <Checkbox
            checked={filters.ownerId === 'me'}
            onChange={(e) => change({ ownerId: e.target.checked ? 'me' : undefined })}
            data-testid="orders-filter-mine"
          >
            {t('loyalty.orders.filters.mine')}
          </Checkbox>
          <Select
            value={sort}
            onChange={(v: OrderSort) => {
              setSort(v);
              keyset.reset();
            }}
            options={orderSorts.map((s) => ({ value: s, label: t(`loyalty.orders.sort.${s}`) }))}
            style={{ width: 170 }}
            aria-label={t('loyalty.orders.sort.label')}
            data-testid="orders-sort"
          />
        </Flex>
        <Flex gap={8}>
          {can.importOrders ? (
            <Button
              icon={<ImportOutlined />}
              onClick={() => navigate('/loyalty/import')}
              data-testid="orders-import"
            >
              {t('loyalty.orders.import')}
            </Button>
          ) : null}
          {can.writeOrders ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing(null)}
              data-testid="order-new"
            >
              {t('loyalty.orders.new')}
            </Button>
          ) : null}
        </Flex>
      </Flex>

      {totals ? (
        <Alert
          type="info"
          title={t('loyalty.orders.totals', { count: totals.count, amount: formatFen(totals.amountFen) })}
          data-testid="orders-totals"
        />
      ) : null}

      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<Order>
            rowKey="id"
            size="middle"
            loading={list.isFetching}
            columns={columns}
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{
              emptyText: (
                <Empty
                  description={
                    filtered ? (
                      t('loyalty.orders.emptyFiltered')
                    ) : (
                      <Flex vertical>
                        <span>{t('loyalty.orders.empty')}</span>
                        <Typography.Text type="secondary">{t('loyalty.orders.emptyHint')}</Typography.Text>
                      </Flex>
                    )
                  }
                />
              ),
            }}
            data-testid="orders-table"
          />
          <KeysetPager
            keyset={keyset}
            total={list.data?.total}
            nextCursor={list.data?.nextCursor}
            loading={list.isFetching}
            testId="orders-pager"
          />
        </>
      )}
      <OrderDrawer
        open={editing !== undefined}
        order={editing ?? null}
        onClose={() => setEditing(undefined)}
      />
    </Flex>
  );
}
