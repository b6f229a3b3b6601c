import { notificationMessages, notificationReasonSuffix } from '@weixi/shared';

/** Simplified Chinese strings of the notification bell and page (namespace `notifications`). */
const notificationsZhCN = {
  bell: {
    aria: '通知',
    ariaUnread: '通知，{{count}} 条未读',
    title: '通知',
    markAllRead: '全部标为已读',
    viewAll: '查看全部通知',
    empty: '暂无通知',
    loadFailed: '通知加载失败',
  },
  page: {
    title: '通知',
    subtitle: '系统和同事发给您的通知：客户移交、公海回收提醒、后台任务结果等。点击一条通知可打开相关页面。',
    all: '全部',
    unread: '未读',
    markRead: '标为已读',
    markAllRead: '全部标为已读',
    markedAll: '已将 {{count}} 条通知标为已读',
    nothingToMark: '没有未读通知',
    empty: '还没有通知',
    emptyUnread: '没有未读通知，您已全部看过',
    read: '已读',
    open: '打开',
    from: '来自 {{name}}',
    system: '系统',
  },
  /**
   * One entry per notification kind (the server's `kind`, dotted as here): a title and a body,
   * interpolating the notification's params. Unknown kinds fall back to `fallback`. Kept in
   * @weixi/shared, where the server renders e-mails from the same words.
   */
  kinds: notificationMessages['zh-CN'],
  /** Appended where a message has a reason and the sender gave one. */
  reasonSuffix: notificationReasonSuffix['zh-CN'],
};

export default notificationsZhCN;
export type NotificationsResources = typeof notificationsZhCN;
