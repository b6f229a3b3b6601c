import { CrownOutlined, ExportOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ownershipLimits } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Skeleton,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type CustomerOwnership,
  type OwnershipEntry,
  ownershipApi,
  ownershipKeys,
} from '../../api/ownership';
import { useCurrentUser } from '../../auth/current-user';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { TransferButton } from './TransferDialog';

function useOwnership(customerId: string) {
  return useQuery({
    queryKey: ownershipKeys.customer(customerId),
    queryFn: () => ownershipApi.customer(customerId),
  });
}

/** After a change of owner or sponsor: the customer page, the lists and the pool all change. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
    void queryClient.invalidateQueries({ queryKey: ownershipKeys.all });
  };
}

function ReleaseModal({
  open,
  name,
  ownership,
  onClose,
}: {
  open: boolean;
  name: string;
  ownership: CustomerOwnership;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ reason?: string }>();
  const settings = useQuery({
    queryKey: ownershipKeys.settings,
    queryFn: ownershipApi.settings,
    enabled: open,
  });
  const release = useMutation({
    mutationFn: (reason: string) => ownershipApi.release(ownership.customerId, reason),
    onSuccess: () => {
      message.success(t('ownership.release.done', { name }));
      onClose();
      refresh();
      // An account manager no longer sees a customer they gave up: the pool is where it went.
      if (me.role === 'account_manager' || me.role === 'service_agent') navigate('/grading/pool');
    },
    onError: (err) => message.error(errorText(t, err)),
  });
  const mine = ownership.owner?.id === me.id;
  return (
    <Modal
      open={open}
      title={t('ownership.release.title', { name })}
      onCancel={onClose}
      okText={t('ownership.release.submit')}
      okButtonProps={{ danger: true, loading: release.isPending, ...{ 'data-testid': 'release-submit' } }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {mine
          ? t('ownership.release.body', { days: settings.data?.cooldownDays ?? 30 })
          : t('ownership.release.bodyManager', { owner: ownership.owner?.name ?? '' })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => release.mutate((v.reason ?? '').trim())}
      >
        <Form.Item
          name="reason"
          label={t('ownership.release.reason')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={ownershipLimits.reasonMax}
            showCount
            placeholder={t('ownership.release.reasonPlaceholder')}
            data-testid="release-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The customer page's ownership buttons: 转移 for managers, 释放到公海 for the owner (or their
 * manager), and 我的重点客户 for executives. Each appears only when the server would accept it.
 */
export function OwnershipActions({ customerId, customerName }: { customerId: string; customerName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const ownership = useOwnership(customerId);
  const [releasing, setReleasing] = useState(false);
  const isExecutive = ownership.data?.can.sponsor ?? false;
  const settings = useQuery({
    queryKey: ownershipKeys.settings,
    queryFn: ownershipApi.settings,
    enabled: isExecutive,
  });
  const sponsor = useMutation({
    mutationFn: (flag: boolean) =>
      flag ? ownershipApi.addKeyCustomer(customerId) : ownershipApi.removeKeyCustomer(customerId),
    onSuccess: (_list, flag) => {
      message.success(t(flag ? 'ownership.keyCustomers.flagged' : 'ownership.keyCustomers.unflagged'));
      refresh();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'key_customer_limit') {
        message.error(t('ownership.keyCustomers.limit', { max: settings.data?.executiveKeyMax ?? 5 }));
        return;
      }
      message.error(errorText(t, err));
    },
  });
  const o = ownership.data;
  if (!o) return null;
  return (
    <>
      {o.can.transfer ? (
        <TransferButton
          customers={[{ id: customerId, name: customerName }]}
          showCount={false}
          testId="customer-transfer"
        />
      ) : null}
      {o.can.release ? (
        <Button icon={<ExportOutlined />} onClick={() => setReleasing(true)} data-testid="customer-release">
          {t('ownership.release.button')}
        </Button>
      ) : null}
      {o.can.sponsor ? (
        <Button
          icon={<CrownOutlined />}
          loading={sponsor.isPending}
          onClick={() => sponsor.mutate(true)}
          data-testid="customer-key-flag"
        >
          {t('ownership.keyCustomers.flag')}
        </Button>
      ) : null}
      {o.can.unsponsor ? (
        <Button
          loading={sponsor.isPending}
          onClick={() => sponsor.mutate(false)}
          data-testid="customer-key-unflag"
        >
          {t('ownership.keyCustomers.unflag')}
        </Button>
      ) : null}
      <ReleaseModal open={releasing} name={customerName} ownership={o} onClose={() => setReleasing(false)} />
    </>
  );
}

const date = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

/** Who owns the customer, since when it has been quiet, and when it would return to the pool. */
export function OwnershipCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const ownership = useOwnership(customerId);
  if (ownership.isPending)
    return (
      <Card size="small" title={t('ownership.card.title')}>
        <Skeleton active paragraph={{ rows: 2 }} />
      </Card>
    );
  if (ownership.isError)
    return (
      <Card size="small" title={t('ownership.card.title')}>
        <ErrorResult error={ownership.error} onRetry={() => void ownership.refetch()} />
      </Card>
    );
  const o = ownership.data;
  const r = o.recycle;
  const soon = r.dueOn !== null && dayjs(r.dueOn).diff(dayjs(), 'day') <= 7;
  return (
    <Card size="small" title={t('ownership.card.title')} data-testid="ownership-card">
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('ownership.card.owner')}>
          <span data-testid="ownership-owner">{o.owner?.name ?? t('ownership.card.noOwner')}</span>
        </Descriptions.Item>
        {o.executiveSponsor ? (
          <Descriptions.Item label={t('ownership.card.sponsor')}>
            <Tag icon={<CrownOutlined />} color="gold" data-testid="ownership-sponsor">
              {o.executiveSponsor.name}
            </Tag>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('ownership.card.lastInteraction')}>
          {date(o.lastInteractionAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('ownership.card.recycle')}>
          {r.exemption ? (
            <Typography.Text type="secondary" data-testid="ownership-recycle">
              {t(`ownership.card.exemption.${r.exemption}` as 'ownership.card.exemption.unowned', {
                name: o.executiveSponsor?.name ?? '',
              })}
            </Typography.Text>
          ) : (
            <Flex vertical data-testid="ownership-recycle">
              <Typography.Text type={soon ? 'danger' : undefined}>
                {t('ownership.card.dueOn', { date: r.dueOn })}
              </Typography.Text>
              {r.warnOn ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('ownership.card.warnOn', { date: r.warnOn })}
                </Typography.Text>
              ) : null}
            </Flex>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function entryLine(t: TFunction, e: OwnershipEntry): string {
  const nobody = t('ownership.history.nobody');
  return t(`ownership.history.line.${e.kind}` as 'ownership.history.line.create', {
    from: e.from?.name ?? nobody,
    to: e.to?.name ?? nobody,
  });
}

const kindColors: Record<OwnershipEntry['kind'], string> = {
  create: 'gray',
  transfer: 'blue',
  claim: 'green',
  release: 'orange',
  recycle: 'red',
  merge: 'purple',
};

/** The customer's ownership history (归属记录), newest first, paged on demand. */
export function OwnershipHistoryTab({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const history = useInfiniteQuery({
    queryKey: ownershipKeys.history(customerId),
    queryFn: ({ pageParam }) => ownershipApi.history(customerId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (history.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (history.isError) return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  const items = history.data.pages.flatMap((p) => p.items);
  if (items.length === 0)
    return <Empty description={t('ownership.history.empty')} data-testid="ownership-history-empty" />;
  return (
    <Flex vertical gap={8} data-testid="ownership-history">
      <Timeline
        items={items.map((e) => ({
          key: e.id,
          color: kindColors[e.kind],
          content: (
            <Flex vertical gap={2} data-testid={`ownership-entry-${e.kind}`}>
              <Flex gap={8} align="baseline" wrap>
                <Tag color={kindColors[e.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`ownership.history.kinds.${e.kind}`)}
                </Tag>
                <Typography.Text>{entryLine(t, e)}</Typography.Text>
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(e.at).format('YYYY-MM-DD HH:mm')} ·{' '}
                {t('ownership.history.by', { name: e.actor?.name ?? t('ownership.history.system') })}
              </Typography.Text>
              {e.reason ? (
                <Typography.Text type="secondary">
                  {t('ownership.history.reason', { reason: e.reason })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        }))}
      />
      {history.hasNextPage ? (
        <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('ownership.history.loadMore')}
        </Button>
      ) : null}
    </Flex>
  );
}
