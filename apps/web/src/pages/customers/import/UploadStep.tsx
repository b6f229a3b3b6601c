import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Flex, List, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { customerImportsApi, type ImportUploadResponse, importKeys } from '../../../api/customer-imports';
import { useCurrentUser } from '../../../auth/current-user';
import { errorText } from '../../../lib/errors';
import { formatBytes } from './labels';
import { StatusTag } from './StatusTag';

/** Step 1: choose a file; the server reads its header and first rows and suggests a mapping. */
export function UploadStep({
  onUploaded,
  onOpenJob,
}: {
  onUploaded: (upload: ImportUploadResponse) => void;
  onOpenJob: (id: string) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [error, setError] = useState<{ title: string; lines: string[] } | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const recent = useQuery({ queryKey: importKeys.recent, queryFn: customerImportsApi.recent });
  const maxBytes = recent.data?.maxFileBytes ?? 50 * 1024 * 1024;
  // One key per file while its upload has not been answered: choosing the same file again after a
  // dropped connection returns the import the server may already have made, not a second one.
  const keys = useRef(new Map<string, string>());
  const keyFor = (f: File) => {
    const id = `${f.name}|${f.size}|${f.lastModified}`;
    const key = keys.current.get(id) ?? newIdempotencyKey();
    keys.current.set(id, key);
    return { id, key };
  };

  return (
    <Flex vertical gap={16}>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.title}
          description={
            error.lines.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {error.lines.map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            ) : undefined
          }
          data-testid="import-upload-error"
        />
      ) : null}
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={percent !== null}
          beforeUpload={(file) => {
            // Refused here as well, so a 300 MB file is not sent only to be refused.
            if (file.size > maxBytes) {
              setError({
                title: t('customerImport.upload.failed'),
                lines: [
                  t('customerImport.upload.tooLarge', {
                    actual: formatBytes(file.size),
                    size: formatBytes(maxBytes),
                  }),
                ],
              });
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onError, onSuccess }) => {
            setError(null);
            setPercent(0);
            const idempotency = keyFor(file as File);
            customerImportsApi
              .upload(file as File, me.csrfToken, setPercent, { idempotencyKey: idempotency.key })
              .then((res) => {
                keys.current.delete(idempotency.id);
                onSuccess?.(res);
                onUploaded(res);
              })
              .catch((err: unknown) => {
                // A refusal (a bad file) is final: a corrected file is a new request. Lost answers,
                // server errors and "still in progress" keep the key for the next attempt.
                const final =
                  isApiError(err) &&
                  err.status > 0 &&
                  err.status < 500 &&
                  err.code !== 'idempotency_in_progress';
                if (final) keys.current.delete(idempotency.id);
                onError?.(err instanceof Error ? err : new Error(String(err)));
                // The server names the problem precisely (which columns, which cells): show it as is.
                const lines = isApiError(err) ? err.fieldErrors.map((f) => f.message) : [];
                setError({
                  title: t('customerImport.upload.failed'),
                  lines: lines.length ? lines : [errorText(t, err)],
                });
              })
              .finally(() => setPercent(null));
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {percent === null
              ? t('customerImport.upload.drag')
              : `${t('customerImport.upload.uploading')} ${percent}%`}
          </p>
          <p className="ant-upload-hint" style={{ paddingInline: 24 }}>
            {t('customerImport.upload.hint', { size: formatBytes(maxBytes) })}
          </p>
        </Upload.Dragger>
      </div>
      <Card size="small" title={t('customerImport.upload.recent')} variant="borderless">
        <List
          size="small"
          loading={recent.isPending}
          dataSource={recent.data?.items ?? []}
          locale={{ emptyText: t('customerImport.upload.recentEmpty') }}
          renderItem={(job) => (
            <List.Item
              actions={
                job.status === 'uploaded'
                  ? []
                  : [
                      <Typography.Link key="open" onClick={() => onOpenJob(job.id)}>
                        {t('customerImport.upload.open')}
                      </Typography.Link>,
                    ]
              }
            >
              <Flex gap={8} align="center" wrap>
                <Typography.Text>{job.fileName}</Typography.Text>
                <StatusTag status={job.status} />
                {job.totalRows !== null ? (
                  <Tag bordered={false}>{t('customerImport.upload.rows', { count: job.totalRows })}</Tag>
                ) : null}
                <Typography.Text type="secondary">{new Date(job.createdAt).toLocaleString()}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
