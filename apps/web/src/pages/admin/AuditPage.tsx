import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@weixi/shared';
import { Button, Card, Empty, Flex, Select, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilters, keys, systemApi, usersApi } from '../../api/endpoints';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import type { Resources } from '../../i18n/zh-CN';

type EntityKey = keyof Resources['audit']['entities'];
type ActionKey = keyof Resources['audit']['actions'];
const entityKeys: EntityKey[] = ['user', 'department', 'api_token'];
/** The actions the server records today; the filter matches codes exactly. */
const actionCodes = [
  'session.login',
  'session.logout',
  'user.create',
  'user.update',
  'user.update+password_reset',
  'user.locked',
  'user.update_profile',
  'user.change_password',
  'department.create',
  'department.update',
  'department.delete',
  'api_token.create',
  'api_token.revoke',
];

const isEntityKey = (e: string): e is EntityKey => (entityKeys as string[]).includes(e);
/** Action codes contain dots, which i18next reads as nesting; the resource keys use underscores. */
const actionKey = (action: string) => action.replace(/[.+]/g, '_');
const actionKeyList: ActionKey[] = [
  'session_login',
  'session_logout',
  'user_create',
  'user_update',
  'user_update_password_reset',
  'user_locked',
  'user_update_profile',
  'user_change_password',
  'department_create',
  'department_update',
  'department_delete',
  'api_token_create',
  'api_token_revoke',
];
const isActionKey = (k: string): k is ActionKey => (actionKeyList as string[]).includes(k);

function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Field-by-field before/after, changed fields highlighted; the raw JSON stays one click away. */
function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fields.length === 0) return <Typography.Text type="secondary">{t('audit.noDetails')}</Typography.Text>;
  const rows = fields
    .map((field) => ({
      field,
      before: show(before[field]),
      after: show(after[field]),
      changed: entry.before !== null && entry.after !== null && show(before[field]) !== show(after[field]),
    }))
    // What changed is what the reader came for.
    .sort((a, b) => Number(b.changed) - Number(a.changed));
  return (
    <Flex vertical gap={8} data-testid="audit-diff">
      <Table
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        rowClassName={(r) => (r.changed ? 'weixi-changed' : '')}
        columns={[
          { key: 'field', title: t('audit.field'), dataIndex: 'field', width: 180 },
          ...(entry.before ? [{ key: 'before', title: t('audit.before'), dataIndex: 'before' }] : []),
          ...(entry.after ? [{ key: 'after', title: t('audit.after'), dataIndex: 'after' }] : []),
        ]}
      />
      <details>
        <summary>
          <Typography.Text type="secondary">{t('audit.raw')}</Typography.Text>
        </summary>
        <pre className="weixi-json">
          {JSON.stringify({ before: entry.before, after: entry.after }, null, 2)}
        </pre>
      </details>
    </Flex>
  );
}

function ActorSelect({ value, onChange }: { value?: string; onChange: (v?: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useQuery({
    queryKey: keys.userSearch(debounced),
    queryFn: () => usersApi.list({ q: debounced || undefined, sort: 'name' }, 20, undefined),
  });
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v?: string) => onChange(v)}
      placeholder={t('audit.actorPlaceholder')}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.email}）` }))}
      style={{ width: 240 }}
    />
  );
}

export default function AuditPage() {
  const { t } = useTranslation();
  const keyset = useKeyset(20);
  const [filters, setFiltersState] = useState<AuditFilters>({});

  const setFilters = (patch: Partial<AuditFilters>) => {
    setFiltersState((f) => {
      const next = { ...f, ...patch };
      for (const key of Object.keys(next) as (keyof AuditFilters)[]) if (!next[key]) delete next[key];
      return next;
    });
    keyset.reset();
  };

  const actionLabel = (code: string) => {
    const k = actionKey(code);
    return isActionKey(k) ? t(`audit.actions.${k}`) : code;
  };

  const list = useQuery({
    queryKey: keys.audit(filters, keyset.limit, keyset.cursor),
    queryFn: () => systemApi.audit(filters, keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<TableProps<AuditEntry>['columns']>(
    () => [
      {
        key: 'at',
        title: t('audit.at'),
        dataIndex: 'at',
        width: 170,
        render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss'),
      },
      {
        key: 'actor',
        title: t('audit.actor'),
        render: (_: unknown, e) =>
          e.actor?.name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
      },
      {
        key: 'action',
        title: t('audit.action'),
        dataIndex: 'action',
        render: (a: string) => (
          <Tooltip title={a}>
            <span>{actionLabel(a)}</span>
          </Tooltip>
        ),
      },
      {
        key: 'entity',
        title: t('audit.entity'),
        dataIndex: 'entity',
        render: (e: string) => <Tag>{isEntityKey(e) ? t(`audit.entities.${e}`) : e}</Tag>,
      },
      {
        key: 'entityId',
        title: t('audit.entityId'),
        dataIndex: 'entityId',
        ellipsis: true,
        render: (id: string | null) =>
          id ? (
            <Typography.Text code copyable={{ text: id }}>
              {id.slice(0, 8)}…
            </Typography.Text>
          ) : (
            '—'
          ),
      },
      { key: 'ip', title: t('audit.ip'), dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
    ],
    [t],
  );

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('audit.title')}</span>}
        subtitle={t('audit.subtitle')}
      />
      <Card variant="borderless">
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Select<string>
            allowClear
            placeholder={t('audit.entity')}
            value={filters.entity}
            onChange={(entity) => setFilters({ entity })}
            options={entityKeys.map((e) => ({ value: e, label: t(`audit.entities.${e}`) }))}
            style={{ width: 150 }}
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.action')}
            value={filters.action}
            onChange={(a) => setFilters({ action: a })}
            options={actionCodes.map((code) => ({ value: code, label: actionLabel(code) }))}
            style={{ width: 200 }}
          />
          <ActorSelect value={filters.actorId} onChange={(actorId) => setFilters({ actorId })} />
          <Tooltip title={t('common.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('common.refresh')}
              onClick={() => void list.refetch()}
              style={{ marginLeft: 'auto' }}
            />
          </Tooltip>
        </Flex>
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<AuditEntry>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (entry) => <AuditDiff entry={entry} /> }}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />,
              }}
              data-testid="audit-table"
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
