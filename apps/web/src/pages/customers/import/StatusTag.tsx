import type { ImportJobSummary } from '@weixi/shared';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<ImportJobSummary['status'], string> = {
  uploaded: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
  interrupted: 'warning',
};

export function StatusTag({ status }: { status: ImportJobSummary['status'] }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`customerImport.statuses.${status}`)}</Tag>;
}
