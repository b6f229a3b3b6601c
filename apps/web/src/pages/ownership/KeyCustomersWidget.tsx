import { CrownOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ownershipApi, ownershipKeys } from '../../api/ownership';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';

const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

/**
 * An executive's key customers (我的重点客户), DOMAIN §2: management personally holds 3–5. Shows the
 * count against the range, a warning below the minimum, and lets the executive remove one.
 */
export function KeyCustomersWidget({ executiveId }: { executiveId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ownershipKeys.keyCustomers(executiveId),
    queryFn: () => ownershipApi.keyCustomers(executiveId),
  });
  const remove = useMutation({
    mutationFn: (customerId: string) => ownershipApi.removeKeyCustomer(customerId),
    onSuccess: () => {
      message.success(t('ownership.keyCustomers.unflagged'));
      void queryClient.invalidateQueries({ queryKey: ownershipKeys.all });
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  if (list.isPending)
    return (
      <Card size="small" title={t('ownership.keyCustomers.title')}>
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  if (list.isError)
    return (
      <Card size="small" title={t('ownership.keyCustomers.title')}>
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      </Card>
    );
  const k = list.data;
  const active = k.items.filter((c) => c.status === 'active').length;
  return (
    <Card
      size="small"
      data-testid="key-customers"
      title={
        <Flex gap={8} align="center">
          <CrownOutlined style={{ color: '#d48806' }} />
          {executiveId
            ? t('ownership.keyCustomers.titleOf', { name: k.executive.name })
            : t('ownership.keyCustomers.title')}
        </Flex>
      }
      extra={
        <Typography.Text strong data-testid="key-customers-count">
          {t('ownership.keyCustomers.count', { count: active, max: k.max })}
        </Typography.Text>
      }
    >
      {k.standing === 'below_min' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ownership.keyCustomers.belowMin', { count: active, min: k.min, max: k.max })}
          data-testid="key-customers-below-min"
        />
      ) : null}
      {k.standing === 'at_max' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('ownership.keyCustomers.atMax', { max: k.max })}
        />
      ) : null}
      {k.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ownership.keyCustomers.empty')} />
      ) : (
        <List
          size="small"
          dataSource={k.items}
          renderItem={(c) => (
            <List.Item
              actions={
                executiveId
                  ? []
                  : [
                      <Button
                        key="remove"
                        type="link"
                        size="small"
                        loading={remove.isPending && remove.variables === c.id}
                        onClick={() => remove.mutate(c.id)}
                      >
                        {t('ownership.keyCustomers.remove')}
                      </Button>,
                    ]
              }
            >
              <Flex vertical gap={2}>
                <Flex gap={6} align="center" wrap>
                  <Link to={`/customers/${c.id}`}>{c.name}</Link>
                  {c.grade ? (
                    <Tag color={gradeColors[c.grade]} style={{ marginInlineEnd: 0 }}>
                      {t(`customerFields.grade.${c.grade}`)}
                    </Tag>
                  ) : null}
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.owner
                    ? t('ownership.keyCustomers.owner', { name: c.owner.name })
                    : t('ownership.keyCustomers.noOwner')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
