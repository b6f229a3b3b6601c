import {
  ControlOutlined,
  InboxOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { customerCategories, customerGrades, valueTiers } from '@weixi/shared';
import { App, Button, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { type GradeDistribution, gradingApi, gradingKeys } from '../../api/grading';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { Chart, type ChartOption } from './Chart';
import { gradeChartColors, useGradingLabels } from './labels';
import { gradingPermissions } from './permissions';
import { RegradeProgress } from './RegradeProgress';

// The job being followed survives leaving the page and coming back (same tab).
const jobStorageKey = 'weixi.grading.regradeJob';
const readJob = () => {
  try {
    return sessionStorage.getItem(jobStorageKey);
  } catch {
    return null;
  }
};
const storeJob = (id: string | null) => {
  try {
    if (id) sessionStorage.setItem(jobStorageKey, id);
    else sessionStorage.removeItem(jobStorageKey);
  } catch {
    // Private mode: the progress then lasts for this visit of the page only.
  }
};

const countOf = <T,>(items: { value: T; count: number }[], value: T) =>
  items.find((i) => i.value === value)?.count ?? 0;

/** 分级: the grade distribution in the caller's scope, category and value-tier breakdowns, regrade-all. */
export default function GradingPage() {
  const labels = useGradingLabels();
  const { t } = labels;
  const me = useCurrentUser();
  const can = gradingPermissions(me.role);
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(readJob);
  const [jobSettled, setJobSettled] = useState(false);
  const settled = useCallback(() => setJobSettled(true), []);
  const distribution = useQuery({ queryKey: gradingKeys.distribution, queryFn: gradingApi.distribution });

  const start = useMutation({
    mutationFn: gradingApi.regradeAll,
    onSuccess: ({ jobId: id }) => {
      storeJob(id);
      setJobSettled(false);
      setJobId(id);
    },
    onError: (err) => message.error(errorText(t, err)),
  });
  const confirmRegrade = () =>
    modal.confirm({
      title: t('grading.overview.regradeConfirmTitle'),
      content: t('grading.overview.regradeConfirmBody'),
      okText: t('grading.overview.regradeStart'),
      okButtonProps: { ...{ 'data-testid': 'regrade-confirm' } },
      onOk: () => start.mutateAsync(),
    });

  const header = (
    <PageHeader
      title={<span data-testid="page-title">{t('grading.title')}</span>}
      subtitle={t('grading.subtitle')}
      extra={
        <>
          <Button
            icon={<ControlOutlined />}
            onClick={() => navigate('/grading/rules')}
            data-testid="grading-rules-link"
          >
            {t('grading.links.rules')}
          </Button>
          <Button
            icon={<SafetyCertificateOutlined />}
            onClick={() => navigate('/grading/standards')}
            data-testid="grading-standards-link"
          >
            {t('grading.links.standards')}
          </Button>
          {/* The pool and transfer pages (ownership module) live in the same /grading family. */}
          {can.pool ? (
            <Button
              icon={<InboxOutlined />}
              onClick={() => navigate('/grading/pool')}
              data-testid="grading-pool-link"
            >
              {t('grading.links.pool')}
            </Button>
          ) : null}
          {can.override ? (
            <Button
              icon={<SwapOutlined />}
              onClick={() => navigate('/grading/transfers')}
              data-testid="grading-transfers-link"
            >
              {t('grading.links.transfers')}
            </Button>
          ) : null}
          {can.regradeAll ? (
            <Button
              type="primary"
              icon={<ReloadOutlined />}
              loading={start.isPending}
              disabled={jobId !== null && !jobSettled}
              onClick={confirmRegrade}
              data-testid="regrade-all"
            >
              {t('grading.overview.regradeAll')}
            </Button>
          ) : null}
        </>
      }
    />
  );

  if (distribution.isError)
    return (
      <>
        {header}
        <ErrorResult error={distribution.error} onRetry={() => void distribution.refetch()} />
      </>
    );

  return (
    <div data-testid="grading-page">
      {header}
      {jobId ? (
        <Card size="small" style={{ marginBottom: 16 }}>
          <RegradeProgress
            key={jobId}
            jobId={jobId}
            onSettled={settled}
            onFinished={() => {
              storeJob(null);
              setJobId(null);
            }}
          />
        </Card>
      ) : null}
      {distribution.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : (
        <DistributionView
          data={distribution.data}
          onGrade={(grade) => navigate(grade ? `/customers?grade=${grade}` : '/customers')}
        />
      )}
    </div>
  );
}

function DistributionView({
  data,
  onGrade,
}: {
  data: GradeDistribution;
  onGrade: (grade: string | null) => void;
}) {
  const labels = useGradingLabels();
  const { t } = labels;
  if (data.total === 0) {
    return (
      <Card variant="borderless">
        <Empty description={t('grading.overview.emptyTitle')} data-testid="grading-empty">
          <Typography.Text type="secondary">{t('grading.overview.emptyBody')}</Typography.Text>
        </Empty>
      </Card>
    );
  }
  const grades = [...customerGrades, null] as const;
  const ungraded = countOf(data.grades, null);
  const gradeOption: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: {
      type: 'category',
      data: grades.filter((g) => g !== null || ungraded > 0).map((g) => labels.grade(g)),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 56,
        label: { show: true, position: 'top' },
        data: grades
          .filter((g) => g !== null || ungraded > 0)
          .map((g) => ({
            value: countOf(data.grades, g),
            itemStyle: { color: gradeChartColors[g ?? 'none'] },
          })),
      },
    ],
  };
  const pie = (items: { name: string; value: number }[]): ChartOption => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: items.filter((i) => i.value > 0),
      },
    ],
  });
  const categories = pie(
    customerCategories.map((c) => ({ name: labels.category(c), value: countOf(data.categories, c) })),
  );
  const tiers = pie(
    [...valueTiers, null].map((v) => ({ name: labels.valueTier(v), value: countOf(data.valueTiers, v) })),
  );

  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic
              title={t('grading.overview.total', { count: data.total })}
              value={data.total}
              data-testid="grading-total"
            />
          </Card>
        </Col>
        {customerGrades.map((g) => (
          <Col key={g} xs={12} md={4}>
            <Card size="small" hoverable onClick={() => onGrade(g)} data-testid={`grade-count-${g}`}>
              <Statistic
                title={labels.grade(g)}
                value={countOf(data.grades, g)}
                valueStyle={{ color: gradeChartColors[g] }}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        title={t('grading.overview.gradeChart')}
        extra={
          <Typography.Text type="secondary" data-testid="last-regrade">
            {data.lastRegradeAt
              ? t('grading.overview.lastRegrade', { at: labels.dateTime(data.lastRegradeAt) })
              : t('grading.overview.neverRegraded')}
          </Typography.Text>
        }
      >
        <Chart
          option={gradeOption}
          height={300}
          testId="grade-chart"
          onClick={(_name, i) => onGrade(grades.filter((g) => g !== null || ungraded > 0)[i] ?? null)}
        />
        <Typography.Text type="secondary">{t('grading.overview.chartHint')}</Typography.Text>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('grading.overview.categoryChart')}>
            <Chart option={categories} testId="category-chart" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('grading.overview.valueTierChart')}>
            <Chart option={tiers} testId="value-tier-chart" />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
