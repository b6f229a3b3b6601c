/** Simplified Chinese strings of the background jobs admin page (namespace `jobs`). */
const jobsZhCN = {
  title: '后台任务',
  subtitle: '定时任务和耗时较长的任务（如批量评级）的运行记录：排队、运行、完成或失败。失败的任务可以重试。',
  queues: '任务类型',
  runs: '运行记录',
  name: '任务',
  state: '状态',
  progress: '进度',
  attempts: '尝试次数',
  attemptsValue: '{{attempts}} / {{max}}',
  startedBy: '发起人',
  system: '系统',
  createdAt: '创建时间',
  startedAt: '开始时间',
  finishedAt: '结束时间',
  duration: '耗时',
  error: '错误',
  result: '结果',
  schedule: '计划',
  scheduleValue: '{{cron}}（{{tz}}）',
  noSchedule: '按需运行',
  counts: {
    queued: '排队',
    active: '运行中',
    failed: '失败',
    completed: '完成',
  },
  allNames: '全部任务',
  allStates: '全部状态',
  onlyFailed: '只看失败',
  retry: '重试',
  retryConfirm: '再运行一次「{{name}}」？',
  retried: '已重新排队：{{name}}',
  empty: '没有符合条件的任务记录',
  queuesEmpty: '还没有任务类型',
  details: '详情',
  states: {
    created: '排队中',
    retry: '等待重试',
    active: '运行中',
    completed: '已完成',
    cancelled: '已取消',
    failed: '失败',
  },
  /** Readable names of the server's jobs (their dotted names, nested as here). */
  names: {
    platform: {
      housekeeping: '系统清理（过期会话、登录记录、幂等记录）',
    },
    grading: {
      'regrade-all': '全部客户重新评级',
      'regrade-one': '单个客户重新评级',
    },
    engagement: {
      'recompute-follow-ups': '重新计算全部客户的回访到期日',
      reminders: '回访与任务到期提醒',
    },
    outbox: {
      deliver: '发送邮件通知',
    },
    service: {
      'sla-watch': '工单时限预警与超时升级',
    },
    surveys: {
      scheduled: '按计划发送满意度调查',
    },
    pool: {
      recycle: '公海自动回收（含提前提醒）',
    },
  },
};

export default jobsZhCN;
export type JobsResources = typeof jobsZhCN;
