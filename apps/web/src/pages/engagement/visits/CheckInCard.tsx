import { AimOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import {
  type CheckInBody,
  engagementKeys,
  engagementSettingsApi,
  type Visit,
  visitsApi,
} from '../../../api/engagement';
import { engagementErrorText } from '../form-errors';
import { distanceParts, locate } from '../geo';
import { checkInFlagColors, useEngagementLabels } from '../use-labels';

/**
 * 外勤签到: records the time and the browser's position. Without a position (refused, no signal,
 * a plain-http address) the check-in is still recorded and flagged, as the rules ask; the server
 * measures the distance from the customer's coordinates and flags a far one.
 */
export function CheckInCard({ visit, isVisitor }: { visit: Visit; isVisitor: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const labels = useEngagementLabels();
  const queryClient = useQueryClient();
  const [locating, setLocating] = useState(false);
  const settings = useQuery({ queryKey: engagementKeys.settings, queryFn: engagementSettingsApi.get });

  const checkIn = useMutation({
    mutationFn: (body: CheckInBody) => visitsApi.checkIn(visit.id, body),
    onSuccess: (v) => {
      queryClient.setQueryData(engagementKeys.visit(v.id), v);
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      message.success(t('engagement.visit.checkedInMsg'));
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict')
        void queryClient.invalidateQueries({ queryKey: engagementKeys.visit(visit.id) });
      message.error(engagementErrorText(t, err));
    },
  });

  const start = async () => {
    setLocating(true);
    const where = await locate(navigator.geolocation, window.isSecureContext);
    setLocating(false);
    checkIn.mutate(
      where.ok
        ? {
            latitude: where.latitude,
            longitude: where.longitude,
            accuracyM: where.accuracyM,
            version: visit.version,
          }
        : { locationError: where.error, version: visit.version },
    );
  };

  const c = visit.checkIn;
  const distance = c?.distanceM != null ? distanceParts(c.distanceM) : null;
  const distanceText = distance
    ? t(`engagement.visit.distance.${distance.unit}`, { value: distance.value })
    : null;
  const far = settings.data?.checkInFarMeters;

  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          <EnvironmentOutlined />
          {t('engagement.visit.checkInTitle')}
        </Flex>
      }
      data-testid="check-in-card"
    >
      {c ? (
        <Flex vertical gap={12} data-testid="check-in-result">
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'at',
                label: t('engagement.visit.checkInAt'),
                children: dayjs(c.at).format('YYYY-MM-DD HH:mm'),
              },
              {
                key: 'distance',
                label: t('engagement.visit.checkInDistance'),
                children: (
                  <Flex gap={8} wrap align="center">
                    <span data-testid="check-in-distance">{distanceText ?? '—'}</span>
                    <Tag color={checkInFlagColors[c.flag]} data-testid="check-in-flag">
                      {labels.label('checkInFlags', c.flag)}
                    </Tag>
                  </Flex>
                ),
              },
              ...(c.accuracyM != null
                ? [
                    {
                      key: 'accuracy',
                      label: t('engagement.visit.accuracy'),
                      children: t('engagement.visit.accuracyValue', { value: Math.round(c.accuracyM) }),
                    },
                  ]
                : []),
            ]}
          />
          {c.flag === 'far' ? (
            <Alert
              type="warning"
              showIcon
              title={t('engagement.visit.farNotice', { distance: distanceText ?? '', limit: far ?? '—' })}
            />
          ) : c.flag === 'no_location' ? (
            <Alert type="warning" showIcon title={t('engagement.visit.noLocationNotice')} />
          ) : c.flag === 'no_customer_location' ? (
            <Alert type="info" showIcon title={t('engagement.visit.noCustomerLocationNotice')} />
          ) : null}
        </Flex>
      ) : visit.status === 'cancelled' || visit.status === 'reported' ? (
        <Typography.Text type="secondary">{t('engagement.visit.noCheckIn')}</Typography.Text>
      ) : isVisitor ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('engagement.visit.checkInHint')}</Typography.Text>
          <Button
            type="primary"
            size="large"
            block
            icon={<AimOutlined />}
            loading={locating || checkIn.isPending}
            onClick={() => void start()}
            data-testid="check-in"
          >
            {locating ? t('engagement.visit.locating') : t('engagement.visit.checkIn')}
          </Button>
          {!window.isSecureContext ? (
            <Alert type="info" showIcon title={t('engagement.visit.insecureNotice')} />
          ) : null}
          {visit.customer.latitude === null ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('engagement.visit.customerHasNoLocation')}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('engagement.visit.onlyVisitorChecksIn')}</Typography.Text>
      )}
    </Card>
  );
}
