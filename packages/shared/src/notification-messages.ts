import type { Locale } from './enums';

/**
 * The words of every notification kind, in each language: the bell (the web renders
 * `notifications.kinds.<kind>` from these with i18next) and the e-mail the outbox sends say the
 * same thing. A kind is a dotted key (`follow_up.overdue`) into this tree; `{{param}}` is filled
 * from the notification's params. Two params are derived rather than sent: `reasonSuffix` (the
 * reason in brackets, or nothing when none was given) and `jobName` (the job's readable name).
 */
const zhCN = {
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
  follow_up: {
    due_soon: {
      title: '{{count}} 位客户即将到回访日期：{{names}}',
      body: '最早的一位在 {{dueOn}} 到期。联系客户并记录沟通后，下次回访日期会自动顺延。',
    },
    overdue: {
      title: '{{count}} 位客户的回访已逾期：{{names}}',
      body: '这些客户已超过分级服务标准规定的回访周期。请尽快联系并记录沟通，逾期天数见回访列表。',
    },
  },
  task: {
    due_soon: {
      title: '任务将于 {{dueOn}} 到期：{{title}}',
      body: '请在到期前完成；计划有变时，请修改任务的到期日期或与相关同事沟通。',
    },
    overdue: {
      title: '任务已逾期：{{title}}',
      body: '这项任务原定 {{dueOn}} 完成，至今仍未完成。完成后请在任务列表中标记完成。',
    },
    survey_low_score: {
      title: '客户「{{customer}}」满意度评分偏低（{{score}}），请回访：{{title}}',
      body: '客户在满意度调查中给出了低分。请在 {{dueOn}} 前联系客户，了解原因并记录沟通。',
    },
    survey_links: {
      title: '{{count}} 位客户没有邮箱，「{{survey}}」调查链接待您转发',
      body: '这些客户收不到调查邮件。每位客户一个任务，任务说明里有链接，请通过微信或短信发给客户。',
    },
  },
  ticket: {
    assigned: {
      title: '工单 {{number}} 已转交给您：{{subject}}',
      body: '{{by}} 将该工单交给您处理，请查看时限并尽快跟进。',
    },
  },
  sla: {
    warning: {
      first_response: {
        title: '工单 {{number}} 即将超过首次响应时限：{{subject}}',
        body: '客户「{{customer}}」的工单须在 {{dueAt}} 前首次答复。请尽快联系客户并记录答复。',
      },
      resolution: {
        title: '工单 {{number}} 即将超过解决时限：{{subject}}',
        body: '客户「{{customer}}」的工单须在 {{dueAt}} 前解决。如需等待客户，请将工单标记为等待客户。',
      },
    },
    breached: {
      first_response: {
        title: '工单 {{number}} 已超过首次响应时限：{{subject}}',
        body: '客户「{{customer}}」的工单应在 {{dueAt}} 前首次答复，已超时并上报您的主管。请立即答复客户。',
      },
      resolution: {
        title: '工单 {{number}} 已超过解决时限：{{subject}}',
        body: '客户「{{customer}}」的工单应在 {{dueAt}} 前解决，已超时并上报您的主管。请尽快解决。',
      },
    },
    escalated: {
      first_response: {
        title: '超时上报：工单 {{number}} 未按时首次响应',
        body: '客户「{{customer}}」的工单「{{subject}}」（负责人：{{owner}}）应在 {{dueAt}} 前首次答复，现已超时。',
      },
      resolution: {
        title: '超时上报：工单 {{number}} 未按时解决',
        body: '客户「{{customer}}」的工单「{{subject}}」（负责人：{{owner}}）应在 {{dueAt}} 前解决，现已超时。',
      },
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
};

export type NotificationMessages = typeof zhCN;

const enUS: NotificationMessages = {
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
  follow_up: {
    due_soon: {
      title: '{{count}} customer(s) due for a follow-up: {{names}}',
      body: 'The first falls due on {{dueOn}}. Contact them and log it: the next follow-up date moves on by itself.',
    },
    overdue: {
      title: '{{count}} customer(s) overdue for a follow-up: {{names}}',
      body: 'Their grade’s service standard called for a follow-up before now. Contact them soon and log it; the follow-up list shows how many days each is overdue.',
    },
  },
  task: {
    due_soon: {
      title: 'Task due on {{dueOn}}: {{title}}',
      body: 'Complete it before then; if plans have changed, move its due date or talk to the colleagues involved.',
    },
    overdue: {
      title: 'Task overdue: {{title}}',
      body: 'This task was due on {{dueOn}} and is still open. Mark it done in your task list once it is.',
    },
    survey_low_score: {
      title: 'Low satisfaction score ({{score}}) from “{{customer}}”: {{title}}',
      body: 'The customer gave a low score in a satisfaction survey. Contact them by {{dueOn}}, find out why and log the conversation.',
    },
    survey_links: {
      title: '{{count}} customer(s) without e-mail: forward the “{{survey}}” survey link',
      body: 'These customers cannot receive the survey by e-mail. Each has a task with the link in its description; send it by WeChat or SMS.',
    },
  },
  ticket: {
    assigned: {
      title: 'Ticket {{number}} handed to you: {{subject}}',
      body: '{{by}} handed this ticket to you. Check its deadlines and follow it up soon.',
    },
  },
  sla: {
    warning: {
      first_response: {
        title: 'Ticket {{number}} is close to its first-response deadline: {{subject}}',
        body: 'The ticket of “{{customer}}” must be answered by {{dueAt}}. Contact the customer soon and log the reply.',
      },
      resolution: {
        title: 'Ticket {{number}} is close to its resolution deadline: {{subject}}',
        body: 'The ticket of “{{customer}}” must be resolved by {{dueAt}}. If you are waiting on the customer, mark the ticket as waiting.',
      },
    },
    breached: {
      first_response: {
        title: 'Ticket {{number}} missed its first-response deadline: {{subject}}',
        body: 'The ticket of “{{customer}}” was due for a first answer by {{dueAt}}; your manager has been told. Answer the customer now.',
      },
      resolution: {
        title: 'Ticket {{number}} missed its resolution deadline: {{subject}}',
        body: 'The ticket of “{{customer}}” was due to be resolved by {{dueAt}}; your manager has been told. Resolve it as soon as you can.',
      },
    },
    escalated: {
      first_response: {
        title: 'Escalated: ticket {{number}} was not answered in time',
        body: 'The ticket “{{subject}}” of “{{customer}}” (owner: {{owner}}) was due for a first answer by {{dueAt}} and is overdue.',
      },
      resolution: {
        title: 'Escalated: ticket {{number}} was not resolved in time',
        body: 'The ticket “{{subject}}” of “{{customer}}” (owner: {{owner}}) was due to be resolved by {{dueAt}} and is overdue.',
      },
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
};

export const notificationMessages: Record<Locale, NotificationMessages> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Appended where a message has a reason and the sender gave one (`{{reasonSuffix}}`). */
export const notificationReasonSuffix: Record<Locale, string> = {
  'zh-CN': '（原因：{{reason}}）',
  'en-US': ' (reason: {{reason}})',
};

/** The words around an e-mailed notification. */
export const notificationEmailText: Record<Locale, { open: string; footer: string }> = {
  'zh-CN': {
    open: '打开维系查看：',
    footer:
      '这封邮件由维系客户关系维护系统自动发送，请勿直接回复。如不想通过邮件接收此类通知，请在「个人设置 › 通知设置」中关闭。',
  },
  'en-US': {
    open: 'Open in Weixi: ',
    footer:
      'Sent automatically by Weixi; replies are not read. To stop receiving notices of this kind by e-mail, turn them off under Profile › Notification settings.',
  },
};

/** Replaces `{{name}}` with the value of `name`, or nothing when it has none. */
export function interpolate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (_, key: string) =>
    params[key] === undefined ? '' : String(params[key]),
  );
}

function lookup(messages: NotificationMessages, kind: string): { title: string; body: string } | null {
  let node: unknown = messages;
  for (const part of kind.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  const entry = node as { title?: unknown; body?: unknown };
  return typeof entry?.title === 'string' && typeof entry.body === 'string'
    ? { title: entry.title, body: entry.body }
    : null;
}

/**
 * A notification's title and body in `locale`, as the bell shows it: the server renders e-mail with
 * this. A kind this catalogue does not know reads as the fallback. `jobNames` turns a job's code
 * name into a readable one where the caller has them (the web's jobs namespace); otherwise the code
 * name stands.
 */
export function renderNotification(
  locale: Locale,
  kind: string,
  params: Record<string, string | number>,
  jobNames: (job: string) => string | null = () => null,
): { title: string; body: string } {
  const messages = notificationMessages[locale];
  const entry = lookup(messages, kind);
  if (!entry) {
    return {
      title: messages.fallback.title,
      body: interpolate(messages.fallback.body, { kind }),
    };
  }
  const values: Record<string, string | number> = { ...params };
  const reason = params.reason;
  values.reasonSuffix =
    typeof reason === 'string' && reason.trim()
      ? interpolate(notificationReasonSuffix[locale], { reason })
      : '';
  if (typeof params.job === 'string') values.jobName = jobNames(params.job) ?? params.job;
  return { title: interpolate(entry.title, values), body: interpolate(entry.body, values) };
}
