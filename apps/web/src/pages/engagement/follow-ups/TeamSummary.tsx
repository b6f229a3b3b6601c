import { Card, Flex, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FollowUpSummary } from '../../../api/engagement';
import { Chart, type ChartOption } from '../../grading/Chart';
import { ownersByUrgency } from './team-order';

/**
 * The team's follow-ups per account manager, stacked overdue / due today / rest of the week. A
 * click on a bar narrows the list below to that person.
 */
export function TeamSummary({
  summary,
  onOwner,
}: {
  summary: FollowUpSummary;
  onOwner: (id: string) => void;
}) {
  const { t } = useTranslation();
  // At most 30 bars stay readable; the list below has everyone.
  const owners = ownersByUrgency(summary.byOwner).slice(0, 30);
  // Horizontal bars list top-down from the last category: reverse so the most urgent is on top.
  const shown = [...owners].reverse();
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((o) => o.owner.name) },
    series: [
      {
        name: t('engagement.dueWindows.overdue'),
        type: 'bar',
        stack: 'due',
        color: '#cf1322',
        data: shown.map((o) => o.overdue),
      },
      {
        name: t('engagement.dueWindows.today'),
        type: 'bar',
        stack: 'due',
        color: '#fa8c16',
        data: shown.map((o) => o.today),
      },
      {
        name: t('engagement.followUps.restOfWeek'),
        type: 'bar',
        stack: 'due',
        color: '#69b1ff',
        // "week" counts today as well; the bar's last part is the rest of the week only.
        data: shown.map((o) => Math.max(0, o.week - o.today)),
      },
    ],
  };
  return (
    <Card size="small" title={t('engagement.followUps.teamTitle')} data-testid="follow-ups-team">
      <Flex gap={32} wrap style={{ marginBottom: 8 }}>
        <Statistic
          title={t('engagement.dueWindows.overdue')}
          value={summary.overdue}
          styles={{ content: { color: '#cf1322' } }}
        />
        <Statistic title={t('engagement.dueWindows.today')} value={summary.today} />
        <Statistic title={t('engagement.dueWindows.week')} value={summary.week} />
      </Flex>
      <Chart
        option={option}
        height={Math.max(160, 40 + shown.length * 28)}
        testId="follow-ups-team-chart"
        onClick={(_name, i) => {
          const o = shown[i];
          if (o) onOwner(o.owner.id);
        }}
      />
    </Card>
  );
}
