import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateCustomerRequest,
  type CustomerDetail,
  type CustomFieldDefinition,
  createCustomerRequestSchema,
  customerCategories,
  customerGrades,
  customerKinds,
  customerLimits,
  customerScales,
  customerSources,
  type DuplicateMatch,
  lifecycles,
  type UpdateCustomerRequest,
  updateCustomerRequestSchema,
  valueTiers,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Skeleton,
  Typography,
} from 'antd';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError, newIdempotencyKey } from '../../api/client';
import {
  customerRecordsApi,
  customFieldsApi,
  type DuplicateProbe,
  recordKeys,
  type Unmasked,
} from '../../api/customer-records';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, ForbiddenResult, NotFoundResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { zodRule } from '../../lib/forms';
import { customerPermissions } from './detail/permissions';
import { useCustomerLabels } from './detail/use-labels';
import { CustomFieldItem } from './form/CustomFieldInput';
import {
  type CustomerFormValues,
  formValuesFromCustomer,
  toCreateRequest,
  toUpdateRequest,
} from './form/customer-form-values';
import { DuplicateModal, DuplicateWarning } from './form/DuplicateList';
import { dateFormat } from './form/dates';
import { problemDuplicates } from './form/duplicate-problem';
import { changedNames, checkRequest, customerIssueText, showIssues } from './form/form-errors';
import { InitialContacts } from './form/InitialContacts';
import { RegionCascader } from './form/RegionCascader';
import { StaffSelect } from './form/StaffSelect';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Top-level form names; an issue on anything else is reported as a message instead. */
const formFields = new Set([
  'kind',
  'name',
  'shortName',
  'creditCode',
  'industry',
  'scale',
  'source',
  'foundedOn',
  'signedOn',
  'tags',
  'phone',
  'email',
  'wechat',
  'website',
  'region',
  'address',
  'latitude',
  'longitude',
  'category',
  'grade',
  'valueTier',
  'lifecycle',
  'ownerId',
  'collaboratorIds',
  'preferences',
  'custom',
  'contacts',
]);
const isField = (name: (string | number)[]) => typeof name[0] === 'string' && formFields.has(name[0]);

export default function CustomerFormPage() {
  const { id } = useParams();
  if (id !== undefined && !uuid.test(id)) return <NotFoundResult />;
  return <CustomerFormLoader key={id ?? 'new'} id={id} />;
}

function CustomerFormLoader({ id }: { id: string | undefined }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const customer = useQuery({
    queryKey: recordKeys.detail(id ?? ''),
    queryFn: () => customerRecordsApi.get(id ?? ''),
    enabled: id !== undefined,
  });
  const defs = useQuery({
    queryKey: recordKeys.customFields('customer'),
    queryFn: () => customFieldsApi.list('customer'),
  });
  // The initial contacts of a new customer have the contact custom fields.
  const contactDefs = useQuery({
    queryKey: recordKeys.customFields('contact'),
    queryFn: () => customFieldsApi.list('contact'),
    enabled: id === undefined,
  });
  if (!customerPermissions(me.role).write) return <ForbiddenResult />;
  if (
    (id !== undefined && customer.isPending) ||
    defs.isPending ||
    (id === undefined && contactDefs.isPending)
  )
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (id !== undefined && customer.isError)
    return <ErrorResult error={customer.error} onRetry={() => void customer.refetch()} />;
  if (defs.isError) return <ErrorResult error={defs.error} onRetry={() => void defs.refetch()} />;
  if (contactDefs.isError)
    return <ErrorResult error={contactDefs.error} onRetry={() => void contactDefs.refetch()} />;
  const c = customer.data ?? null;
  if (c?.status === 'merged')
    return (
      <Result
        status="warning"
        title={t('customerDetail.form.mergedTitle')}
        subTitle={t('customerDetail.mergedNotice.title')}
        extra={
          c.mergedIntoId ? (
            <Link to={`/customers/${c.mergedIntoId}`}>{t('customerDetail.mergedNotice.link')}</Link>
          ) : null
        }
        data-testid="merged-notice"
      />
    );
  return (
    <CustomerForm
      customer={c}
      definitions={defs.data.items}
      contactDefinitions={contactDefs.data?.items ?? []}
    />
  );
}

/** Debounced duplicate check of the identifying fields while the user types. */
function useDuplicateCheck(probe: DuplicateProbe, enabled: boolean): DuplicateMatch[] {
  const [debounced, setDebounced] = useState(probe);
  const key = JSON.stringify(probe);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(probe), 500);
    return () => clearTimeout(timer);
  }, [key]);
  const meaningful =
    (debounced.name ?? '').trim().length >= 2 ||
    (debounced.creditCode ?? '').trim().length >= 15 ||
    (debounced.phone ?? '').replace(/\D/g, '').length >= 7 ||
    (debounced.contactPhones ?? []).length > 0;
  const check = useQuery({
    queryKey: recordKeys.duplicateCheck(debounced),
    queryFn: ({ signal }) => customerRecordsApi.checkDuplicates(debounced, signal),
    enabled: enabled && meaningful,
    staleTime: 30_000,
    placeholderData: (prev) => prev,
  });
  return enabled && meaningful ? (check.data?.matches ?? []) : [];
}

function probeOf(v: Partial<CustomerFormValues>, excludeId: string | undefined): DuplicateProbe {
  const probe: DuplicateProbe = {};
  if (v.name?.trim()) probe.name = v.name.trim();
  if (v.creditCode?.trim()) probe.creditCode = v.creditCode.trim();
  if (v.phone?.trim() && !v.phone.includes('*')) probe.phone = v.phone.trim();
  const phones = (v.contacts ?? [])
    .map((c) => c?.phone?.trim() ?? '')
    .filter((p) => p.replace(/\D/g, '').length >= 7);
  if (phones.length > 0) probe.contactPhones = phones;
  if (excludeId) probe.excludeId = excludeId;
  return probe;
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>
      <Flex gap={16} wrap>
        {children}
      </Flex>
    </Card>
  );
}

const item = { flex: '1 1 260px', minWidth: 0 } as const;
const wide = { flex: '1 1 100%' } as const;

function CustomerForm({
  customer,
  definitions,
  contactDefinitions,
}: {
  customer: CustomerDetail | null;
  definitions: CustomFieldDefinition[];
  contactDefinitions: CustomFieldDefinition[];
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const labels = useCustomerLabels();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerFormValues>();
  const can = customerPermissions(me.role);
  const canAssign = can.assign;
  // One key per opened create form: a double click or a retry after a timeout creates one customer.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [current, setCurrent] = useState<CustomerDetail | null>(customer);
  const [revealed, setRevealed] = useState<Pick<Unmasked, 'phone' | 'email' | 'wechat'> | null>(null);
  const [duplicates, setDuplicates] = useState<{ open: boolean; matches: DuplicateMatch[] }>({
    open: false,
    matches: [],
  });
  const lastValues = useRef<CustomerFormValues | null>(null);
  const activeDefs = useMemo(() => definitions.filter((d) => d.active), [definitions]);
  const editing = current !== null;
  /** The record the edit is compared with: revealed plain values replace the masked ones. */
  const baseline = current && revealed ? { ...current, ...revealed } : current;
  const locked = Boolean(current?.masked) && !revealed;
  const mayChangeCollaborators = !editing || canAssign || current.owner?.id === me.id;

  const initialValues = useMemo<CustomerFormValues>(() => {
    if (customer) return formValuesFromCustomer(customer, definitions);
    return {
      kind: 'company',
      name: '',
      category: 'normal',
      lifecycle: 'prospect',
      // Without an owner chosen, the server gives a manager's new customer to themselves, and an
      // administrator's or executive's to nobody (the public pool).
      ownerId: me.role === 'admin' || me.role === 'executive' ? null : me.id,
      collaboratorIds: [],
      tags: [],
      contacts: [],
    };
  }, [customer, definitions, me]);

  const watched = Form.useWatch([], form) as Partial<CustomerFormValues> | undefined;
  const kind = Form.useWatch('kind', form) ?? initialValues.kind;
  const probe = useMemo(() => probeOf(watched ?? {}, current?.id), [watched, current?.id]);
  // On edit, only a changed name, credit code or phone is checked, as the server does on save.
  const keysChanged =
    !current ||
    (watched?.name ?? current.name).trim() !== current.name ||
    (watched?.creditCode ?? current.creditCode ?? '').trim().toUpperCase() !== (current.creditCode ?? '') ||
    (watched?.phone ?? current.phone).trim() !== (baseline?.phone ?? current.phone);
  const liveMatches = useDuplicateCheck(probe, keysChanged);

  const knownPeople = useMemo(() => {
    const people = [{ id: me.id, name: me.name }];
    if (customer?.owner) people.push(customer.owner);
    for (const u of customer?.collaborators ?? []) people.push(u);
    return people;
  }, [customer, me]);

  const unmask = useMutation({
    mutationFn: () => customerRecordsApi.unmask(current?.id ?? ''),
    onSuccess: (plain) => {
      setRevealed(plain);
      form.setFieldsValue({ phone: plain.phone, email: plain.email, wechat: plain.wechat });
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  const reloadLatest = async () => {
    if (!current) return;
    const fresh = await customerRecordsApi.get(current.id);
    queryClient.setQueryData(recordKeys.detail(fresh.id), fresh);
    setCurrent(fresh);
    setRevealed(null);
    form.resetFields();
    form.setFieldsValue(formValuesFromCustomer(fresh, definitions));
    message.info(t('customerDetail.form.reloaded'));
  };

  const save = useMutation({
    mutationFn: async ({
      values,
      confirm,
    }: {
      values: CustomerFormValues;
      confirm: boolean;
    }): Promise<CustomerDetail | 'unchanged' | null> => {
      lastValues.current = values;
      if (baseline) {
        const checked = checkRequest<UpdateCustomerRequest>(
          t,
          form,
          updateCustomerRequestSchema,
          toUpdateRequest(baseline, values, definitions),
          isField,
        );
        if (!checked.ok) {
          if (checked.unplaced.length > 0) message.error(checked.unplaced.join('；'));
          return null;
        }
        if (Object.keys(checked.data).length === 0) return 'unchanged';
        return customerRecordsApi.update(baseline.id, baseline.version, {
          ...checked.data,
          ...(confirm ? { confirmDuplicates: true } : {}),
        });
      }
      const checked = checkRequest<CreateCustomerRequest>(
        t,
        form,
        createCustomerRequestSchema,
        toCreateRequest(values, definitions, { canAssign, contactDefs: contactDefinitions }),
        isField,
      );
      if (!checked.ok) {
        if (checked.unplaced.length > 0) message.error(checked.unplaced.join('；'));
        return null;
      }
      return customerRecordsApi.create(
        { ...checked.data, ...(confirm ? { confirmDuplicates: true } : {}) },
        idempotencyKey,
      );
    },
    onSuccess: (saved) => {
      if (saved === null) return;
      setDuplicates({ open: false, matches: [] });
      if (saved === 'unchanged') {
        message.info(t('customerDetail.form.noChanges'));
        if (current) navigate(`/customers/${current.id}`);
        return;
      }
      queryClient.setQueryData(recordKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: recordKeys.all });
      message.success(
        t(editing ? 'customerDetail.form.updated' : 'customerDetail.form.created', { name: saved.name }),
      );
      navigate(`/customers/${saved.id}`, { replace: !editing });
    },
    onError: (err) => {
      if (!isApiError(err)) {
        message.error(errorText(t, err));
        return;
      }
      if (err.code === 'duplicate_suspected') {
        // The 409 lists the matches it refused over; the live check's list only if it did not.
        setDuplicates({ open: true, matches: problemDuplicates(err.extensions) ?? liveMatches });
        return;
      }
      if (err.code === 'version_conflict') {
        setDuplicates({ open: false, matches: [] });
        modal.confirm({
          title: t('customerDetail.form.conflictTitle'),
          content: t('customerDetail.form.conflictBody'),
          okText: t('customerDetail.form.reload'),
          cancelText: t('customerDetail.form.keepEditing'),
          okButtonProps: { ...{ 'data-testid': 'conflict-reload' } },
          onOk: reloadLatest,
        });
        return;
      }
      setDuplicates({ open: false, matches: [] });
      const rest = showIssues(
        form,
        err.fieldErrors.map((i) => ({ path: i.path, text: customerIssueText(t, i) })),
        isField,
      );
      if (err.fieldErrors.length === 0 || rest.length > 0) message.error(errorText(t, err));
    },
  });

  const submit = (values: CustomerFormValues) => save.mutate({ values, confirm: false });
  const cancelTo = current ? `/customers/${current.id}` : '/customers';
  const L = labels.customer;
  const opt = <T extends string>(values: readonly T[], field: Parameters<typeof labels.enumValue>[0]) =>
    values.map((v) => ({ value: v, label: labels.enumValue(field, v) }));
  const selectProps = { allowClear: true, placeholder: t('customerDetail.form.selectPlaceholder') };

  return (
    <div data-testid="customer-form">
      <Link to={cancelTo} style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {current ? t('customerDetail.form.backToDetail') : t('customerDetail.back')}
      </Link>
      <PageHeader
        title={
          <span data-testid="page-title">
            {current
              ? t('customerDetail.form.editTitle', { name: current.name })
              : t('customerDetail.form.createTitle')}
          </span>
        }
        subtitle={t('customerDetail.form.subtitle')}
      />
      <DuplicateWarning matches={liveMatches} />
      <Form<CustomerFormValues>
        form={form}
        name="customer-form"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        onValuesChange={(changed: Record<string, unknown>) => {
          const names = changedNames(changed).filter((name) => form.getFieldError(name).length > 0);
          if (names.length > 0) form.setFields(names.map((name) => ({ name, errors: [] })));
        }}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
        }}
        scrollToFirstError={false}
      >
        <Section title={t('customerDetail.sections.basic')} testId="form-section-basic">
          <Form.Item name="kind" label={L('kind')} style={wide}>
            <Radio.Group
              optionType="button"
              options={opt(customerKinds, 'kind')}
              data-testid="customer-form-kind"
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={L('name')}
            required
            rules={[zodRule(t, createCustomerRequestSchema.shape.name)]}
            style={item}
          >
            <Input maxLength={customerLimits.nameMax} data-testid="customer-form-name" />
          </Form.Item>
          <Form.Item
            name="shortName"
            label={L('shortName')}
            rules={[zodRule(t, createCustomerRequestSchema.shape.shortName.unwrap(), { blankOk: true })]}
            style={item}
          >
            <Input maxLength={customerLimits.shortNameMax} data-testid="customer-form-shortName" />
          </Form.Item>
          {kind === 'company' ? (
            <Form.Item
              name="creditCode"
              label={L('creditCode')}
              extra={t('customerDetail.form.creditCodeHelp')}
              style={item}
            >
              <Input
                maxLength={18}
                autoComplete="off"
                style={{ textTransform: 'uppercase' }}
                data-testid="customer-form-creditCode"
              />
            </Form.Item>
          ) : null}
          <Form.Item name="industry" label={L('industry')} style={item}>
            <Input maxLength={customerLimits.textMax} data-testid="customer-form-industry" />
          </Form.Item>
          <Form.Item name="scale" label={L('scale')} style={item}>
            <Select
              {...selectProps}
              options={opt(customerScales, 'scale')}
              data-testid="customer-form-scale"
            />
          </Form.Item>
          <Form.Item name="source" label={L('source')} style={item}>
            <Select
              {...selectProps}
              options={opt(customerSources, 'source')}
              data-testid="customer-form-source"
            />
          </Form.Item>
          <Form.Item name="foundedOn" label={L('foundedOn')} style={item}>
            <DatePicker format={dateFormat} style={{ width: '100%' }} data-testid="customer-form-foundedOn" />
          </Form.Item>
          <Form.Item name="signedOn" label={L('signedOn')} style={item}>
            <DatePicker format={dateFormat} style={{ width: '100%' }} data-testid="customer-form-signedOn" />
          </Form.Item>
          <Form.Item
            name="tags"
            label={L('tags')}
            extra={t('customerDetail.form.tagsHelp', { max: customerLimits.tagsMax })}
            rules={[zodRule(t, createCustomerRequestSchema.shape.tags.unwrap(), { blankOk: true })]}
            style={wide}
          >
            <Select
              mode="tags"
              tokenSeparators={[',', '，', ' ']}
              open={false}
              suffixIcon={null}
              maxCount={customerLimits.tagsMax}
              placeholder={t('customerDetail.form.tagsPlaceholder')}
              data-testid="customer-form-tags"
            />
          </Form.Item>
        </Section>

        <Section title={t('customerDetail.sections.contact')} testId="form-section-contact">
          {locked ? (
            <Alert
              type="info"
              showIcon
              style={wide}
              title={t('customerDetail.form.maskedNotice')}
              action={
                can.unmask ? (
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    loading={unmask.isPending}
                    onClick={() => unmask.mutate()}
                    data-testid="customer-unmask"
                  >
                    {t('customerDetail.actions.unmask')}
                  </Button>
                ) : null
              }
            />
          ) : null}
          <Form.Item
            name="phone"
            label={L('phone')}
            rules={
              locked ? [] : [zodRule(t, createCustomerRequestSchema.shape.phone.unwrap(), { blankOk: true })]
            }
            style={item}
          >
            <Input inputMode="tel" disabled={locked} data-testid="customer-form-phone" />
          </Form.Item>
          <Form.Item
            name="email"
            label={L('email')}
            validateTrigger="onBlur"
            rules={
              locked ? [] : [zodRule(t, createCustomerRequestSchema.shape.email.unwrap(), { blankOk: true })]
            }
            style={item}
          >
            <Input inputMode="email" disabled={locked} data-testid="customer-form-email" />
          </Form.Item>
          <Form.Item name="wechat" label={L('wechat')} style={item}>
            <Input maxLength={60} disabled={locked} data-testid="customer-form-wechat" />
          </Form.Item>
          <Form.Item
            name="website"
            label={L('website')}
            validateTrigger="onBlur"
            rules={[zodRule(t, createCustomerRequestSchema.shape.website.unwrap(), { blankOk: true })]}
            style={item}
          >
            <Input inputMode="url" placeholder="www.example.com" data-testid="customer-form-website" />
          </Form.Item>
        </Section>

        <Section title={t('customerDetail.sections.region')} testId="form-section-region">
          <Form.Item name="region" label={L('region')} style={item}>
            <RegionCascader testId="customer-form-region" />
          </Form.Item>
          <Form.Item name="address" label={L('address')} style={item}>
            <Input maxLength={customerLimits.addressMax} data-testid="customer-form-address" />
          </Form.Item>
          <Form.Item name="latitude" label={L('latitude')} style={item}>
            <InputNumber
              min={-90}
              max={90}
              step={0.000001}
              style={{ width: '100%' }}
              data-testid="customer-form-latitude"
            />
          </Form.Item>
          <Form.Item name="longitude" label={L('longitude')} style={item}>
            <InputNumber
              min={-180}
              max={180}
              step={0.000001}
              style={{ width: '100%' }}
              data-testid="customer-form-longitude"
            />
          </Form.Item>
        </Section>

        <Section title={t('customerDetail.sections.classification')} testId="form-section-classification">
          <Form.Item name="category" label={L('category')} style={item}>
            <Select options={opt(customerCategories, 'category')} data-testid="customer-form-category" />
          </Form.Item>
          <Form.Item name="grade" label={L('grade')} style={item}>
            <Select
              {...selectProps}
              options={opt(customerGrades, 'grade')}
              data-testid="customer-form-grade"
            />
          </Form.Item>
          <Form.Item name="valueTier" label={L('valueTier')} style={item}>
            <Select
              {...selectProps}
              options={opt(valueTiers, 'valueTier')}
              data-testid="customer-form-valueTier"
            />
          </Form.Item>
          <Form.Item name="lifecycle" label={L('lifecycle')} style={item}>
            <Select options={opt(lifecycles, 'lifecycle')} data-testid="customer-form-lifecycle" />
          </Form.Item>
          <Form.Item
            name="ownerId"
            label={L('ownerId')}
            extra={canAssign ? undefined : t('customerDetail.form.ownerLocked')}
            style={item}
          >
            <StaffSelect
              known={knownPeople}
              disabled={!canAssign}
              allowClear
              placeholder={t('customerDetail.form.ownerNone')}
              testId="customer-form-ownerId"
            />
          </Form.Item>
          <Form.Item
            name="collaboratorIds"
            label={L('collaboratorIds')}
            extra={mayChangeCollaborators ? undefined : t('customerDetail.form.collaboratorsLocked')}
            style={item}
          >
            <StaffSelect
              multiple
              known={knownPeople}
              disabled={!mayChangeCollaborators}
              placeholder={t('customerDetail.form.staffPlaceholder')}
              testId="customer-form-collaboratorIds"
            />
          </Form.Item>
        </Section>

        <Section title={t('customerDetail.sections.preferences')} testId="form-section-preferences">
          <Form.Item name="preferences" label={L('preferences')} style={wide}>
            <Input.TextArea
              rows={4}
              maxLength={customerLimits.preferencesMax}
              showCount
              placeholder={t('customerDetail.form.preferencesPlaceholder')}
              data-testid="customer-form-preferences"
            />
          </Form.Item>
        </Section>

        {activeDefs.length > 0 ? (
          <Section title={t('customerDetail.sections.custom')} testId="form-section-custom">
            {activeDefs.map((d) => (
              <CustomFieldItem key={d.key} def={d} />
            ))}
          </Section>
        ) : null}

        {!editing ? (
          <Card
            size="small"
            title={t('customerDetail.form.contactsSection')}
            style={{ marginBottom: 16 }}
            data-testid="form-section-contacts"
          >
            <InitialContacts definitions={contactDefinitions} />
          </Card>
        ) : null}

        <Card size="small" style={{ position: 'sticky', bottom: 0, zIndex: 5 }}>
          <Flex gap={8} justify="flex-end" wrap>
            {editing ? (
              <Typography.Text type="secondary" style={{ marginRight: 'auto', alignSelf: 'center' }}>
                {t('customerDetail.form.versionHint', { version: current.version })}
              </Typography.Text>
            ) : null}
            <Button onClick={() => navigate(cancelTo)}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              data-testid="customer-form-submit"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </Card>
      </Form>
      <DuplicateModal
        open={duplicates.open}
        matches={duplicates.matches}
        pending={save.isPending}
        onCancel={() => setDuplicates({ open: false, matches: [] })}
        onConfirm={() => {
          const values = lastValues.current;
          if (values) save.mutate({ values, confirm: true });
        }}
      />
    </div>
  );
}
