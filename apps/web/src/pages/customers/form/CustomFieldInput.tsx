import type { CustomFieldDefinition } from '@weixi/shared';
import { customerLimits } from '@weixi/shared';
import { DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { useCustomerLabels } from '../detail/use-labels';
import { dateFormat } from './dates';

/**
 * One administrator-defined field, rendered by its type; required ones are required. Customers'
 * and contacts' fields alike: `namePrefix` places it inside a list row (the create form's contacts),
 * `testIdPrefix` names it for the browser journeys.
 */
export function CustomFieldItem({
  def,
  namePrefix = [],
  testIdPrefix = 'customer-form-custom',
  width = 260,
}: {
  def: CustomFieldDefinition;
  namePrefix?: (string | number)[];
  testIdPrefix?: string;
  width?: number;
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const testId = `${testIdPrefix}-${def.key}`;
  const options = def.options.map((o) => ({ value: o.value, label: labels.label(o) }));
  const rules: Rule[] = def.required
    ? [
        {
          validator: async (_r, v: unknown) => {
            const empty = v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
            if (empty) throw new Error(t('validation.required'));
          },
        },
      ]
    : [];
  let input: React.ReactNode;
  switch (def.type) {
    case 'text':
      input = <Input maxLength={customerLimits.customTextMax} data-testid={testId} />;
      break;
    case 'number':
      input = <InputNumber style={{ width: '100%' }} data-testid={testId} />;
      break;
    case 'date':
      input = <DatePicker format={dateFormat} style={{ width: '100%' }} data-testid={testId} />;
      break;
    case 'boolean':
      input = (
        <Select
          allowClear
          placeholder={t('customerDetail.form.selectPlaceholder')}
          options={[
            { value: true, label: t('customerDetail.yes') },
            { value: false, label: t('customerDetail.no') },
          ]}
          data-testid={testId}
        />
      );
      break;
    case 'single_select':
      input = (
        <Select
          allowClear
          placeholder={t('customerDetail.form.selectPlaceholder')}
          options={options}
          data-testid={testId}
        />
      );
      break;
    case 'multi_select':
      input = (
        <Select
          mode="multiple"
          allowClear
          placeholder={t('customerDetail.form.selectPlaceholder')}
          options={options}
          data-testid={testId}
        />
      );
      break;
  }
  return (
    <Form.Item
      name={[...namePrefix, 'custom', def.key]}
      label={labels.label(def)}
      required={def.required}
      rules={rules}
      style={{ flex: `1 1 ${width}px` }}
    >
      {input}
    </Form.Item>
  );
}
