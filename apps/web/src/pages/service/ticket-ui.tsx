import { ClockCircleOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketListItem } from '../../api/service-tickets';
import type { ServiceResources } from '../../i18n/modules/service.zh-CN';
import { countdown, type DurationUnits, formatDuration, queueTone, toneColors } from './countdown';

type Group = 'kinds' | 'channels' | 'priorities' | 'statuses' | 'stages' | 'actions';

/** Labels of the ticket codes that show the code itself for one this build does not know. */
export function useServiceLabels() {
  const { t } = useTranslation();
  const all = t('service', { returnObjects: true }) as ServiceResources;
  return useMemo(() => {
    const label = (group: Group, code: string | null | undefined): string => {
      if (!code) return '';
      return (all[group] as Record<string, string>)[code] ?? code;
    };
    const units: DurationUnits = all.countdown.units;
    return { label, units, duration: (ms: number) => formatDuration(ms, units) };
  }, [all]);
}

export type ServiceLabels = ReturnType<typeof useServiceLabels>;

export const statusColors: Record<string, string> = {
  new: 'blue',
  acknowledged: 'cyan',
  in_progress: 'gold',
  resolved: 'green',
  closed: 'default',
};
export const priorityColors: Record<string, string> = {
  urgent: 'red',
  high: 'orange',
  normal: 'blue',
  low: 'default',
};
export const kindColors: Record<string, string> = {
  complaint: 'magenta',
  service_request: 'geekblue',
  question: 'default',
};

// One interval for every countdown on screen: each subscriber re-renders on the tick, and the page
// around it (forms, tables) does not.
const tickListeners = new Set<() => void>();
let tickTimer: ReturnType<typeof setInterval> | null = null;
let tickNow = Date.now();

function subscribeTick(listener: () => void): () => void {
  tickListeners.add(listener);
  if (tickTimer === null) {
    tickNow = Date.now();
    tickTimer = setInterval(() => {
      tickNow = Date.now();
      for (const l of tickListeners) l();
    }, 1000);
  }
  return () => {
    tickListeners.delete(listener);
    if (tickListeners.size === 0 && tickTimer !== null) {
      clearInterval(tickTimer);
      tickTimer = null;
    }
  };
}

/** The current time, ticking every second while the component is shown: countdowns move on their own. */
export function useNow(): number {
  return useSyncExternalStore(subscribeTick, () => tickNow);
}

export function StatusTag({ status }: { status: string }) {
  const labels = useServiceLabels();
  return (
    <Tag color={statusColors[status] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="ticket-status">
      {labels.label('statuses', status)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const labels = useServiceLabels();
  return (
    <Tag color={priorityColors[priority] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {labels.label('priorities', priority)}
    </Tag>
  );
}

/** A queue row's time to breach: red when over, orange when close, grey while waiting on the customer. */
export function QueueCountdown({
  item,
}: {
  item: Pick<TicketListItem, 'nextDueAt' | 'nextWarned' | 'waiting' | 'resolutionBreached'>;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const labels = useServiceLabels();
  const c = countdown(item.nextDueAt, item.waiting, now, labels.units);
  const tone = queueTone(item, now);
  const color = tone ? toneColors[tone] : undefined;
  if (c.kind === 'paused')
    return (
      <Typography.Text style={{ color }} data-testid="ticket-countdown" data-tone="grey">
        <PauseCircleOutlined /> {t('service.countdown.paused')}
      </Typography.Text>
    );
  if (c.kind === 'none')
    return (
      <Typography.Text type="secondary" data-testid="ticket-countdown" data-tone={tone ?? 'none'}>
        {t('service.countdown.none')}
      </Typography.Text>
    );
  return (
    <Typography.Text
      style={{ color, fontWeight: tone === 'red' || tone === 'orange' ? 600 : undefined }}
      data-testid="ticket-countdown"
      data-tone={tone ?? 'none'}
    >
      <ClockCircleOutlined />{' '}
      {c.kind === 'over'
        ? t('service.countdown.over', { time: c.text })
        : t('service.countdown.left', { time: c.text })}
    </Typography.Text>
  );
}
