import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type CustomFieldDefinition,
  createCustomFieldRequestSchema,
  customFieldOptionSchema,
  customFieldTypes,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Drawer,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { type CustomFieldEntity, customFieldsApi, recordKeys } from '../../../api/customer-records';
import type { Resources } from '../../../i18n/zh-CN';
import { errorText } from '../../../lib/errors';
import { serverIssueText, zodRule } from '../../../lib/forms';
import {
  type CustomFieldFormValues,
  fieldFormValues,
  hasOptions,
  optionProblems,
  toCreateFieldRequest,
  toUpdateFieldRequest,
} from './custom-field-form';

type ServerCode = keyof Resources['customerAdmin']['fields']['serverErrors'];

const blank: CustomFieldFormValues = {
  key: '',
  labelZh: '',
  labelEn: '',
  type: 'text',
  options: [],
  required: false,
  position: 0,
};

/** Define (field = null) or change one custom field. Key and type are fixed once created. */
export function CustomFieldDrawer({
  open,
  entity,
  field,
  nextPosition,
  onClose,
}: {
  open: boolean;
  entity: CustomFieldEntity;
  field: CustomFieldDefinition | null;
  nextPosition: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomFieldFormValues>();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<CustomFieldDefinition | null>(field);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const type = Form.useWatch('type', form) ?? current?.type ?? 'text';

  useEffect(() => {
    if (!open) return;
    setCurrent(field);
    setIdempotencyKey(newIdempotencyKey());
    form.resetFields();
    form.setFieldsValue(field ? fieldFormValues(field) : { ...blank, position: nextPosition });
  }, [open, field, form, nextPosition]);

  const issueText = (code: string, path: string, fallback: string) => {
    const codes = t('customerAdmin.fields.serverErrors', { returnObjects: true }) as Record<
      ServerCode,
      string
    >;
    const k = `${path.split('.')[0]}_${code}`;
    if (k in codes) return codes[k as ServerCode];
    if (code in codes) return codes[code as ServerCode];
    return serverIssueText(t, path, code, fallback);
  };

  const save = useMutation({
    mutationFn: async (values: CustomFieldFormValues): Promise<CustomFieldDefinition | null> => {
      const problems = optionProblems(values.type, values.options);
      if (problems.length > 0) {
        form.setFields(
          problems.map((p) => ({
            name: p.path,
            errors: [issueText(p.code, 'options', p.code)],
          })),
        );
        return null;
      }
      if (current) {
        const body = toUpdateFieldRequest(current, values);
        if (Object.keys(body).length === 0) return current;
        return customFieldsApi.update(current.id, current.version, body);
      }
      return customFieldsApi.create(toCreateFieldRequest(entity, values), idempotencyKey);
    },
    onSuccess: (saved) => {
      if (!saved) return;
      void queryClient.invalidateQueries({ queryKey: ['custom-fields'] });
      message.success(
        t(current ? 'customerAdmin.fields.updatedMsg' : 'customerAdmin.fields.createdMsg', {
          name: saved.labelZh,
        }),
      );
      onClose();
    },
    onError: async (err) => {
      if (isApiError(err) && err.code === 'version_conflict' && current) {
        message.warning(t('errors.versionConflict'), 6);
        const fresh = (await customFieldsApi.list(current.entity)).items.find((d) => d.id === current.id);
        void queryClient.invalidateQueries({ queryKey: recordKeys.customFields(current.entity) });
        if (fresh) {
          setCurrent(fresh);
          form.setFieldsValue(fieldFormValues(fresh));
        }
        return;
      }
      if (isApiError(err) && err.fieldErrors.length > 0) {
        // Server paths are dotted strings ("options.2.value"); the typed form wants literal tuples.
        (form as FormInstance).setFields(
          err.fieldErrors.map((e) => ({
            name: e.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            errors: [issueText(e.code, e.path, e.message)],
          })),
        );
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const F = (k: keyof Resources['customerAdmin']['fields']['form']) => t(`customerAdmin.fields.form.${k}`);
  const item = { flex: '1 1 200px' } as const;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      forceRender
      title={
        current
          ? t('customerAdmin.fields.editTitle', { name: current.labelZh })
          : t('customerAdmin.fields.createTitle')
      }
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="custom-field-submit"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="custom-field-drawer"
    >
      {current && !current.active ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customerAdmin.fields.inactiveHint')}
        />
      ) : null}
      <Form<CustomFieldFormValues>
        form={form}
        name="custom-field-form"
        layout="vertical"
        initialValues={blank}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="key"
          label={F('key')}
          required
          extra={current ? F('keyFixed') : F('keyHelp')}
          rules={current ? [] : [zodRule(t, createCustomFieldRequestSchema.shape.key)]}
        >
          <Input
            disabled={current !== null}
            maxLength={40}
            autoComplete="off"
            placeholder="channel_level"
            data-testid="custom-field-key"
          />
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item
            name="labelZh"
            label={F('labelZh')}
            required
            rules={[zodRule(t, createCustomFieldRequestSchema.shape.labelZh)]}
            style={item}
          >
            <Input maxLength={60} data-testid="custom-field-labelZh" />
          </Form.Item>
          <Form.Item
            name="labelEn"
            label={F('labelEn')}
            required
            rules={[zodRule(t, createCustomFieldRequestSchema.shape.labelEn)]}
            style={item}
          >
            <Input maxLength={60} data-testid="custom-field-labelEn" />
          </Form.Item>
        </Flex>
        <Flex gap={16} wrap>
          <Form.Item
            name="type"
            label={F('type')}
            extra={current ? F('typeFixed') : undefined}
            required
            style={item}
          >
            <Select
              disabled={current !== null}
              options={customFieldTypes.map((v) => ({
                value: v,
                label: t(`customerFields.customFieldType.${v}`),
              }))}
              data-testid="custom-field-type"
            />
          </Form.Item>
          <Form.Item name="position" label={F('position')} extra={F('positionHelp')} style={item}>
            <InputNumber
              min={0}
              max={1000}
              precision={0}
              style={{ width: '100%' }}
              data-testid="custom-field-position"
            />
          </Form.Item>
        </Flex>
        <Form.Item name="required" label={F('required')} valuePropName="checked" extra={F('requiredHelp')}>
          <Switch data-testid="custom-field-required" />
        </Form.Item>
        {hasOptions(type) ? (
          <>
            <Typography.Text strong>{F('options')}</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              {F('optionsHelp')}
            </Typography.Paragraph>
            <Form.List
              name="options"
              rules={[
                {
                  validator: async (_r, options: CustomFieldFormValues['options']) => {
                    if (optionProblems(type, options).some((p) => p.code === 'required'))
                      throw new Error(issueText('required', 'options', 'required'));
                  },
                },
              ]}
            >
              {(rows, { add, remove }, { errors }) => (
                <Flex vertical gap={4}>
                  {rows.map((row, i) => (
                    <Flex key={row.key} gap={8} align="flex-start" wrap data-testid="custom-field-option">
                      <Form.Item
                        name={[row.name, 'value']}
                        rules={[zodRule(t, customFieldOptionSchema.shape.value)]}
                        style={{ flex: '1 1 120px', marginBottom: 8 }}
                      >
                        <Input
                          placeholder={F('optionValue')}
                          data-testid={`custom-field-option-${i}-value`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'labelZh']}
                        rules={[zodRule(t, customFieldOptionSchema.shape.labelZh)]}
                        style={{ flex: '1 1 120px', marginBottom: 8 }}
                      >
                        <Input
                          placeholder={F('optionLabelZh')}
                          data-testid={`custom-field-option-${i}-labelZh`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'labelEn']}
                        rules={[zodRule(t, customFieldOptionSchema.shape.labelEn)]}
                        style={{ flex: '1 1 120px', marginBottom: 8 }}
                      >
                        <Input
                          placeholder={F('optionLabelEn')}
                          data-testid={`custom-field-option-${i}-labelEn`}
                        />
                      </Form.Item>
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={F('removeOption')}
                        onClick={() => remove(row.name)}
                      />
                    </Flex>
                  ))}
                  <Form.ErrorList errors={errors} />
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ value: '', labelZh: '', labelEn: '' })}
                    data-testid="custom-field-option-add"
                  >
                    {F('addOption')}
                  </Button>
                  {current && current.options.length > 0 ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {F('optionsKeepHint')}
                    </Typography.Text>
                  ) : null}
                </Flex>
              )}
            </Form.List>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
