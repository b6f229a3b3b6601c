import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  List,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type ResultsRange,
  type Survey,
  type SurveyQuestionResult,
  type SurveyResponseItem,
  type SurveyResults,
  surveyKeys,
  surveysApi,
} from '../../../api/surveys';
import { useCurrentUser } from '../../../auth/current-user';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { serviceAdminPermissions } from '../admin-permissions';
import {
  asPercent,
  chartColors,
  countEntries,
  csatBarOption,
  distributionOption,
  npsGroups,
  npsGroupsOption,
  roundOne,
} from '../charts/chart-options';
import { ServiceChart } from '../charts/ServiceChart';
import { ServiceSubNav } from '../ServiceSubNav';
import { statusColors } from './status';

/** DOMAIN §5: satisfaction ≥ 90 %. */
const csatTarget = 90;

const csatColor = (name: string) =>
  Number(name) >= 4 ? chartColors.good : Number(name) <= 2 ? chartColors.bad : chartColors.neutral;
const npsColor = (name: string) =>
  Number(name) >= 9 ? chartColors.good : Number(name) <= 6 ? chartColors.bad : chartColors.neutral;

/** 调查结果: response figures, CSAT against the 90 % target, NPS, each question, latest responses. */
export default function SurveyResultsPage() {
  const { t } = useTranslation();
  const { surveyId = '' } = useParams();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const query: ResultsRange = range
    ? { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }
    : {};
  const survey = useQuery({ queryKey: surveyKeys.one(surveyId), queryFn: () => surveysApi.get(surveyId) });
  const results = useQuery({
    queryKey: surveyKeys.results(surveyId, query),
    queryFn: () => surveysApi.results(surveyId, query),
  });

  if (survey.isError) return <ErrorResult error={survey.error} onRetry={() => void survey.refetch()} />;

  return (
    <div data-testid="survey-results">
      <ServiceSubNav />
      <Link to="/service/surveys" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('serviceAdmin.surveys.resultsPage.back')}
      </Link>
      <PageHeader
        title={
          <Space>
            <span data-testid="page-title">
              {survey.data?.title ?? t('serviceAdmin.surveys.resultsPage.title')}
            </span>
            {survey.data ? (
              <Tag color={statusColors[survey.data.status]}>
                {t(`serviceAdmin.enums.surveyStatuses.${survey.data.status}`)}
              </Tag>
            ) : null}
          </Space>
        }
        subtitle={t('serviceAdmin.surveys.resultsPage.title')}
        extra={
          <>
            <DatePicker.RangePicker
              value={range}
              onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
              aria-label={t('serviceAdmin.surveys.resultsPage.range')}
              data-testid="results-range"
            />
            {serviceAdminPermissions(me.role).manageSurveys &&
            survey.data &&
            survey.data.status !== 'archived' ? (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/service/surveys/${surveyId}/edit`)}>
                {t('serviceAdmin.surveys.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      {results.isError ? (
        <ErrorResult error={results.error} onRetry={() => void results.refetch()} />
      ) : results.isPending || survey.isPending ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : (
        <Flex vertical gap={16}>
          <Figures results={results.data} />
          {results.data.responses === 0 ? (
            <Card variant="borderless">
              <Empty
                description={t('serviceAdmin.surveys.resultsPage.noResponses')}
                data-testid="results-empty"
              />
            </Card>
          ) : (
            <Questions results={results.data} survey={survey.data} />
          )}
          <LatestResponses surveyId={surveyId} range={query} survey={survey.data} />
        </Flex>
      )}
    </div>
  );
}

function Figures({ results }: { results: SurveyResults }) {
  const { t } = useTranslation();
  const npsQuestion = results.questions.find((q) => q.type === 'nps');
  const groups = npsQuestion
    ? npsGroups(new Map(countEntries(npsQuestion.distribution).map((e) => [e.name, e.count])))
    : null;
  const csat = roundOne(results.csat);
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('serviceAdmin.surveys.resultsPage.responses')}
              value={results.responses}
              data-testid="results-responses"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('serviceAdmin.surveys.resultsPage.invitations')}
              value={results.invitations}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('serviceAdmin.surveys.resultsPage.responseRate')}
              value={asPercent(results.responseRate) ?? '—'}
              suffix={results.responseRate === null ? undefined : '%'}
              data-testid="results-rate"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('serviceAdmin.surveys.resultsPage.nps')}
              value={roundOne(results.nps) ?? '—'}
              data-testid="results-nps"
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card
            title={t('serviceAdmin.surveys.resultsPage.csat')}
            extra={
              <Typography.Text type="secondary">
                {t('serviceAdmin.surveys.resultsPage.csatHelp')}
              </Typography.Text>
            }
            style={{ height: '100%' }}
          >
            <Statistic
              value={csat ?? '—'}
              suffix={csat === null ? undefined : '%'}
              valueStyle={{
                color: csat === null ? undefined : csat >= csatTarget ? chartColors.good : chartColors.bad,
              }}
              data-testid="results-csat"
            />
            <ServiceChart
              height={140}
              testId="results-csat-chart"
              option={csatBarOption(results.csat, csatTarget, {
                series: 'CSAT',
                target: t('serviceAdmin.surveys.resultsPage.target', { value: csatTarget }),
              })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('serviceAdmin.surveys.resultsPage.nps')} style={{ height: '100%' }}>
            {groups && groups.promoters + groups.passives + groups.detractors > 0 ? (
              <ServiceChart
                height={240}
                testId="results-nps-chart"
                option={npsGroupsOption(groups, {
                  promoters: t('serviceAdmin.surveys.resultsPage.promoters'),
                  passives: t('serviceAdmin.surveys.resultsPage.passives'),
                  detractors: t('serviceAdmin.surveys.resultsPage.detractors'),
                })}
              />
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('serviceAdmin.surveys.resultsPage.noResponses')}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

function QuestionResult({ q }: { q: SurveyQuestionResult }) {
  const { t } = useTranslation();
  const series = t('serviceAdmin.surveys.resultsPage.answers');
  if (q.type === 'free_text') {
    const texts = q.recentTexts ?? [];
    return texts.length === 0 ? (
      <Typography.Text type="secondary">{t('serviceAdmin.surveys.resultsPage.noTexts')}</Typography.Text>
    ) : (
      <List
        size="small"
        header={
          <Typography.Text type="secondary">
            {t('serviceAdmin.surveys.resultsPage.recentTexts')}
          </Typography.Text>
        }
        dataSource={texts}
        renderItem={(x) => (
          <List.Item>
            {/* Customer text as plain text: React escapes it; never injected as HTML. */}
            <Flex vertical style={{ width: '100%' }}>
              <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {x.text}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayjs(x.submittedAt).format('YYYY-MM-DD HH:mm')}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
        data-testid={`texts-${q.id}`}
      />
    );
  }
  const order =
    q.type === 'csat'
      ? ['1', '2', '3', '4', '5']
      : q.type === 'nps'
        ? Array.from({ length: 11 }, (_, i) => String(i))
        : [];
  const entries = countEntries(q.type === 'csat' || q.type === 'nps' ? q.distribution : q.counts, order);
  const color = q.type === 'csat' ? csatColor : q.type === 'nps' ? npsColor : undefined;
  return (
    <ServiceChart
      height={220}
      testId={`chart-${q.id}`}
      option={distributionOption(entries, { series }, color)}
    />
  );
}

function Questions({ results, survey }: { results: SurveyResults; survey: Survey }) {
  const { t } = useTranslation();
  // The survey's order; the results' labels are those of when it was answered.
  const order = new Map(survey.questions.map((q, i) => [q.id, i]));
  const questions = [...results.questions].sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99));
  return (
    <Card variant="borderless" title={t('serviceAdmin.surveys.resultsPage.perQuestion')}>
      <Row gutter={[16, 16]}>
        {questions.map((q, i) => (
          <Col key={q.id} xs={24} lg={12}>
            <Card
              size="small"
              type="inner"
              title={`${i + 1}. ${q.label}`}
              extra={
                <Space size={4}>
                  <Tag>{t(`serviceAdmin.enums.questionTypes.${q.type}`)}</Tag>
                  <Typography.Text type="secondary">
                    {t('serviceAdmin.surveys.resultsPage.answered', { count: q.answered })}
                  </Typography.Text>
                </Space>
              }
              data-testid={`result-${q.id}`}
            >
              <QuestionResult q={q} />
            </Card>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function LatestResponses({
  surveyId,
  range,
  survey,
}: {
  surveyId: string;
  range: ResultsRange;
  survey: Survey;
}) {
  const { t } = useTranslation();
  const keyset = useKeyset(10);
  const page = useQuery({
    queryKey: surveyKeys.responses(surveyId, range, keyset.limit, keyset.cursor),
    queryFn: () => surveysApi.responses(surveyId, range, keyset.limit, keyset.cursor),
  });
  const textQuestions = survey.questions.filter((q) => q.type === 'free_text');
  return (
    <Card
      variant="borderless"
      title={t('serviceAdmin.surveys.resultsPage.latest')}
      data-testid="latest-responses"
    >
      {page.isError ? (
        <ErrorResult error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <>
          <Table<SurveyResponseItem>
            rowKey="id"
            size="middle"
            loading={page.isPending}
            dataSource={page.data?.items ?? []}
            pagination={false}
            scroll={{ x: 800 }}
            locale={{ emptyText: <Empty description={t('serviceAdmin.surveys.resultsPage.noResponses')} /> }}
            columns={[
              {
                key: 'submittedAt',
                title: t('serviceAdmin.surveys.resultsPage.submittedAt'),
                render: (_, r) => dayjs(r.submittedAt).format('YYYY-MM-DD HH:mm'),
              },
              {
                key: 'customer',
                title: t('serviceAdmin.surveys.resultsPage.customer'),
                render: (_, r) => <Link to={`/customers/${r.customer.id}`}>{r.customer.name}</Link>,
              },
              {
                key: 'ticket',
                title: t('serviceAdmin.surveys.resultsPage.ticket'),
                render: (_, r) =>
                  r.ticket ? (
                    <Link to={`/service/tickets/${r.ticket.id}`}>
                      {t('serviceAdmin.surveys.resultsPage.ticketNumber', { number: r.ticket.number })}
                    </Link>
                  ) : (
                    t('serviceAdmin.surveys.resultsPage.noTicket')
                  ),
              },
              { key: 'csat', title: 'CSAT', render: (_, r) => r.csat ?? '—' },
              { key: 'nps', title: 'NPS', render: (_, r) => r.nps ?? '—' },
              {
                key: 'text',
                title: t('serviceAdmin.surveys.resultsPage.comment'),
                render: (_, r) => {
                  const text = textQuestions
                    .map((q) => r.answers[q.id])
                    .filter((v): v is string => typeof v === 'string' && v !== '')
                    .join(' / ');
                  return text ? (
                    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }}>
                      {text}
                    </Typography.Text>
                  ) : null;
                },
              },
              {
                key: 'low',
                title: '',
                render: (_, r) =>
                  r.lowScore ? <Tag color="red">{t('serviceAdmin.surveys.resultsPage.lowScore')}</Tag> : null,
              },
            ]}
          />
          <KeysetPager
            keyset={keyset}
            total={undefined}
            nextCursor={page.data?.nextCursor}
            loading={page.isFetching}
          />
        </>
      )}
    </Card>
  );
}
