import { notificationMessages, notificationReasonSuffix } from '@weixi/shared';
import type { NotificationsResources } from './notifications.zh-CN';

/** English strings of the notification bell and page, typed against the Chinese. */
const notificationsEnUS: NotificationsResources = {
  bell: {
    aria: 'Notifications',
    ariaUnread: 'Notifications, {{count}} unread',
    title: 'Notifications',
    markAllRead: 'Mark all read',
    viewAll: 'See all notifications',
    empty: 'No notifications',
    loadFailed: 'Could not load notifications',
  },
  page: {
    title: 'Notifications',
    subtitle:
      'What the system and your colleagues tell you: customers handed over, public-pool warnings, background job results. Click one to open what it is about.',
    all: 'All',
    unread: 'Unread',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    markedAll: '{{count}} notifications marked read',
    nothingToMark: 'Nothing unread',
    empty: 'No notifications yet',
    emptyUnread: 'Nothing unread: you are all caught up',
    read: 'Read',
    open: 'Open',
    from: 'From {{name}}',
    system: 'System',
  },
  kinds: notificationMessages['en-US'],
  reasonSuffix: notificationReasonSuffix['en-US'],
};

export default notificationsEnUS;
