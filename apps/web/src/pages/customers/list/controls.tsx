import { LoadingOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Input, InputNumber, Select } from 'antd';
import { type CSSProperties, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { customerKeys, customersApi, type StaffMember } from '../../../api/customers';

/**
 * A search box that queries as the user types: 250 ms after the last keystroke, or at once on
 * Enter. A value arriving from outside (Back, a saved view, "clear search") replaces the text and
 * drops pending keystrokes; our own value coming back through the URL does not disturb typing.
 */
export function SearchBox({
  value,
  onChange,
  loading,
  style,
}: {
  value: string | undefined;
  onChange: (q: string | undefined) => void;
  loading: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  const sent = useRef(value ?? '');
  const timer = useRef<number | undefined>(undefined);
  const latest = useRef(onChange);
  latest.current = onChange;

  useEffect(() => {
    if ((value ?? '') === sent.current) return;
    window.clearTimeout(timer.current);
    sent.current = value ?? '';
    setText(value ?? '');
  }, [value]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const send = (raw: string) => {
    window.clearTimeout(timer.current);
    // The URL keeps the term trimmed with single spaces; compare in that form to recognise it later.
    const q = raw.trim().replace(/\s+/g, ' ');
    if (q === sent.current) return;
    sent.current = q;
    latest.current(q || undefined);
  };

  return (
    <Input
      allowClear
      value={text}
      maxLength={100}
      placeholder={t('customers.list.searchPlaceholder')}
      aria-label={t('customers.list.searchAria')}
      prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.45)' }} />}
      suffix={loading ? <LoadingOutlined /> : <span />}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        window.clearTimeout(timer.current);
        if (next === '') send('');
        else timer.current = window.setTimeout(() => send(next), 250);
      }}
      onPressEnter={() => send(text)}
      style={style}
      data-testid="customer-search"
    />
  );
}

/** A text filter that applies on Enter or when the field loses focus, not on every keystroke. */
export function CommitInput({
  value,
  onCommit,
  placeholder,
  testId,
}: {
  value: string | undefined;
  onCommit: (value: string | undefined) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const commit = () => {
    const v = text.trim();
    if (v !== (value ?? '')) onCommit(v || undefined);
  };
  return (
    <Input
      allowClear
      value={text}
      placeholder={placeholder}
      onChange={(e) => {
        setText(e.target.value);
        // The clear icon means "no filter" straight away.
        if (e.type === 'click' && e.target.value === '') onCommit(undefined);
      }}
      onPressEnter={commit}
      onBlur={commit}
      data-testid={testId}
    />
  );
}

export function CommitNumber({
  value,
  onCommit,
  placeholder,
  min,
  max,
  testId,
  disabled,
  style,
}: {
  value: number | undefined;
  onCommit: (value: number | undefined) => void;
  placeholder?: string;
  min?: number;
  max?: number;
  testId?: string;
  disabled?: boolean;
  style?: CSSProperties;
}) {
  const [num, setNum] = useState<number | null>(value ?? null);
  useEffect(() => setNum(value ?? null), [value]);
  const commit = () => {
    const v = num ?? undefined;
    if (v !== value) onCommit(v);
  };
  return (
    <InputNumber<number>
      value={num}
      min={min}
      max={max}
      placeholder={placeholder}
      disabled={disabled}
      onChange={(v) => setNum(v)}
      onPressEnter={commit}
      onBlur={commit}
      style={style}
      data-testid={testId}
    />
  );
}

/**
 * The owner filter: me, nobody (the public pool), or a colleague found by name through /staff.
 * `knownNames` labels a colleague chosen earlier (from a bookmark or a view) whom no search returned.
 */
export function OwnerSelect({
  value,
  onChange,
  knownNames,
  onPicked,
}: {
  value: string | undefined;
  onChange: (ownerId: string | undefined) => void;
  knownNames: ReadonlyMap<string, string>;
  onPicked: (member: StaffMember) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const id = window.setTimeout(() => setDebounced(search.trim()), 250);
    return () => window.clearTimeout(id);
  }, [search]);
  const [open, setOpen] = useState(false);
  const staff = useQuery({
    queryKey: customerKeys.staff(debounced),
    queryFn: ({ signal }) => customersApi.staff(debounced, signal),
    enabled: open,
    staleTime: 60_000,
  });
  const people = staff.data?.items ?? [];
  const options = [
    { value: 'me', label: t('customers.filters.ownerMe') },
    { value: 'none', label: t('customers.filters.ownerNone') },
    ...people.map((p) => ({
      value: p.id,
      label: p.department ? `${p.name} · ${p.department.name}` : p.name,
    })),
  ];
  if (value && !options.some((o) => o.value === value)) {
    options.push({ value, label: knownNames.get(value) ?? t('customers.list.someColleague') });
  }
  return (
    <Select<string>
      allowClear
      value={value}
      placeholder={t('customers.filters.any')}
      options={options}
      loading={staff.isFetching}
      onOpenChange={setOpen}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      onChange={(v) => {
        setSearch('');
        const member = people.find((p) => p.id === v);
        if (member) onPicked(member);
        onChange(v);
      }}
      notFoundContent={staff.isFetching ? t('customers.list.searching') : undefined}
      style={{ width: '100%' }}
      data-testid="filter-owner"
    />
  );
}
