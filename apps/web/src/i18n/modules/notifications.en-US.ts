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
  kinds: {
    system: {
      welcome: {
        title: 'Welcome to Weixi, {{name}}',
        body: 'Customer handovers, follow-up reminders, approval results and other notices appear here. Click the bell at the top right at any time.',
      },
      getting_started: {
        title: 'Start with your customers',
        body: 'Open the customer archive to see the customers you own, check their details and log your latest contact.',
      },
    },
    ownership: {
      transferred_in: {
        title: 'Customers handed over to you: {{names}}',
        body: '{{by}} handed {{count}} customer(s) over to you{{reasonSuffix}}. Get to know them and plan a follow-up soon.',
      },
      transferred_out: {
        title: 'Customers handed over to {{to}}: {{names}}',
        body: '{{by}} handed {{count}} of your customer(s) over to {{to}}{{reasonSuffix}}. Their history stays as it was.',
      },
    },
    pool: {
      released_by_manager: {
        title: '“{{name}}” was returned to the public pool',
        body: '{{by}} returned this customer to the public pool{{reasonSuffix}}.',
      },
      recycle_warning: {
        title: '{{count}} customer(s) return to the public pool in {{days}} days: {{names}}',
        body: 'There has been no contact with them for a long time; they return to the pool on {{dueOn}}. Log one contact to keep a customer.',
      },
      recycled: {
        title: '{{count}} customer(s) returned to the public pool: {{names}}',
        body: 'With no contact for a long time, they went back to the public pool, where other account managers can claim them.',
      },
    },
    job: {
      completed: {
        title: 'Background job “{{jobName}}” finished',
        body: 'Click to see the result.',
      },
      failed: {
        title: 'Background job “{{jobName}}” failed',
        body: 'Reason: {{error}}',
      },
    },
    fallback: {
      title: 'New notification',
      body: 'Kind: {{kind}}',
    },
  },
  reasonSuffix: ' (reason: {{reason}})',
};

export default notificationsEnUS;
