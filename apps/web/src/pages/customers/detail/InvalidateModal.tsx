import { invalidateCustomerRequestSchema } from '@weixi/shared';
import { Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { zodRule } from '../../../lib/forms';

/** 注销 needs a reason: it is kept on the record and in its history. */
export function InvalidateModal({
  open,
  name,
  pending,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  name: string;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  return (
    <Modal
      open={open}
      title={t('customerDetail.invalidate.title', { name })}
      okText={t('customerDetail.invalidate.submit')}
      okButtonProps={{ danger: true, loading: pending, ...{ 'data-testid': 'invalidate-submit' } }}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('customerDetail.invalidate.body')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => onSubmit(v.reason.trim())}>
        <Form.Item
          name="reason"
          label={t('customerDetail.invalidate.reason')}
          required
          rules={[zodRule(t, invalidateCustomerRequestSchema.shape.reason)]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('customerDetail.invalidate.reasonPlaceholder')}
            data-testid="invalidate-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
