import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A list of dates (YYYY-MM-DD), kept sorted: holidays or 调休 make-up workdays. */
export function DateListInput({
  value = [],
  onChange,
  id,
  testId,
}: {
  value?: string[];
  onChange?: (dates: string[]) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<Dayjs | null>(null);
  const add = () => {
    if (!picked) return;
    const d = picked.format('YYYY-MM-DD');
    if (!value.includes(d)) onChange?.([...value, d].sort());
    setPicked(null);
  };
  return (
    <Flex vertical gap={8} data-testid={testId}>
      <Space.Compact>
        <DatePicker
          id={id}
          value={picked}
          onChange={setPicked}
          data-testid={testId ? `${testId}-picker` : undefined}
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!picked}
          onClick={add}
          data-testid={testId ? `${testId}-add` : undefined}
        >
          {t('serviceAdmin.settings.calendar.addDate')}
        </Button>
      </Space.Compact>
      {value.length === 0 ? (
        <Typography.Text type="secondary">{t('serviceAdmin.settings.calendar.noDates')}</Typography.Text>
      ) : (
        <Flex wrap gap={4}>
          {value.map((d) => (
            <Tag
              key={d}
              closable
              onClose={() => onChange?.(value.filter((x) => x !== d))}
              style={{ marginInlineEnd: 0 }}
            >
              {d}
            </Tag>
          ))}
        </Flex>
      )}
    </Flex>
  );
}
