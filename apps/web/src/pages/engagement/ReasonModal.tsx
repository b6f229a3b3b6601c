import { engagementLimits } from '@weixi/shared';
import { Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks why before a cancellation (a visit or a task): the reason is kept with the record. */
export function ReasonModal({
  open,
  title,
  body,
  okText,
  pending,
  onSubmit,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  body: string;
  okText: string;
  pending: boolean;
  onSubmit: (reason: string) => void;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState(false);
  useEffect(() => {
    if (open) {
      setReason('');
      setError(false);
    }
  }, [open]);
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, loading: pending, ...{ 'data-testid': `${testId}-submit` } }}
      onOk={() => {
        if (!reason.trim()) {
          setError(true);
          return;
        }
        onSubmit(reason.trim());
      }}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{body}</Typography.Paragraph>
      <Input.TextArea
        rows={3}
        value={reason}
        maxLength={engagementLimits.reasonMax}
        status={error ? 'error' : undefined}
        placeholder={t('engagement.reasonPlaceholder')}
        onChange={(e) => {
          setReason(e.target.value);
          setError(false);
        }}
        data-testid={`${testId}-reason`}
      />
      {error ? <Typography.Text type="danger">{t('validation.required')}</Typography.Text> : null}
    </Modal>
  );
}
