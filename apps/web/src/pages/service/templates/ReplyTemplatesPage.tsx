import { CopyOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReplyValues, renderTemplate, templateIssues } from '@weixi/domain/reply-templates';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import dayjs from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import {
  managedListApi,
  type ReplyTemplate,
  replyTemplatesApi,
  serviceAdminKeys,
} from '../../../api/service-admin';
import { useCurrentUser } from '../../../auth/current-user';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { serviceAdminPermissions } from '../admin-permissions';
import { issueText, placeIssues } from '../issues';
import { ServiceSubNav } from '../ServiceSubNav';

interface TemplateValues {
  title: string;
  categoryId: string | null;
  body: string;
  active: boolean;
}

const templateFields = new Set(['title', 'categoryId', 'body', 'active']);
// `body.3` or `body` with an offset: always beside the text.
const templateFieldName = (path: string) => {
  const head = path.split('.')[0] ?? '';
  return templateFields.has(head) ? [head] : null;
};

const general = '__general__';

/** 标准服务用语: reply templates by category; administrators and department managers edit them. */
export default function ReplyTemplatesPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = serviceAdminPermissions(me.role);
  const [categoryFilter, setCategoryFilter] = useState<string | undefined>(undefined);
  const [includeInactive, setIncludeInactive] = useState(false);
  const [selected, setSelected] = useState<ReplyTemplate | 'new' | null>(null);
  const templates = useQuery({
    queryKey: serviceAdminKeys.templates(undefined, includeInactive && can.manageTemplates),
    queryFn: () => replyTemplatesApi.list({ includeInactive: includeInactive && can.manageTemplates }),
  });
  const categories = useQuery({
    queryKey: serviceAdminKeys.list('categories', false),
    queryFn: () => managedListApi.list('categories', false),
  });

  const groups = useMemo(() => {
    const items = (templates.data?.items ?? []).filter(
      (tpl) =>
        categoryFilter === undefined ||
        (categoryFilter === general ? tpl.category === null : tpl.category?.id === categoryFilter),
    );
    const order = new Map((categories.data ?? []).map((c, i) => [c.id, i]));
    const byKey = new Map<string, { key: string; name: string; items: ReplyTemplate[] }>();
    for (const tpl of items) {
      const key = tpl.category?.id ?? general;
      const g = byKey.get(key) ?? {
        key,
        name: tpl.category?.name ?? t('serviceAdmin.templates.general'),
        items: [],
      };
      g.items.push(tpl);
      byKey.set(key, g);
    }
    // General phrases first, then the categories in their managed order.
    return [...byKey.values()].sort((a, b) =>
      a.key === general ? -1 : b.key === general ? 1 : (order.get(a.key) ?? 999) - (order.get(b.key) ?? 999),
    );
  }, [templates.data, categories.data, categoryFilter, t]);

  const current =
    selected && selected !== 'new'
      ? (templates.data?.items.find((x) => x.id === selected.id) ?? selected)
      : selected;

  return (
    <div data-testid="reply-templates">
      <ServiceSubNav />
      <PageHeader
        title={<span data-testid="page-title">{t('serviceAdmin.templates.title')}</span>}
        subtitle={t('serviceAdmin.templates.subtitle')}
        extra={
          can.manageTemplates ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setSelected('new')}
              data-testid="template-add"
            >
              {t('serviceAdmin.templates.add')}
            </Button>
          ) : null
        }
      />
      {!can.manageTemplates ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('serviceAdmin.templates.readOnly')}
        />
      ) : null}
      {templates.isError ? (
        <ErrorResult error={templates.error} onRetry={() => void templates.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <Card
              variant="borderless"
              title={
                <Flex gap={8} wrap align="center">
                  <Select
                    value={categoryFilter ?? null}
                    onChange={(v) => setCategoryFilter(v ?? undefined)}
                    style={{ minWidth: 160 }}
                    options={[
                      { value: null, label: t('serviceAdmin.templates.allCategories') },
                      { value: general, label: t('serviceAdmin.templates.general') },
                      ...(categories.data ?? []).map((c) => ({ value: c.id, label: c.name })),
                    ]}
                    data-testid="template-category-filter"
                  />
                  {can.manageTemplates ? (
                    <Space size={4}>
                      <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('serviceAdmin.templates.showInactive')}
                      </Typography.Text>
                    </Space>
                  ) : null}
                </Flex>
              }
            >
              {templates.isPending ? (
                <Skeleton active paragraph={{ rows: 6 }} />
              ) : groups.length === 0 ? (
                <Empty
                  description={
                    categoryFilter === undefined
                      ? t('serviceAdmin.templates.empty')
                      : t('serviceAdmin.templates.emptyFiltered')
                  }
                  data-testid="templates-empty"
                />
              ) : (
                <Flex vertical gap={12}>
                  {groups.map((g) => (
                    <div key={g.key}>
                      <Typography.Text type="secondary" strong>
                        {g.name}
                      </Typography.Text>
                      <List<ReplyTemplate>
                        size="small"
                        dataSource={g.items}
                        renderItem={(tpl) => (
                          <List.Item
                            onClick={() => setSelected(tpl)}
                            style={{
                              cursor: 'pointer',
                              background:
                                current !== 'new' && current?.id === tpl.id
                                  ? 'rgba(22,119,255,0.08)'
                                  : undefined,
                              paddingInline: 8,
                            }}
                            data-testid={`template-${tpl.id}`}
                          >
                            <Flex vertical style={{ minWidth: 0, width: '100%' }}>
                              <Space>
                                <Typography.Text strong>{tpl.title}</Typography.Text>
                                {tpl.active ? null : <Tag>{t('serviceAdmin.templates.inactive')}</Tag>}
                              </Space>
                              <Typography.Text type="secondary" ellipsis>
                                {tpl.body}
                              </Typography.Text>
                            </Flex>
                          </List.Item>
                        )}
                      />
                    </div>
                  ))}
                </Flex>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            {current === null ? (
              <Card variant="borderless">
                <Empty
                  description={
                    can.manageTemplates
                      ? t('serviceAdmin.templates.pick')
                      : t('serviceAdmin.templates.pickReadOnly')
                  }
                />
              </Card>
            ) : can.manageTemplates ? (
              <TemplateEditor
                key={current === 'new' ? 'new' : `${current.id}-${current.version}`}
                template={current === 'new' ? null : current}
                categories={(categories.data ?? []).map((c) => ({ id: c.id, name: c.name }))}
                onSaved={(saved) => setSelected(saved)}
              />
            ) : current !== 'new' ? (
              <TemplateView template={current} />
            ) : null}
          </Col>
        </Row>
      )}
    </div>
  );
}

function useSampleValues(): ReplyValues {
  const { t } = useTranslation();
  return {
    'customer.name': t('serviceAdmin.templates.sample.customer.name'),
    'contact.name': t('serviceAdmin.templates.sample.contact.name'),
    'ticket.number': t('serviceAdmin.templates.sample.ticket.number'),
    'agent.name': t('serviceAdmin.templates.sample.agent.name'),
    today: dayjs().format('YYYY-MM-DD'),
  };
}

function Preview({ body }: { body: string }) {
  const { t } = useTranslation();
  const values = useSampleValues();
  return (
    <Card size="small" title={t('serviceAdmin.templates.preview')} data-testid="template-preview">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('serviceAdmin.templates.previewHelp')}
      </Typography.Paragraph>
      {body.trim() === '' ? (
        <Typography.Text type="secondary">{t('serviceAdmin.templates.previewEmpty')}</Typography.Text>
      ) : (
        // Plain text: React escapes it, and pre-wrap keeps the line breaks the agent typed.
        <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="template-preview-text">
          {renderTemplate(body, values)}
        </div>
      )}
    </Card>
  );
}

function TemplateView({ template }: { template: ReplyTemplate }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={16}>
      <Card
        variant="borderless"
        title={template.title}
        extra={
          <Button
            icon={<CopyOutlined />}
            onClick={() =>
              void navigator.clipboard
                .writeText(template.body)
                .then(() => message.success(t('serviceAdmin.templates.copied')))
            }
          >
            {t('serviceAdmin.templates.copy')}
          </Button>
        }
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{template.body}</Typography.Paragraph>
        {template.placeholders.length > 0 ? (
          <Space wrap>
            <Typography.Text type="secondary">{t('serviceAdmin.templates.usedPlaceholders')}</Typography.Text>
            {template.placeholders.map((p) => (
              <Tag key={p}>{`{{${p}}}`}</Tag>
            ))}
          </Space>
        ) : null}
      </Card>
      <Preview body={template.body} />
    </Flex>
  );
}

function TemplateEditor({
  template,
  categories,
  onSaved,
}: {
  template: ReplyTemplate | null;
  categories: { id: string; name: string }[];
  onSaved: (t: ReplyTemplate) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TemplateValues>();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const bodyRef = useRef<TextAreaRef>(null);
  const body = (Form.useWatch('body', form) ?? template?.body ?? '') as string;
  const placeholders = useQuery({
    queryKey: serviceAdminKeys.placeholders,
    queryFn: replyTemplatesApi.placeholders,
  });
  const localIssues = useMemo(() => templateIssues(body), [body]);

  const save = useMutation({
    mutationFn: (v: TemplateValues) => {
      const payload = {
        title: v.title.trim(),
        categoryId: v.categoryId ?? null,
        body: v.body,
        active: v.active,
      };
      return template
        ? replyTemplatesApi.update(template.id, { ...payload, version: template.version })
        : replyTemplatesApi.create(payload, idempotencyKey);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: serviceAdminKeys.allTemplates });
      message.success(t('serviceAdmin.templates.saved'));
      onSaved(saved);
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('serviceAdmin.errors.versionConflict'), 6);
        void queryClient.invalidateQueries({ queryKey: serviceAdminKeys.allTemplates });
        return;
      }
      if (isApiError(err) && err.fieldErrors.length > 0) {
        const unplaced = placeIssues(t, form, err.fieldErrors, templateFieldName);
        if (unplaced.length === 0) return;
      }
      message.error(errorText(t, err));
    },
  });

  const insert = (name: string) => {
    const token = `{{${name}}}`;
    const el = bodyRef.current?.resizableTextArea?.textArea;
    const text: string = form.getFieldValue('body') ?? '';
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    form.setFieldValue('body', text.slice(0, start) + token + text.slice(end));
    // Put the cursor after the placeholder, so several can be inserted in a row.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  return (
    <Flex vertical gap={16}>
      <Card
        variant="borderless"
        title={template ? t('serviceAdmin.templates.editTitle') : t('serviceAdmin.templates.newTitle')}
        data-testid="template-editor"
      >
        <Form<TemplateValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={
            template
              ? {
                  title: template.title,
                  categoryId: template.category?.id ?? null,
                  body: template.body,
                  active: template.active,
                }
              : { title: '', categoryId: null, body: '', active: true }
          }
          onFinish={(v) => save.mutate(v)}
        >
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item
                name="title"
                label={t('serviceAdmin.templates.fields.title')}
                rules={[
                  { required: true, whitespace: true, message: t('validation.required') },
                  { max: 80, message: t('validation.tooLong', { max: 80 }) },
                ]}
              >
                <Input maxLength={80} data-testid="template-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="categoryId" label={t('serviceAdmin.templates.fields.categoryId')}>
                <Select
                  options={[
                    { value: null, label: t('serviceAdmin.templates.general') },
                    ...categories.map((c) => ({ value: c.id, label: c.name })),
                    // An inactive category still names itself on its old templates.
                    ...(template?.category && !categories.some((c) => c.id === template.category?.id)
                      ? [{ value: template.category.id, label: template.category.name }]
                      : []),
                  ]}
                  data-testid="template-category"
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={6} wrap align="center" style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">{t('serviceAdmin.templates.placeholders')}</Typography.Text>
            {(placeholders.data ?? []).map((p) => (
              <Button
                key={p.name}
                size="small"
                onClick={() => insert(p.name)}
                title={`{{${p.name}}}`}
                data-testid={`placeholder-${p.name}`}
              >
                {p.label}
              </Button>
            ))}
            {placeholders.isError ? (
              <Typography.Text type="danger">{errorText(t, placeholders.error)}</Typography.Text>
            ) : null}
          </Flex>
          <Form.Item
            name="body"
            label={t('serviceAdmin.templates.fields.body')}
            extra={t('serviceAdmin.templates.placeholdersHelp')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 4000, message: t('validation.tooLong', { max: 4000 }) },
            ]}
          >
            <Input.TextArea ref={bodyRef} rows={8} maxLength={4000} showCount data-testid="template-body" />
          </Form.Item>
          {localIssues.length > 0 ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="template-issues"
              title={t('serviceAdmin.templates.issues', { count: localIssues.length })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {localIssues.map((i) => (
                    <li key={`${i.offset}-${i.code}`}>
                      {issueText(t, { path: 'body', code: i.code, message: i.message })}
                      {i.name ? `：{{${i.name}}}` : ''}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : null}
          <Flex justify="space-between" align="center">
            <Space>
              <Form.Item name="active" valuePropName="checked" noStyle>
                <Switch data-testid="template-active" />
              </Form.Item>
              <Typography.Text>{t('serviceAdmin.templates.fields.active')}</Typography.Text>
            </Space>
            <Button
              type="primary"
              htmlType="submit"
              icon={template ? <EditOutlined /> : <PlusOutlined />}
              loading={save.isPending}
              data-testid="template-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Form>
      </Card>
      <Preview body={body} />
    </Flex>
  );
}
