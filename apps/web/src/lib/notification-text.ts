import type { NotificationItem } from '@weixi/shared';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { i18n as I18n, TFunction } from 'i18next';

dayjs.extend(relativeTime);

/**
 * A notification stores a message key (its kind) and parameters, not text: it is rendered here, in
 * the language the reader uses now. Kinds are dotted (`ownership.transferred`) and so are the
 * resource keys (`notifications.kinds.ownership.transferred.title`). A kind this build does not
 * know (a newer server) still shows something readable.
 */
export function notificationText(
  t: TFunction,
  i18n: I18n,
  n: NotificationItem,
): { title: string; body: string } {
  // Keys are built at run time from the server's kind, which the typed resources cannot list.
  const tr = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const base = `notifications.kinds.${n.kind}`;
  if (!i18n.exists(`${base}.title`)) {
    return {
      title: tr('notifications.kinds.fallback.title'),
      body: tr('notifications.kinds.fallback.body', { kind: n.kind }),
    };
  }
  const params: Record<string, unknown> = { ...n.params };
  // "（原因：…）" only when a reason was given; an empty one would read as a dangling label.
  params.reasonSuffix =
    typeof n.params.reason === 'string' && n.params.reason.trim()
      ? tr('notifications.reasonSuffix', { reason: n.params.reason })
      : '';
  // Job notices carry the job's code name; readers see its name from the jobs namespace.
  if (typeof n.params.job === 'string') {
    const key = `jobs.names.${n.params.job}`;
    params.jobName = i18n.exists(key) ? tr(key) : n.params.job;
  }
  return { title: tr(`${base}.title`, params), body: tr(`${base}.body`, params) };
}

/** "3 分钟前" for recent ones, the date for older ones. */
export function notificationTime(at: string): string {
  const d = dayjs(at);
  return dayjs().diff(d, 'day') < 7 ? d.fromNow() : d.format('YYYY-MM-DD HH:mm');
}
