import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

function read<K extends string>(storageKey: string, all: readonly K[], defaults: readonly K[]): K[] {
  try {
    const raw = localStorage.getItem(storageKey);
    if (raw) {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) {
        // Columns added or removed since the choice was saved must not break the table.
        const known = parsed.filter(
          (k): k is K => typeof k === 'string' && (all as readonly string[]).includes(k),
        );
        if (known.length > 0) return known;
      }
    }
  } catch {
    // A corrupt or inaccessible entry just means the defaults.
  }
  return [...defaults];
}

/** Which columns a table shows, remembered per browser. */
export function useVisibleColumns<K extends string>(
  storageKey: string,
  all: readonly K[],
  defaults: readonly K[],
) {
  const [visible, setVisibleState] = useState<K[]>(() => read(storageKey, all, defaults));
  const setVisible = (next: K[]) => {
    setVisibleState(next);
    try {
      localStorage.setItem(storageKey, JSON.stringify(next));
    } catch {
      // Not remembered, still applied.
    }
  };
  return [visible, setVisible] as const;
}

export function ColumnChooser<K extends string>({
  options,
  value,
  onChange,
}: {
  options: { value: K; label: string; disabled?: boolean }[];
  value: K[];
  onChange: (next: K[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('common.columnsHint')}
      content={
        <Checkbox.Group<K>
          value={value}
          onChange={(next) => onChange(options.map((o) => o.value).filter((v) => next.includes(v)))}
        >
          <Flex vertical gap={6}>
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} disabled={o.disabled ?? false}>
                <Typography.Text>{o.label}</Typography.Text>
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      }
    >
      <Button icon={<SettingOutlined />} data-testid="column-chooser">
        {t('common.columns')}
      </Button>
    </Popover>
  );
}
