import { useMutation, useQuery } from '@tanstack/react-query';
import type { ImportJob, ImportUploadResponse, StaffMember } from '@weixi/shared';
import { Alert, Button, Card, Empty, Flex, Radio, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { customerImportsApi, type DuplicatePolicy, importKeys } from '../../../api/customer-imports';
import { useCurrentUser } from '../../../auth/current-user';
import { errorText } from '../../../lib/errors';
import { customerPermissions } from '../detail/permissions';
import { columnLetter, useImportFieldLabel } from './labels';

const policies: DuplicatePolicy[] = ['skip', 'update', 'create'];
const defaultOwner = '__default__';
const noOwner = '__none__';

/** Colleagues by name for the default-owner picker (GET /staff?q=). */
function OwnerPicker({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const staff = useQuery({ queryKey: importKeys.staff(q), queryFn: () => customerImportsApi.staff(q) });
  const [picked, setPicked] = useState<StaffMember | null>(null);
  const people = staff.data?.items ?? [];
  const options = [
    { value: defaultOwner, label: t('customerImport.mapping.ownerDefault') },
    { value: noOwner, label: t('customerImport.mapping.ownerNone') },
    ...[...(picked && !people.some((p) => p.id === picked.id) ? [picked] : []), ...people].map((p) => ({
      value: p.id,
      label: p.department ? `${p.name}（${p.department.name}）` : p.name,
    })),
  ];
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v: string) => {
        setPicked(people.find((p) => p.id === v) ?? picked);
        onChange(v);
      }}
      options={options}
      placeholder={t('customerImport.mapping.ownerSearch')}
      loading={staff.isFetching}
      style={{ width: '100%', maxWidth: 480 }}
      data-testid="import-owner"
    />
  );
}

/**
 * Step 2: one row per file column with the field it becomes (pre-filled with the server's
 * suggestion), a preview of the first rows under that mapping, the duplicate policy and the owner
 * of rows without one.
 */
export function MappingStep({
  upload,
  onStarted,
  onBack,
}: {
  upload: ImportUploadResponse;
  onStarted: (job: ImportJob) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const label = useImportFieldLabel();
  const canAssign = customerPermissions(me.role).assign;
  const [mapping, setMapping] = useState<Record<string, string | null>>(() => ({
    ...upload.suggestedMapping,
  }));
  const [policy, setPolicy] = useState<DuplicatePolicy>('skip');
  const [owner, setOwner] = useState(defaultOwner);

  const fieldByKey = useMemo(() => new Map(upload.fields.map((f) => [f.key, f])), [upload.fields]);
  const used = new Set(Object.values(mapping).filter((v): v is string => Boolean(v)));
  const contactFieldsMapped = upload.fields.some(
    (f) => f.key.startsWith('contactCustom.') && used.has(f.key),
  );
  const missing = [
    ...(used.has('name') ? [] : [t('customerImport.mapping.nameRequired')]),
    ...upload.fields
      .filter((f) => f.required && f.key !== 'name' && !used.has(f.key))
      .map((f) => t('customerImport.mapping.requiredCustom', { label: label(f) })),
    // Contact fields belong to the row's contact: with a contact, its required fields need columns.
    ...(contactFieldsMapped && !used.has('contactName')
      ? [t('customerImport.mapping.contactNameRequired')]
      : []),
    ...(used.has('contactName')
      ? upload.fields
          .filter((f) => f.requiredWithContact && !used.has(f.key))
          .map((f) => t('customerImport.mapping.requiredCustom', { label: label(f) }))
      : []),
  ];

  const groupedOptions = (current: string | null) =>
    (['customer', 'contact', 'custom'] as const)
      .map((group) => ({
        label: t(`customerImport.mapping.groups.${group}`),
        options: upload.fields
          .filter((f) => f.group === group)
          .map((f) => ({
            value: f.key,
            label: f.required ? `${label(f)} *` : label(f),
            // A field takes one column; the one already holding it keeps it selectable.
            disabled: used.has(f.key) && f.key !== current,
          })),
      }))
      .filter((g) => g.options.length > 0);

  const start = useMutation({
    mutationFn: () =>
      customerImportsApi.start(upload.id, {
        mapping,
        duplicatePolicy: policy,
        ...(owner === defaultOwner ? {} : { defaultOwnerId: owner === noOwner ? null : owner }),
        version: upload.version,
      }),
    onSuccess: onStarted,
  });
  const startErrors = isApiError(start.error) ? start.error.fieldErrors.map((f) => f.message) : [];

  const columns = upload.headers.map((header, index) => ({
    index,
    header,
    sample: upload.preview
      .map((r) => r[index] ?? '')
      .filter(Boolean)
      .slice(0, 3),
  }));
  const mapped = columns.filter((c) => mapping[String(c.index)]);

  return (
    <Flex vertical gap={16}>
      <Alert
        type="info"
        showIcon
        title={t('customerImport.mapping.intro', {
          file: upload.fileName,
          columns: upload.headers.length,
          rows: upload.totalRows ?? upload.preview.length,
        })}
        description={
          upload.encoding
            ? t('customerImport.mapping.encoding', {
                encoding: t(`customerImport.encodings.${upload.encoding}`),
              })
            : undefined
        }
      />
      <Table
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={columns}
        scroll={{ x: 640 }}
        columns={[
          {
            title: t('customerImport.mapping.column'),
            key: 'column',
            width: 220,
            render: (_, c) => (
              <Flex gap={8} align="center">
                <Tag bordered={false}>{columnLetter(c.index)}</Tag>
                {c.header ? (
                  <Typography.Text strong>{c.header}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary">
                    {t('customerImport.mapping.blankHeader')}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            title: t('customerImport.mapping.field'),
            key: 'field',
            width: 260,
            render: (_, c) => (
              <Select
                value={mapping[String(c.index)] ?? ''}
                disabled={!c.header}
                onChange={(v: string) => setMapping((m) => ({ ...m, [String(c.index)]: v || null }))}
                options={[
                  { value: '', label: t('customerImport.mapping.skip') },
                  ...groupedOptions(mapping[String(c.index)] ?? null),
                ]}
                showSearch={{ optionFilterProp: 'label' }}
                style={{ width: '100%' }}
                data-testid={`import-mapping-${c.index}`}
              />
            ),
          },
          {
            title: t('customerImport.mapping.sample'),
            key: 'sample',
            render: (_, c) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 360 }}>
                {c.sample.join(' · ')}
              </Typography.Text>
            ),
          },
        ]}
      />

      <Card size="small" title={t('customerImport.mapping.preview', { count: upload.preview.length })}>
        {upload.preview.length === 0 ? (
          <Empty description={t('customerImport.mapping.previewEmpty')} />
        ) : mapped.length === 0 ? (
          <Empty description={t('customerImport.mapping.previewNothing')} />
        ) : (
          <Table
            size="small"
            pagination={false}
            scroll={{ x: true }}
            rowKey={(_, i) => String(i)}
            dataSource={upload.preview.map((cells, i) => ({ cells, row: i + 2 }))}
            data-testid="import-preview"
            columns={[
              { title: '#', key: 'row', width: 56, render: (_, r) => r.row },
              ...mapped.map((c) => {
                const field = fieldByKey.get(mapping[String(c.index)] ?? '');
                return {
                  title: field ? label(field) : c.header,
                  key: String(c.index),
                  render: (_: unknown, r: { cells: string[] }) => r.cells[c.index] ?? '',
                };
              }),
            ]}
          />
        )}
      </Card>

      <Card size="small" title={t('customerImport.mapping.policy')}>
        <Typography.Paragraph type="secondary">{t('customerImport.mapping.policyHint')}</Typography.Paragraph>
        <Radio.Group
          value={policy}
          onChange={(e) => setPolicy(e.target.value as DuplicatePolicy)}
          data-testid="import-policy"
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        >
          {policies.map((p) => (
            <Radio key={p} value={p} data-testid={`import-policy-${p}`}>
              <Typography.Text strong>{t(`customerImport.mapping.policies.${p}`)}</Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {t(`customerImport.mapping.policyHelp.${p}`)}
              </Typography.Text>
            </Radio>
          ))}
        </Radio.Group>
      </Card>

      <Card size="small" title={t('customerImport.mapping.owner')}>
        {canAssign ? (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">{t('customerImport.mapping.ownerHint')}</Typography.Text>
            <OwnerPicker value={owner} onChange={setOwner} />
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('customerImport.mapping.ownerMine')}</Typography.Text>
        )}
      </Card>

      {missing.length > 0 ? (
        <Alert type="warning" showIcon title={missing.join('；')} data-testid="import-missing" />
      ) : null}
      {start.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('customerImport.mapping.startFailed')}
          description={startErrors.length ? startErrors.join('；') : errorText(t, start.error)}
          data-testid="import-start-error"
        />
      ) : null}
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={onBack}>{t('customerImport.mapping.back')}</Button>
        <Button
          type="primary"
          disabled={missing.length > 0}
          loading={start.isPending}
          onClick={() => start.mutate()}
          data-testid="import-start"
        >
          {t('customerImport.mapping.start')}
        </Button>
      </Flex>
    </Flex>
  );
}
