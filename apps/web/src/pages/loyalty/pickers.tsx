import { useQuery } from '@tanstack/react-query';
import { Flex, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogApi, orderKeys, ordersApi } from '../../api/orders';

function useDebounced(value: string, ms = 250): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

type Known = { id: string; name: string };

/** Customers the user may read, searched as in the archive (name, pinyin, phone). */
export function CustomerPicker({
  value,
  onChange,
  known,
  disabled,
  allowClear,
  placeholder,
  testId,
  style,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  known?: Known | null;
  disabled?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  testId: string;
  style?: React.CSSProperties;
}) {
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const found = useQuery({
    queryKey: orderKeys.customerSearch(term),
    queryFn: ({ signal }) => ordersApi.searchCustomers(term, signal),
    enabled: !disabled,
  });
  const [seen, setSeen] = useState<Map<string, string>>(new Map());
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
    if (value && !list.some((o) => o.value === value)) {
      const name = known?.id === value ? known.name : (seen.get(value) ?? value);
      list.unshift({ value, label: name });
    }
    return list;
  }, [found.data, value, known, seen]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? null}
      onChange={(v: string | null | undefined) => {
        const label = options.find((o) => o.value === v)?.label;
        if (v && label) setSeen((m) => new Map(m).set(v, label));
        onChange?.(v ?? null);
      }}
      options={options}
      loading={found.isFetching}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      data-testid={testId}
    />
  );
}

/** Products by code or name; the form offers only products on sale, filters offer all. */
export function ProductPicker({
  value,
  onChange,
  known,
  activeOnly,
  allowClear,
  placeholder,
  testId,
  style,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  known?: { id: string; code: string; name: string } | null;
  activeOnly?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  testId: string;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const term = useDebounced(q);
  const found = useQuery({
    queryKey: orderKeys.products(term, undefined, activeOnly ? true : undefined, 20),
    queryFn: ({ signal }) =>
      catalogApi.products(term, undefined, activeOnly ? true : undefined, 20, undefined, signal),
  });
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((p) => ({
      value: p.id,
      title: `${p.code} ${p.name}`,
      label: (
        <Flex justify="space-between" gap={8}>
          <span>
            {p.name}
            {p.active ? '' : t('loyalty.form.inactiveProduct')}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.code}
          </Typography.Text>
        </Flex>
      ),
    }));
    if (value && !list.some((o) => o.value === value) && known?.id === value)
      list.unshift({ value, title: known.name, label: <span>{`${known.name} · ${known.code}`}</span> });
    return list;
  }, [found.data, value, known, t]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? null}
      onChange={(v: string | null | undefined) => onChange?.(v ?? null)}
      options={options}
      optionLabelProp="title"
      loading={found.isFetching}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      data-testid={testId}
    />
  );
}
