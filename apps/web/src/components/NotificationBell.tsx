import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Empty, Flex, List, Popover, Spin, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type NotificationItem, notificationKeys, notificationsApi } from '../api/notifications';
import { errorText } from '../lib/errors';
import { notificationText, notificationTime } from '../lib/notification-text';

/** How many the dropdown shows; the page has the rest. */
const latestCount = 8;

function NotificationRow({
  n,
  onOpen,
  onMarkRead,
  busy,
}: {
  n: NotificationItem;
  onOpen: (n: NotificationItem) => void;
  onMarkRead: (n: NotificationItem) => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { title, body } = notificationText(t, i18n, n);
  const unread = n.readAt === null;
  return (
    <List.Item
      data-testid={`notification-${n.id}`}
      data-unread={unread ? 'true' : 'false'}
      style={{ padding: '10px 12px', cursor: 'pointer', background: unread ? '#f0f7ff' : undefined }}
      onClick={() => onOpen(n)}
      extra={
        unread ? (
          <Tooltip title={t('notifications.page.markRead')}>
            <Button
              type="text"
              size="small"
              icon={<CheckOutlined />}
              aria-label={t('notifications.page.markRead')}
              loading={busy}
              data-testid={`notification-read-${n.id}`}
              onClick={(e) => {
                // Marking read is not opening: stay in the list.
                e.stopPropagation();
                onMarkRead(n);
              }}
            />
          </Tooltip>
        ) : null
      }
    >
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Typography.Text strong={unread} ellipsis={{ tooltip: title }}>
          {unread ? <Badge status="processing" style={{ marginRight: 6 }} /> : null}
          {title}
        </Typography.Text>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 13 }}>
          {body}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {notificationTime(n.createdAt)}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/**
 * The bell in the header: the unread count (polled every minute and whenever the window regains
 * focus) and, on click, the latest notifications with mark-read and their links.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);

  const count = useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: notificationsApi.unreadCount,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const latest = useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => notificationsApi.list({ limit: latestCount }),
    enabled: open,
    staleTime: 0,
  });

  const refresh = () => queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  const markRead = useMutation({
    mutationFn: (id: string) => notificationsApi.markRead(id),
    onSuccess: refresh,
    onError: (err) => message.error(errorText(t, err)),
  });
  const markAll = useMutation({
    // Only what the user has seen: one that arrives while the dropdown is open stays unread.
    mutationFn: () => notificationsApi.markAllRead(latest.data?.items[0]?.id),
    onSuccess: refresh,
    onError: (err) => message.error(errorText(t, err)),
  });

  const openOne = (n: NotificationItem) => {
    if (n.readAt === null) markRead.mutate(n.id);
    setOpen(false);
    navigate(n.link ?? '/notifications');
  };

  const unread = count.data?.count ?? 0;
  const items = latest.data?.items ?? [];

  const content = (
    <Flex vertical style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" style={{ padding: '4px 4px 8px' }}>
        <Typography.Text strong>{t('notifications.bell.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0 || items.length === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notification-read-all"
        >
          {t('notifications.bell.markAllRead')}
        </Button>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto', borderTop: '1px solid #f0f0f0' }}>
        {latest.isPending && open ? (
          <Flex justify="center" style={{ padding: 24 }}>
            <Spin />
          </Flex>
        ) : latest.isError && !latest.data ? (
          <Flex vertical align="center" gap={8} style={{ padding: 24 }} data-testid="notification-error">
            <Typography.Text type="danger">{t('notifications.bell.loadFailed')}</Typography.Text>
            <Button size="small" onClick={() => void latest.refetch()}>
              {t('common.retry')}
            </Button>
          </Flex>
        ) : items.length === 0 ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('notifications.bell.empty')}
            data-testid="notification-empty"
          />
        ) : (
          <List
            dataSource={items}
            rowKey="id"
            renderItem={(n) => (
              <NotificationRow
                n={n}
                onOpen={openOne}
                onMarkRead={(x) => markRead.mutate(x.id)}
                busy={markRead.isPending && markRead.variables === n.id}
              />
            )}
          />
        )}
      </div>
      <Flex justify="center" style={{ paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
        <Link to="/notifications" onClick={() => setOpen(false)} data-testid="notification-view-all">
          {t('notifications.bell.viewAll')}
        </Link>
      </Flex>
    </Flex>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) void count.refetch();
      }}
      content={content}
      arrow={false}
    >
      <Button
        type="text"
        aria-label={
          unread > 0 ? t('notifications.bell.ariaUnread', { count: unread }) : t('notifications.bell.aria')
        }
        data-testid="notification-bell"
        data-count={unread}
        style={{ height: 40 }}
      >
        <Badge count={unread} overflowCount={99} size="small">
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
