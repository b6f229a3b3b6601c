import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Flex, Progress, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { gradingKeys } from '../../api/grading';
import { jobKeys, jobsApi } from '../../api/jobs';

const running = new Set(['created', 'retry', 'active']);

/**
 * The progress bar of a regrade-all job: polls GET /jobs/:id every second while it runs, then
 * refreshes the grading figures and says how it ended.
 */
export function RegradeProgress({
  jobId,
  onSettled,
  onFinished,
}: {
  jobId: string;
  /** The job ended (done or failed): another may be started. */
  onSettled: () => void;
  /** The person closed the result. */
  onFinished: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: jobKeys.one(jobId),
    queryFn: () => jobsApi.get(jobId),
    refetchInterval: (q) => (!q.state.data || running.has(q.state.data.state) ? 1000 : false),
  });
  const finished = job.data && !running.has(job.data.state);
  const announced = useRef(false);
  useEffect(() => {
    if (finished && !announced.current) {
      announced.current = true;
      void queryClient.invalidateQueries({ queryKey: gradingKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      onSettled();
    }
  }, [finished, queryClient, onSettled]);

  if (job.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('grading.overview.regradeFailed', { error: job.error.message })}
      />
    );
  }
  const data = job.data;
  if (!data) return <Progress percent={0} status="active" data-testid="regrade-progress" />;
  if (data.state === 'completed') {
    const result = (data.result ?? {}) as { scored?: number; gradeChanges?: number };
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose: onFinished }}
        title={t('grading.overview.regradeDone', {
          scored: result.scored ?? 0,
          changed: result.gradeChanges ?? 0,
        })}
        data-testid="regrade-done"
      />
    );
  }
  if (data.state === 'failed' || data.state === 'cancelled') {
    return (
      <Alert
        type="error"
        showIcon
        closable={{ onClose: onFinished }}
        title={t('grading.overview.regradeFailed', { error: data.error ?? data.state })}
        data-testid="regrade-failed"
      />
    );
  }
  const p = data.progress;
  const percent = p && p.total > 0 ? Math.min(99, Math.floor((p.done / p.total) * 100)) : 0;
  return (
    <Flex vertical gap={4} data-testid="regrade-running">
      <Typography.Text>{t('grading.overview.regradeRunning')}</Typography.Text>
      <Progress percent={percent} status="active" data-testid="regrade-progress" />
      <Typography.Text type="secondary">
        {p
          ? t('grading.overview.regradeProgress', { done: p.done, total: p.total })
          : t('grading.overview.regradeQueued')}
      </Typography.Text>
    </Flex>
  );
}
