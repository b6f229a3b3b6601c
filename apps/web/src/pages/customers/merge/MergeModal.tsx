import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerDetail, CustomFieldDefinition } from '@weixi/shared';
import { Alert, App, Button, Empty, Flex, Modal, Radio, Select, Spin, Table, Tag, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { customerRecordsApi, customFieldsApi, recordKeys } from '../../../api/customer-records';
import { errorText } from '../../../lib/errors';
import { type CustomerLabels, useCustomerLabels } from '../detail/use-labels';
import {
  buildTake,
  customConflicts,
  defaultChoices,
  differingFields,
  type MergeField,
  mergedTags,
  type Side,
} from './merge-diff';

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** One side's value of a merge field, as the user reads it. */
function showValue(
  c: CustomerDetail,
  other: CustomerDetail,
  field: MergeField,
  labels: CustomerLabels,
  defs: CustomFieldDefinition[],
  yes: string,
  no: string,
): string {
  switch (field) {
    case 'region':
      return c.regionName;
    case 'coordinates':
      return c.latitude !== null && c.longitude !== null ? `${c.latitude}, ${c.longitude}` : '';
    case 'owner':
      return c.owner?.name ?? '';
    case 'tags':
      return c.tags.join('、');
    case 'custom':
      return customConflicts(c, other)
        .map((key) => {
          const def = defs.find((d) => d.key === key);
          return `${def ? labels.label(def) : key}：${labels.customValue(def, c.custom[key], yes, no)}`;
        })
        .join('；');
    case 'scale':
    case 'source':
    case 'category':
    case 'grade':
    case 'valueTier':
    case 'lifecycle': {
      const v = c[field];
      return v ? labels.enumValue(field, v) : '';
    }
    default: {
      const v = c[field];
      return v === null || v === undefined ? '' : String(v);
    }
  }
}

/**
 * Merge two customers (managers): pick the other record, which one survives, and per differing
 * field whose value to keep. Contacts, collaborators and every reference move to the survivor on
 * the server; the merged record stays, marked merged, with its history.
 */
export function MergeModal({
  open,
  mergedId,
  candidates,
  onClose,
}: {
  open: boolean;
  /** The record the user started from; by default it is merged into the one they pick. */
  mergedId: string;
  /** From the duplicate scan: the other members of the group, offered first. */
  candidates?: { id: string; name: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [otherId, setOtherId] = useState<string | undefined>(undefined);
  const [swapped, setSwapped] = useState(false);
  const [choices, setChoices] = useState<Partial<Record<MergeField, Side>>>({});
  const [q, setQ] = useState('');
  const term = useDebounced(q, 300);

  useEffect(() => {
    if (!open) return;
    setOtherId(candidates?.length === 1 ? candidates[0]?.id : undefined);
    setSwapped(false);
    setQ('');
  }, [open, candidates]);

  const first = useQuery({
    queryKey: recordKeys.detail(mergedId),
    queryFn: () => customerRecordsApi.get(mergedId),
    enabled: open,
  });
  const second = useQuery({
    queryKey: recordKeys.detail(otherId ?? ''),
    queryFn: () => customerRecordsApi.get(otherId ?? ''),
    enabled: open && otherId !== undefined,
  });
  const defs = useQuery({
    queryKey: recordKeys.customFields('customer'),
    queryFn: () => customFieldsApi.list('customer'),
    enabled: open,
  });
  const found = useQuery({
    queryKey: recordKeys.search(term),
    queryFn: () => customerRecordsApi.search(term),
    enabled: open && term.length > 0,
  });

  const survivor = swapped ? first.data : second.data;
  const merged = swapped ? second.data : first.data;
  const fields = useMemo(
    () => (survivor && merged ? differingFields(survivor, merged) : []),
    [survivor, merged],
  );
  useEffect(() => {
    if (survivor && merged) setChoices(defaultChoices(survivor, merged, fields));
  }, [survivor, merged, fields]);

  const options = useMemo(() => {
    const seen = new Set<string>([mergedId]);
    const out: { value: string; label: ReactNode; name: string }[] = [];
    const add = (id: string, name: string, extra?: ReactNode) => {
      if (seen.has(id)) return;
      seen.add(id);
      out.push({
        value: id,
        name,
        label: (
          <Flex gap={6} align="center" wrap>
            <span>{name}</span>
            {extra}
          </Flex>
        ),
      });
    };
    for (const c of candidates ?? []) add(c.id, c.name);
    for (const c of found.data?.items ?? []) {
      if (c.status === 'merged') continue;
      add(
        c.id,
        c.name,
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[c.owner?.name, c.status === 'invalid' ? labels.enumValue('status', 'invalid') : null]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>,
      );
    }
    if (second.data) add(second.data.id, second.data.name);
    return out;
  }, [candidates, found.data, mergedId, second.data, labels]);

  const submit = useMutation({
    mutationFn: () => {
      if (!survivor || !merged) throw new Error('both customers must be loaded');
      return customerRecordsApi.merge({
        survivorId: survivor.id,
        mergedId: merged.id,
        survivorVersion: survivor.version,
        mergedVersion: merged.version,
        take: buildTake(choices),
      });
    },
    onSuccess: (result) => {
      message.success(t('customerDetail.merge.done', { name: result.name }));
      void queryClient.invalidateQueries({ queryKey: recordKeys.all });
      onClose();
      navigate(`/customers/${result.id}`);
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('customerDetail.merge.stale'), 6);
        void first.refetch();
        void second.refetch();
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const yes = t('customerDetail.yes');
  const no = t('customerDetail.no');
  const defList = defs.data?.items ?? [];
  const emptyValue = (
    <Typography.Text type="secondary">{t('customerDetail.merge.emptyValue')}</Typography.Text>
  );
  const cell = (field: MergeField, side: Side) => {
    if (!survivor || !merged) return null;
    const [c, other] = side === 'survivor' ? [survivor, merged] : [merged, survivor];
    let value = showValue(c, other, field, labels, defList, yes, no);
    if (field === 'tags' && side === 'survivor')
      value = `${mergedTags(survivor, merged, 'survivor').join('、')}（${t('customerDetail.merge.tagsUnion')}）`;
    return (
      <Radio
        checked={(choices[field] ?? 'survivor') === side}
        onChange={() => setChoices((cs) => ({ ...cs, [field]: side }))}
        data-testid={`merge-take-${field}-${side}`}
      >
        <span style={{ wordBreak: 'break-word' }}>{value || emptyValue}</span>
      </Radio>
    );
  };
  const fieldLabel = (field: MergeField) =>
    field === 'coordinates' ? t('customerDetail.coordinates') : labels.customer(field);

  const loadingPair = otherId !== undefined && (first.isPending || second.isPending);
  const loadError = first.error ?? second.error;
  const sameRecord = otherId !== undefined && otherId === mergedId;
  const alreadyMerged = first.data?.status === 'merged' || second.data?.status === 'merged';

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={920}
      title={t('customerDetail.merge.title')}
      okText={t('customerDetail.merge.submit')}
      okButtonProps={{
        danger: true,
        disabled: !survivor || !merged || sameRecord || alreadyMerged,
        loading: submit.isPending,
        ...{ 'data-testid': 'merge-submit' },
      }}
      onOk={() => submit.mutate()}
      destroyOnHidden
      data-testid="merge-modal"
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('customerDetail.merge.explain')}
        </Typography.Paragraph>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('customerDetail.merge.pick')}</Typography.Text>
          <Select<string>
            showSearch={{ filterOption: false, onSearch: setQ }}
            value={otherId}
            onChange={(id) => setOtherId(id)}
            placeholder={t('customerDetail.merge.searchPlaceholder')}
            loading={found.isFetching}
            notFoundContent={
              term ? (
                found.isFetching ? (
                  <Spin size="small" />
                ) : (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t('customerDetail.merge.noMatch')}
                  />
                )
              ) : (
                <Typography.Text type="secondary">{t('customerDetail.merge.typeToSearch')}</Typography.Text>
              )
            }
            options={options.map((o) => ({ value: o.value, label: o.label, title: o.name }))}
            optionLabelProp="title"
            style={{ width: '100%' }}
            data-testid="merge-target"
          />
        </Flex>
        {loadError ? <Alert type="error" showIcon title={errorText(t, loadError)} /> : null}
        {alreadyMerged ? (
          <Alert type="error" showIcon title={t('customerDetail.merge.alreadyMerged')} />
        ) : null}
        {loadingPair ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : null}
        {survivor && merged ? (
          <>
            <Flex gap={12} align="center" wrap data-testid="merge-direction">
              <Flex vertical style={{ flex: '1 1 240px' }}>
                <Typography.Text type="secondary">{t('customerDetail.merge.survivor')}</Typography.Text>
                <Typography.Text strong data-testid="merge-survivor-name">
                  {survivor.name}
                </Typography.Text>
              </Flex>
              <Button icon={<SwapOutlined />} onClick={() => setSwapped((s) => !s)} data-testid="merge-swap">
                {t('customerDetail.merge.swap')}
              </Button>
              <Flex vertical style={{ flex: '1 1 240px' }}>
                <Typography.Text type="secondary">{t('customerDetail.merge.merged')}</Typography.Text>
                <Typography.Text strong>
                  {merged.name}{' '}
                  <Tag color="red" style={{ marginLeft: 4 }}>
                    {t('customerDetail.merge.willBeMerged')}
                  </Tag>
                </Typography.Text>
              </Flex>
            </Flex>
            {fields.length === 0 ? (
              <Alert type="info" showIcon title={t('customerDetail.merge.noDiff')} />
            ) : (
              <Table
                rowKey={(f) => f}
                size="small"
                pagination={false}
                dataSource={fields as MergeField[]}
                scroll={{ x: 'max-content' }}
                columns={[
                  {
                    key: 'field',
                    title: t('customerDetail.merge.field'),
                    width: 120,
                    render: (_: unknown, f) => fieldLabel(f),
                  },
                  {
                    key: 'survivor',
                    title: t('customerDetail.merge.survivorValue'),
                    render: (_: unknown, f) => cell(f, 'survivor'),
                  },
                  {
                    key: 'merged',
                    title: t('customerDetail.merge.mergedValue'),
                    render: (_: unknown, f) => cell(f, 'merged'),
                  },
                ]}
                data-testid="merge-table"
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customerDetail.merge.moves', { count: merged.contacts.length })}
            </Typography.Text>
          </>
        ) : null}
      </Flex>
    </Modal>
  );
}
