import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportUploadResponse } from '@weixi/shared';
import { Card, Flex, Spin, Steps } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { customerImportsApi, importKeys } from '../../api/customer-imports';
import { customerKeys } from '../../api/customers';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, ForbiddenResult } from '../../components/Results';
import { MappingStep } from './import/MappingStep';
import { ProgressStep } from './import/ProgressStep';
import { ReportStep } from './import/ReportStep';
import { UploadStep } from './import/UploadStep';

// Mirrors the server's customers.import permission.
const importRoles = ['admin', 'executive', 'department_manager', 'account_manager'];

/**
 * The import wizard: upload → map columns → progress → report. A started job lives in the URL
 * (?job=…), so a reload or a later visit shows its progress or its report again.
 */
export default function ImportWizardPage() {
  const me = useCurrentUser();
  if (!importRoles.includes(me.role)) return <ForbiddenResult />;
  return <ImportWizard />;
}

function ImportWizard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [upload, setUpload] = useState<ImportUploadResponse | null>(null);

  const job = useQuery({
    queryKey: importKeys.job(jobId ?? ''),
    queryFn: () => customerImportsApi.get(jobId!),
    enabled: jobId !== null,
    // Poll while the server is working; stop once it has finished.
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
    staleTime: 0,
  });

  const openJob = (id: string) => {
    setUpload(null);
    setParams({ job: id });
  };
  const restart = () => {
    setUpload(null);
    setParams({});
    void queryClient.invalidateQueries({ queryKey: importKeys.recent });
  };

  const running = job.data?.status === 'running';
  // When a job finishes here, the customer list and the recent imports must show its result.
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && job.data && !running) {
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      void queryClient.invalidateQueries({ queryKey: importKeys.recent });
    }
    wasRunning.current = running;
  }, [running, job.data, queryClient]);
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
          queryClient.setQueryData(importKeys.job(started.id), started);
          openJob(started.id);
        }}
      />
    );
  } else {
    body = <UploadStep onUploaded={setUpload} onOpenJob={openJob} />;
  }

  return (
    <div data-testid="import-wizard">
      <PageHeader
        title={<span data-testid="page-title">{t('customerImport.title')}</span>}
        subtitle={t('customerImport.subtitle')}
      />
      <Card variant="borderless">
        <Flex vertical gap={24}>
          <Steps
            current={current}
            size="small"
            items={[
              { title: t('customerImport.steps.upload') },
              { title: t('customerImport.steps.mapping') },
              { title: t('customerImport.steps.progress') },
              {
                title: t('customerImport.steps.report'),
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
