import { useQuery } from '@tanstack/react-query';
import { Flex, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordKeys, referenceApi } from '../../../api/customer-records';

type Person = { id: string; name: string };

/**
 * Picks colleagues from `GET /staff?q=` (any signed-in user may search by name). People already on
 * the record keep their names even when they are not in the current search results.
 */
export function StaffSelect({
  value,
  onChange,
  multiple,
  known,
  disabled,
  allowClear,
  placeholder,
  testId,
}: {
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  multiple?: boolean;
  known: Person[];
  disabled?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(q.trim()), 250);
    return () => clearTimeout(timer);
  }, [q]);
  const found = useQuery({
    queryKey: recordKeys.staff(term),
    queryFn: () => referenceApi.staff(term),
    enabled: !disabled,
  });
  const [seen, setSeen] = useState<Map<string, Person>>(new Map());
  useEffect(() => {
    if (!found.data) return;
    setSeen((m) => {
      const next = new Map(m);
      for (const p of found.data.items) next.set(p.id, { id: p.id, name: p.name });
      return next;
    });
  }, [found.data]);

  const options = useMemo(() => {
    const byId = new Map<string, { value: string; label: React.ReactNode; title: string }>();
    for (const p of found.data?.items ?? []) {
      const detail = [p.department?.name, t(`roles.${p.role}`)].filter(Boolean).join(' · ');
      byId.set(p.id, {
        value: p.id,
        title: p.name,
        label: (
          <Flex justify="space-between" gap={8}>
            <span>{p.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {detail}
            </Typography.Text>
          </Flex>
        ),
      });
    }
    const selected = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];
    for (const id of selected) {
      if (byId.has(id)) continue;
      const person = known.find((p) => p.id === id) ?? seen.get(id);
      byId.set(id, { value: id, title: person?.name ?? id, label: person?.name ?? id });
    }
    return [...byId.values()];
  }, [found.data, value, known, seen, t]);

  return (
    <Select<string | string[]>
      mode={multiple ? 'multiple' : undefined}
      value={value ?? (multiple ? [] : undefined)}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      optionLabelProp="title"
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder}
      loading={found.isFetching}
      options={options}
      notFoundContent={found.isFetching ? null : t('customerDetail.form.noStaff')}
      data-testid={testId}
    />
  );
}
