import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CreateUserRequest,
  createUserRequestSchema,
  type DataScopeKind,
  dataScopes,
  type Locale,
  limits,
  locales,
  type Role,
  roles,
  type UpdateUserRequest,
  type User,
  type UserStatus,
  updateUserRequestSchema,
  userStatuses,
} from '@weixi/shared';
import { Alert, App, Button, Checkbox, Drawer, Flex, Form, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { keys, usersApi } from '../../api/endpoints';
import { buildDepartmentTree, toTreeSelect, useAllDepartments } from '../../lib/departments';
import { errorText } from '../../lib/errors';
import { applyServerErrors, validateRequest, zodRule } from '../../lib/forms';

interface UserFormValues {
  email: string;
  name: string;
  password?: string;
  role: Role;
  dataScope?: DataScopeKind;
  departmentId?: string;
  phone?: string;
  status: UserStatus;
  locale: Locale;
  unlock?: boolean;
}

const formFields = [
  'email',
  'name',
  'password',
  'role',
  'dataScope',
  'departmentId',
  'phone',
  'status',
  'locale',
  'unlock',
] as const;

const blankToUndefined = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);

function valuesOf(user: User | null, defaultLocale: Locale): UserFormValues {
  if (!user) return { email: '', name: '', role: 'account_manager', status: 'active', locale: defaultLocale };
  const values: UserFormValues = {
    email: user.email,
    name: user.name,
    role: user.role,
    dataScope: user.dataScope,
    phone: user.phone,
    status: user.status,
    locale: user.locale,
    unlock: false,
  };
  if (user.department) values.departmentId = user.department.id;
  return values;
}

/** Only what changed goes into the PATCH, so the audit log shows the edit and nothing else. */
function diff(user: User, v: UserFormValues): UpdateUserRequest {
  const body: UpdateUserRequest = {};
  if (v.email !== user.email) body.email = v.email;
  if (v.name !== user.name) body.name = v.name;
  if (v.role !== user.role) body.role = v.role;
  if (v.dataScope && v.dataScope !== user.dataScope) body.dataScope = v.dataScope;
  const dept = v.departmentId ?? null;
  if (dept !== (user.department?.id ?? null)) body.departmentId = dept;
  if ((v.phone ?? '') !== user.phone) body.phone = v.phone ?? '';
  if (v.status !== user.status) body.status = v.status;
  if (v.locale !== user.locale) body.locale = v.locale;
  const password = blankToUndefined(v.password);
  if (password) body.password = password;
  if (v.unlock) body.unlock = true;
  return body;
}

export function isLocked(user: User): boolean {
  return user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(dayjs());
}

/** Create (user = null) or edit one user. */
export function UserDrawer({
  open,
  user,
  onClose,
  defaultLocale,
}: {
  open: boolean;
  user: User | null;
  onClose: () => void;
  defaultLocale: Locale;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserFormValues>();
  const queryClient = useQueryClient();
  const departments = useAllDepartments();
  const [current, setCurrent] = useState<User | null>(user);
  // One key per opening of the form: a double click or a retry after a timeout creates one user.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const editing = current !== null;

  useEffect(() => {
    if (!open) return;
    setCurrent(user);
    setIdempotencyKey(newIdempotencyKey());
    form.resetFields();
    form.setFieldsValue(valuesOf(user, defaultLocale));
  }, [open, user, form, defaultLocale]);

  const treeData = useMemo(
    () => toTreeSelect(buildDepartmentTree(departments.data?.items ?? [])),
    [departments.data],
  );

  const save = useMutation({
    mutationFn: async (values: UserFormValues): Promise<User | null> => {
      if (current) {
        const body = validateRequest(t, form, updateUserRequestSchema, diff(current, values));
        if (!body) return null;
        if (Object.keys(body).length === 0) return current;
        return usersApi.update(current.id, current.version, body);
      }
      const request: Partial<CreateUserRequest> = {
        email: values.email,
        name: values.name,
        password: values.password ?? '',
        role: values.role,
        locale: values.locale,
      };
      if (values.dataScope) request.dataScope = values.dataScope;
      if (values.departmentId) request.departmentId = values.departmentId;
      const phone = blankToUndefined(values.phone);
      if (phone) request.phone = phone;
      const body = validateRequest(t, form, createUserRequestSchema, request);
      if (!body) return null;
      return usersApi.create(body, idempotencyKey);
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void queryClient.invalidateQueries({ queryKey: keys.users });
      // Member counts in the organisation chart change with a user's department.
      void queryClient.invalidateQueries({ queryKey: keys.departments });
      message.success(t(editing ? 'users.updatedMsg' : 'users.createdMsg', { name: saved.name }));
      onClose();
    },
    onError: async (err) => {
      if (isApiError(err) && err.code === 'version_conflict' && current) {
        message.warning(t('errors.versionConflict'), 6);
        const fresh = await usersApi.get(current.id);
        setCurrent(fresh);
        form.setFieldsValue(valuesOf(fresh, defaultLocale));
        void queryClient.invalidateQueries({ queryKey: keys.users });
        return;
      }
      if (isApiError(err) && applyServerErrors(t, form, err, formFields)) return;
      message.error(errorText(t, err));
    },
  });

  const locked = current !== null && isLocked(current);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      // Kept mounted so the form instance stays connected while the drawer is closed.
      forceRender
      title={editing ? t('users.editTitle', { name: current.name }) : t('users.createTitle')}
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="user-form-submit"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="user-drawer"
    >
      {locked ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('users.lockedUntil', { time: dayjs(current.lockedUntil).format('YYYY-MM-DD HH:mm') })}
        />
      ) : null}
      <Form<UserFormValues>
        form={form}
        name="user-form"
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        initialValues={valuesOf(user, defaultLocale)}
      >
        <Form.Item
          name="name"
          label={t('users.name')}
          required
          rules={[zodRule(t, createUserRequestSchema.shape.name)]}
        >
          <Input maxLength={limits.nameMax} data-testid="user-form-name" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.email')}
          required
          rules={[zodRule(t, createUserRequestSchema.shape.email)]}
          validateTrigger="onBlur"
        >
          <Input autoComplete="off" inputMode="email" data-testid="user-form-email" />
        </Form.Item>
        {editing ? (
          <Form.Item
            name="password"
            label={t('users.resetPassword')}
            extra={t('users.resetPasswordHelp')}
            rules={[zodRule(t, createUserRequestSchema.shape.password, { blankOk: true })]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        ) : (
          <Form.Item
            name="password"
            label={t('users.password')}
            required
            extra={t('users.passwordHelp', { min: limits.passwordMin })}
            rules={[zodRule(t, createUserRequestSchema.shape.password)]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="role" label={t('users.role')} required style={{ flex: '1 1 200px' }}>
            <Select
              data-testid="user-form-role"
              options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            />
          </Form.Item>
          <Form.Item name="dataScope" label={t('users.dataScope')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear={!editing}
              placeholder={t('users.dataScopeDefault')}
              data-testid="user-form-dataScope"
              options={dataScopes.map((s) => ({ value: s, label: t(`dataScopes.${s}`) }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="departmentId" label={t('users.department')}>
          <TreeSelect
            allowClear
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            placeholder={t('users.noDepartment')}
            loading={departments.isPending}
            treeData={treeData}
            data-testid="user-form-department"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="phone"
            label={t('users.phone')}
            rules={[zodRule(t, createUserRequestSchema.shape.phone)]}
            style={{ flex: '1 1 200px' }}
          >
            <Input maxLength={limits.phoneMax} inputMode="tel" data-testid="user-form-phone" />
          </Form.Item>
          <Form.Item name="locale" label={t('users.locale')} style={{ flex: '1 1 200px' }}>
            <Select options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
          </Form.Item>
        </Flex>
        {editing ? (
          <Form.Item name="status" label={t('users.status')}>
            <Select
              data-testid="user-form-status"
              options={userStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
            />
          </Form.Item>
        ) : null}
        {locked ? (
          <Form.Item name="unlock" valuePropName="checked" extra={t('users.unlockHelp')}>
            <Checkbox data-testid="user-form-unlock">{t('users.unlock')}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
