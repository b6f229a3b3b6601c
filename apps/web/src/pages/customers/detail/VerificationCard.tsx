import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { CustomerDetail } from '@weixi/shared';
import { Alert, Button, Card, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { verificationState } from './verification';

/**
 * Accuracy, validity, timeliness (DOMAIN §1): when and by whom the record was last verified,
 * flagged once it is older than the archive setting.
 */
export function VerificationCard({
  customer: c,
  verifyAfterDays,
  canVerify,
  verifying,
  onVerify,
}: {
  customer: CustomerDetail;
  verifyAfterDays: number | undefined;
  canVerify: boolean;
  verifying: boolean;
  onVerify: () => void;
}) {
  const { t } = useTranslation();
  const state =
    verifyAfterDays === undefined ? null : verificationState(c.verifiedAt, verifyAfterDays, new Date());
  const active = c.status === 'active';
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <SafetyCertificateOutlined />
          {t('customerDetail.verification.title')}
        </Flex>
      }
      extra={
        state && active ? (
          state.due ? (
            <Tag color="warning" data-testid="verification-due">
              {t('customerDetail.verification.dueTag')}
            </Tag>
          ) : (
            <Tag color="success">{t('customerDetail.verification.okTag')}</Tag>
          )
        ) : null
      }
      data-testid="verification-card"
    >
      <Flex vertical gap={8}>
        {c.verifiedAt ? (
          <Typography.Text data-testid="verification-last">
            {t('customerDetail.verification.last', {
              time: dayjs(c.verifiedAt).format('YYYY-MM-DD HH:mm'),
              name: c.verifiedBy?.name ?? t('customerDetail.history.system'),
            })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" data-testid="verification-last">
            {t('customerDetail.verification.never')}
          </Typography.Text>
        )}
        {state && active && state.due ? (
          <Alert
            type="warning"
            showIcon
            title={
              state.daysAgo === null
                ? t('customerDetail.verification.dueNever')
                : t('customerDetail.verification.due', { days: state.daysAgo, limit: verifyAfterDays })
            }
          />
        ) : null}
        {verifyAfterDays !== undefined ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('customerDetail.verification.rule', { days: verifyAfterDays })}
          </Typography.Text>
        ) : null}
        {canVerify && active ? (
          <Button
            type={state?.due ? 'primary' : 'default'}
            icon={<SafetyCertificateOutlined />}
            loading={verifying}
            onClick={onVerify}
            data-testid="customer-verify"
            block
          >
            {t('customerDetail.actions.verify')}
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}
