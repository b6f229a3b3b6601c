import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { WorkView } from '@weixi/shared';
import { Badge, Button, Card, Flex, List, Segmented, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { engagementKeys, type Visit, type VisitFilters, visitsApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { ErrorResult } from '../../../components/Results';
import { useBusinessToday } from '../dates';
import { engagementPermissions } from '../permissions';
import { checkInFlagColors, useEngagementLabels, visitStatusColors } from '../use-labels';
import { addDays, groupByDay, weekDays, weekStart } from '../visit-days';
import { VisitPlanDrawer } from './VisitPlanDrawer';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 拜访 planner: a week of visits, day by day, each day's stops in route order. Built as lists, not
 * a table, so it reads on a phone.
 */
export function VisitsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const labels = useEngagementLabels();
  const navigate = useNavigate();
  const today = useBusinessToday();
  const [params, setParams] = useSearchParams();
  const [planning, setPlanning] = useState<{ day: string } | null>(null);

  const weekParam = params.get('week');
  const monday = weekStart(weekParam && isoDay.test(weekParam) ? weekParam : today);
  const days = weekDays(monday);
  const view: WorkView = can.viewTeam && params.get('view') === 'team' ? 'team' : 'mine';
  const filters: VisitFilters = { view, from: days[0], to: days[6] };

  // ?plan=1 (from My day's 计划拜访) opens the plan form once, then leaves the address.
  useEffect(() => {
    if (params.get('plan') === '1' && can.planVisit) {
      setPlanning({ day: today });
      const next = new URLSearchParams(params);
      next.delete('plan');
      setParams(next, { replace: true });
    }
  }, [params, setParams, can.planVisit, today]);

  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  const visits = useQuery({
    queryKey: engagementKeys.visits(filters),
    queryFn: ({ signal }) => visitsApi.list(filters, signal),
    placeholderData: keepPreviousData,
  });

  const groups = groupByDay(visits.data?.items ?? [], days);
  const weekLabel = `${dayjs(days[0]).format(t('engagement.formats.shortDate'))} – ${dayjs(days[6]).format(
    t('engagement.formats.shortDate'),
  )}`;

  const renderVisit = (v: Visit, i: number) => (
    <List.Item
      key={v.id}
      onClick={() => navigate(`/engagement/visits/${v.id}`)}
      style={{ cursor: 'pointer', paddingInline: 8 }}
      data-testid="planner-visit"
    >
      <Flex gap={10} align="flex-start" style={{ width: '100%', minWidth: 0 }}>
        <Badge count={v.stopOrder ?? i + 1} color={v.status === 'cancelled' ? '#bfbfbf' : '#1668dc'} />
        <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={6} wrap align="center">
            <Typography.Text strong delete={v.status === 'cancelled'}>
              {v.customer.name}
            </Typography.Text>
            <Tag color={visitStatusColors[v.status]} style={{ marginInlineEnd: 0 }}>
              {labels.label('visitStatuses', v.status)}
            </Tag>
            {v.checkIn && v.checkIn.flag !== 'ok' ? (
              <Tag color={checkInFlagColors[v.checkIn.flag]} style={{ marginInlineEnd: 0 }}>
                {labels.label('checkInFlags', v.checkIn.flag)}
              </Tag>
            ) : null}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {v.plannedTime ? `${v.plannedTime} · ` : ''}
            {v.purpose}
            {view === 'team' ? ` · ${v.visitor.name}` : ''}
          </Typography.Text>
        </Flex>
      </Flex>
    </List.Item>
  );

  return (
    <Flex vertical gap={12} data-testid="visits-tab">
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          {can.viewTeam ? (
            <Segmented
              value={view}
              onChange={(v) => set({ view: v === 'team' ? 'team' : null })}
              options={(['mine', 'team'] as const).map((v) => ({
                value: v,
                label: t(`engagement.views.${v}`),
              }))}
            />
          ) : null}
          <Button
            icon={<LeftOutlined />}
            aria-label={t('engagement.visits.prevWeek')}
            onClick={() => set({ week: addDays(monday, -7) })}
          />
          <Typography.Text strong data-testid="planner-week">
            {weekLabel}
          </Typography.Text>
          <Button
            icon={<RightOutlined />}
            aria-label={t('engagement.visits.nextWeek')}
            onClick={() => set({ week: addDays(monday, 7) })}
          />
          {monday !== weekStart(today) ? (
            <Button onClick={() => set({ week: null })}>{t('engagement.visits.thisWeek')}</Button>
          ) : null}
          {visits.isFetching ? <Spin size="small" /> : null}
        </Flex>
        {can.planVisit ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setPlanning({ day: days.includes(today) ? today : (days[0] ?? today) })}
            data-testid="visit-plan-open"
          >
            {t('engagement.visits.plan')}
          </Button>
        ) : null}
      </Flex>
      {visits.isError && !visits.data ? (
        <ErrorResult error={visits.error} onRetry={() => void visits.refetch()} />
      ) : (
        groups.map(({ day, visits: list }) => (
          <Card
            key={day}
            size="small"
            data-testid={`planner-day-${day}`}
            title={
              <Flex gap={8} align="center" wrap>
                <span>{dayjs(day).format(t('engagement.formats.longDate'))}</span>
                {day === today ? <Tag color="blue">{t('engagement.visits.today')}</Tag> : null}
                {list.length > 0 ? (
                  <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                    {t('engagement.visits.count', { count: list.length })}
                  </Typography.Text>
                ) : null}
              </Flex>
            }
            extra={
              can.planVisit && day >= today ? (
                <Button
                  type="link"
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setPlanning({ day })}
                  aria-label={t('engagement.visits.planOn', { date: day })}
                />
              ) : null
            }
            styles={{ body: { padding: list.length > 0 ? '0 4px' : '8px 12px' } }}
          >
            {list.length === 0 ? (
              <Typography.Text type="secondary">{t('engagement.visits.none')}</Typography.Text>
            ) : (
              <List dataSource={list} renderItem={renderVisit} />
            )}
          </Card>
        ))
      )}
      <VisitPlanDrawer
        open={planning !== null}
        visit={null}
        defaultDay={planning?.day ?? today}
        onClose={() => setPlanning(null)}
        onSaved={(v) => {
          setPlanning(null);
          if (weekStart(v.plannedOn) !== monday) set({ week: weekStart(v.plannedOn) });
        }}
      />
    </Flex>
  );
}
