import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry, CustomFieldDefinition } from '@weixi/shared';
import { Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { customerRecordsApi, type RegionNode, recordKeys, referenceApi } from '../../../api/customer-records';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { ErrorResult } from '../../../components/Results';
import type { Resources } from '../../../i18n/zh-CN';
import { actionKey, displayValue, type FieldChange, historyItem, type ValueLabels } from './history-changes';
import { useCustomerLabels } from './use-labels';

type ActionKey = keyof Resources['customerDetail']['history']['actions'];

function regionNames(tree: RegionNode[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (nodes: RegionNode[]) => {
    for (const n of nodes) {
      names.set(n.code, n.name);
      if (n.children) walk(n.children);
    }
  };
  walk(tree ?? []);
  return names;
}

/** Changes to the customer and its contacts, newest first, as readable before → after lines. */
export function HistoryTab({
  customerId,
  definitions,
  contactDefinitions,
}: {
  customerId: string;
  definitions: CustomFieldDefinition[];
  /** Contact entries show contact custom fields by these labels. */
  contactDefinitions: CustomFieldDefinition[];
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const keyset = useKeyset(20);
  const history = useQuery({
    queryKey: recordKeys.history(customerId, keyset.limit, keyset.cursor),
    queryFn: () => customerRecordsApi.history(customerId, keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
  });
  const regions = useQuery({
    queryKey: recordKeys.regions,
    queryFn: referenceApi.regions,
    staleTime: Infinity,
  });
  const regionByCode = useMemo(() => regionNames(regions.data), [regions.data]);
  const actions = t('customerDetail.history.actions', { returnObjects: true }) as Record<ActionKey, string>;

  const defsOf = (subject: 'customer' | 'contact') =>
    subject === 'contact' ? contactDefinitions : definitions;
  const valueLabels = (subject: 'customer' | 'contact'): ValueLabels => ({
    enumValue: labels.enumValue,
    customValue: (key, value) =>
      labels.customValue(
        defsOf(subject).find((d) => d.key === key),
        value,
        t('customerDetail.yes'),
        t('customerDetail.no'),
      ),
    region: (code) => regionByCode.get(code) ?? code,
    dateTime: (iso) => dayjs(iso).format('YYYY-MM-DD HH:mm'),
    yes: t('customerDetail.yes'),
    no: t('customerDetail.no'),
  });

  const fieldLabel = (subject: 'customer' | 'contact', field: string) => {
    if (field.startsWith('custom.')) {
      const def = defsOf(subject).find((d) => d.key === field.slice(7));
      return def ? labels.label(def) : field.slice(7);
    }
    return subject === 'contact' ? labels.contact(field) : labels.customer(field);
  };

  const actionLabel = (action: string) => {
    const k = actionKey(action);
    return k in actions ? actions[k as ActionKey] : action;
  };

  const renderChange = (subject: 'customer' | 'contact', change: FieldChange) => {
    const before = displayValue(change.field, change.before, valueLabels(subject));
    const after = displayValue(change.field, change.after, valueLabels(subject));
    const empty = (
      <Typography.Text type="secondary">{t('customerDetail.history.empty_value')}</Typography.Text>
    );
    return (
      <div key={change.field} style={{ wordBreak: 'break-word' }}>
        <Typography.Text type="secondary">{fieldLabel(subject, change.field)}：</Typography.Text>
        {'before' in change ? (
          <>
            {before ? <Typography.Text delete>{before}</Typography.Text> : empty}
            {'after' in change ? ' → ' : null}
          </>
        ) : null}
        {'after' in change ? after ? <Typography.Text>{after}</Typography.Text> : empty : null}
      </div>
    );
  };

  const renderEntry = (entry: AuditEntry) => {
    const item = historyItem(entry);
    return (
      <Flex vertical gap={4} data-testid="history-entry">
        <Flex gap={8} wrap align="center">
          <Typography.Text strong>{actionLabel(entry.action)}</Typography.Text>
          {item.about ? <Tag>{item.about}</Tag> : null}
          <Typography.Text type="secondary">
            {dayjs(entry.at).format('YYYY-MM-DD HH:mm')} ·{' '}
            {entry.actor?.name ?? t('customerDetail.history.system')}
          </Typography.Text>
        </Flex>
        {item.changes.length > 0 || item.mergedInto ? (
          <Flex vertical gap={2}>
            {item.changes.map((c) => renderChange(item.subject, c))}
            {item.mergedInto ? (
              <div data-testid="history-merged-into">
                <Typography.Text type="secondary">{t('customerDetail.history.mergedInto')}：</Typography.Text>
                {item.mergedInto.name !== null ? (
                  <Link to={`/customers/${item.mergedInto.id}`} data-testid="history-merged-into-link">
                    {item.mergedInto.name}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">
                    {t('customerDetail.history.mergedIntoHidden')}
                  </Typography.Text>
                )}
              </div>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
    );
  };

  if (history.isError && !history.data)
    return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />;
  if (history.isPending)
    return (
      <Flex justify="center" style={{ padding: 32 }}>
        <Spin />
      </Flex>
    );
  const items = history.data.items;
  return (
    <div data-testid="history-list">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customerDetail.history.none')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={items.map((entry) => ({ key: entry.id, content: renderEntry(entry) }))}
        />
      )}
      <KeysetPager
        keyset={keyset}
        total={history.data.total}
        nextCursor={history.data.nextCursor}
        loading={history.isFetching}
      />
    </div>
  );
}
