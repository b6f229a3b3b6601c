import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CustomFieldDefinition,
  createContactRequestSchema,
  customerLimits,
  decisionRoles,
} from '@weixi/shared';
import { Button, Card, Checkbox, Empty, Flex, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../../lib/forms';
import { useCustomerLabels } from '../detail/use-labels';
import { CustomFieldItem } from './CustomFieldInput';

/**
 * Contacts entered together with a new customer (the usual case: a card from a first visit).
 * The detail page's drawer edits every contact field afterwards.
 */
export function InitialContacts({ definitions }: { definitions: readonly CustomFieldDefinition[] }) {
  const { t } = useTranslation();
  const activeDefs = definitions.filter((d) => d.active);
  const labels = useCustomerLabels();
  const L = labels.contact;
  const item = { flex: '1 1 200px' } as const;
  return (
    <Form.List name="contacts">
      {(rows, { add, remove }) => (
        <Flex vertical gap={12}>
          {rows.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('customerDetail.form.noInitialContacts')}
              style={{ margin: 0 }}
            />
          ) : null}
          {rows.map((row, i) => (
            <Card
              key={row.key}
              size="small"
              title={t('customerDetail.form.contactN', { n: i + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(row.name)}
                  aria-label={t('customerDetail.form.removeContact')}
                  data-testid={`customer-form-contacts-${i}-remove`}
                />
              }
            >
              <Flex gap={16} wrap>
                <Form.Item
                  name={[row.name, 'name']}
                  label={L('name')}
                  required
                  rules={[zodRule(t, createContactRequestSchema.shape.name)]}
                  style={item}
                >
                  <Input
                    maxLength={customerLimits.textMax}
                    data-testid={`customer-form-contacts-${i}-name`}
                  />
                </Form.Item>
                <Form.Item name={[row.name, 'position']} label={L('position')} style={item}>
                  <Input
                    maxLength={customerLimits.textMax}
                    data-testid={`customer-form-contacts-${i}-position`}
                  />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'phone']}
                  label={L('phone')}
                  rules={[zodRule(t, createContactRequestSchema.shape.phone, { blankOk: true })]}
                  style={item}
                >
                  <Input inputMode="tel" data-testid={`customer-form-contacts-${i}-phone`} />
                </Form.Item>
                <Form.Item
                  name={[row.name, 'email']}
                  label={L('email')}
                  rules={[zodRule(t, createContactRequestSchema.shape.email, { blankOk: true })]}
                  validateTrigger="onBlur"
                  style={item}
                >
                  <Input inputMode="email" data-testid={`customer-form-contacts-${i}-email`} />
                </Form.Item>
                <Form.Item name={[row.name, 'wechat']} label={L('wechat')} style={item}>
                  <Input maxLength={60} data-testid={`customer-form-contacts-${i}-wechat`} />
                </Form.Item>
                <Form.Item name={[row.name, 'decisionRole']} label={L('decisionRole')} style={item}>
                  <Select
                    allowClear
                    placeholder={t('customerDetail.form.selectPlaceholder')}
                    options={decisionRoles.map((r) => ({
                      value: r,
                      label: labels.enumValue('decisionRole', r),
                    }))}
                    data-testid={`customer-form-contacts-${i}-decisionRole`}
                  />
                </Form.Item>
                {activeDefs.map((d) => (
                  <CustomFieldItem
                    key={d.key}
                    def={d}
                    namePrefix={[row.name]}
                    testIdPrefix={`customer-form-contacts-${i}-custom`}
                    width={200}
                  />
                ))}
              </Flex>
              <Flex gap={24} wrap>
                <Form.Item name={[row.name, 'isKey']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox data-testid={`customer-form-contacts-${i}-isKey`}>{L('isKey')}</Checkbox>
                </Form.Item>
                <Form.Item
                  name={[row.name, 'hasDecisionAuthority']}
                  valuePropName="checked"
                  style={{ marginBottom: 0 }}
                >
                  <Checkbox>{L('hasDecisionAuthority')}</Checkbox>
                </Form.Item>
              </Flex>
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ isKey: rows.length === 0, hasDecisionAuthority: false })}
            data-testid="customer-form-contacts-add"
          >
            {t('customerDetail.form.addContact')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
