import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Card, Empty, Flex, List, Segmented, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type NotificationItem, notificationKeys, notificationsApi } from '../api/notifications';
import { KeysetPager, useKeyset } from '../components/KeysetPager';
import { PageHeader } from '../components/PageHeader';
import { ErrorResult } from '../components/Results';
import { errorText } from '../lib/errors';
import { notificationText, notificationTime } from '../lib/notification-text';

/** All of the signed-in user's notifications, newest first, in keyset pages; filter unread. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyset = useKeyset(20);
  const [unreadOnly, setUnreadOnly] = useState(false);

  const list = useQuery({
    queryKey: notificationKeys.list(unreadOnly, keyset.limit, keyset.cursor),
    queryFn: () => notificationsApi.list({ unread: unreadOnly, limit: keyset.limit, cursor: keyset.cursor }),
    placeholderData: keepPreviousData,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const markRead = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSuccess: refresh,
    onError: (err) => message.error(errorText(t, err)),
  });
  const markAll = useMutation({
    // Up to the newest on the first page the user looked at; later arrivals stay unread.
    mutationFn: () => notificationsApi.markAllRead(keyset.page === 1 ? list.data?.items[0]?.id : undefined),
    onSuccess: (res) => {
      message.success(
        res.updated > 0
          ? t('notifications.page.markedAll', { count: res.updated })
          : t('notifications.page.nothingToMark'),
      );
      void refresh();
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  const open = (n: NotificationItem) => {
    if (n.readAt === null) markRead.mutate(n.id);
    if (n.link) navigate(n.link);
  };

  const items = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('notifications.page.title')}</span>}
        subtitle={t('notifications.page.subtitle')}
        extra={
          <Button
            icon={<CheckOutlined />}
            onClick={() => markAll.mutate()}
            loading={markAll.isPending}
            data-testid="notifications-read-all"
          >
            {t('notifications.page.markAllRead')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
          <Segmented<'all' | 'unread'>
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              keyset.reset();
            }}
            options={[
              {
                value: 'all',
                label: <span data-testid="notifications-filter-all">{t('notifications.page.all')}</span>,
              },
              {
                value: 'unread',
                label: (
                  <span data-testid="notifications-filter-unread">{t('notifications.page.unread')}</span>
                ),
              },
            ]}
          />
          <Tooltip title={t('common.refresh')}>
            <Button
              icon={<ReloadOutlined />}
              aria-label={t('common.refresh')}
              onClick={() => void list.refetch()}
              style={{ marginLeft: 'auto' }}
            />
          </Tooltip>
        </Flex>
        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <List
              loading={list.isFetching}
              dataSource={items}
              rowKey="id"
              data-testid="notifications-list"
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      unreadOnly ? t('notifications.page.emptyUnread') : t('notifications.page.empty')
                    }
                  />
                ),
              }}
              renderItem={(n) => {
                const { title, body } = notificationText(t, i18n, n);
                const unread = n.readAt === null;
                return (
                  <List.Item
                    data-testid={`notifications-item-${n.id}`}
                    data-unread={unread ? 'true' : 'false'}
                    actions={[
                      ...(n.link
                        ? [
                            <Button key="open" type="link" size="small" onClick={() => open(n)}>
                              {t('notifications.page.open')}
                            </Button>,
                          ]
                        : []),
                      unread ? (
                        <Button
                          key="read"
                          size="small"
                          icon={<CheckOutlined />}
                          loading={markRead.isPending && markRead.variables === n.id}
                          onClick={() => markRead.mutate(n.id)}
                          data-testid={`notifications-read-${n.id}`}
                        >
                          {t('notifications.page.markRead')}
                        </Button>
                      ) : (
                        <Typography.Text key="read" type="secondary">
                          {t('notifications.page.read')}
                        </Typography.Text>
                      ),
                    ]}
                  >
                    <List.Item.Meta
                      avatar={unread ? <Badge status="processing" /> : <Badge status="default" />}
                      title={
                        <Typography.Text
                          strong={unread}
                          style={{ cursor: n.link ? 'pointer' : undefined }}
                          onClick={() => open(n)}
                        >
                          {title}
                        </Typography.Text>
                      }
                      description={
                        <Flex vertical gap={4}>
                          <Typography.Text type="secondary">{body}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            <Tooltip title={dayjs(n.createdAt).format('YYYY-MM-DD HH:mm:ss')}>
                              <span>{notificationTime(n.createdAt)}</span>
                            </Tooltip>
                            {' · '}
                            {n.actor
                              ? t('notifications.page.from', { name: n.actor.name })
                              : t('notifications.page.system')}
                          </Typography.Text>
                        </Flex>
                      }
                    />
                  </List.Item>
                );
              }}
            />
            <KeysetPager
              keyset={keyset}
              total={list.data?.total}
              nextCursor={list.data?.nextCursor}
              loading={list.isFetching}
            />
          </>
        )}
      </Card>
    </>
  );
}
