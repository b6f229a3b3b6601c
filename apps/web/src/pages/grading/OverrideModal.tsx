import { customerCategories, customerGrades, type OverridableField, valueTiers } from '@weixi/shared';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { ApiError } from '../../api/client';
import { useGradingLabels } from './labels';

export interface OverrideValues {
  field: OverridableField;
  value: string;
  reason: string;
}

const choices: Record<OverridableField, readonly string[]> = {
  grade: customerGrades,
  category: customerCategories,
  valueTier: valueTiers,
};

/** 人工调整: a manager sets grade, category or value tier by hand; the reason is required. */
export function OverrideModal({
  open,
  initial,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  initial: { field: OverridableField; value: string | null };
  pending: boolean;
  error: ApiError | null;
  onCancel: () => void;
  onSubmit: (values: OverrideValues) => void;
}) {
  const labels = useGradingLabels();
  const { t } = labels;
  const [form] = Form.useForm<OverrideValues>();
  const field = Form.useWatch('field', form) ?? initial.field;

  useEffect(() => {
    if (!error) return;
    form.setFields(
      error.fieldErrors
        .filter((e) => ['field', 'value', 'reason'].includes(e.path))
        .map((e) => ({ name: e.path as keyof OverrideValues, errors: [e.message] })),
    );
  }, [error, form]);

  return (
    <Modal
      open={open}
      title={t('grading.overrideDialog.title')}
      okText={t('grading.overrideDialog.submit')}
      okButtonProps={{ ...{ 'data-testid': 'override-submit' } }}
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={() =>
        form.validateFields().then(onSubmit, () => {
          // The form shows what is missing beside its field (the reason is required).
        })
      }
      destroyOnHidden
      data-testid="override-dialog"
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('grading.overrideDialog.hint')} />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ field: initial.field, value: initial.value ?? undefined, reason: '' }}
      >
        <Form.Item name="field" label={t('grading.overrideDialog.field')} rules={[{ required: true }]}>
          <Select
            options={(['grade', 'category', 'valueTier'] as const).map((f) => ({
              value: f,
              label: t(`grading.score.fields.${f}`),
            }))}
            onChange={() => form.setFieldValue('value', undefined)}
            data-testid="override-field"
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('grading.overrideDialog.value')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            options={choices[field].map((v) => ({ value: v, label: labels.field(field, v) }))}
            data-testid="override-value"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('grading.overrideDialog.reason')}
          rules={[{ required: true, whitespace: true, message: t('grading.overrideDialog.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('grading.overrideDialog.reasonPlaceholder')}
            data-testid="override-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
