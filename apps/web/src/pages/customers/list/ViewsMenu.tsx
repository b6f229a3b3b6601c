import { AppstoreOutlined, CheckOutlined, DownOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Flex, Form, Input, type MenuProps, Modal, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { customerKeys, type SavedView, savedViewsApi } from '../../../api/customers';
import { errorText } from '../../../lib/errors';
import { differsFromView, fromViewQuery, type ListState, toViewQuery, type ViewQuery } from './list-state';

type Dialog = { mode: 'save' } | { mode: 'rename'; view: SavedView } | null;

/**
 * Personal saved views: apply one, save the current list as a new one, save changes to the applied
 * one, rename, delete. The button says which view is applied and whether the list has drifted
 * from it since.
 */
export function ViewsMenu({
  views,
  state,
  columns,
  onApply,
  onReset,
  onSaved,
  onDetach,
}: {
  views: SavedView[];
  state: ListState;
  columns: readonly string[];
  onApply: (view: SavedView, query: ViewQuery) => void;
  onReset: () => void;
  /** A new view was saved from the current list: it becomes the applied one. */
  onSaved: (view: SavedView) => void;
  /** The applied view was deleted: the list keeps its filters but no longer belongs to a view. */
  onDetach: () => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ name: string }>();
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const applied = views.find((v) => v.id === state.viewId);
  const modified = applied ? differsFromView(state, columns, fromViewQuery(applied.query)) : false;
  const refresh = () => queryClient.invalidateQueries({ queryKey: customerKeys.views });

  const onError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') {
      message.warning(t('errors.versionConflict'));
      void refresh();
      return;
    }
    if (isApiError(err) && err.fieldErrors.some((e) => e.path === 'name' && e.code === 'already_exists')) {
      form.setFields([{ name: 'name', errors: [t('customers.views.nameTaken')] }]);
      return;
    }
    message.error(errorText(t, err));
  };

  const create = useMutation({
    mutationFn: (name: string) =>
      savedViewsApi.create({ name, query: { ...toViewQuery(state, columns) } }, idempotencyKey),
    onSuccess: (view) => {
      message.success(t('customers.views.savedMsg', { name: view.name }));
      setDialog(null);
      setIdempotencyKey(newIdempotencyKey());
      void refresh();
      onSaved(view);
    },
    onError,
  });

  const update = useMutation({
    mutationFn: ({
      view,
      body,
    }: {
      view: SavedView;
      body: { name?: string; query?: Record<string, unknown> };
    }) => savedViewsApi.update(view.id, view.version, body),
    onSuccess: (view, { body }) => {
      message.success(
        body.name
          ? t('customers.views.renamedMsg', { name: view.name })
          : t('customers.views.updatedMsg', { name: view.name }),
      );
      setDialog(null);
      void refresh();
    },
    onError,
  });

  const remove = useMutation({
    mutationFn: (view: SavedView) => savedViewsApi.remove(view.id),
    onSuccess: (_, view) => {
      message.success(t('customers.views.deletedMsg', { name: view.name }));
      void refresh();
      if (view.id === state.viewId) onDetach();
    },
    onError,
  });

  const open = (next: Dialog) => {
    form.setFieldsValue({ name: next?.mode === 'rename' ? next.view.name : '' });
    form.setFields([{ name: 'name', errors: [] }]);
    setDialog(next);
  };

  const items: MenuProps['items'] = [
    {
      type: 'group',
      key: 'mine',
      label: t('customers.views.mine'),
      children:
        views.length === 0
          ? [{ key: 'none', disabled: true, label: t('customers.views.none') }]
          : views.map((v) => ({
              key: `apply:${v.id}`,
              icon: v.id === state.viewId ? <CheckOutlined /> : <span style={{ width: 14 }} />,
              label: <span data-testid={`view-item-${v.name}`}>{v.name}</span>,
            })),
    },
    { type: 'divider' },
    { key: 'save', label: <span data-testid="view-save">{t('customers.views.saveAs')}</span> },
    ...(applied
      ? [
          {
            key: 'update',
            disabled: !modified,
            label: (
              <span data-testid="view-update">{t('customers.views.update', { name: applied.name })}</span>
            ),
          },
          { key: 'rename', label: <span data-testid="view-rename">{t('customers.views.rename')}</span> },
          {
            key: 'delete',
            danger: true,
            label: <span data-testid="view-delete">{t('customers.views.delete')}</span>,
          },
        ]
      : []),
    { type: 'divider' },
    { key: 'reset', label: <span data-testid="view-reset">{t('customers.views.reset')}</span> },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key.startsWith('apply:')) {
      const view = views.find((v) => `apply:${v.id}` === key);
      if (view) onApply(view, fromViewQuery(view.query));
    } else if (key === 'save') open({ mode: 'save' });
    else if (key === 'reset') onReset();
    else if (applied && key === 'update')
      update.mutate({ view: applied, body: { query: { ...toViewQuery(state, columns) } } });
    else if (applied && key === 'rename') open({ mode: 'rename', view: applied });
    else if (applied && key === 'delete') {
      modal.confirm({
        title: t('customers.views.deleteConfirm', { name: applied.name }),
        okText: t('common.delete'),
        okButtonProps: { danger: true },
        cancelText: t('common.cancel'),
        onOk: () => remove.mutateAsync(applied).catch(() => undefined),
      });
    }
  };

  const submit = async () => {
    const { name } = await form.validateFields();
    const trimmed = name.trim();
    if (dialog?.mode === 'rename') update.mutate({ view: dialog.view, body: { name: trimmed } });
    else create.mutate(trimmed);
  };

  return (
    <>
      <Flex align="center" gap={4}>
        <Dropdown menu={{ items, onClick }} trigger={['click']}>
          <Button icon={<AppstoreOutlined />} data-testid="views-menu">
            <span style={{ maxWidth: 180, overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {applied?.name ?? t('customers.views.button')}
            </span>
            <DownOutlined />
          </Button>
        </Dropdown>
        {modified && applied ? (
          <Tooltip title={t('customers.views.modifiedHint', { name: applied.name })}>
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="view-modified">
              {t('customers.views.modified')}
            </Tag>
          </Tooltip>
        ) : null}
      </Flex>
      <Modal
        open={dialog !== null}
        title={dialog?.mode === 'rename' ? t('customers.views.renameTitle') : t('customers.views.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending || update.isPending}
        onOk={() => void submit().catch(() => undefined)}
        onCancel={() => setDialog(null)}
        okButtonProps={{ 'data-testid': 'view-name-submit' } as Record<string, string>}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={() => void submit().catch(() => undefined)}>
          <Form.Item
            name="name"
            label={t('customers.views.name')}
            extra={dialog?.mode === 'save' ? t('customers.views.nameHelp') : undefined}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 60, message: t('validation.tooLong', { max: 60 }) },
            ]}
          >
            <Input
              autoFocus
              maxLength={60}
              placeholder={t('customers.views.namePlaceholder')}
              data-testid="view-name-input"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
