import { LockOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Role, roles, type User, type UserStatus, userStatuses } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  type TableProps,
  Tag,
  Tooltip,
  TreeSelect,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { keys, type UserFilters, type UserSort, usersApi } from '../../api/endpoints';
import { useCurrentUser } from '../../auth/current-user';
import { ColumnChooser, useVisibleColumns } from '../../components/ColumnChooser';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { useLocale } from '../../i18n/LocaleProvider';
import { buildDepartmentTree, toTreeSelect, useAllDepartments } from '../../lib/departments';
import { errorText } from '../../lib/errors';
import { isLocked, UserDrawer } from './UserDrawer';

const columnKeys = [
  'name',
  'email',
  'role',
  'dataScope',
  'department',
  'phone',
  'status',
  'lastLoginAt',
  'createdAt',
] as const;
type ColumnKey = (typeof columnKeys)[number];
const defaultColumns: ColumnKey[] = ['name', 'email', 'role', 'department', 'phone', 'status', 'lastLoginAt'];

const formatTime = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : null);

function sortOrder(sort: UserSort, field: 'name' | 'createdAt') {
  if (sort === field) return 'ascend' as const;
  if (sort === `-${field}`) return 'descend' as const;
  return null;
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale } = useLocale();
  // The server refuses to let administrators disable themselves; the button is not offered.
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const keyset = useKeyset(20);
  const [filters, setFiltersState] = useState<UserFilters>({ sort: '-createdAt' });
  const [search, setSearch] = useState('');
  const [visible, setVisible] = useVisibleColumns<ColumnKey>(
    'weixi.users.columns',
    columnKeys,
    defaultColumns,
  );
  const [drawer, setDrawer] = useState<{ open: boolean; user: User | null }>({ open: false, user: null });
  const departments = useAllDepartments();
  const departmentTree = useMemo(
    () => toTreeSelect(buildDepartmentTree(departments.data?.items ?? [])),
    [departments.data],
  );

  const setFilters = (patch: Partial<UserFilters>) => {
    setFiltersState((f) => {
      const next = { ...f, ...patch };
      for (const key of Object.keys(next) as (keyof UserFilters)[])
        if (next[key] === undefined) delete next[key];
      return next;
    });
    keyset.reset();
  };

  const list = useQuery({
    queryKey: keys.userList(filters, keyset.limit, keyset.cursor),
    queryFn: () => usersApi.list(filters, keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
  });

  const disable = useMutation({
    mutationFn: (user: User) => usersApi.disable(user.id, user.version),
    onSuccess: (user) => {
      message.success(t('users.disabledMsg', { name: user.name }));
      void queryClient.invalidateQueries({ queryKey: keys.users });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('errors.versionConflict'));
        void queryClient.invalidateQueries({ queryKey: keys.users });
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const sort = filters.sort ?? '-createdAt';
  const allColumns: Record<ColumnKey, NonNullable<TableProps<User>['columns']>[number]> = {
    name: {
      key: 'name',
      title: t('users.name'),
      dataIndex: 'name',
      sorter: true,
      sortOrder: sortOrder(sort, 'name'),
      sortDirections: ['ascend', 'descend'],
      render: (name: string, user) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setDrawer({ open: true, user })}>
          {name}
        </Button>
      ),
    },
    email: { key: 'email', title: t('users.email'), dataIndex: 'email', ellipsis: true },
    role: {
      key: 'role',
      title: t('users.role'),
      dataIndex: 'role',
      render: (role: Role) => <Tag color={role === 'admin' ? 'gold' : 'blue'}>{t(`roles.${role}`)}</Tag>,
    },
    dataScope: {
      key: 'dataScope',
      title: t('users.dataScope'),
      dataIndex: 'dataScope',
      render: (s: User['dataScope']) => t(`dataScopes.${s}`),
    },
    department: {
      key: 'department',
      title: t('users.department'),
      render: (_: unknown, user) => user.department?.name ?? <Tag>{t('users.noDepartment')}</Tag>,
    },
    phone: { key: 'phone', title: t('users.phone'), dataIndex: 'phone', render: (p: string) => p || '—' },
    status: {
      key: 'status',
      title: t('users.status'),
      render: (_: unknown, user) => (
        <Flex gap={4} wrap>
          <Tag color={user.status === 'active' ? 'green' : 'default'}>{t(`statuses.${user.status}`)}</Tag>
          {isLocked(user) ? (
            <Tooltip title={t('users.lockedUntil', { time: formatTime(user.lockedUntil) })}>
              <Tag color="red" icon={<LockOutlined />}>
                {t('users.locked')}
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    lastLoginAt: {
      key: 'lastLoginAt',
      title: t('users.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      render: (v: string | null) => formatTime(v) ?? t('common.never'),
    },
    createdAt: {
      key: 'createdAt',
      title: t('users.createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrder(sort, 'createdAt'),
      sortDirections: ['descend', 'ascend'],
      render: (v: string) => formatTime(v),
    },
  };

  const columns: TableProps<User>['columns'] = [
    ...visible.map((k) => allColumns[k]),
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 140,
      render: (_: unknown, user) => (
        <Flex gap={4}>
          <Button size="small" type="link" onClick={() => setDrawer({ open: true, user })}>
            {t('common.edit')}
          </Button>
          {user.status === 'active' && user.id !== me.id ? (
            <Popconfirm
              title={t('users.disableConfirm', { name: user.name })}
              okButtonProps={{ danger: true }}
              okText={t('users.disable')}
              cancelText={t('common.cancel')}
              onConfirm={() => disable.mutateAsync(user).catch(() => undefined)}
            >
              <Button size="small" type="link" danger>
                {t('users.disable')}
              </Button>
            </Popconfirm>
          ) : null}
        </Flex>
      ),
    },
  ];

  const onTableChange: TableProps<User>['onChange'] = (_pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.columnKey === 'name' || s?.columnKey === 'createdAt' ? s.columnKey : null;
    if (!field || !s?.order) return setFilters({ sort: '-createdAt' });
    setFilters({ sort: s.order === 'ascend' ? field : `-${field}` });
  };

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('users.title')}</span>}
        subtitle={t('users.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDrawer({ open: true, user: null })}
            data-testid="user-new"
          >
            {t('users.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              if (e.target.value === '') setFilters({ q: undefined });
            }}
            onSearch={(q) => setFilters({ q: q.trim() || undefined })}
            style={{ width: 260 }}
            data-testid="user-search"
          />
          <Select<Role>
            allowClear
            placeholder={t('users.allRoles')}
            value={filters.role}
            onChange={(role) => setFilters({ role })}
            options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            style={{ width: 150 }}
          />
          <Select<UserStatus>
            allowClear
            placeholder={t('users.allStatuses')}
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            options={userStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            style={{ width: 120 }}
          />
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={t('users.allDepartments')}
            value={filters.departmentId}
            onChange={(departmentId?: string) => setFilters({ departmentId })}
            treeData={departmentTree}
            style={{ width: 200 }}
          />
          <Flex gap={8} style={{ marginLeft: 'auto' }}>
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                aria-label={t('common.refresh')}
                onClick={() => void list.refetch()}
                loading={list.isFetching && !list.isPending}
              />
            </Tooltip>
            <ColumnChooser<ColumnKey>
              options={columnKeys.map((k) => ({ value: k, label: t(`users.${k}`), disabled: k === 'name' }))}
              value={visible}
              onChange={setVisible}
            />
          </Flex>
        </Flex>
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<User>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              onChange={onTableChange}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} />,
              }}
              data-testid="users-table"
            />
            <KeysetPager
              keyset={keyset}
              total={list.data?.total}
              nextCursor={list.data?.nextCursor}
              loading={list.isFetching}
              testId="users-pager"
            />
          </>
        )}
      </Card>
      <UserDrawer
        open={drawer.open}
        user={drawer.user}
        defaultLocale={locale}
        onClose={() => setDrawer((d) => ({ ...d, open: false }))}
      />
    </>
  );
}
