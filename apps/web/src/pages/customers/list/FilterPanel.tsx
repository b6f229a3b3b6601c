import {
  customerCategories,
  customerGrades,
  customerKinds,
  customerScales,
  customerSources,
  lifecycles,
  valueTiers,
} from '@weixi/shared';
import { Cascader, Checkbox, Col, DatePicker, Flex, Form, Row, Select, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomFieldDefinition, RegionNode, StaffMember } from '../../../api/customers';
import { useLocale } from '../../../i18n/LocaleProvider';
import type { TreeSelectNode } from '../../../lib/departments';
import { CommitInput, CommitNumber, OwnerSelect } from './controls';
import { csvValues, type ListState, parseCustomFilter, withCustomFilter, withFilter } from './list-state';

export interface FilterRefs {
  departmentTree: TreeSelectNode[];
  regions: RegionNode[];
  customFields: CustomFieldDefinition[];
  verifyAfterDays: number;
  ownerNames: ReadonlyMap<string, string>;
  onOwnerPicked: (member: StaffMember) => void;
}

/** How many filters the collapsed panel shows: the ones an account manager reaches for daily. */
export const primaryFilterCount = 4;

type EnumFilter = 'grade' | 'category' | 'valueTier' | 'lifecycle' | 'scale' | 'source';

const full = { width: '100%' } as const;

export function customFieldLabel(def: CustomFieldDefinition, locale: string): string {
  return locale === 'en-US' ? def.labelEn : def.labelZh;
}

export function optionLabel(def: CustomFieldDefinition, value: string, locale: string): string {
  const o = def.options.find((x) => x.value === value);
  if (!o) return value;
  return locale === 'en-US' ? o.labelEn : o.labelZh;
}

function CustomFieldFilter({
  def,
  value,
  onChange,
}: {
  def: CustomFieldDefinition;
  value: unknown;
  onChange: (value: unknown) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const testId = `filter-custom-${def.key}`;
  const options = def.options.map((o) => ({ value: o.value, label: optionLabel(def, o.value, locale) }));
  switch (def.type) {
    case 'text':
      return (
        <CommitInput
          value={typeof value === 'string' ? value : undefined}
          onCommit={onChange}
          placeholder={t('customers.filters.customTextPlaceholder')}
          testId={testId}
        />
      );
    case 'number':
      return (
        <CommitNumber
          value={typeof value === 'number' ? value : undefined}
          onCommit={onChange}
          placeholder={t('customers.filters.customTextPlaceholder')}
          style={full}
          testId={testId}
        />
      );
    case 'date':
      return (
        <DatePicker
          value={typeof value === 'string' ? dayjs(value) : null}
          onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
          style={full}
          data-testid={testId}
        />
      );
    case 'boolean':
      return (
        <Select<'true' | 'false'>
          allowClear
          placeholder={t('customers.filters.any')}
          value={value === true ? 'true' : value === false ? 'false' : undefined}
          onChange={(v) => onChange(v === undefined ? undefined : v === 'true')}
          options={[
            { value: 'true', label: t('customers.filters.yes') },
            { value: 'false', label: t('customers.filters.no') },
          ]}
          style={full}
          data-testid={testId}
        />
      );
    case 'single_select':
      return (
        <Select<string>
          allowClear
          placeholder={t('customers.filters.any')}
          value={typeof value === 'string' ? value : undefined}
          onChange={onChange}
          options={options}
          style={full}
          data-testid={testId}
        />
      );
    case 'multi_select':
      return (
        <Select<string[]>
          mode="multiple"
          allowClear
          placeholder={t('customers.filters.customMultiHint')}
          value={Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []}
          onChange={onChange}
          options={options}
          maxTagCount="responsive"
          style={full}
          data-testid={testId}
        />
      );
  }
}

/**
 * Every filter the list API supports, labelled, in a responsive grid. Changes apply at once (text
 * fields on Enter or blur). In the phone drawer the same controls stack one per row.
 */
export function FilterPanel({
  state,
  onChange,
  refs,
  expanded,
  vertical,
}: {
  state: ListState;
  onChange: (next: ListState) => void;
  refs: FilterRefs;
  expanded: boolean;
  vertical: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const f = state.filters;
  const set = (key: Parameters<typeof withFilter>[1], value: string | readonly string[] | undefined) =>
    onChange(withFilter(state, key, value));

  const enumSelect = (key: EnumFilter, values: readonly string[]) => (
    <Select<string[]>
      mode="multiple"
      allowClear
      placeholder={t('customers.filters.any')}
      value={csvValues(f[key])}
      onChange={(v) => set(key, v)}
      options={values.map((v) => ({
        value: v,
        label: t(`customerFields.${key}.${v}` as 'customerFields.grade.A'),
      }))}
      maxTagCount="responsive"
      style={full}
      data-testid={`filter-${key}`}
    />
  );

  const custom = parseCustomFilter(f.custom) ?? {};
  const regionValue = [f.provinceCode, f.cityCode, f.districtCode].filter((c): c is string => Boolean(c));
  const unverified = f.unverifiedDays ? Number(f.unverifiedDays) : undefined;

  const items: { key: string; label: ReactNode; tooltip?: string; node: ReactNode }[] = [
    {
      key: 'owner',
      label: t('customerFields.customer.owner'),
      node: (
        <OwnerSelect
          value={f.ownerId}
          onChange={(v) => set('ownerId', v)}
          knownNames={refs.ownerNames}
          onPicked={refs.onOwnerPicked}
        />
      ),
    },
    { key: 'grade', label: t('customerFields.customer.grade'), node: enumSelect('grade', customerGrades) },
    {
      key: 'category',
      label: t('customerFields.customer.category'),
      node: enumSelect('category', customerCategories),
    },
    {
      key: 'lifecycle',
      label: t('customerFields.customer.lifecycle'),
      node: enumSelect('lifecycle', lifecycles),
    },
    {
      key: 'department',
      label: t('customers.filters.department'),
      tooltip: t('customers.filters.departmentHint'),
      node: (
        <TreeSelect
          allowClear
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandAll
          placeholder={t('customers.filters.any')}
          value={f.departmentId}
          onChange={(v?: string) => set('departmentId', v)}
          treeData={refs.departmentTree}
          style={full}
          data-testid="filter-department"
        />
      ),
    },
    {
      key: 'valueTier',
      label: t('customerFields.customer.valueTier'),
      node: enumSelect('valueTier', valueTiers),
    },
    {
      key: 'status',
      label: t('customerFields.customer.status'),
      node: (
        <Select<'active' | 'invalid' | 'all'>
          value={f.status === 'invalid' || f.status === 'all' ? f.status : 'active'}
          onChange={(v) => set('status', v)}
          options={[
            { value: 'active', label: t('customers.filters.statusActive') },
            { value: 'invalid', label: t('customers.filters.statusInvalid') },
            { value: 'all', label: t('customers.filters.statusAll') },
          ]}
          style={full}
          data-testid="filter-status"
        />
      ),
    },
    {
      key: 'kind',
      label: t('customerFields.customer.kind'),
      node: (
        <Select<string>
          allowClear
          placeholder={t('customers.filters.any')}
          value={f.kind}
          onChange={(v) => set('kind', v)}
          options={customerKinds.map((k) => ({ value: k, label: t(`customerFields.kind.${k}`) }))}
          style={full}
          data-testid="filter-kind"
        />
      ),
    },
    { key: 'scale', label: t('customerFields.customer.scale'), node: enumSelect('scale', customerScales) },
    {
      key: 'source',
      label: t('customerFields.customer.source'),
      node: enumSelect('source', customerSources),
    },
    {
      key: 'industry',
      label: t('customerFields.customer.industry'),
      node: (
        <CommitInput
          value={f.industry}
          onCommit={(v) => set('industry', v)}
          placeholder={t('customers.filters.industryPlaceholder')}
          testId="filter-industry"
        />
      ),
    },
    {
      key: 'region',
      label: t('customerFields.customer.region'),
      node: (
        <Cascader<RegionNode>
          allowClear
          changeOnSelect
          showSearch
          options={refs.regions}
          fieldNames={{ label: 'name', value: 'code', children: 'children' }}
          value={regionValue}
          onChange={(codes) => {
            const [p, c, d] = (codes ?? []).map(String);
            onChange(
              withFilter(withFilter(withFilter(state, 'provinceCode', p), 'cityCode', c), 'districtCode', d),
            );
          }}
          placeholder={t('customers.filters.regionPlaceholder')}
          style={full}
          data-testid="filter-region"
        />
      ),
    },
    {
      key: 'tag',
      label: t('customerFields.customer.tags'),
      node: (
        <CommitInput
          value={f.tag}
          onCommit={(v) => set('tag', v)}
          placeholder={t('customers.filters.tagPlaceholder')}
          testId="filter-tag"
        />
      ),
    },
    {
      key: 'signed',
      label: t('customerFields.customer.signedOn'),
      node: (
        <span data-testid="filter-signed">
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[f.signedFrom ? dayjs(f.signedFrom) : null, f.signedTo ? dayjs(f.signedTo) : null]}
            placeholder={[t('customers.filters.signedFrom'), t('customers.filters.signedTo')]}
            onChange={(range) => {
              const [from, to] = range ?? [null, null];
              onChange(
                withFilter(
                  withFilter(state, 'signedFrom', from ? from.format('YYYY-MM-DD') : undefined),
                  'signedTo',
                  to ? to.format('YYYY-MM-DD') : undefined,
                ),
              );
            }}
            style={full}
          />
        </span>
      ),
    },
    {
      key: 'unverified',
      label: t('customers.filters.unverified'),
      node: (
        <Flex align="center" gap={8}>
          <Checkbox
            checked={unverified !== undefined}
            onChange={(e) =>
              set('unverifiedDays', e.target.checked ? String(refs.verifyAfterDays) : undefined)
            }
            data-testid="filter-unverified"
          >
            {t('customers.filters.unverifiedLabel')}
          </Checkbox>
          <CommitNumber
            value={unverified}
            min={1}
            max={3650}
            placeholder={String(refs.verifyAfterDays)}
            onCommit={(v) => set('unverifiedDays', v === undefined ? undefined : String(v))}
            style={{ width: 90 }}
            testId="filter-unverified-days"
          />
          <Typography.Text>{t('customers.filters.unverifiedSuffix')}</Typography.Text>
        </Flex>
      ),
    },
    ...refs.customFields
      .filter((d) => d.active)
      .map((def) => ({
        key: `custom-${def.key}`,
        label: customFieldLabel(def, locale),
        node: (
          <CustomFieldFilter
            def={def}
            value={custom[def.key]}
            onChange={(v) => onChange(withCustomFilter(state, def.key, v))}
          />
        ),
      })),
  ];

  const shown = expanded || vertical ? items : items.slice(0, primaryFilterCount);
  return (
    <Form layout="vertical" component="div" data-testid="customer-filters">
      <Row gutter={[16, 0]}>
        {shown.map((item) => (
          <Col key={item.key} xs={24} sm={vertical ? 24 : 12} lg={vertical ? 24 : 8} xl={vertical ? 24 : 6}>
            <Form.Item label={item.label} tooltip={item.tooltip} style={{ marginBottom: 12 }}>
              {item.node}
            </Form.Item>
          </Col>
        ))}
      </Row>
    </Form>
  );
}
