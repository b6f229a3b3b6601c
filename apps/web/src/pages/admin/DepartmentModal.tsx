import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateDepartmentRequest,
  createDepartmentRequestSchema,
  type Department,
  limits,
  type UpdateDepartmentRequest,
  updateDepartmentRequestSchema,
} from '@weixi/shared';
import { App, Button, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { departmentsApi, keys, usersApi } from '../../api/endpoints';
import { buildDepartmentTree, subtreeIds, toTreeSelect } from '../../lib/departments';
import { errorText } from '../../lib/errors';
import { applyServerErrors, validateRequest, zodRule } from '../../lib/forms';

interface DepartmentFormValues {
  name: string;
  parentId?: string;
  managerId?: string;
}

const formFields = ['name', 'parentId', 'managerId'] as const;

/** Picks a manager among active users, searching the server as the admin types. */
function ManagerSelect({
  value,
  onChange,
  current,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  current: { id: string; name: string } | null;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useQuery({
    queryKey: keys.userSearch(debounced),
    queryFn: () =>
      usersApi.list({ q: debounced || undefined, status: 'active', sort: 'name' }, 20, undefined),
  });
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name}（${u.email}）` }));
    if (current && !list.some((o) => o.value === current.id))
      list.unshift({ value: current.id, label: current.name });
    return list;
  }, [found.data, current]);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v?: string) => onChange?.(v)}
      placeholder={t('departments.managerSearch')}
      loading={found.isFetching}
      options={options}
      data-testid="dept-form-manager"
    />
  );
}

/** Create (department = null, optionally under a parent) or rename / move / set the manager. */
export function DepartmentModal({
  open,
  department,
  parentId,
  all,
  onClose,
  onSaved,
}: {
  open: boolean;
  department: Department | null;
  parentId: string | null;
  all: Department[];
  onClose: () => void;
  onSaved: (d: Department) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DepartmentFormValues>();
  const [current, setCurrent] = useState<Department | null>(department);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);

  const valuesOf = (d: Department | null): DepartmentFormValues => {
    const v: DepartmentFormValues = { name: d?.name ?? '' };
    const parent = d ? d.parentId : parentId;
    if (parent) v.parentId = parent;
    if (d?.manager) v.managerId = d.manager.id;
    return v;
  };

  // Reset only when the dialog opens, not while the user is typing.
  useEffect(() => {
    if (!open) return;
    setCurrent(department);
    setIdempotencyKey(newIdempotencyKey());
    form.resetFields();
    form.setFieldsValue(valuesOf(department));
  }, [open, department]);

  const treeData = useMemo(() => {
    const tree = buildDepartmentTree(all);
    // A department cannot become its own ancestor: its subtree is not a valid parent.
    return toTreeSelect(tree, current ? subtreeIds(tree, current.id) : new Set());
  }, [all, current]);

  const save = useMutation({
    mutationFn: async (values: DepartmentFormValues): Promise<Department | null> => {
      if (current) {
        const body: UpdateDepartmentRequest = {};
        if (values.name !== current.name) body.name = values.name;
        if ((values.parentId ?? null) !== current.parentId) body.parentId = values.parentId ?? null;
        if ((values.managerId ?? null) !== (current.manager?.id ?? null))
          body.managerId = values.managerId ?? null;
        const request = validateRequest(t, form, updateDepartmentRequestSchema, body);
        if (!request) return null;
        if (Object.keys(request).length === 0) return current;
        return departmentsApi.update(current.id, current.version, request);
      }
      const body: CreateDepartmentRequest = { name: values.name };
      if (values.parentId) body.parentId = values.parentId;
      if (values.managerId) body.managerId = values.managerId;
      const request = validateRequest(t, form, createDepartmentRequestSchema, body);
      if (!request) return null;
      return departmentsApi.create(request, idempotencyKey);
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void queryClient.invalidateQueries({ queryKey: keys.departments });
      message.success(t(current ? 'departments.updatedMsg' : 'departments.createdMsg', { name: saved.name }));
      onSaved(saved);
    },
    onError: async (err) => {
      if (isApiError(err) && err.code === 'version_conflict' && current) {
        message.warning(t('errors.versionConflict'), 6);
        const fresh = await departmentsApi.get(current.id);
        setCurrent(fresh);
        form.setFieldsValue(valuesOf(fresh));
        void queryClient.invalidateQueries({ queryKey: keys.departments });
        return;
      }
      if (isApiError(err) && applyServerErrors(t, form, err, formFields)) return;
      message.error(errorText(t, err));
    },
  });

  return (
    <Modal
      open={open}
      title={current ? t('departments.editTitle', { name: current.name }) : t('departments.createTitle')}
      onCancel={onClose}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="dept-form-submit"
        >
          {t('common.save')}
        </Button>,
      ]}
      // Kept mounted so the form instance stays connected while the dialog is closed.
      forceRender
    >
      <Form<DepartmentFormValues>
        form={form}
        name="dept-form"
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        style={{ marginTop: 16 }}
      >
        <Form.Item
          name="name"
          label={t('departments.name')}
          required
          rules={[zodRule(t, createDepartmentRequestSchema.shape.name)]}
        >
          <Input maxLength={limits.departmentNameMax} autoFocus data-testid="dept-form-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('departments.parent')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={t('departments.topLevel')}
            treeData={treeData}
            data-testid="dept-form-parent"
          />
        </Form.Item>
        <Form.Item name="managerId" label={t('departments.manager')}>
          <ManagerSelect current={current?.manager ?? null} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
