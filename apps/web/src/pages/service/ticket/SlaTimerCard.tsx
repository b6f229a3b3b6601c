import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  PauseCircleOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SlaTimer } from '../../../api/service-tickets';
import { countdown, type Tone, timerTone, toneColors } from '../countdown';
import { useNow, useServiceLabels } from '../ticket-ui';

const tagColors: Record<Tone, string> = {
  green: 'success',
  blue: 'processing',
  orange: 'warning',
  red: 'error',
  grey: 'default',
};

const icons: Record<Tone, React.ReactNode> = {
  green: <CheckCircleOutlined />,
  blue: <ClockCircleOutlined />,
  orange: <WarningOutlined />,
  red: <WarningOutlined />,
  grey: <PauseCircleOutlined />,
};

/**
 * One SLA timer (首次响应 or 解决) as a live card: the wall-clock time left to its deadline,
 * ticking; the deadline itself; in business-hours mode also the counted time the server reported;
 * and its state in colour. A paused clock (waiting on the customer) stands still and says so.
 */
export function SlaTimerCard({ title, timer, testId }: { title: string; timer: SlaTimer; testId: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const labels = useServiceLabels();
  const tone = timerTone(timer, now);
  const color = toneColors[tone];
  const done = timer.metAt !== null;
  // A met clock stops: its figure is how it ended, not a countdown.
  const c = done ? null : countdown(timer.dueAt, timer.state === 'paused', now, labels.units);
  const passed = Date.parse(timer.dueAt) <= now;
  const state = !done && passed && timer.state !== 'paused' ? 'breached' : timer.state;

  let figure: string;
  if (done) figure = t(`service.sla.states.${timer.state}`);
  else if (!c || c.kind === 'none') figure = t('service.countdown.none');
  else if (c.kind === 'paused')
    figure =
      timer.remainingMs >= 0
        ? t('service.countdown.left', { time: labels.duration(timer.remainingMs) })
        : t('service.countdown.over', { time: labels.duration(timer.remainingMs) });
  else
    figure =
      c.kind === 'over'
        ? t('service.countdown.over', { time: c.text })
        : t('service.countdown.left', { time: c.text });

  return (
    <Card
      size="small"
      style={{ borderTop: `3px solid ${color}`, height: '100%' }}
      data-testid={testId}
      data-tone={tone}
      data-state={state}
    >
      <Flex vertical gap={4}>
        <Flex justify="space-between" align="center" gap={8}>
          <Typography.Text type="secondary">{title}</Typography.Text>
          <Tag
            color={tagColors[tone]}
            icon={icons[tone]}
            style={{ marginInlineEnd: 0 }}
            data-testid={`${testId}-state`}
          >
            {t(`service.sla.states.${state}`)}
          </Tag>
        </Flex>
        <Typography.Text strong style={{ fontSize: 22, color, fontVariantNumeric: 'tabular-nums' }}>
          {figure}
        </Typography.Text>
        {timer.state === 'paused' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('service.sla.pausedBody')}
          </Typography.Text>
        ) : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {done && timer.metAt
            ? t('service.sla.metAt', { time: dayjs(timer.metAt).format('YYYY-MM-DD HH:mm') })
            : t('service.sla.due', { time: dayjs(timer.dueAt).format('YYYY-MM-DD HH:mm') })}
          {' · '}
          {t('service.sla.target', {
            time: labels.duration(timer.targetMs),
            mode: t(`service.sla.modes.${timer.mode}`),
          })}
        </Typography.Text>
        {!done && timer.mode === 'business' && timer.state !== 'paused' ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {timer.remainingMs >= 0
              ? t('service.sla.businessLeft', { time: labels.duration(timer.remainingMs) })
              : t('service.sla.businessOver', { time: labels.duration(timer.remainingMs) })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
