import { useQuery } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useTranslation } from 'react-i18next';
import { type RegionNode, recordKeys, referenceApi } from '../../../api/customer-records';

/** Province → city → district (GB/T 2260); any level may be the last one chosen. */
export function RegionCascader({
  value,
  onChange,
  testId,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const regions = useQuery({
    queryKey: recordKeys.regions,
    queryFn: referenceApi.regions,
    staleTime: Infinity,
  });
  return (
    <Cascader<RegionNode>
      options={regions.data ?? []}
      fieldNames={{ label: 'name', value: 'code', children: 'children' }}
      value={value}
      onChange={(v) => onChange?.((v as string[] | undefined) ?? [])}
      changeOnSelect
      showSearch={{
        filter: (input, path) => path.some((n) => n.name.includes(input.trim())),
      }}
      loading={regions.isPending}
      placeholder={
        regions.isError ? t('customerDetail.form.regionsFailed') : t('customerDetail.form.regionPlaceholder')
      }
      status={regions.isError ? 'warning' : undefined}
      allowClear
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
