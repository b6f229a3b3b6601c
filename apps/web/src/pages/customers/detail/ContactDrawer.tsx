import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type Contact,
  type CustomFieldDefinition,
  contactChannels,
  createContactRequestSchema,
  customerLimits,
  decisionRoles,
  updateContactRequestSchema,
} from '@weixi/shared';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { contactsApi, customerRecordsApi, customFieldsApi, recordKeys } from '../../../api/customer-records';
import { errorText } from '../../../lib/errors';
import { validateRequest, zodRule } from '../../../lib/forms';
import { CustomFieldItem } from '../form/CustomFieldInput';
import {
  type ContactFormValues,
  contactFormValues,
  contactRequestFromForm,
  toUpdateContactRequest,
} from '../form/contact-values';
import { dateFormat } from '../form/dates';
import { customerIssueText, showIssues } from '../form/form-errors';
import { useCustomerLabels } from './use-labels';

const fields = [
  'name',
  'employer',
  'position',
  'address',
  'phone',
  'email',
  'wechat',
  'birthday',
  'decisionRole',
  'hasDecisionAuthority',
  'preferredChannel',
  'personalNotes',
  'isKey',
] as const;

const blank: ContactFormValues = { hasDecisionAuthority: false, isKey: false };

/** Issues on these names, or on `custom.<key>`, are shown beside their input. */
const isContactField = (name: (string | number)[]) =>
  typeof name[0] === 'string' && ((fields as readonly string[]).includes(name[0]) || name[0] === 'custom');

/** The contact custom fields, active ones, in their order; shared cache with the admin page. */
export function useContactFieldDefinitions(): CustomFieldDefinition[] {
  const defs = useQuery({
    queryKey: recordKeys.customFields('contact'),
    queryFn: () => customFieldsApi.list('contact'),
  });
  return useMemo(() => defs.data?.items ?? [], [defs.data]);
}

/**
 * Add (contact = null) or edit one contact of a customer. Masked phone numbers are shown but not
 * editable until revealed, so a masked value can never be saved over the real one.
 */
export function ContactDrawer({
  open,
  customerId,
  customerName,
  contact,
  plain,
  onClose,
  onSaved,
}: {
  open: boolean;
  customerId: string;
  customerName: string;
  contact: Contact | null;
  /** The revealed values of a masked contact, if the user asked to see them. */
  plain: { phone: string; email: string; wechat: string } | undefined;
  onClose: () => void;
  onSaved: (saved: Contact) => void;
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactFormValues>();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<Contact | null>(contact);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const definitions = useContactFieldDefinitions();
  const activeDefs = useMemo(() => definitions.filter((d) => d.active), [definitions]);
  const definitionsRef = useRef(definitions);
  definitionsRef.current = definitions;

  const baseline = (c: Contact | null): Contact | null => (c?.masked && plain ? { ...c, ...plain } : c);
  const locked = Boolean(current?.masked) && !plain;

  useEffect(() => {
    if (!open) return;
    setCurrent(contact);
    setIdempotencyKey(newIdempotencyKey());
    form.resetFields();
    const base = contact?.masked && plain ? { ...contact, ...plain } : contact;
    form.setFieldsValue(
      base ? contactFormValues(base, definitionsRef.current) : { ...blank, employer: customerName },
    );
  }, [open, contact, plain, form, customerName]);

  // Definitions that arrive after the drawer opened: show the stored values in the custom inputs,
  // without resetting what the user has typed meanwhile.
  useEffect(() => {
    if (!open || !contact || definitions.length === 0) return;
    if (form.isFieldsTouched(definitions.map((d) => ['custom', d.key]))) return;
    form.setFieldsValue({ custom: contactFormValues(contact, definitions).custom });
  }, [open, contact, definitions, form]);

  const save = useMutation({
    mutationFn: async (values: ContactFormValues): Promise<Contact | null> => {
      const base = baseline(current);
      if (base) {
        const body = validateRequest(
          t,
          form,
          updateContactRequestSchema,
          toUpdateContactRequest(base, values, definitions),
        );
        if (!body) return null;
        if (Object.keys(body).length === 0) return base;
        return contactsApi.update(customerId, base.id, base.version, body);
      }
      const body = validateRequest(
        t,
        form,
        createContactRequestSchema,
        contactRequestFromForm(values, definitions),
      );
      if (!body) return null;
      return contactsApi.create(customerId, body, idempotencyKey);
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void queryClient.invalidateQueries({ queryKey: recordKeys.detail(customerId) });
      message.success(
        t(current ? 'customerDetail.contacts.updated' : 'customerDetail.contacts.created', {
          name: saved.name,
        }),
      );
      onSaved(saved);
      onClose();
    },
    onError: async (err) => {
      if (isApiError(err) && err.code === 'version_conflict' && current) {
        message.warning(t('errors.versionConflict'), 6);
        const fresh = (await customerRecordsApi.get(customerId)).contacts.find((k) => k.id === current.id);
        void queryClient.invalidateQueries({ queryKey: recordKeys.detail(customerId) });
        if (!fresh) {
          onClose();
          return;
        }
        setCurrent(fresh);
        form.setFieldsValue(
          contactFormValues(fresh.masked && plain ? { ...fresh, ...plain } : fresh, definitions),
        );
        return;
      }
      if (isApiError(err) && err.fieldErrors.length > 0) {
        const rest = showIssues(
          form,
          err.fieldErrors.map((i) => ({ path: i.path, text: customerIssueText(t, i) })),
          isContactField,
        );
        if (rest.length === 0) return;
      }
      message.error(errorText(t, err));
    },
  });

  const L = labels.contact;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={520}
      forceRender
      title={
        current
          ? t('customerDetail.contacts.editTitle', { name: current.name })
          : t('customerDetail.contacts.createTitle')
      }
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="contact-form-submit"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="contact-drawer"
    >
      {locked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customerDetail.contacts.maskedHint')}
        />
      ) : null}
      <Form<ContactFormValues>
        form={form}
        name="contact-form"
        layout="vertical"
        onFinish={(values) => save.mutate(values)}
        initialValues={blank}
      >
        <Flex gap={16} wrap>
          <Form.Item
            name="name"
            label={L('name')}
            required
            rules={[zodRule(t, createContactRequestSchema.shape.name)]}
            style={{ flex: '1 1 200px' }}
          >
            <Input maxLength={customerLimits.textMax} data-testid="contact-form-name" />
          </Form.Item>
          <Form.Item name="position" label={L('position')} style={{ flex: '1 1 200px' }}>
            <Input maxLength={customerLimits.textMax} data-testid="contact-form-position" />
          </Form.Item>
        </Flex>
        <Form.Item name="employer" label={L('employer')}>
          <Input maxLength={customerLimits.textMax} data-testid="contact-form-employer" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="phone"
            label={L('phone')}
            rules={locked ? [] : [zodRule(t, createContactRequestSchema.shape.phone, { blankOk: true })]}
            style={{ flex: '1 1 200px' }}
          >
            <Input inputMode="tel" disabled={locked} data-testid="contact-form-phone" />
          </Form.Item>
          <Form.Item
            name="email"
            label={L('email')}
            rules={locked ? [] : [zodRule(t, createContactRequestSchema.shape.email, { blankOk: true })]}
            validateTrigger="onBlur"
            style={{ flex: '1 1 200px' }}
          >
            <Input inputMode="email" disabled={locked} data-testid="contact-form-email" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item name="wechat" label={L('wechat')} style={{ flex: '1 1 200px' }}>
            <Input maxLength={60} disabled={locked} data-testid="contact-form-wechat" />
          </Form.Item>
          <Form.Item name="birthday" label={L('birthday')} style={{ flex: '1 1 200px' }}>
            <DatePicker format={dateFormat} style={{ width: '100%' }} data-testid="contact-form-birthday" />
          </Form.Item>
        </Flex>
        <Form.Item name="address" label={L('address')}>
          <Input maxLength={customerLimits.addressMax} data-testid="contact-form-address" />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item name="decisionRole" label={L('decisionRole')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              placeholder={t('customerDetail.form.selectPlaceholder')}
              options={decisionRoles.map((r) => ({ value: r, label: labels.enumValue('decisionRole', r) }))}
              data-testid="contact-form-decisionRole"
            />
          </Form.Item>
          <Form.Item name="preferredChannel" label={L('preferredChannel')} style={{ flex: '1 1 200px' }}>
            <Select
              allowClear
              placeholder={t('customerDetail.form.selectPlaceholder')}
              options={contactChannels.map((r) => ({
                value: r,
                label: labels.enumValue('preferredChannel', r),
              }))}
              data-testid="contact-form-preferredChannel"
            />
          </Form.Item>
        </Flex>
        <Flex gap={24} wrap>
          <Form.Item name="isKey" valuePropName="checked">
            <Checkbox data-testid="contact-form-isKey">{L('isKey')}</Checkbox>
          </Form.Item>
          <Form.Item name="hasDecisionAuthority" valuePropName="checked">
            <Checkbox data-testid="contact-form-hasDecisionAuthority">{L('hasDecisionAuthority')}</Checkbox>
          </Form.Item>
        </Flex>
        <Form.Item
          name="personalNotes"
          label={L('personalNotes')}
          extra={t('customerDetail.contacts.notesHelp')}
        >
          <Input.TextArea
            rows={3}
            maxLength={customerLimits.notesMax}
            showCount
            data-testid="contact-form-personalNotes"
          />
        </Form.Item>
        {activeDefs.length > 0 ? (
          <Flex gap={16} wrap data-testid="contact-form-custom">
            {activeDefs.map((d) => (
              <CustomFieldItem key={d.key} def={d} testIdPrefix="contact-form-custom" width={200} />
            ))}
          </Flex>
        ) : null}
      </Form>
    </Drawer>
  );
}
