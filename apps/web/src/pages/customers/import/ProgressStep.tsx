import type { ImportJob } from '@weixi/shared';
import { Card, Col, Flex, Progress, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** Step 3: the job as the server reports it, polled every second by the page. */
export function ProgressStep({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const total = Math.max(job.totalRows ?? 0, job.processed);
  // CSV totals are estimated at upload; stay below 100 % until the server says it is done.
  const percent = total > 0 ? Math.min(99, Math.floor((job.processed / total) * 100)) : 0;
  return (
    <Card data-testid="import-progress">
      <Flex vertical gap={16}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('customerImport.progress.title', { file: job.fileName })}
        </Typography.Title>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">
          {t('customerImport.progress.rows', { processed: job.processed, total })}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          {(['created', 'updated', 'skipped', 'rejected'] as const).map((k) => (
            <Col key={k} xs={12} sm={6}>
              <Statistic
                title={t(`customerImport.progress.${k}`)}
                value={job[k]}
                data-testid={`import-count-${k}`}
              />
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">{t('customerImport.progress.hint')}</Typography.Text>
      </Flex>
    </Card>
  );
}
