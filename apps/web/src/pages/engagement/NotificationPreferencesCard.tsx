import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationTopic } from '@weixi/shared';
import { Alert, App, Card, Flex, List, Skeleton, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { engagementKeys, type NotificationPreferences, preferencesApi } from '../../api/engagement';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';

/**
 * 通知设置 on the profile page: e-mail on or off per topic. Notices always appear in the bell; this
 * chooses which also arrive by e-mail. When the server has no mail set up, it says so plainly
 * instead of offering switches that would do nothing.
 */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: engagementKeys.preferences, queryFn: preferencesApi.get });
  const save = useMutation({
    mutationFn: (change: { topic: NotificationTopic; email: boolean }) => preferencesApi.save([change]),
    onMutate: async (change) => {
      await queryClient.cancelQueries({ queryKey: engagementKeys.preferences });
      const before = queryClient.getQueryData<NotificationPreferences>(engagementKeys.preferences);
      if (before)
        queryClient.setQueryData<NotificationPreferences>(engagementKeys.preferences, {
          ...before,
          topics: before.topics.map((x) => (x.topic === change.topic ? { ...x, email: change.email } : x)),
        });
      return { before };
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(engagementKeys.preferences, saved);
      message.success(t('engagement.preferences.saved'));
    },
    onError: (err, _change, ctx) => {
      if (ctx?.before) queryClient.setQueryData(engagementKeys.preferences, ctx.before);
      message.error(errorText(t, err));
    },
  });

  return (
    <Card
      variant="borderless"
      title={t('engagement.preferences.title')}
      data-testid="notification-preferences"
    >
      {prefs.isPending ? (
        <Skeleton active />
      ) : prefs.isError ? (
        <ErrorResult error={prefs.error} onRetry={() => void prefs.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('engagement.preferences.intro')}
          </Typography.Paragraph>
          {!prefs.data.emailAvailable ? (
            <Alert
              type="info"
              showIcon
              title={t('engagement.preferences.unavailable')}
              description={t('engagement.preferences.unavailableHint')}
              data-testid="email-unavailable"
            />
          ) : prefs.data.address === null ? (
            <Alert type="warning" showIcon title={t('engagement.preferences.noAddress')} />
          ) : (
            <Typography.Text>
              {t('engagement.preferences.address', { address: prefs.data.address })}
            </Typography.Text>
          )}
          <List
            size="small"
            dataSource={prefs.data.topics}
            renderItem={(x) => (
              <List.Item
                extra={
                  <Switch
                    checked={x.email}
                    loading={save.isPending && save.variables?.topic === x.topic}
                    onChange={(email) => save.mutate({ topic: x.topic, email })}
                    aria-label={t(`engagement.topics.${x.topic}`)}
                    data-testid={`pref-${x.topic}`}
                  />
                }
              >
                <Flex vertical>
                  <Typography.Text>{t(`engagement.topics.${x.topic}`)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`engagement.topicHints.${x.topic}`)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Card>
  );
}
