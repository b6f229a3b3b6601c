import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  changePasswordRequestSchema,
  createApiTokenRequestSchema,
  type Locale,
  limits,
  locales,
  type MeResponse,
  updateProfileRequestSchema,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { type ApiToken, authApi, type CreatedApiToken, keys } from '../../api/endpoints';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { useLocale } from '../../i18n/LocaleProvider';
import { errorText } from '../../lib/errors';
import { applyServerErrors, validateRequest, zodRule } from '../../lib/forms';
import { NotificationPreferencesCard } from '../engagement/NotificationPreferencesCard';

const formatTime = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : null);

interface ProfileValues {
  name: string;
  phone?: string;
  locale: Locale;
}

function ProfileCard({ me }: { me: MeResponse }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { setLocale } = useLocale();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProfileValues>();

  const save = useMutation({
    mutationFn: (body: { name?: string; phone?: string; locale?: Locale }) => authApi.updateProfile(body),
    onSuccess: (user, body) => {
      queryClient.setQueryData<MeResponse | null>(keys.me, (old) =>
        old ? { ...old, name: user.name, locale: user.locale } : old,
      );
      if (body.locale) setLocale(user.locale, true);
      form.setFieldsValue({ phone: '' });
      message.success(t('profile.savedMsg'));
    },
    onError: (err) => {
      if (isApiError(err) && applyServerErrors(t, form, err, ['name', 'phone', 'locale'])) return;
      message.error(errorText(t, err));
    },
  });

  const onFinish = (values: ProfileValues) => {
    const body: { name?: string; phone?: string; locale?: Locale } = {};
    if (values.name !== me.name) body.name = values.name;
    // /me does not return the phone number, so an empty field means "keep it", not "clear it".
    if (values.phone?.trim()) body.phone = values.phone;
    if (values.locale !== me.locale) body.locale = values.locale;
    const request = validateRequest(t, form, updateProfileRequestSchema, body);
    if (!request) return;
    if (Object.keys(request).length === 0) {
      message.info(t('common.saved'));
      return;
    }
    save.mutate(request);
  };

  return (
    <Card variant="borderless" title={t('profile.basic')}>
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'email', label: t('profile.email'), children: me.email },
          {
            key: 'role',
            label: t('profile.role'),
            children: <Tag color="blue">{t(`roles.${me.role}`)}</Tag>,
          },
          {
            key: 'department',
            label: t('profile.department'),
            children: me.department?.name ?? t('users.noDepartment'),
          },
        ]}
      />
      <Form<ProfileValues>
        form={form}
        name="profile-form"
        layout="vertical"
        initialValues={{ name: me.name, locale: me.locale }}
        onFinish={onFinish}
      >
        <Form.Item
          name="name"
          label={t('profile.name')}
          required
          rules={[zodRule(t, updateProfileRequestSchema.shape.name)]}
        >
          <Input maxLength={limits.nameMax} data-testid="profile-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('profile.phone')}
          extra={t('profile.phoneHelp')}
          rules={[zodRule(t, updateProfileRequestSchema.shape.phone)]}
        >
          <Input maxLength={limits.phoneMax} inputMode="tel" placeholder={t('profile.phonePlaceholder')} />
        </Form.Item>
        <Form.Item name="locale" label={t('profile.language')}>
          <Select options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const change = useMutation({
    mutationFn: authApi.changePassword,
    onSuccess: () => {
      form.resetFields();
      message.success(t('profile.password.changedMsg'));
    },
    onError: (err) => {
      if (isApiError(err) && applyServerErrors(t, form, err, ['currentPassword', 'newPassword'])) return;
      message.error(errorText(t, err));
    },
  });
  const onFinish = (values: PasswordValues) => {
    const request = validateRequest(t, form, changePasswordRequestSchema, {
      currentPassword: values.currentPassword,
      newPassword: values.newPassword,
    });
    if (request) change.mutate(request);
  };
  return (
    <Card variant="borderless" title={t('profile.password.title')}>
      <Form<PasswordValues> form={form} name="password-form" layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="currentPassword"
          label={t('profile.password.current')}
          required
          rules={[zodRule(t, changePasswordRequestSchema.shape.currentPassword)]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('profile.password.new')}
          required
          extra={t('profile.password.help', { min: limits.passwordMin })}
          rules={[zodRule(t, changePasswordRequestSchema.shape.newPassword)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('profile.password.confirm')}
          required
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: unknown) => {
                if (!value) throw new Error(t('validation.required'));
                if (value !== getFieldValue('newPassword')) throw new Error(t('profile.password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}

interface TokenValues {
  name: string;
  /** 0 stands for "never expires": select options cannot carry null. */
  expiresInDays: number;
}

function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TokenValues>();
  const [creating, setCreating] = useState<{ open: boolean; key: string }>({ open: false, key: '' });
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: authApi.tokens });

  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays: number | null }) =>
      authApi.createToken(body, creating.key),
    onSuccess: (token) => {
      setCreating({ open: false, key: '' });
      setCreated(token);
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (err) => {
      if (isApiError(err) && applyServerErrors(t, form, err, ['name', 'expiresInDays'])) return;
      message.error(errorText(t, err));
    },
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => authApi.revokeToken(token.id),
    onSuccess: (_v, token) => {
      message.success(t('profile.tokens.revokedMsg', { name: token.name }));
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  const openCreate = () => {
    form.resetFields();
    setCreating({ open: true, key: newIdempotencyKey() });
  };

  return (
    <Card
      variant="borderless"
      title={
        <Flex gap={8} align="center">
          <KeyOutlined />
          {t('profile.tokens.title')}
        </Flex>
      }
      extra={
        <Button icon={<PlusOutlined />} onClick={openCreate} data-testid="token-new">
          {t('profile.tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('profile.tokens.intro')}</Typography.Paragraph>
      {tokens.isError ? (
        <ErrorResult error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <Table<ApiToken>
          rowKey="id"
          size="small"
          loading={tokens.isPending}
          dataSource={tokens.data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.tokens.empty')} />,
          }}
          columns={[
            { key: 'name', title: t('profile.tokens.name'), dataIndex: 'name' },
            {
              key: 'prefix',
              title: t('profile.tokens.prefix'),
              dataIndex: 'prefix',
              render: (p: string) => <Typography.Text code>{p}…</Typography.Text>,
            },
            {
              key: 'createdAt',
              title: t('profile.tokens.createdAt'),
              dataIndex: 'createdAt',
              render: formatTime,
            },
            {
              key: 'lastUsedAt',
              title: t('profile.tokens.lastUsedAt'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => formatTime(v) ?? t('common.never'),
            },
            {
              key: 'expiresAt',
              title: t('profile.tokens.expiresAt'),
              dataIndex: 'expiresAt',
              render: (v: string | null) =>
                v === null ? (
                  t('profile.tokens.noExpiry')
                ) : dayjs(v).isBefore(dayjs()) ? (
                  <Tag color="red">{t('profile.tokens.expired')}</Tag>
                ) : (
                  formatTime(v)
                ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_: unknown, token) => (
                <Popconfirm
                  title={t('profile.tokens.revokeConfirm', { name: token.name })}
                  okButtonProps={{ danger: true }}
                  okText={t('profile.tokens.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutateAsync(token).catch(() => undefined)}
                >
                  <Button type="link" danger size="small">
                    {t('profile.tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={creating.open}
        title={t('profile.tokens.createTitle')}
        onCancel={() => setCreating({ open: false, key: '' })}
        onOk={() => form.submit()}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form<TokenValues>
          form={form}
          name="token-form"
          layout="vertical"
          initialValues={{ name: '', expiresInDays: 90 }}
          onFinish={(values) => {
            const request = validateRequest(t, form, createApiTokenRequestSchema, {
              name: values.name,
              expiresInDays: values.expiresInDays === 0 ? null : values.expiresInDays,
            });
            if (request) create.mutate({ name: request.name, expiresInDays: request.expiresInDays ?? null });
          }}
          style={{ marginTop: 16 }}
        >
          <Form.Item
            name="name"
            label={t('profile.tokens.name')}
            required
            rules={[zodRule(t, createApiTokenRequestSchema.shape.name)]}
          >
            <Input maxLength={limits.tokenNameMax} placeholder={t('profile.tokens.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('profile.tokens.expiresIn')}>
            <Select<number>
              options={[
                ...[30, 90, 365].map((d) => ({ value: d, label: t('profile.tokens.days', { count: d }) })),
                { value: 0, label: t('profile.tokens.noExpiry') },
              ]}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('profile.tokens.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('profile.tokens.done')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('profile.tokens.secretOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph
          code
          copyable={{ text: created?.token ?? '', tooltips: [t('common.copy'), t('common.copied')] }}
          style={{ wordBreak: 'break-all' }}
          data-testid="token-secret"
        >
          {created?.token}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <>
      <PageHeader title={<span data-testid="page-title">{t('profile.title')}</span>} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ProfileCard me={me} />
        </Col>
        <Col xs={24} lg={12}>
          <PasswordCard />
        </Col>
        <Col span={24}>
          <NotificationPreferencesCard />
        </Col>
        <Col span={24}>
          <TokensCard />
        </Col>
      </Row>
    </>
  );
}
