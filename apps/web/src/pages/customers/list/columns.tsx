import { LockOutlined } from '@ant-design/icons';
import { Flex, type TableProps, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { Customer, CustomerSort, CustomFieldDefinition } from '../../../api/customers';
import { customFieldLabel, optionLabel } from './FilterPanel';
import { highlightDigits, highlightText, type TextPart } from './list-state';

export const standardColumns = [
  'name',
  'kind',
  'grade',
  'category',
  'valueTier',
  'lifecycle',
  'owner',
  'region',
  'industry',
  'scale',
  'source',
  'phone',
  'email',
  'tags',
  'signedOn',
  'verifiedAt',
  'status',
  'createdAt',
  'updatedAt',
] as const;
type StandardColumn = (typeof standardColumns)[number];

export const defaultColumns: readonly string[] = [
  'name',
  'grade',
  'category',
  'lifecycle',
  'owner',
  'region',
  'phone',
  'verifiedAt',
  'updatedAt',
];

export const customColumnKey = (fieldKey: string) => `custom:${fieldKey}`;

const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };
const categoryColors: Record<string, string> = { key: 'gold', normal: 'blue', potential: 'cyan' };
const lifecycleColors: Record<string, string> = {
  prospect: 'cyan',
  active: 'green',
  dormant: 'orange',
  lost: 'default',
};
const valueTierColors: Record<string, string> = {
  high: 'magenta',
  medium: 'purple',
  potential: 'geekblue',
  low: 'default',
};

export function Marked({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((p, i) =>
        p.match ? (
          <mark
            key={i}
            className="search-hit"
            style={{ padding: 0, background: '#ffe58f', color: 'inherit' }}
          >
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

const formatDate = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD') : null);
const formatTime = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

function sortOrder(sort: CustomerSort, field: 'name' | 'createdAt' | 'updatedAt') {
  if (sort === field) return 'ascend' as const;
  if (sort === `-${field}`) return 'descend' as const;
  return null;
}

/** Whether a record is due for review: never verified, or not within the setting's number of days. */
export function verifyDue(verifiedAt: string | null, verifyAfterDays: number, now: Date): boolean {
  if (!verifiedAt) return true;
  return now.getTime() - new Date(verifiedAt).getTime() > verifyAfterDays * 86_400_000;
}

function customValue(def: CustomFieldDefinition, value: unknown, locale: string, t: TFunction) {
  if (value === null || value === undefined || value === '') return null;
  switch (def.type) {
    case 'number':
      return typeof value === 'number' ? value.toLocaleString(locale) : String(value);
    case 'boolean':
      return value === true ? t('customers.filters.yes') : t('customers.filters.no');
    case 'single_select':
      return optionLabel(def, String(value), locale);
    case 'multi_select':
      return Array.isArray(value) ? (
        <Flex gap={4} wrap>
          {value.map((v) => (
            <Tag key={String(v)} style={{ marginInlineEnd: 0 }}>
              {optionLabel(def, String(v), locale)}
            </Tag>
          ))}
        </Flex>
      ) : null;
    default:
      return String(value);
  }
}

type Column = NonNullable<TableProps<Customer>['columns']>[number];

export function buildColumns({
  t,
  locale,
  q,
  sort,
  verifyAfterDays,
  now,
  customFields,
  visible,
  compact,
  canUnmask,
}: {
  t: TFunction;
  locale: string;
  q: string | undefined;
  sort: CustomerSort;
  verifyAfterDays: number;
  now: Date;
  customFields: CustomFieldDefinition[];
  visible: readonly string[];
  /** Phone width: the name column is not pinned, so it scrolls with the rest. */
  compact: boolean;
  /** Whether this role may reveal a masked number on the customer page (finance and reception may not). */
  canUnmask: boolean;
}): Column[] {
  const label = (key: string) => t(`customerFields.customer.${key}` as 'customerFields.customer.name');
  const enumTag = (key: 'grade' | 'category' | 'lifecycle' | 'valueTier', colors: Record<string, string>) =>
    ({
      key,
      title: label(key),
      dataIndex: key,
      render: (v: string | null) =>
        v ? (
          <Tag color={colors[v] ?? 'default'} style={{ marginInlineEnd: 0 }}>
            {t(`customerFields.${key}.${v}` as 'customerFields.grade.A')}
          </Tag>
        ) : (
          '—'
        ),
    }) satisfies Column;
  const plain = (key: 'industry' | 'email') =>
    ({
      key,
      title: label(key),
      dataIndex: key,
      ellipsis: true,
      render: (v: string) => v || '—',
    }) satisfies Column;

  const all: Record<StandardColumn, Column> = {
    name: {
      key: 'name',
      title: t('customerFields.customer.name'),
      dataIndex: 'name',
      fixed: compact ? undefined : 'left',
      width: compact ? 200 : 280,
      sorter: true,
      sortOrder: sortOrder(sort, 'name'),
      sortDirections: ['ascend', 'descend'],
      render: (_: unknown, c) => (
        <Flex vertical gap={2}>
          <Flex gap={6} align="center" wrap>
            <Link to={`/customers/${c.id}`} data-testid={`customer-link-${c.id}`}>
              <Marked parts={highlightText(c.name, q)} />
            </Link>
            {c.status === 'invalid' ? (
              <Tooltip
                title={
                  c.invalidReason ? t('customers.list.invalidReason', { reason: c.invalidReason }) : null
                }
              >
                <Tag color="default" style={{ marginInlineEnd: 0 }} data-testid="customer-invalid-tag">
                  {t('customers.list.invalidTag')}
                </Tag>
              </Tooltip>
            ) : null}
            {c.status === 'merged' ? (
              <Tag style={{ marginInlineEnd: 0 }}>{t('customers.list.mergedTag')}</Tag>
            ) : null}
          </Flex>
          {c.shortName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <Marked parts={highlightText(c.shortName, q)} />
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    kind: {
      key: 'kind',
      title: label('kind'),
      dataIndex: 'kind',
      render: (v: Customer['kind']) => t(`customerFields.kind.${v}`),
    },
    grade: enumTag('grade', gradeColors),
    category: enumTag('category', categoryColors),
    valueTier: enumTag('valueTier', valueTierColors),
    lifecycle: enumTag('lifecycle', lifecycleColors),
    owner: {
      key: 'owner',
      title: label('owner'),
      render: (_: unknown, c) =>
        c.owner ? (
          c.owner.name
        ) : (
          <Typography.Text type="secondary">{t('customers.list.noOwner')}</Typography.Text>
        ),
    },
    region: {
      key: 'region',
      title: label('region'),
      dataIndex: 'regionName',
      render: (v: string) => v || '—',
    },
    industry: plain('industry'),
    scale: {
      key: 'scale',
      title: label('scale'),
      dataIndex: 'scale',
      render: (v: Customer['scale']) => (v ? t(`customerFields.scale.${v}`) : '—'),
    },
    source: {
      key: 'source',
      title: label('source'),
      dataIndex: 'source',
      render: (v: Customer['source']) => (v ? t(`customerFields.source.${v}`) : '—'),
    },
    phone: {
      key: 'phone',
      title: label('phone'),
      render: (_: unknown, c) => {
        if (!c.phone) return '—';
        if (!c.masked) return <Marked parts={highlightDigits(c.phone, q)} />;
        return (
          <Tooltip title={canUnmask ? t('customers.list.masked') : t('customers.list.maskedForRole')}>
            <span data-testid="phone-masked">
              {c.phone} <LockOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />
            </span>
          </Tooltip>
        );
      },
    },
    email: plain('email'),
    tags: {
      key: 'tags',
      title: label('tags'),
      dataIndex: 'tags',
      render: (tags: string[]) =>
        tags.length === 0 ? (
          '—'
        ) : (
          <Flex gap={4} wrap>
            {tags.map((tag) => (
              <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                {tag}
              </Tag>
            ))}
          </Flex>
        ),
    },
    signedOn: {
      key: 'signedOn',
      title: label('signedOn'),
      dataIndex: 'signedOn',
      render: (v: string | null) => v ?? '—',
    },
    verifiedAt: {
      key: 'verifiedAt',
      title: label('verifiedAt'),
      render: (_: unknown, c) => {
        const due = verifyDue(c.verifiedAt, verifyAfterDays, now);
        const when = formatDate(c.verifiedAt);
        const text = when ? (
          <Tooltip
            title={
              c.verifiedBy ? t('customers.list.verifiedBy', { name: c.verifiedBy.name, date: when }) : null
            }
          >
            <span>{when}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('customers.list.neverVerified')}</Typography.Text>
        );
        return (
          <Flex gap={6} align="center" wrap>
            {text}
            {due ? (
              <Tooltip title={t('customers.list.verifyDueHint', { days: verifyAfterDays })}>
                <Tag color="warning" style={{ marginInlineEnd: 0 }} data-testid="verify-due">
                  {t('customers.list.verifyDue')}
                </Tag>
              </Tooltip>
            ) : null}
          </Flex>
        );
      },
    },
    status: {
      key: 'status',
      title: label('status'),
      dataIndex: 'status',
      render: (v: Customer['status']) => (
        <Tag color={v === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
          {t(`customerFields.status.${v}`)}
        </Tag>
      ),
    },
    createdAt: {
      key: 'createdAt',
      title: label('createdAt'),
      dataIndex: 'createdAt',
      sorter: true,
      sortOrder: sortOrder(sort, 'createdAt'),
      sortDirections: ['descend', 'ascend'],
      render: (v: string) => formatTime(v),
    },
    updatedAt: {
      key: 'updatedAt',
      title: label('updatedAt'),
      dataIndex: 'updatedAt',
      sorter: true,
      sortOrder: sortOrder(sort, 'updatedAt'),
      sortDirections: ['descend', 'ascend'],
      render: (v: string) => formatTime(v),
    },
  };

  const byKey = new Map<string, Column>(Object.entries(all));
  for (const def of customFields) {
    if (!def.active) continue;
    byKey.set(customColumnKey(def.key), {
      key: customColumnKey(def.key),
      title: customFieldLabel(def, locale),
      render: (_: unknown, c) => customValue(def, c.custom[def.key], locale, t) ?? '—',
    });
  }
  // The name always shows, first: it is the link to the customer.
  const keys = ['name', ...visible.filter((k) => k !== 'name')];
  return keys.flatMap((k) => {
    const col = byKey.get(k);
    return col ? [col] : [];
  });
}

/** Column choices for the ColumnChooser: the standard fields, then the active custom fields. */
export function columnOptions(t: TFunction, locale: string, customFields: CustomFieldDefinition[]) {
  return [
    ...standardColumns.map((k) => ({
      value: k as string,
      label: t(`customerFields.customer.${k}` as 'customerFields.customer.name'),
      disabled: k === 'name',
    })),
    ...customFields
      .filter((d) => d.active)
      .map((d) => ({ value: customColumnKey(d.key), label: customFieldLabel(d, locale), disabled: false })),
  ];
}
