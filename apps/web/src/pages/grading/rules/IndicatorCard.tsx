import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { GradingIndicatorKey } from '@weixi/shared';
import { Alert, Button, Card, Flex, Form, InputNumber, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * One indicator of the rules editor: its weight and its bands (min inclusive, max exclusive,
 * points). Field names are the API's paths, so server issues land on these inputs.
 */
export function IndicatorCard({
  index,
  indicatorKey,
  disabled,
}: {
  index: number;
  indicatorKey: GradingIndicatorKey;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const unit = t(`grading.units.${indicatorKey}`);
  return (
    <Card
      size="small"
      title={
        <Tooltip title={t(`grading.indicatorHelp.${indicatorKey}`)}>
          <span>{t(`grading.indicators.${indicatorKey}`)}</span>
        </Tooltip>
      }
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('grading.rules.weight')}</Typography.Text>
          <Form.Item name={['indicators', index, 'weight']} style={{ marginBottom: 0 }}>
            <InputNumber
              min={0}
              max={100}
              precision={0}
              suffix="%"
              style={{ width: 96 }}
              disabled={disabled}
              data-testid={`weight-${indicatorKey}`}
            />
          </Form.Item>
        </Flex>
      }
      data-testid={`indicator-${indicatorKey}`}
    >
      <Form.Item name={['indicators', index, 'key']} hidden>
        <input />
      </Form.Item>
      {indicatorKey === 'satisfaction' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('grading.rules.satisfactionNote')}
        />
      ) : null}
      <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 8 }}>
        {t('grading.rules.bandHint')}
      </Typography.Text>
      <Flex gap={8} style={{ marginBottom: 4 }}>
        <Typography.Text strong style={{ width: 150 }}>
          {t('grading.rules.bandMin')}（{unit}）
        </Typography.Text>
        <Typography.Text strong style={{ width: 150 }}>
          {t('grading.rules.bandMax')}（{unit}）
        </Typography.Text>
        <Typography.Text strong style={{ width: 96 }}>
          {t('grading.rules.points')}
        </Typography.Text>
      </Flex>
      <Form.List name={['indicators', index, 'bands']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, j) => (
              <Flex key={field.key} gap={8} align="flex-start" data-testid={`band-${indicatorKey}-${j}`}>
                <Form.Item name={[field.name, 'min']} style={{ width: 150, marginBottom: 8 }}>
                  <InputNumber min={0} style={{ width: '100%' }} disabled={disabled} />
                </Form.Item>
                <Form.Item name={[field.name, 'max']} style={{ width: 150, marginBottom: 8 }}>
                  <InputNumber
                    min={0}
                    style={{ width: '100%' }}
                    placeholder={t('grading.rules.bandMaxOpen')}
                    disabled={disabled}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'points']} style={{ width: 96, marginBottom: 8 }}>
                  <InputNumber
                    min={0}
                    max={100}
                    precision={0}
                    style={{ width: '100%' }}
                    disabled={disabled}
                  />
                </Form.Item>
                {!disabled ? (
                  <Tooltip title={t('grading.rules.removeBand')}>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('grading.rules.removeBand')}
                      disabled={fields.length <= 1}
                      onClick={() => remove(field.name)}
                    />
                  </Tooltip>
                ) : null}
              </Flex>
            ))}
            {!disabled ? (
              <Button
                type="dashed"
                size="small"
                icon={<PlusOutlined />}
                onClick={() => add({ min: null, max: null, points: 0 })}
                data-testid={`band-add-${indicatorKey}`}
              >
                {t('grading.rules.addBand')}
              </Button>
            ) : null}
          </>
        )}
      </Form.List>
    </Card>
  );
}
