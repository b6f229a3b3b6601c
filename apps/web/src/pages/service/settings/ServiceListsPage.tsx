import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import {
  type ManagedListItem,
  type ManagedListKind,
  managedListApi,
  serviceAdminKeys,
} from '../../../api/service-admin';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { placeIssues } from '../issues';
import { nextSortOrder, reorderChanges } from './reorder';

interface EntryValues {
  name: string;
  description: string;
  sortOrder: number;
}

const entryFields = new Set(['name', 'description', 'sortOrder']);
const entryFieldName = (path: string) => (entryFields.has(path) ? [path] : null);

/** 工单分类与根本原因: the two managed lists, side by side as tabs. */
export default function ServiceListsPage() {
  const { t } = useTranslation();
  return (
    <div data-testid="service-lists">
      <PageHeader
        title={<span data-testid="page-title">{t('serviceAdmin.lists.title')}</span>}
        subtitle={t('serviceAdmin.lists.subtitle')}
      />
      <Card variant="borderless">
        <Tabs
          items={[
            {
              key: 'categories',
              label: t('serviceAdmin.lists.categories'),
              children: <ManagedList kind="categories" />,
            },
            {
              key: 'root-causes',
              label: t('serviceAdmin.lists.rootCauses'),
              children: <ManagedList kind="root-causes" />,
            },
          ]}
        />
      </Card>
    </div>
  );
}

function ManagedList({ kind }: { kind: ManagedListKind }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [includeInactive, setIncludeInactive] = useState(true);
  const [editing, setEditing] = useState<ManagedListItem | 'new' | null>(null);
  const list = useQuery({
    queryKey: serviceAdminKeys.list(kind, includeInactive),
    queryFn: () => managedListApi.list(kind, includeInactive),
  });
  const listName =
    kind === 'categories' ? t('serviceAdmin.lists.categories') : t('serviceAdmin.lists.rootCauses');
  const items = [...(list.data ?? [])].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: serviceAdminKeys.lists(kind) });

  const onWriteError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') {
      message.warning(t('serviceAdmin.errors.versionConflict'), 6);
      void refresh();
      return;
    }
    message.error(errorText(t, err));
  };

  const toggle = useMutation({
    mutationFn: (item: ManagedListItem) =>
      managedListApi.update(kind, item.id, { active: !item.active, version: item.version }),
    onSuccess: () => {
      message.success(t('serviceAdmin.lists.updated'));
      void refresh();
    },
    onError: onWriteError,
  });

  const move = useMutation({
    mutationFn: async ({ index, by }: { index: number; by: -1 | 1 }) => {
      // One after the other: each write carries its own version.
      for (const change of reorderChanges(items, index, by))
        await managedListApi.update(kind, change.id, {
          sortOrder: change.sortOrder,
          version: change.version,
        });
    },
    onSettled: () => void refresh(),
    onError: onWriteError,
  });

  if (list.isError) return <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;

  return (
    <Flex vertical gap={12} data-testid={`list-${kind}`}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space>
          <Switch
            checked={includeInactive}
            onChange={setIncludeInactive}
            data-testid={`list-${kind}-inactive`}
          />
          <Typography.Text>{t('serviceAdmin.lists.showInactive')}</Typography.Text>
        </Space>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing('new')}
          data-testid={`list-${kind}-add`}
        >
          {t('serviceAdmin.lists.add')}
        </Button>
      </Flex>
      <Table<ManagedListItem>
        rowKey="id"
        size="middle"
        loading={list.isPending || move.isPending}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: <Empty description={t('serviceAdmin.lists.empty')} /> }}
        columns={[
          {
            key: 'order',
            title: t('serviceAdmin.lists.sortOrder'),
            width: 120,
            render: (_, r, i) => (
              <Space size={0}>
                <Tooltip title={t('serviceAdmin.lists.moveUp')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0 || move.isPending}
                    onClick={() => move.mutate({ index: i, by: -1 })}
                    aria-label={t('serviceAdmin.lists.moveUp')}
                    data-testid={`list-${kind}-${i}-up`}
                  />
                </Tooltip>
                <Tooltip title={t('serviceAdmin.lists.moveDown')}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === items.length - 1 || move.isPending}
                    onClick={() => move.mutate({ index: i, by: 1 })}
                    aria-label={t('serviceAdmin.lists.moveDown')}
                    data-testid={`list-${kind}-${i}-down`}
                  />
                </Tooltip>
                <Typography.Text type="secondary">{r.sortOrder}</Typography.Text>
              </Space>
            ),
          },
          {
            key: 'name',
            title: t('serviceAdmin.lists.name'),
            render: (_, r) => (
              <Typography.Text delete={!r.active} type={r.active ? undefined : 'secondary'}>
                {r.name}
              </Typography.Text>
            ),
          },
          {
            key: 'description',
            title: t('serviceAdmin.lists.description'),
            render: (_, r) => <Typography.Text type="secondary">{r.description}</Typography.Text>,
          },
          {
            key: 'status',
            title: t('serviceAdmin.lists.status'),
            width: 100,
            render: (_, r) =>
              r.active ? (
                <Tag color="green">{t('serviceAdmin.lists.active')}</Tag>
              ) : (
                <Tag>{t('serviceAdmin.lists.inactive')}</Tag>
              ),
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 200,
            render: (_, r) => (
              <Space>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(r)}
                  data-testid={`list-${kind}-edit-${r.id}`}
                >
                  {t('serviceAdmin.lists.rename')}
                </Button>
                {r.active ? (
                  <Popconfirm
                    title={t('serviceAdmin.lists.deactivate')}
                    description={t('serviceAdmin.lists.deactivateHint')}
                    onConfirm={() => toggle.mutateAsync(r)}
                  >
                    <Button size="small" danger data-testid={`list-${kind}-deactivate-${r.id}`}>
                      {t('serviceAdmin.lists.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button
                    size="small"
                    loading={toggle.isPending && toggle.variables?.id === r.id}
                    onClick={() => toggle.mutate(r)}
                    data-testid={`list-${kind}-reactivate-${r.id}`}
                  >
                    {t('serviceAdmin.lists.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing ? (
        <EntryModal
          kind={kind}
          listName={listName}
          entry={editing === 'new' ? null : editing}
          defaultSortOrder={nextSortOrder(items)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      ) : null}
    </Flex>
  );
}

function EntryModal({
  kind,
  listName,
  entry,
  defaultSortOrder,
  onClose,
  onSaved,
}: {
  kind: ManagedListKind;
  listName: string;
  entry: ManagedListItem | null;
  defaultSortOrder: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EntryValues>();
  // One key per opened form: a double click or a retry cannot add the entry twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const save = useMutation({
    mutationFn: (v: EntryValues) => {
      const body = { name: v.name.trim(), description: (v.description ?? '').trim(), sortOrder: v.sortOrder };
      return entry
        ? managedListApi.update(kind, entry.id, { ...body, version: entry.version })
        : managedListApi.create(kind, body, idempotencyKey);
    },
    onSuccess: () => {
      message.success(entry ? t('serviceAdmin.lists.updated') : t('serviceAdmin.lists.created'));
      onSaved();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('serviceAdmin.errors.versionConflict'), 6);
        onSaved();
        return;
      }
      if (isApiError(err) && err.fieldErrors.length > 0) {
        // A duplicate name comes back as a conflict on `name`: beside the field, not a toast.
        // "duplicate" on a name means another entry has it, not that it is listed twice here.
        const issues = err.fieldErrors.map((i) =>
          i.path === 'name' && i.code === 'duplicate' ? { ...i, code: 'name_already_exists' } : i,
        );
        const unplaced = placeIssues(t, form, issues, entryFieldName);
        if (unplaced.length === 0) return;
      }
      if (isApiError(err) && err.code === 'already_exists') {
        form.setFields([{ name: 'name', errors: [t('serviceAdmin.errors.already_exists')] }]);
        return;
      }
      message.error(errorText(t, err));
    },
  });
  const maxName = kind === 'categories' ? 60 : 80;
  return (
    <Modal
      open
      title={
        entry
          ? t('serviceAdmin.lists.editTitle', { list: listName })
          : t('serviceAdmin.lists.newTitle', { list: listName })
      }
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ ...{ 'data-testid': 'entry-save' } }}
    >
      <Form<EntryValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          entry
            ? { name: entry.name, description: entry.description, sortOrder: entry.sortOrder }
            : { name: '', description: '', sortOrder: defaultSortOrder }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('serviceAdmin.lists.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: maxName, message: t('validation.tooLong', { max: maxName }) },
          ]}
        >
          <Input autoFocus maxLength={maxName} showCount data-testid="entry-name" />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('serviceAdmin.lists.description')}
          rules={[{ max: 500, message: t('validation.tooLong', { max: 500 }) }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="entry-description" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('serviceAdmin.lists.sortOrder')}>
          <InputNumber min={-100000} max={100000} precision={0} data-testid="entry-sortOrder" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
