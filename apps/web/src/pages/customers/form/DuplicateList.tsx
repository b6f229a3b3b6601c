import type { DuplicateMatch } from '@weixi/shared';
import { Alert, Flex, Modal, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCustomerLabels } from '../detail/use-labels';

/**
 * Likely duplicates: visible ones link to their page (in a new tab, so the form is not lost);
 * out-of-scope ones show only the name and owner, enough to ask a colleague.
 */
export function DuplicateList({ matches }: { matches: DuplicateMatch[] }) {
  const { t } = useTranslation();
  const labels = useCustomerLabels();
  return (
    <Flex vertical gap={6} data-testid="duplicate-list">
      {matches.map(({ customer: c, reasons }) => (
        <Flex key={c.id} gap={6} align="center" wrap data-testid="duplicate-match">
          {c.visible ? (
            <Link to={`/customers/${c.id}`} target="_blank" rel="noopener">
              {c.name}
            </Link>
          ) : (
            <Typography.Text>{c.name}</Typography.Text>
          )}
          {reasons.map((r) => (
            <Tag key={r} color="orange">
              {t(`customerFields.duplicateReason.${r}`)}
            </Tag>
          ))}
          {c.status !== 'active' ? <Tag>{labels.enumValue('status', c.status)}</Tag> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {c.visible
              ? [
                  c.owner ? t('customerDetail.duplicates.owner', { name: c.owner.name }) : null,
                  c.phone || null,
                ]
                  .filter(Boolean)
                  .join(' · ')
              : c.owner
                ? t('customerDetail.duplicates.hiddenOwner', { name: c.owner.name })
                : t('customerDetail.duplicates.hidden')}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

/** Shown while typing: a warning, not a block; saving still asks for confirmation. */
export function DuplicateWarning({ matches }: { matches: DuplicateMatch[] }) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('customerDetail.duplicates.warningTitle', { count: matches.length })}
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('customerDetail.duplicates.warningHint')}</Typography.Text>
          <DuplicateList matches={matches} />
        </Flex>
      }
      data-testid="duplicate-warning"
    />
  );
}

/** The server refused the save as a likely duplicate: show the matches and let the user decide. */
export function DuplicateModal({
  open,
  matches,
  pending,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  matches: DuplicateMatch[];
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('customerDetail.duplicates.modalTitle')}
      okText={t('customerDetail.duplicates.confirm')}
      cancelText={t('customerDetail.duplicates.back')}
      okButtonProps={{ loading: pending, ...{ 'data-testid': 'duplicate-confirm' } }}
      onOk={onConfirm}
      onCancel={onCancel}
      data-testid="duplicate-modal"
    >
      <Typography.Paragraph type="secondary">{t('customerDetail.duplicates.modalBody')}</Typography.Paragraph>
      {matches.length > 0 ? (
        <DuplicateList matches={matches} />
      ) : (
        <Typography.Text type="secondary">{t('customerDetail.duplicates.gone')}</Typography.Text>
      )}
    </Modal>
  );
}
