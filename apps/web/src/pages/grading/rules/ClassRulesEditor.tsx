import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { customerGrades, customerScales, lifecycles } from '@weixi/shared';
import { Button, Card, Col, Flex, Form, InputNumber, Row, Select, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { recordKeys, referenceApi } from '../../../api/customer-records';

/**
 * Category or value-tier rules: an ordered list (first match wins) of a result and conditions
 * that must all hold, and the result for everyone else.
 */
export function ClassRulesEditor({
  section,
  values,
  disabled,
}: {
  section: 'category' | 'valueTier';
  values: readonly string[];
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const regions = useQuery({
    queryKey: recordKeys.regions,
    queryFn: referenceApi.regions,
    staleTime: Infinity,
  });
  const valueLabel = (v: string) =>
    section === 'category'
      ? t(`customerFields.category.${v as 'key'}`)
      : t(`customerFields.valueTier.${v as 'high'}`);
  const valueOptions = values.map((v) => ({ value: v, label: valueLabel(v) }));
  const provinces = (regions.data ?? []).map((r) => ({ value: r.code, label: r.name }));
  const c = (k: string) => t(`grading.rules.conditions.${k as 'grades'}`);

  return (
    <Card
      title={t(`grading.rules.${section}`)}
      size="small"
      data-testid={`class-rules-${section}`}
      extra={<Typography.Text type="secondary">{t('grading.rules.classHint')}</Typography.Text>}
    >
      <Form.List name={[section, 'rules']}>
        {(fields, { add, remove, move }) => (
          <Flex vertical gap={12}>
            {fields.map((field, i) => (
              <Card
                key={field.key}
                size="small"
                type="inner"
                data-testid={`class-rule-${section}-${i}`}
                title={
                  <Flex align="center" gap={8}>
                    <Tag>#{i + 1}</Tag>
                    <Typography.Text type="secondary">{t('grading.rules.ruleValue')}</Typography.Text>
                    <Form.Item name={[field.name, 'value']} noStyle>
                      <Select options={valueOptions} style={{ width: 140 }} disabled={disabled} />
                    </Form.Item>
                  </Flex>
                }
                extra={
                  disabled ? null : (
                    <Flex gap={4}>
                      <Tooltip title={t('grading.rules.moveUp')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('grading.rules.moveUp')}
                          disabled={i === 0}
                          onClick={() => move(i, i - 1)}
                        />
                      </Tooltip>
                      <Tooltip title={t('grading.rules.moveDown')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('grading.rules.moveDown')}
                          disabled={i === fields.length - 1}
                          onClick={() => move(i, i + 1)}
                        />
                      </Tooltip>
                      <Tooltip title={t('grading.rules.removeRule')}>
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('grading.rules.removeRule')}
                          onClick={() => remove(field.name)}
                        />
                      </Tooltip>
                    </Flex>
                  )
                }
              >
                <Row gutter={[12, 0]}>
                  <Col xs={24} md={12} xl={6}>
                    <Form.Item name={[field.name, 'when', 'grades']} label={c('grades')}>
                      <Select
                        mode="multiple"
                        allowClear
                        disabled={disabled}
                        options={customerGrades.map((g) => ({
                          value: g,
                          label: t(`customerFields.grade.${g}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6} xl={6}>
                    <Form.Item name={[field.name, 'when', 'minScore']} label={c('minScore')}>
                      <InputNumber min={0} max={100} style={{ width: '100%' }} disabled={disabled} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6} xl={6}>
                    <Form.Item name={[field.name, 'when', 'minValueFen']} label={c('minValueFen')}>
                      <InputNumber min={0} style={{ width: '100%' }} disabled={disabled} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6} xl={6}>
                    <Form.Item name={[field.name, 'when', 'maxYears']} label={c('maxYears')}>
                      <InputNumber
                        min={0}
                        max={200}
                        precision={0}
                        style={{ width: '100%' }}
                        disabled={disabled}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12} xl={6}>
                    <Form.Item name={[field.name, 'when', 'scales']} label={c('scales')}>
                      <Select
                        mode="multiple"
                        allowClear
                        disabled={disabled}
                        options={customerScales.map((s) => ({
                          value: s,
                          label: t(`customerFields.scale.${s}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12} xl={6}>
                    <Form.Item name={[field.name, 'when', 'lifecycles']} label={c('lifecycles')}>
                      <Select
                        mode="multiple"
                        allowClear
                        disabled={disabled}
                        options={lifecycles.map((l) => ({
                          value: l,
                          label: t(`customerFields.lifecycle.${l}`),
                        }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12} xl={6}>
                    <Form.Item name={[field.name, 'when', 'industries']} label={c('industries')}>
                      <Select
                        mode="tags"
                        allowClear
                        disabled={disabled}
                        tokenSeparators={[',', '，']}
                        open={false}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={12} xl={6}>
                    <Form.Item name={[field.name, 'when', 'provinceCodes']} label={c('provinceCodes')}>
                      <Select
                        mode="multiple"
                        allowClear
                        disabled={disabled}
                        options={provinces}
                        optionFilterProp="label"
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            {!disabled ? (
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ value: values[0], when: {} })}
                data-testid={`class-rule-add-${section}`}
              >
                {t('grading.rules.addRule')}
              </Button>
            ) : null}
            <Typography.Text type="secondary">{t('grading.rules.conditionsHint')}</Typography.Text>
          </Flex>
        )}
      </Form.List>
      <Flex align="center" gap={8} style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('grading.rules.otherwise')}</Typography.Text>
        <Form.Item name={[section, 'otherwise']} noStyle>
          <Select
            options={valueOptions}
            style={{ width: 160 }}
            disabled={disabled}
            data-testid={`otherwise-${section}`}
          />
        </Form.Item>
      </Flex>
    </Card>
  );
}
