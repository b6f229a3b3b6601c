import type { CustomerDetail, CustomFieldDefinition } from '@weixi/shared';
import { Descriptions, type DescriptionsProps, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unmasked } from '../../../api/customer-records';
import { useCustomerLabels } from './use-labels';

type Items = NonNullable<DescriptionsProps['items']>;

const dash = '—';
const text = (v: string | null | undefined): ReactNode => (v ? v : dash);

/** Every field of the customer, in the form's sections; custom fields with their labels. */
export function CustomerOverview({
  customer: c,
  definitions,
  revealed,
}: {
  customer: CustomerDetail;
  definitions: CustomFieldDefinition[];
  revealed: Pick<Unmasked, 'phone' | 'email' | 'wechat'> | null;
}) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  const L = labels.customer;
  const column = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 };
  const phone = revealed?.phone ?? c.phone;
  const email = revealed?.email ?? c.email;
  const wechat = revealed?.wechat ?? c.wechat;
  const masked = c.masked && !revealed;

  const section = (key: string, title: string, items: Items) => (
    <Descriptions
      key={key}
      title={title}
      size="small"
      bordered
      column={column}
      items={items}
      style={{ marginBottom: 20 }}
      data-testid={`customer-section-${key}`}
    />
  );

  // Stored values of retired fields stay visible, so nothing entered is ever hidden.
  const shownDefs = definitions.filter((d) => d.active || c.custom[d.key] != null);
  const website = c.website ? (
    <Typography.Link
      href={/^https?:\/\//i.test(c.website) ? c.website : `https://${c.website}`}
      target="_blank"
      rel="noreferrer"
    >
      {c.website}
    </Typography.Link>
  ) : (
    dash
  );

  return (
    <div data-testid="customer-overview">
      {section('basic', t('customerDetail.sections.basic'), [
        { key: 'kind', label: L('kind'), children: labels.enumValue('kind', c.kind) },
        { key: 'name', label: L('name'), children: c.name },
        { key: 'shortName', label: L('shortName'), children: text(c.shortName) },
        {
          key: 'creditCode',
          label: L('creditCode'),
          children: c.creditCode ? <Typography.Text copyable>{c.creditCode}</Typography.Text> : dash,
        },
        { key: 'industry', label: L('industry'), children: text(c.industry) },
        { key: 'scale', label: L('scale'), children: c.scale ? labels.enumValue('scale', c.scale) : dash },
        {
          key: 'source',
          label: L('source'),
          children: c.source ? labels.enumValue('source', c.source) : dash,
        },
        { key: 'foundedOn', label: L('foundedOn'), children: text(c.foundedOn) },
        { key: 'signedOn', label: L('signedOn'), children: text(c.signedOn) },
        {
          key: 'tags',
          label: L('tags'),
          children:
            c.tags.length > 0 ? (
              <Flex gap={4} wrap>
                {c.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Flex>
            ) : (
              dash
            ),
        },
      ])}
      {section('contact', t('customerDetail.sections.contact'), [
        {
          key: 'phone',
          label: L('phone'),
          children: <span data-testid="customer-phone">{text(phone)}</span>,
        },
        { key: 'email', label: L('email'), children: text(email) },
        { key: 'wechat', label: L('wechat'), children: text(wechat) },
        { key: 'website', label: L('website'), children: website },
        ...(masked
          ? [
              {
                key: 'masked',
                label: t('customerDetail.masked.label'),
                children: (
                  <Typography.Text type="secondary">{t('customerDetail.masked.hint')}</Typography.Text>
                ),
              },
            ]
          : []),
      ])}
      {section('region', t('customerDetail.sections.region'), [
        { key: 'region', label: L('region'), children: text(c.regionName) },
        { key: 'address', label: L('address'), children: text(c.address) },
        {
          key: 'coordinates',
          label: t('customerDetail.coordinates'),
          children: c.latitude !== null && c.longitude !== null ? `${c.latitude}, ${c.longitude}` : dash,
        },
      ])}
      {section('classification', t('customerDetail.sections.classification'), [
        { key: 'category', label: L('category'), children: labels.enumValue('category', c.category) },
        { key: 'grade', label: L('grade'), children: c.grade ? labels.enumValue('grade', c.grade) : dash },
        {
          key: 'valueTier',
          label: L('valueTier'),
          children: c.valueTier ? labels.enumValue('valueTier', c.valueTier) : dash,
        },
        { key: 'lifecycle', label: L('lifecycle'), children: labels.enumValue('lifecycle', c.lifecycle) },
        { key: 'owner', label: L('owner'), children: c.owner?.name ?? t('customerDetail.noOwner') },
        {
          key: 'collaborators',
          label: L('collaborators'),
          children: c.collaborators.length > 0 ? c.collaborators.map((u) => u.name).join('、') : dash,
        },
      ])}
      {section('preferences', t('customerDetail.sections.preferences'), [
        {
          key: 'preferences',
          label: L('preferences'),
          children: c.preferences ? <span style={{ whiteSpace: 'pre-wrap' }}>{c.preferences}</span> : dash,
        },
      ])}
      {shownDefs.length > 0
        ? section(
            'custom',
            t('customerDetail.sections.custom'),
            shownDefs.map((d) => ({
              key: d.key,
              label: d.active ? labels.label(d) : `${labels.label(d)}（${t('customerDetail.retiredField')}）`,
              children:
                labels.customValue(d, c.custom[d.key], t('customerDetail.yes'), t('customerDetail.no')) ||
                dash,
            })),
          )
        : null}
      {section('record', t('customerDetail.sections.record'), [
        { key: 'status', label: L('status'), children: labels.enumValue('status', c.status) },
        ...(c.status === 'invalid'
          ? [
              { key: 'invalidReason', label: L('invalidReason'), children: text(c.invalidReason) },
              {
                key: 'invalidatedAt',
                label: L('invalidatedAt'),
                children: c.invalidatedAt ? dayjs(c.invalidatedAt).format('YYYY-MM-DD HH:mm') : dash,
              },
            ]
          : []),
        { key: 'createdAt', label: L('createdAt'), children: dayjs(c.createdAt).format('YYYY-MM-DD HH:mm') },
        { key: 'updatedAt', label: L('updatedAt'), children: dayjs(c.updatedAt).format('YYYY-MM-DD HH:mm') },
      ])}
    </div>
  );
}
