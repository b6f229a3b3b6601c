import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ownershipLimits, type Role, transferRequestSchema } from '@weixi/shared';
import { Alert, App, Button, Flex, Form, Input, Modal, Result, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ownershipApi, ownershipKeys, type TransferResult } from '../../api/ownership';
import { errorText } from '../../lib/errors';
import { StaffSelect } from '../customers/form/StaffSelect';

export interface TransferTarget {
  id: string;
  name: string;
}

/** Roles that may transfer (customers.policy `assign` and ownership.policy `transfer` on the server). */
export const transferRoles: readonly Role[] = ['admin', 'executive', 'department_manager'];

interface Values {
  toUserId?: string;
  reason?: string;
}

/**
 * Transfers the given customers to a colleague (转移): pick the new owner (GET /staff), give a reason,
 * confirm; the server does all or nothing and the dialog then shows what happened — how many moved,
 * which were already the new owner's, or which customers stopped it and why.
 */
export function TransferDialog({
  open,
  customers,
  onClose,
  onDone,
}: {
  open: boolean;
  customers: readonly TransferTarget[];
  onClose: () => void;
  onDone?: (result: TransferResult) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<TransferResult | null>(null);
  const [blocked, setBlocked] = useState<{ kind: 'notFound' | 'merged'; names: string[] } | null>(null);

  const close = () => {
    setResult(null);
    setBlocked(null);
    form.resetFields();
    onClose();
  };

  const transfer = useMutation({
    mutationFn: (body: { customerIds: string[]; toUserId: string; reason: string }) =>
      ownershipApi.transfer(body),
    onSuccess: (r) => {
      setResult(r);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ownershipKeys.all });
      onDone?.(r);
    },
    onError: (err) => {
      if (!isApiError(err)) return message.error(errorText(t, err));
      const target = err.fieldErrors.find((e) => e.path === 'toUserId');
      if (target) {
        const codes = t('ownership.transfer.targetErrors', { returnObjects: true }) as Record<string, string>;
        form.setFields([{ name: 'toUserId', errors: [codes[target.code] ?? target.message] }]);
        return;
      }
      const rows = err.fieldErrors
        .map((e) => /^customerIds\.(\d+)$/.exec(e.path)?.[1])
        .filter((i): i is string => i !== undefined)
        .map((i) => customers[Number(i)]?.name ?? '');
      if (rows.length > 0 && (err.code === 'not_found' || err.code === 'conflict')) {
        setBlocked({ kind: err.code === 'not_found' ? 'notFound' : 'merged', names: rows });
        return;
      }
      message.error(errorText(t, err));
    },
  });

  const submit = (values: Values) => {
    setBlocked(null);
    const parsed = transferRequestSchema.safeParse({
      customerIds: customers.map((c) => c.id),
      toUserId: values.toUserId,
      reason: values.reason ?? '',
    });
    if (!parsed.success) {
      const reasonIssue = parsed.error.issues.find((i) => i.path[0] === 'reason');
      if (reasonIssue) form.setFields([{ name: 'reason', errors: [t('validation.required')] }]);
      return;
    }
    transfer.mutate(parsed.data);
  };

  const shown = customers.slice(0, 5).map((c) => c.name);
  const toName = result?.toUser.name ?? '';

  return (
    <Modal
      open={open}
      title={result ? t('ownership.transfer.doneTitle') : t('ownership.transfer.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={close} data-testid="transfer-close">
            {t('ownership.transfer.close')}
          </Button>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={transfer.isPending}
              onClick={() => form.submit()}
              data-testid="transfer-submit"
            >
              {t('ownership.transfer.submit')}
            </Button>
          </Flex>
        )
      }
    >
      {result ? (
        <Result
          status="success"
          style={{ padding: '16px 0' }}
          title={t('ownership.transfer.done', { count: result.transferred.length, name: toName })}
          subTitle={
            result.unchanged.length > 0 ? (
              <span>
                {t('ownership.transfer.unchanged', { count: result.unchanged.length, name: toName })}
                {result.unchanged.map((c) => c.name).join('、')}
              </span>
            ) : null
          }
          data-testid="transfer-result"
        />
      ) : (
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Typography.Paragraph>
            {t('ownership.transfer.summary', { count: customers.length })}{' '}
            <Typography.Text strong>
              {shown.join('、')}
              {customers.length > shown.length
                ? ` ${t('ownership.transfer.more', { count: customers.length - shown.length })}`
                : ''}
            </Typography.Text>
          </Typography.Paragraph>
          {blocked ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t(
                blocked.kind === 'notFound' ? 'ownership.transfer.notFound' : 'ownership.transfer.merged',
                {
                  count: blocked.names.length,
                },
              )}
              description={blocked.names.join('、')}
              data-testid="transfer-blocked"
            />
          ) : null}
          <Form.Item
            name="toUserId"
            label={t('ownership.transfer.target')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <StaffSelect
              known={[]}
              placeholder={t('ownership.transfer.targetPlaceholder')}
              testId="transfer-target"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('ownership.transfer.reason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            extra={t('ownership.transfer.help')}
          >
            <Input.TextArea
              rows={3}
              maxLength={ownershipLimits.reasonMax}
              showCount
              placeholder={t('ownership.transfer.reasonPlaceholder')}
              data-testid="transfer-reason"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** A 转移 button for a selection (the customer list) or one customer (its page). */
export function TransferButton({
  customers,
  onDone,
  showCount = true,
  testId = 'transfer-open',
}: {
  customers: readonly TransferTarget[];
  onDone?: (result: TransferResult) => void;
  showCount?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const none = customers.length === 0;
  const button = (
    <Button icon={<SwapOutlined />} disabled={none} onClick={() => setOpen(true)} data-testid={testId}>
      {showCount && !none
        ? t('ownership.transfer.buttonCount', { count: customers.length })
        : t('ownership.transfer.button')}
    </Button>
  );
  return (
    <>
      {none ? <Tooltip title={t('ownership.transfer.selectFirst')}>{button}</Tooltip> : button}
      <TransferDialog open={open} customers={customers} onClose={() => setOpen(false)} onDone={onDone} />
    </>
  );
}
