import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type CustomerListParams, type ExportFormat, exportUrl } from '../../../api/customers';
import { useLocale } from '../../../i18n/LocaleProvider';

// The link fills the whole menu row, so a click anywhere on it downloads (not just on the words).
const fill = { display: 'block', margin: '-5px -12px', padding: '5px 12px', color: 'inherit' } as const;

/**
 * Downloads the whole filtered list (every page) with plain links: the browser streams the file
 * to disk, and the session cookie authenticates the GET. The server answers with
 * Content-Disposition: attachment, so the page stays where it is.
 */
export function ExportMenu({
  params,
  total,
  totalCapped,
  compact,
}: {
  params: CustomerListParams;
  total: number | undefined;
  totalCapped: boolean;
  /** Phone width: the button shows only its icon. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const link = (format: ExportFormat, icon: ReactNode, label: string) => (
    <a href={exportUrl(params, format, locale)} download style={fill} data-testid={`export-${format}`}>
      <span style={{ marginInlineEnd: 8 }}>{icon}</span>
      {label}
    </a>
  );
  const items: MenuProps['items'] = [
    ...(total === undefined
      ? []
      : [
          {
            type: 'group' as const,
            key: 'scope',
            label: totalCapped
              ? t('customers.export.scopeCapped', { count: total })
              : t('customers.export.scope', { count: total }),
          },
        ]),
    { key: 'xlsx', label: link('xlsx', <FileExcelOutlined />, t('customers.export.xlsx')) },
    { key: 'csv', label: link('csv', <FileTextOutlined />, t('customers.export.csv')) },
    { type: 'divider' },
    { key: 'hint', disabled: true, label: t('customers.export.hint') },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']}>
      <Button icon={<DownloadOutlined />} aria-label={t('customers.export.button')} data-testid="export-menu">
        {compact ? null : t('customers.export.button')}
      </Button>
    </Dropdown>
  );
}
