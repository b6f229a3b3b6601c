import { PaperClipOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { interactionChannels } from '@weixi/shared';
import { Checkbox, DatePicker, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  engagementKeys,
  type Interaction,
  type InteractionFilters,
  interactionsApi,
} from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { ErrorResult } from '../../../components/Results';
import { CustomerPicker } from '../../loyalty/pickers';
import { guideTopicsOf } from '../interaction-form';
import { useEngagementLabels } from '../use-labels';
import { InteractionDrawer } from './InteractionDrawer';

/** 沟通记录: every interaction in the reader's scope, newest first, by channel, date and customer. */
export function InteractionsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useEngagementLabels();
  const keyset = useKeyset(20);
  const [channels, setChannels] = useState<string[]>([]);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [mineOnly, setMineOnly] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  const filters: InteractionFilters = {
    channel: channels.length > 0 ? channels.join(',') : undefined,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
    customerId: customerId ?? undefined,
    loggedBy: mineOnly ? me.id : undefined,
  };
  const list = useQuery({
    queryKey: engagementKeys.interactions(filters, keyset.limit, keyset.cursor),
    queryFn: ({ signal }) => interactionsApi.list(filters, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
  });

  const columns: ColumnsType<Interaction> = [
    {
      title: t('engagement.interactions.columns.at'),
      key: 'at',
      width: 140,
      render: (_, i) => dayjs(i.occurredAt).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: t('engagement.interactions.columns.customer'),
      key: 'customer',
      width: 200,
      render: (_, i) => <Link to={`/customers/${i.customer.id}`}>{i.customer.name}</Link>,
    },
    {
      title: t('engagement.interactions.columns.channel'),
      key: 'channel',
      width: 150,
      render: (_, i) => (
        <Flex gap={4} wrap>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {labels.label('channels', i.channel)}
          </Tag>
          <Tag style={{ marginInlineEnd: 0 }}>{labels.label('directions', i.direction)}</Tag>
        </Flex>
      ),
    },
    {
      title: t('engagement.interactions.columns.summary'),
      key: 'summary',
      render: (_, i) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Link onClick={() => setOpenId(i.id)} data-testid="interaction-open">
            <Typography.Text ellipsis={{ tooltip: i.summary }} style={{ color: 'inherit', maxWidth: 420 }}>
              {i.summary}
            </Typography.Text>
          </Typography.Link>
          <Flex gap={4} wrap>
            {guideTopicsOf(i.guide).map((g) => (
              <Tag key={g} color="purple" style={{ fontSize: 11, marginInlineEnd: 0 }}>
                {t(`engagement.guide.${g}`)}
              </Tag>
            ))}
            {i.attachments.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <PaperClipOutlined /> {i.attachments.length}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('engagement.interactions.columns.loggedBy'),
      key: 'loggedBy',
      width: 100,
      responsive: ['md'],
      render: (_, i) => i.loggedBy?.name ?? '—',
    },
    {
      title: t('engagement.interactions.columns.qualifies'),
      key: 'qualifies',
      width: 100,
      responsive: ['lg'],
      render: (_, i) =>
        i.qualifies ? <Tag color="green">{t('engagement.interactions.qualifiesShort')}</Tag> : null,
    },
  ];

  const change = (fn: () => void) => {
    fn();
    keyset.reset();
  };

  return (
    <Flex vertical gap={16} data-testid="interactions-tab">
      <Flex gap={12} wrap align="center">
        <Select
          mode="multiple"
          allowClear
          value={channels}
          onChange={(v: string[]) => change(() => setChannels(v))}
          placeholder={t('engagement.interactions.channelFilter')}
          style={{ minWidth: 200 }}
          options={interactionChannels.map((c) => ({ value: c, label: t(`engagement.channels.${c}`) }))}
          data-testid="interactions-channel"
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => change(() => setRange(v ? [v[0], v[1]] : null))}
          allowEmpty={[true, true]}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        />
        <CustomerPicker
          value={customerId}
          onChange={(v) => change(() => setCustomerId(v))}
          allowClear
          placeholder={t('engagement.interactions.customerFilter')}
          testId="interactions-customer"
          style={{ minWidth: 220 }}
        />
        <Checkbox checked={mineOnly} onChange={(e) => change(() => setMineOnly(e.target.checked))}>
          {t('engagement.interactions.mineOnly')}
        </Checkbox>
      </Flex>
      {list.isError && !list.data ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <Table<Interaction>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 720 }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={t('engagement.interactions.empty')}
                />
              ),
            }}
            data-testid="interactions-table"
          />
          <KeysetPager
            keyset={keyset}
            total={list.data?.total}
            nextCursor={list.data?.nextCursor}
            loading={list.isFetching}
          />
        </>
      )}
      <InteractionDrawer id={openId} onClose={() => setOpenId(null)} />
    </Flex>
  );
}
