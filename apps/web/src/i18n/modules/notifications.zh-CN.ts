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
   * interpolating the notification's params. Unknown kinds fall back to `fallback`.
   */
  kinds: {
    system: {
      welcome: {
        title: '欢迎使用维系，{{name}}',
        body: '客户档案、回访提醒、审批结果等重要通知都会出现在这里。点击右上角的铃铛随时查看。',
      },
      getting_started: {
        title: '从您的客户开始',
        body: '在「客户档案」中查看您负责的客户，核对资料并记录最近的沟通。',
      },
    },
    ownership: {
      transferred_in: {
        title: '您接手了客户：{{names}}',
        body: '{{by}} 将 {{count}} 位客户移交给您{{reasonSuffix}}。请尽快了解客户情况并安排回访。',
      },
      transferred_out: {
        title: '客户已移交给 {{to}}：{{names}}',
        body: '{{by}} 将您负责的 {{count}} 位客户移交给 {{to}}{{reasonSuffix}}。历史记录保留不变。',
      },
    },
    pool: {
      released_by_manager: {
        title: '客户「{{name}}」已退回公海',
        body: '{{by}} 将该客户退回公海{{reasonSuffix}}。',
      },
      recycle_warning: {
        title: '{{count}} 位客户将在 {{days}} 天后回收到公海：{{names}}',
        body: '这些客户长时间没有沟通记录，将于 {{dueOn}} 自动回到公海。记录一次沟通即可保留。',
      },
      recycled: {
        title: '{{count}} 位客户已回收到公海：{{names}}',
        body: '这些客户长时间没有沟通记录，已自动回到公海，其他客户经理可以认领。',
      },
    },
    job: {
      completed: {
        title: '后台任务「{{jobName}}」已完成',
        body: '点击查看结果。',
      },
      failed: {
        title: '后台任务「{{jobName}}」失败',
        body: '原因：{{error}}',
      },
    },
    fallback: {
      title: '新通知',
      body: '类型：{{kind}}',
    },
  },
  /** Appended where a message has a reason and the sender gave one. */
  reasonSuffix: '（原因：{{reason}}）',
};

export default notificationsZhCN;
export type NotificationsResources = typeof notificationsZhCN;
