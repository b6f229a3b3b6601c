import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Department, Role, User } from '@weixi/shared';
import {
  App,
  Badge,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Row,
  Skeleton,
  Table,
  Tag,
  Tree,
  type TreeDataNode,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { departmentsApi, keys, usersApi } from '../../api/endpoints';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { buildDepartmentTree, type DepartmentNode, useAllDepartments } from '../../lib/departments';
import { errorText } from '../../lib/errors';
import { DepartmentModal } from './DepartmentModal';

const membersShown = 50;

function toTreeData(nodes: DepartmentNode[], filter: string): TreeDataNode[] {
  const out: TreeDataNode[] = [];
  for (const n of nodes) {
    const children = toTreeData(n.children, filter);
    const matches = !filter || n.department.name.toLowerCase().includes(filter.toLowerCase());
    // A match deep down keeps its ancestors, so it is still shown in place.
    if (!matches && children.length === 0) continue;
    out.push({
      key: n.department.id,
      title: (
        <Flex gap={8} align="center" data-testid="dept-node">
          <span>{n.department.name}</span>
          <Badge count={n.department.memberCount} showZero color="#8c8c8c" size="small" />
        </Flex>
      ),
      children,
    });
  }
  return out;
}

function Members({ department }: { department: Department }) {
  const { t } = useTranslation();
  const members = useQuery({
    queryKey: keys.departmentMembers(department.id),
    queryFn: () => usersApi.list({ departmentId: department.id, sort: 'name' }, membersShown, undefined),
  });
  if (members.isError) return <ErrorResult error={members.error} onRetry={() => void members.refetch()} />;
  const total = members.data?.total ?? 0;
  return (
    <>
      <Table<User>
        rowKey="id"
        size="small"
        loading={members.isPending}
        dataSource={members.data?.items ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.membersEmpty')} />
          ),
        }}
        columns={[
          { key: 'name', title: t('users.name'), dataIndex: 'name' },
          { key: 'role', title: t('users.role'), dataIndex: 'role', render: (r: Role) => t(`roles.${r}`) },
          {
            key: 'status',
            title: t('users.status'),
            render: (_: unknown, u) => (
              <Tag color={u.status === 'active' ? 'green' : 'default'}>{t(`statuses.${u.status}`)}</Tag>
            ),
          },
        ]}
      />
      {total > membersShown ? (
        <Typography.Text type="secondary">
          {t('departments.moreMembers', { shown: membersShown, total })}
        </Typography.Text>
      ) : null}
    </>
  );
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message, modal: dialogs } = App.useApp();
  const queryClient = useQueryClient();
  const departments = useAllDepartments();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [modal, setModal] = useState<{
    open: boolean;
    department: Department | null;
    parentId: string | null;
  }>({
    open: false,
    department: null,
    parentId: null,
  });

  const all = departments.data?.items ?? [];
  const tree = useMemo(() => buildDepartmentTree(all), [all]);
  const treeData = useMemo(() => toTreeData(tree, filter.trim()), [tree, filter]);
  const selected = all.find((d) => d.id === selectedId) ?? null;
  const byId = useMemo(() => new Map(all.map((d) => [d.id, d])), [all]);
  const childCount = selected ? all.filter((d) => d.parentId === selected.id).length : 0;

  const remove = useMutation({
    mutationFn: (d: Department) => departmentsApi.remove(d.id, d.version),
    onSuccess: (_void, d) => {
      message.success(t('departments.deletedMsg', { name: d.name }));
      setSelectedId(d.parentId);
      void queryClient.invalidateQueries({ queryKey: keys.departments });
    },
    onError: (err, d) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('errors.versionConflict'));
        void queryClient.invalidateQueries({ queryKey: keys.departments });
        return;
      }
      if (isApiError(err) && err.code === 'conflict') {
        // A department with members or sub-departments is refused; the server's detail says how many.
        dialogs.error({ title: t('departments.cannotDelete', { name: d.name }), content: err.detail });
        void queryClient.invalidateQueries({ queryKey: keys.departments });
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const openCreate = (parentId: string | null) => setModal({ open: true, department: null, parentId });

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('departments.title')}</span>}
        subtitle={t('departments.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => openCreate(null)}
            data-testid="dept-new"
          >
            {t('departments.new')}
          </Button>
        }
      />
      {departments.isError ? (
        <ErrorResult error={departments.error} onRetry={() => void departments.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={10} xl={8}>
            <Card
              variant="borderless"
              title={
                <Flex gap={8} align="center">
                  <ApartmentOutlined />
                  {t('departments.tree')}
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    {t('common.total', { count: departments.data?.total ?? 0 })}
                  </Typography.Text>
                </Flex>
              }
            >
              <Input.Search
                allowClear
                placeholder={t('departments.searchPlaceholder')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                style={{ marginBottom: 12 }}
              />
              {departments.isPending ? (
                <Skeleton active />
              ) : treeData.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.empty')} />
              ) : (
                <Tree
                  blockNode
                  showLine
                  defaultExpandAll
                  // Remounting on filter change re-expands every branch that holds a match.
                  key={`${filter}:${all.length}`}
                  treeData={treeData}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keysSelected) => setSelectedId(keysSelected[0] ? String(keysSelected[0]) : null)}
                  data-testid="dept-tree"
                />
              )}
            </Card>
          </Col>
          <Col xs={24} md={14} xl={16}>
            <Card
              variant="borderless"
              title={selected ? selected.name : t('departments.details')}
              extra={
                selected ? (
                  <Flex gap={8} wrap>
                    <Button icon={<PlusOutlined />} onClick={() => openCreate(selected.id)}>
                      {t('departments.newChild')}
                    </Button>
                    <Button
                      icon={<EditOutlined />}
                      onClick={() =>
                        setModal({ open: true, department: selected, parentId: selected.parentId })
                      }
                      data-testid="dept-edit"
                    >
                      {t('common.edit')}
                    </Button>
                    <Popconfirm
                      title={t('departments.deleteConfirm', { name: selected.name })}
                      okButtonProps={{ danger: true }}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutateAsync(selected).catch(() => undefined)}
                    >
                      <Button danger icon={<DeleteOutlined />} data-testid="dept-delete">
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                ) : null
              }
              data-testid="dept-details"
            >
              {selected ? (
                <Flex vertical gap={24}>
                  <Descriptions
                    column={{ xs: 1, sm: 2 }}
                    size="small"
                    items={[
                      { key: 'name', label: t('departments.name'), children: selected.name },
                      {
                        key: 'parent',
                        label: t('departments.parent'),
                        children: selected.parentId
                          ? (byId.get(selected.parentId)?.name ?? '—')
                          : t('departments.topLevel'),
                      },
                      {
                        key: 'manager',
                        label: t('departments.manager'),
                        children: selected.manager?.name ?? (
                          <Typography.Text type="secondary">{t('departments.noManager')}</Typography.Text>
                        ),
                      },
                      { key: 'members', label: t('departments.memberCount'), children: selected.memberCount },
                      { key: 'children', label: t('departments.subDepartments'), children: childCount },
                      {
                        key: 'updated',
                        label: t('departments.updatedAt'),
                        children: dayjs(selected.updatedAt).format('YYYY-MM-DD HH:mm'),
                      },
                    ]}
                  />
                  <div>
                    <Typography.Title level={5}>{t('departments.members')}</Typography.Title>
                    <Members department={selected} />
                  </div>
                </Flex>
              ) : (
                <Empty description={t('departments.selectHint')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      <DepartmentModal
        open={modal.open}
        department={modal.department}
        parentId={modal.parentId}
        all={all}
        onClose={() => setModal((m) => ({ ...m, open: false }))}
        onSaved={(d) => {
          setModal((m) => ({ ...m, open: false }));
          setSelectedId(d.id);
        }}
      />
    </>
  );
}
