import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomFieldDefinition } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Segmented,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type CustomFieldEntity, customFieldsApi, recordKeys } from '../../api/customer-records';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { useLocale } from '../../i18n/LocaleProvider';
import { errorText } from '../../lib/errors';
import { CustomFieldDrawer } from './custom-fields/CustomFieldDrawer';

/** Administrators define the customer (and contact) fields their company needs beyond the standard ones. */
export default function CustomFieldsPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<CustomFieldEntity>('customer');
  const [drawer, setDrawer] = useState<{ open: boolean; field: CustomFieldDefinition | null }>({
    open: false,
    field: null,
  });
  const list = useQuery({
    queryKey: recordKeys.customFields(entity),
    queryFn: () => customFieldsApi.list(entity),
  });
  const items = list.data?.items ?? [];
  const nextPosition = items.reduce((max, d) => Math.max(max, d.position + 10), 0);
  const label = (l: { labelZh: string; labelEn: string }) => (locale === 'en-US' ? l.labelEn : l.labelZh);

  const toggle = useMutation({
    mutationFn: (d: CustomFieldDefinition) => customFieldsApi.update(d.id, d.version, { active: !d.active }),
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
      message.success(
        t(d.active ? 'customerAdmin.fields.reactivatedMsg' : 'customerAdmin.fields.deactivatedMsg', {
          name: label(d),
        }),
      );
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('errors.versionConflict'), 6);
        void list.refetch();
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const columns = useMemo<TableProps<CustomFieldDefinition>['columns']>(
    () => [
      { key: 'position', title: t('customerAdmin.fields.form.position'), dataIndex: 'position', width: 80 },
      {
        key: 'label',
        title: t('customerAdmin.fields.label'),
        render: (_, d) => (
          <Flex vertical>
            <Typography.Text strong={d.active} type={d.active ? undefined : 'secondary'}>
              {label(d)}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {locale === 'en-US' ? d.labelZh : d.labelEn} · <code>{d.key}</code>
            </Typography.Text>
          </Flex>
        ),
      },
      {
        key: 'type',
        title: t('customerAdmin.fields.form.type'),
        render: (_, d) => t(`customerFields.customFieldType.${d.type}`),
      },
      {
        key: 'options',
        title: t('customerAdmin.fields.form.options'),
        render: (_, d) =>
          d.options.length === 0 ? (
            '—'
          ) : (
            <Flex gap={4} wrap style={{ maxWidth: 320 }}>
              {d.options.slice(0, 6).map((o) => (
                <Tag key={o.value}>{label(o)}</Tag>
              ))}
              {d.options.length > 6 ? (
                <Tag>{t('customerAdmin.fields.moreOptions', { count: d.options.length - 6 })}</Tag>
              ) : null}
            </Flex>
          ),
      },
      {
        key: 'required',
        title: t('customerAdmin.fields.form.required'),
        render: (_, d) =>
          d.required ? <Tag color="blue">{t('customerAdmin.fields.requiredTag')}</Tag> : '—',
      },
      {
        key: 'active',
        title: t('customerAdmin.fields.status'),
        render: (_, d) =>
          d.active ? (
            <Tag color="green">{t('customerAdmin.fields.active')}</Tag>
          ) : (
            <Tag>{t('customerAdmin.fields.inactive')}</Tag>
          ),
      },
      {
        key: 'actions',
        title: t('common.actions'),
        render: (_, d) => (
          <Flex gap={4}>
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              onClick={() => setDrawer({ open: true, field: d })}
              data-testid="custom-field-edit"
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={
                d.active
                  ? t('customerAdmin.fields.deactivateConfirm', { name: label(d) })
                  : t('customerAdmin.fields.reactivateConfirm', { name: label(d) })
              }
              onConfirm={() => toggle.mutate(d)}
              okButtonProps={{ danger: d.active }}
            >
              <Button size="small" type="text" danger={d.active} data-testid="custom-field-toggle">
                {d.active ? t('customerAdmin.fields.deactivate') : t('customerAdmin.fields.reactivate')}
              </Button>
            </Popconfirm>
          </Flex>
        ),
      },
    ],
    [t, locale, toggle.mutate],
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('customerAdmin.fields.title')}</span>}
        subtitle={t('customerAdmin.fields.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ open: true, field: null })}
            data-testid="custom-field-new"
          >
            {t('customerAdmin.fields.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Flex gap={8} wrap style={{ marginBottom: 16 }} align="center">
          <Segmented<CustomFieldEntity>
            value={entity}
            onChange={setEntity}
            options={[
              { value: 'customer', label: t('customerAdmin.fields.entity.customer') },
              { value: 'contact', label: t('customerAdmin.fields.entity.contact') },
            ]}
            data-testid="custom-field-entity"
          />
          <Typography.Text type="secondary" style={{ flex: '1 1 240px' }}>
            {t(`customerAdmin.fields.entityHint.${entity}`)}
          </Typography.Text>
          <Tooltip title={t('common.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('common.refresh')}
              onClick={() => void list.refetch()}
            />
          </Tooltip>
        </Flex>
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<CustomFieldDefinition>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    <Flex vertical gap={4}>
                      <span>{t('customerAdmin.fields.empty')}</span>
                      <Typography.Text type="secondary">
                        {t('customerAdmin.fields.emptyHint')}
                      </Typography.Text>
                    </Flex>
                  }
                />
              ),
            }}
            data-testid="custom-fields-table"
          />
        )}
      </Card>
      <CustomFieldDrawer
        open={drawer.open}
        entity={entity}
        field={drawer.field}
        nextPosition={nextPosition}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
      />
    </>
  );
}
