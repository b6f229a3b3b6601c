import { DownloadOutlined } from '@ant-design/icons';
import type { ImportJob } from '@weixi/shared';
import { importLimits } from '@weixi/shared';
import { Alert, Button, Card, Col, Flex, Result, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { customerImportsApi } from '../../../api/customer-imports';

/** Step 4: what happened, every rejected row with its number, column and reason, and the file to fix them. */
export function ReportStep({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t } = useTranslation();
  const status =
    job.status === 'done'
      ? job.rejected > 0
        ? 'warning'
        : 'success'
      : job.status === 'failed'
        ? 'error'
        : 'warning';
  const title =
    job.status === 'done'
      ? job.rejected > 0
        ? t('customerImport.report.doneWithRejects', { count: job.rejected })
        : t('customerImport.report.done')
      : job.status === 'failed'
        ? t('customerImport.report.failed')
        : t('customerImport.report.interrupted');
  return (
    <Flex vertical gap={16} data-testid="import-report">
      <Result
        status={status}
        title={title}
        subTitle={t('customerImport.report.summary', {
          total: job.processed,
          created: job.created,
          updated: job.updated,
          skipped: job.skipped,
          rejected: job.rejected,
        })}
        extra={[
          <Link key="list" to="/customers">
            <Button type="primary">{t('customerImport.report.toList')}</Button>
          </Link>,
          <Button key="again" onClick={onAgain} data-testid="import-again">
            {t('customerImport.report.again')}
          </Button>,
        ]}
        style={{ paddingBlock: 16 }}
      />
      {job.status === 'interrupted' ? (
        <Alert type="warning" showIcon title={t('customerImport.report.interruptedHint')} />
      ) : null}
      {job.status === 'failed' && job.error ? <Alert type="error" showIcon title={job.error} /> : null}
      <Row gutter={[16, 16]}>
        {(['created', 'updated', 'skipped', 'rejected'] as const).map((k) => (
          <Col key={k} xs={12} sm={6}>
            <Card size="small">
              <Statistic
                title={t(`customerImport.progress.${k}`)}
                value={job[k]}
                data-testid={`import-result-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={t('customerImport.report.rejections')}
        extra={
          job.rejected > 0 ? (
            <Button
              icon={<DownloadOutlined />}
              href={customerImportsApi.rejectionsUrl(job.id)}
              download
              data-testid="import-rejections-download"
            >
              {t('customerImport.report.download')}
            </Button>
          ) : null
        }
      >
        {job.rejected === 0 ? (
          <Typography.Text type="secondary">{t('customerImport.report.noRejections')}</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            <Typography.Text type="secondary">
              {t('customerImport.report.downloadHint')}
              {job.rejections.length >= importLimits.rejectionsShown
                ? ` ${t('customerImport.report.firstOnly', { shown: importLimits.rejectionsShown })}`
                : ''}
            </Typography.Text>
            <Table
              size="small"
              rowKey={(r) => `${r.row}-${r.column ?? ''}-${r.code}`}
              dataSource={job.rejections}
              pagination={job.rejections.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              data-testid="import-rejections"
              columns={[
                { title: t('customerImport.report.row'), dataIndex: 'row', width: 90 },
                {
                  title: t('customerImport.report.column'),
                  dataIndex: 'column',
                  width: 180,
                  render: (c: string | null) => c ?? t('customerImport.report.wholeRow'),
                },
                { title: t('customerImport.report.reason'), dataIndex: 'message' },
              ]}
            />
          </Flex>
        )}
      </Card>
    </Flex>
  );
}
