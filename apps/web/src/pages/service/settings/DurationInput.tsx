import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bestUnit, type DurationUnit, durationUnits, fromMs, toMs } from './durations';

/**
 * A duration stored in milliseconds, entered as a number and a unit (minutes, hours, business
 * days of 9 h). Changing the unit keeps the number typed: "3" then "hours" means three hours.
 */
export function DurationInput({
  value,
  onChange,
  mode = 'business',
  id,
  status,
  testId,
}: {
  value?: number | null;
  onChange?: (ms: number | null) => void;
  mode?: 'business' | 'calendar';
  id?: string;
  status?: '' | 'error' | 'warning';
  testId?: string;
}) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<DurationUnit>(() =>
    typeof value === 'number' && value > 0 ? bestUnit(value, mode).unit : 'hours',
  );
  const shown = typeof value === 'number' ? fromMs(value, unit) : null;
  return (
    <Space.Compact style={{ width: '100%' }}>
      <InputNumber<number>
        id={id}
        min={0}
        step={1}
        value={shown}
        status={status}
        style={{ width: '45%', minWidth: 80 }}
        onChange={(v) => onChange?.(typeof v === 'number' ? toMs(v, unit) : null)}
        data-testid={testId}
      />
      <Select<DurationUnit>
        value={unit}
        style={{ width: '55%', minWidth: 130 }}
        popupMatchSelectWidth={false}
        onChange={(u) => {
          setUnit(u);
          if (shown !== null) onChange?.(toMs(shown, u));
        }}
        options={durationUnits.map((u) => ({ value: u, label: t(`serviceAdmin.enums.units.${u}`) }))}
        data-testid={testId ? `${testId}-unit` : undefined}
      />
    </Space.Compact>
  );
}
