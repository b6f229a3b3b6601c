import { WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type TicketChannel, type TicketKind, ticketChannels, ticketKinds } from '@weixi/shared';
import {
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  List,
  Row,
  Segmented,
  Select,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type FigureGroup,
  type FigureRow,
  type Figures,
  type FiguresQuery,
  figureGroups,
  type RootCauseBucket,
  type RootCauseQuery,
  type RootCauseReport,
  serviceAdminKeys,
  serviceFiguresApi,
} from '../../../api/service-admin';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import {
  chartColors,
  csatByGroupOption,
  monthTrendOption,
  ratesByGroupOption,
  recurringCauses,
  rootCauseStackOption,
  roundOne,
} from '../charts/chart-options';
import { ServiceChart } from '../charts/ServiceChart';
import { ServiceSubNav } from '../ServiceSubNav';
import { useDurationText } from '../settings/use-duration-text';

const percent = (v: number | null) => (v === null ? '—' : `${roundOne(v)}%`);

/** 服务数据: tickets, response and resolution medians, breach and reopen rates, CSAT and NPS by group. */
export default function ServiceFiguresPage() {
  const { t } = useTranslation();
  // The last twelve months to the day, as the server's default.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [
    dayjs().startOf('month').subtract(11, 'month'),
    dayjs(),
  ]);
  const [groupBy, setGroupBy] = useState<FigureGroup>('agent');
  const [kind, setKind] = useState<TicketKind | undefined>(undefined);
  const [channel, setChannel] = useState<TicketChannel | undefined>(undefined);
  const [bucket, setBucket] = useState<RootCauseBucket>('month');
  const dates = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const query: FiguresQuery = { ...dates, groupBy, kind, channel };
  const figures = useQuery({
    queryKey: serviceAdminKeys.figures(query),
    queryFn: ({ signal }) => serviceFiguresApi.figures(query, signal),
    placeholderData: keepPreviousData,
  });
  // The trend is always by month, whatever the table groups by.
  const trendQuery: FiguresQuery = { ...query, groupBy: 'month' };
  const trend = useQuery({
    queryKey: serviceAdminKeys.figures(trendQuery),
    queryFn: ({ signal }) => serviceFiguresApi.figures(trendQuery, signal),
    placeholderData: keepPreviousData,
  });
  const causesQuery: RootCauseQuery = { ...dates, bucket };
  const causes = useQuery({
    queryKey: serviceAdminKeys.rootCauses(causesQuery),
    queryFn: ({ signal }) => serviceFiguresApi.rootCauseReport(causesQuery, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div data-testid="service-figures">
      <ServiceSubNav />
      <PageHeader
        title={<span data-testid="page-title">{t('serviceAdmin.figures.title')}</span>}
        subtitle={t('serviceAdmin.figures.subtitle')}
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center">
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v[1]) setRange([v[0], v[1]]);
            }}
            aria-label={t('serviceAdmin.figures.range')}
            data-testid="figures-range"
          />
          <Segmented<FigureGroup>
            value={groupBy}
            onChange={setGroupBy}
            options={figureGroups.map((g) => ({ value: g, label: t(`serviceAdmin.figures.groups.${g}`) }))}
            data-testid="figures-group"
          />
          <Select
            value={kind ?? null}
            onChange={(v) => setKind(v ?? undefined)}
            style={{ width: 140 }}
            options={[
              { value: null, label: t('serviceAdmin.figures.allKinds') },
              ...ticketKinds.map((k) => ({ value: k, label: t(`serviceAdmin.enums.kinds.${k}`) })),
            ]}
            aria-label={t('serviceAdmin.figures.kind')}
            data-testid="figures-kind"
          />
          <Select
            value={channel ?? null}
            onChange={(v) => setChannel(v ?? undefined)}
            style={{ width: 140 }}
            options={[
              { value: null, label: t('serviceAdmin.figures.allChannels') },
              ...ticketChannels.map((c) => ({ value: c, label: t(`serviceAdmin.enums.channels.${c}`) })),
            ]}
            aria-label={t('serviceAdmin.figures.channel')}
            data-testid="figures-channel"
          />
        </Flex>
      </Card>
      <Flex vertical gap={16}>
        {figures.isError ? (
          <ErrorResult error={figures.error} onRetry={() => void figures.refetch()} />
        ) : figures.isPending ? (
          <Card variant="borderless">
            <Skeleton active paragraph={{ rows: 8 }} />
          </Card>
        ) : (
          <FiguresView data={figures.data} groupBy={groupBy} loading={figures.isFetching} />
        )}
        <Card title={t('serviceAdmin.figures.charts.trend')} variant="borderless">
          {trend.isError ? (
            <ErrorResult error={trend.error} onRetry={() => void trend.refetch()} />
          ) : trend.isPending ? (
            <Skeleton active />
          ) : trend.data.rows.length < 2 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('serviceAdmin.figures.charts.trendEmpty')}
            />
          ) : (
            <ServiceChart
              testId="figures-trend"
              option={monthTrendOption(trend.data.rows, trend.data.target.csatPercent, {
                csat: t('serviceAdmin.figures.charts.csatSeries'),
                breach: t('serviceAdmin.figures.charts.breach'),
                reopen: t('serviceAdmin.figures.charts.reopen'),
                target: t('serviceAdmin.figures.charts.target', { value: trend.data.target.csatPercent }),
              })}
            />
          )}
        </Card>
        <Card
          variant="borderless"
          title={t('serviceAdmin.figures.rootCauses.title')}
          extra={
            <Segmented<RootCauseBucket>
              value={bucket}
              onChange={setBucket}
              options={[
                { value: 'month', label: t('serviceAdmin.figures.rootCauses.month') },
                { value: 'week', label: t('serviceAdmin.figures.rootCauses.week') },
              ]}
              data-testid="root-cause-bucket"
            />
          }
          data-testid="root-causes"
        >
          <Typography.Paragraph type="secondary">
            {t('serviceAdmin.figures.rootCauses.subtitle')}
          </Typography.Paragraph>
          {causes.isError ? (
            <ErrorResult error={causes.error} onRetry={() => void causes.refetch()} />
          ) : causes.isPending ? (
            <Skeleton active />
          ) : (
            <RootCausesView report={causes.data} />
          )}
        </Card>
      </Flex>
    </div>
  );
}

function FiguresView({ data, groupBy, loading }: { data: Figures; groupBy: FigureGroup; loading: boolean }) {
  const { t } = useTranslation();
  const duration = useDurationText();
  const target = data.target.csatPercent;
  const belowText = t('serviceAdmin.figures.belowTarget');
  const totalRow: FigureRow = { key: '__total__', label: t('serviceAdmin.figures.totals'), ...data.totals };
  if (data.rows.length === 0)
    return (
      <Card variant="borderless">
        <Empty description={t('serviceAdmin.figures.empty')} data-testid="figures-empty" />
      </Card>
    );
  return (
    <>
      <Card variant="borderless">
        <Table<FigureRow>
          rowKey="key"
          size="middle"
          loading={loading}
          dataSource={data.rows}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="figures-table"
          summary={() => (
            <Table.Summary fixed>
              <Table.Summary.Row style={{ fontWeight: 600 }}>
                {columnsValues(totalRow, target, duration, belowText).map((cell, i) => (
                  <Table.Summary.Cell key={i} index={i} align={i === 0 ? 'left' : 'right'}>
                    {cell}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          )}
          columns={[
            {
              key: 'label',
              title: t(`serviceAdmin.figures.groupColumns.${groupBy}`),
              render: (_, r) => columnsValues(r, target, duration, belowText)[0],
            },
            ...(
              [
                'tickets',
                'firstResponseMedian',
                'resolutionMedian',
                'breachRate',
                'reopenRate',
                'responses',
                'csat',
                'nps',
              ] as const
            ).map((c, i) => ({
              key: c,
              title: t(`serviceAdmin.figures.columns.${c}`),
              align: 'right' as const,
              render: (_: unknown, r: FigureRow) => columnsValues(r, target, duration, belowText)[i + 1],
            })),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('serviceAdmin.figures.charts.csat')} variant="borderless" style={{ height: '100%' }}>
            <ServiceChart
              testId="figures-csat"
              option={csatByGroupOption(data.rows, target, {
                series: t('serviceAdmin.figures.charts.csatSeries'),
                target: t('serviceAdmin.figures.charts.target', { value: target }),
              })}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('serviceAdmin.figures.charts.rates')}
            variant="borderless"
            style={{ height: '100%' }}
          >
            <ServiceChart
              testId="figures-rates"
              option={ratesByGroupOption(data.rows, {
                breach: t('serviceAdmin.figures.charts.breach'),
                reopen: t('serviceAdmin.figures.charts.reopen'),
              })}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** The cells of one row, in column order; the CSAT cell is red with a mark below the target. */
function columnsValues(
  r: FigureRow,
  target: number,
  duration: ReturnType<typeof useDurationText>,
  belowText: string,
): React.ReactNode[] {
  const below = r.csat !== null && r.csat < target;
  return [
    r.label,
    r.tickets,
    duration(r.firstResponseMedianMs),
    duration(r.resolutionMedianMs),
    percent(r.breachRate),
    percent(r.reopenRate),
    r.responses,
    r.csat === null ? (
      '—'
    ) : (
      <Tooltip title={below ? belowText : undefined}>
        <Typography.Text style={{ color: below ? chartColors.bad : chartColors.good }}>
          {below ? <WarningOutlined /> : null} {percent(r.csat)}
        </Typography.Text>
      </Tooltip>
    ),
    r.nps === null ? '—' : roundOne(r.nps),
  ];
}

function RootCausesView({ report }: { report: RootCauseReport }) {
  const { t } = useTranslation();
  const minPeriods = Math.min(3, Math.max(report.periods.length, 1));
  const recurring = useMemo(() => recurringCauses(report.causes, report.periods.length), [report]);
  if (report.causes.length === 0)
    return <Empty description={t('serviceAdmin.figures.rootCauses.empty')} data-testid="root-causes-empty" />;
  const ranked = [...report.causes].sort((a, b) => b.total - a.total);
  const max = ranked[0]?.total ?? 1;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <ServiceChart
          height={320}
          testId="root-causes-chart"
          option={rootCauseStackOption(report.periods, report.causes, {
            other: t('serviceAdmin.figures.rootCauses.other'),
          })}
        />
      </Col>
      <Col xs={24} xl={9}>
        <Typography.Text strong>{t('serviceAdmin.figures.rootCauses.ranking')}</Typography.Text>
        <List
          size="small"
          dataSource={ranked}
          data-testid="root-causes-ranking"
          renderItem={(c, i) => (
            <List.Item>
              <Flex vertical style={{ width: '100%' }} gap={2}>
                <Flex justify="space-between" align="center" gap={8}>
                  <Typography.Text strong={i < 3}>
                    {i + 1}. {c.name}{' '}
                    {recurring.has(c.id) ? (
                      <Tooltip
                        title={t('serviceAdmin.figures.rootCauses.recurringHelp', { count: minPeriods })}
                      >
                        <Tag color="red" data-testid={`recurring-${c.id}`}>
                          {t('serviceAdmin.figures.rootCauses.recurring')}
                        </Tag>
                      </Tooltip>
                    ) : null}
                  </Typography.Text>
                  <Typography.Text>{c.total}</Typography.Text>
                </Flex>
                <div style={{ height: 4, background: '#f0f0f0', borderRadius: 2 }}>
                  <div
                    style={{
                      height: 4,
                      width: `${(c.total / max) * 100}%`,
                      background: recurring.has(c.id) ? chartColors.bad : chartColors.primary,
                      borderRadius: 2,
                    }}
                  />
                </div>
              </Flex>
            </List.Item>
          )}
        />
      </Col>
    </Row>
  );
}
