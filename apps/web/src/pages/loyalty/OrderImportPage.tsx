import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { importLimits, type OrderImportFieldKey, orderChannels } from '@weixi/shared';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Result,
  Row,
  Select,
  Spin,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type OrderChannel,
  type OrderImportJob,
  type OrderImportUploadResponse,
  orderImportsApi,
  orderKeys,
} from '../../api/orders';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, ForbiddenResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
// Generic helpers of the customer import wizard; its step components are typed to customer jobs
// (updated/skipped counts, duplicate policy, owner), so the order wizard has its own steps.
import { columnLetter, formatBytes } from '../customers/import/labels';
import { loyaltyPermissions } from './permissions';

const maxBytesDefault = importLimits.maxFileMbDefault * 1024 * 1024;

function UploadStep({ onUploaded }: { onUploaded: (u: OrderImportUploadResponse) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [error, setError] = useState<string[] | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Flex vertical gap={16}>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={t('loyalty.import.upload.failed')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {error.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          }
          data-testid="order-import-upload-error"
        />
      ) : null}
      <div data-testid="order-import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={percent !== null}
          beforeUpload={(file) => {
            if (file.size > maxBytesDefault) {
              setError([
                t('loyalty.import.upload.tooLarge', {
                  actual: formatBytes(file.size),
                  size: formatBytes(maxBytesDefault),
                }),
              ]);
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onError, onSuccess }) => {
            setError(null);
            setPercent(0);
            orderImportsApi
              .upload(file as File, me.csrfToken, setPercent)
              .then((res) => {
                onSuccess?.(res);
                onUploaded(res);
              })
              .catch((err: unknown) => {
                onError?.(err instanceof Error ? err : new Error(String(err)));
                // The server names the problem precisely (which columns, which cells): show it as is.
                const lines = isApiError(err) ? err.fieldErrors.map((f) => f.message) : [];
                setError(lines.length ? lines : [errorText(t, err)]);
              })
              .finally(() => setPercent(null));
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {percent === null
              ? t('loyalty.import.upload.drag')
              : `${t('loyalty.import.upload.uploading')} ${percent}%`}
          </p>
          <p className="ant-upload-hint" style={{ paddingInline: 24 }}>
            {t('loyalty.import.upload.hint', { size: formatBytes(maxBytesDefault) })}
          </p>
        </Upload.Dragger>
      </div>
    </Flex>
  );
}

/** What the mapping still lacks, as the server would say it (start refuses the same mappings). */
function missingFields(used: Set<string>): (keyof ReturnType<typeof missingKeys>)[] {
  return Object.entries(missingKeys(used))
    .filter(([, missing]) => missing)
    .map(([k]) => k as keyof ReturnType<typeof missingKeys>);
}
function missingKeys(used: Set<string>) {
  return {
    orderedOn: !used.has('orderedOn'),
    quantity: !used.has('quantity'),
    amount: !used.has('amount'),
    customer: !used.has('customerName') && !used.has('creditCode'),
    product: !used.has('productCode') && !used.has('productName'),
    lineNo: used.has('lineNo') && !used.has('externalRef'),
  };
}

function MappingStep({
  upload,
  onStarted,
  onBack,
}: {
  upload: OrderImportUploadResponse;
  onStarted: (job: OrderImportJob) => void;
  onBack: () => void;
}) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const [mapping, setMapping] = useState<Record<string, OrderImportFieldKey | null>>(() => ({
    ...upload.suggestedMapping,
  }));
  const [channel, setChannel] = useState<OrderChannel>('direct');
  const used = new Set(Object.values(mapping).filter((v): v is OrderImportFieldKey => Boolean(v)));
  const missing = missingFields(used);
  const start = useMutation({
    mutationFn: () =>
      orderImportsApi.start(upload.id, { mapping, defaultChannel: channel, version: upload.version }),
    onSuccess: onStarted,
  });
  const pairs = new Set(['customerName', 'creditCode', 'productCode', 'productName']);

  return (
    <Flex vertical gap={16} data-testid="order-import-mapping">
      <Typography.Text>
        {t('loyalty.import.mapping.intro', {
          file: upload.fileName,
          columns: upload.headers.length,
          rows: upload.totalRows ?? 0,
        })}
      </Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={upload.headers.map((h, index) => ({ index, header: h }))}
        columns={[
          {
            title: t('loyalty.import.mapping.column'),
            key: 'column',
            width: 220,
            render: (_, r) => (
              <span>
                <Typography.Text type="secondary">{columnLetter(r.index)} </Typography.Text>
                {r.header || t('loyalty.import.mapping.blankHeader')}
              </span>
            ),
          },
          {
            title: t('loyalty.import.mapping.sample'),
            key: 'sample',
            ellipsis: true,
            render: (_, r) => (
              <Typography.Text type="secondary">
                {upload.preview
                  .slice(0, 3)
                  .map((row) => row[r.index] ?? '')
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            ),
          },
          {
            title: t('loyalty.import.mapping.field'),
            key: 'field',
            width: 260,
            render: (_, r) => (
              <Select
                value={mapping[String(r.index)] ?? null}
                onChange={(v: OrderImportFieldKey | null) =>
                  setMapping((m) => ({ ...m, [String(r.index)]: v }))
                }
                style={{ width: '100%' }}
                options={[
                  { value: null, label: t('loyalty.import.mapping.skip') },
                  ...upload.fields.map((f) => ({
                    value: f.key,
                    disabled: used.has(f.key) && mapping[String(r.index)] !== f.key,
                    label: (
                      <Flex justify="space-between" gap={8}>
                        <span>{english ? f.labelEn : f.labelZh}</span>
                        {f.required ? (
                          <Tag color="red" bordered={false}>
                            {t('loyalty.import.mapping.required')}
                          </Tag>
                        ) : pairs.has(f.key) ? (
                          <Tag color="orange" bordered={false}>
                            {t('loyalty.import.mapping.oneOf')}
                          </Tag>
                        ) : null}
                      </Flex>
                    ),
                  })),
                ]}
                data-testid={`order-import-map-${r.index}`}
              />
            ),
          },
        ]}
      />
      {missing.length ? (
        <Alert
          type="warning"
          showIcon
          title={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {missing.map((m) => (
                <li key={m}>{t(`loyalty.import.mapping.missing.${m}`)}</li>
              ))}
            </ul>
          }
          data-testid="order-import-missing"
        />
      ) : null}
      {!used.has('externalRef') ? (
        <Alert type="info" showIcon title={t('loyalty.import.mapping.noRef')} />
      ) : null}
      <Flex align="center" gap={8} wrap>
        <Typography.Text>{t('loyalty.import.mapping.defaultChannel')}</Typography.Text>
        <Select
          value={channel}
          onChange={setChannel}
          options={orderChannels.map((c) => ({ value: c, label: t(`loyalty.channels.${c}`) }))}
          style={{ width: 140 }}
          data-testid="order-import-channel"
        />
      </Flex>
      {start.isError ? (
        <Alert
          type="error"
          showIcon
          title={errorText(t, start.error)}
          description={
            isApiError(start.error) && start.error.fieldErrors.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {start.error.fieldErrors.map((f) => (
                  <li key={`${f.path}-${f.code}`}>{f.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Flex gap={8} justify="flex-end">
        <Button onClick={onBack}>{t('loyalty.import.mapping.back')}</Button>
        <Button
          type="primary"
          disabled={missing.length > 0}
          loading={start.isPending}
          onClick={() => start.mutate()}
          data-testid="order-import-start"
        >
          {t('loyalty.import.mapping.start')}
        </Button>
      </Flex>
    </Flex>
  );
}

const countKeys = ['created', 'alreadyImported', 'rejected'] as const;

function ProgressStep({ job }: { job: OrderImportJob }) {
  const { t } = useTranslation();
  const total = Math.max(job.totalRows ?? 0, job.processed);
  // CSV totals are estimated at upload; stay below 100 % until the server says it is done.
  const percent = total > 0 ? Math.min(99, Math.floor((job.processed / total) * 100)) : 0;
  return (
    <Card data-testid="order-import-progress">
      <Flex vertical gap={16}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('loyalty.import.progress.title', { file: job.fileName })}
        </Typography.Title>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">
          {t('loyalty.import.progress.rows', { processed: job.processed, total })}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          {countKeys.map((k) => (
            <Col key={k} xs={24} sm={8}>
              <Statistic title={t(`loyalty.import.counts.${k}`)} value={job[k]} />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">{t('loyalty.import.progress.hint')}</Typography.Text>
      </Flex>
    </Card>
  );
}

function ReportStep({ job, onAgain }: { job: OrderImportJob; onAgain: () => void }) {
  const { t } = useTranslation();
  const done = job.status === 'done';
  const status = done
    ? job.rejected > 0
      ? 'warning'
      : 'success'
    : job.status === 'failed'
      ? 'error'
      : 'warning';
  const title = done
    ? job.rejected > 0
      ? t('loyalty.import.report.doneWithRejects', { count: job.rejected })
      : t('loyalty.import.report.done')
    : job.status === 'failed'
      ? t('loyalty.import.report.failed')
      : t('loyalty.import.report.interrupted');
  return (
    <Flex vertical gap={16} data-testid="order-import-report">
      <Result
        status={status}
        title={title}
        subTitle={t('loyalty.import.report.summary', {
          total: job.processed,
          created: job.created,
          already: job.alreadyImported,
          rejected: job.rejected,
        })}
        extra={[
          <Link key="orders" to="/loyalty">
            <Button type="primary">{t('loyalty.import.report.toOrders')}</Button>
          </Link>,
          <Button key="again" onClick={onAgain} data-testid="order-import-again">
            {t('loyalty.import.report.again')}
          </Button>,
        ]}
        style={{ paddingBlock: 16 }}
      />
      {job.status === 'interrupted' ? (
        <Alert type="warning" showIcon title={t('loyalty.import.report.interruptedHint')} />
      ) : null}
      {job.status === 'failed' && job.error ? <Alert type="error" showIcon title={job.error} /> : null}
      <Row gutter={[16, 16]}>
        {countKeys.map((k) => (
          <Col key={k} xs={24} sm={8}>
            <Card size="small">
              <Statistic
                title={t(`loyalty.import.counts.${k}`)}
                value={job[k]}
                data-testid={`order-import-result-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('loyalty.import.report.rejections')}
        extra={
          job.rejected > 0 ? (
            <Button
              icon={<DownloadOutlined />}
              href={orderImportsApi.rejectionsUrl(job.id)}
              download
              data-testid="order-import-rejections-download"
            >
              {t('loyalty.import.report.download')}
            </Button>
          ) : null
        }
      >
        {job.rejected === 0 ? (
          <Typography.Text type="secondary">{t('loyalty.import.report.noRejections')}</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">
              {t('loyalty.import.report.downloadHint')}
              {job.rejections.length >= importLimits.rejectionsShown
                ? ` ${t('loyalty.import.report.firstOnly', { shown: importLimits.rejectionsShown })}`
                : ''}
            </Typography.Text>
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.code}`}
              dataSource={job.rejections}
              pagination={job.rejections.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              data-testid="order-import-rejections"
              columns={[
                { title: t('loyalty.import.report.row'), dataIndex: 'row', width: 80 },
                {
                  title: t('loyalty.import.report.column'),
                  dataIndex: 'column',
                  width: 160,
                  render: (c: string | null) => c ?? t('loyalty.import.report.wholeRow'),
                },
                { title: t('loyalty.import.report.reason'), dataIndex: 'message' },
              ]}
            />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}

/**
 * The order import wizard: upload → map columns → progress → report. A started job lives in the
 * URL (?job=…), so a reload shows its progress or report again.
 */
export default function OrderImportPage() {
  const me = useCurrentUser();
  if (!loyaltyPermissions(me.role).importOrders) return <ForbiddenResult />;
  return <OrderImportWizard />;
}

function OrderImportWizard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [upload, setUpload] = useState<OrderImportUploadResponse | null>(null);
  const job = useQuery({
    queryKey: orderKeys.importJob(jobId ?? ''),
    queryFn: () => orderImportsApi.get(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
    staleTime: 0,
  });
  const running = job.data?.status === 'running';
  // When a job finishes here, the order lists must show its result.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && job.data && !running)
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
    wasRunning.current = running;
  }, [running, job.data, queryClient]);

  const restart = () => {
    setUpload(null);
    setParams({});
  };
  const current = jobId ? (running || !job.data ? 2 : 3) : upload ? 1 : 0;
  let body: ReactNode;
  if (jobId) {
    if (job.isError) body = <ErrorResult error={job.error} onRetry={() => void job.refetch()} />;
    else if (!job.data)
      body = (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      );
    else if (running) body = <ProgressStep job={job.data} />;
    else body = <ReportStep job={job.data} onAgain={restart} />;
  } else if (upload) {
    body = (
      <MappingStep
        upload={upload}
        onBack={() => setUpload(null)}
        onStarted={(started) => {
          queryClient.setQueryData(orderKeys.importJob(started.id), started);
          setUpload(null);
          setParams({ job: started.id });
        }}
      />
    );
  } else body = <UploadStep onUploaded={setUpload} />;

  return (
    <div data-testid="order-import-wizard">
      <Link to="/loyalty" style={{ display: 'inline-block', marginBottom: 8 }}>
        ← {t('loyalty.title')}
      </Link>
      <PageHeader
        title={<span data-testid="page-title">{t('loyalty.import.title')}</span>}
        subtitle={t('loyalty.import.subtitle')}
      />
      <Card variant="borderless">
        <Flex vertical gap={24}>
          <Steps
            current={current}
            size="small"
            items={[
              { title: t('loyalty.import.steps.upload') },
              { title: t('loyalty.import.steps.mapping') },
              { title: t('loyalty.import.steps.progress') },
              {
                title: t('loyalty.import.steps.report'),
                status: job.data?.status === 'failed' ? 'error' : undefined,
              },
            ]}
          />
          {body}
        </Flex>
      </Card>
    </div>
  );
}
