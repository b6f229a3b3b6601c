import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Flex, Progress, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ownershipApi, ownershipKeys } from '../../api/ownership';
import { ErrorResult } from '../../components/Results';

/** The gauge: how many customers I hold against my limit, and how many of mine are about to return. */
export function HeldGauge({ onAtRisk }: { onAtRisk: () => void }) {
  const { t } = useTranslation();
  const me = useQuery({ queryKey: ownershipKeys.me, queryFn: ownershipApi.me });
  const settings = useQuery({ queryKey: ownershipKeys.settings, queryFn: ownershipApi.settings });
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} />;
  const m = me.data;
  const percent = m && m.limit > 0 ? Math.min(100, Math.round((m.held / m.limit) * 100)) : 0;
  return (
    <Card variant="borderless" loading={me.isPending} data-testid="pool-gauge">
      {m ? (
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} md={10}>
            <Flex gap={16} align="center">
              {m.limit > 0 ? (
                <Progress
                  type="dashboard"
                  size={96}
                  percent={percent}
                  status={m.held >= m.limit ? 'exception' : 'normal'}
                  format={() => (
                    <span style={{ fontSize: 18 }} data-testid="pool-held">
                      {t('ownership.pool.gauge.held', { held: m.held, limit: m.limit })}
                    </span>
                  )}
                />
              ) : null}
              <Flex vertical gap={4}>
                <Typography.Text strong>{t('ownership.pool.gauge.title')}</Typography.Text>
                <Typography.Text type={m.limit > 0 && !m.canClaim ? 'danger' : 'secondary'}>
                  {m.limit === 0
                    ? t('ownership.pool.gauge.noClaim')
                    : m.canClaim
                      ? t('ownership.pool.gauge.remaining', { count: m.limit - m.held })
                      : t('ownership.pool.gauge.full')}
                </Typography.Text>
              </Flex>
            </Flex>
          </Col>
          <Col xs={24} md={6}>
            <Button
              type="link"
              onClick={onAtRisk}
              style={{ padding: 0, height: 'auto' }}
              data-testid="pool-at-risk-link"
            >
              <Flex vertical align="flex-start">
                <Typography.Text type="secondary">
                  {m.atRisk > 0
                    ? t('ownership.pool.gauge.atRisk', { count: m.atRisk })
                    : t('ownership.pool.gauge.atRiskNone')}
                </Typography.Text>
                <Typography.Text style={{ fontSize: 28, color: m.atRisk > 0 ? '#cf1322' : undefined }}>
                  {m.atRisk}
                </Typography.Text>
              </Flex>
            </Button>
          </Col>
          <Col xs={24} md={8}>
            {settings.data ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('ownership.pool.gauge.rules', {
                  days: settings.data.recycleDays.none,
                  warnDays: settings.data.warnDays,
                  cooldownDays: settings.data.cooldownDays,
                })}
              </Typography.Text>
            ) : null}
          </Col>
        </Row>
      ) : null}
    </Card>
  );
}
