import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type Attachment, attachmentsApi, uploadAttachment } from '../../api/engagement';
import { useCurrentUser } from '../../auth/current-user';
import { errorText } from '../../lib/errors';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The files of an interaction or a visit: a list with download links, an upload button and
 * removal of one's own files (administrators any). The server judges type and size and says why
 * a file is refused; the message is shown as it comes.
 */
export function AttachmentsPanel({
  parent,
  attachments,
  canUpload,
  onChanged,
}: {
  parent: { kind: 'interactions' | 'visits'; id: string };
  attachments: Attachment[];
  canUpload: boolean;
  /** Called after an upload or a removal, to refetch the record that lists them. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const remove = useMutation({
    mutationFn: (a: Attachment) => attachmentsApi.remove(a.id),
    onSuccess: (_r, a) => {
      message.success(t('engagement.attachments.deleted', { name: a.fileName }));
      onChanged();
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  return (
    <Flex vertical gap={8} data-testid={`attachments-${parent.kind}`}>
      {attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('engagement.attachments.empty')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={attachments}
          renderItem={(a) => (
            <List.Item
              data-testid="attachment-row"
              actions={
                a.createdBy?.id === me.id || me.role === 'admin'
                  ? [
                      <Popconfirm
                        key="delete"
                        title={t('engagement.attachments.deleteConfirm', { name: a.fileName })}
                        onConfirm={() => remove.mutateAsync(a)}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('common.delete')}
                        />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <a href={a.url} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>
                  <PaperClipOutlined /> {a.fileName}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatBytes(a.sizeBytes)} · {dayjs(a.createdAt).format('YYYY-MM-DD HH:mm')}
                  {a.createdBy ? ` · ${a.createdBy.name}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {problem ? (
        <Alert type="error" showIcon title={problem} closable={{ onClose: () => setProblem(null) }} />
      ) : null}
      {percent !== null ? <Progress percent={percent} size="small" /> : null}
      {canUpload ? (
        <Flex vertical gap={4}>
          <Upload
            showUploadList={false}
            multiple={false}
            disabled={percent !== null}
            customRequest={({ file, onError, onSuccess }) => {
              setProblem(null);
              setPercent(0);
              uploadAttachment(parent, file as File, me.csrfToken, setPercent)
                .then((a) => {
                  onSuccess?.(a);
                  message.success(t('engagement.attachments.uploaded', { name: a.fileName }));
                  onChanged();
                })
                .catch((err: unknown) => {
                  onError?.(err instanceof Error ? err : new Error(String(err)));
                  // Size and type refusals name the limit or the type found: show the server's words.
                  setProblem(
                    isApiError(err) && ['payload_too_large', 'unsupported_media_type'].includes(err.code)
                      ? `${t('engagement.attachments.refused')}${err.detail}`
                      : errorText(t, err),
                  );
                })
                .finally(() => setPercent(null));
            }}
          >
            <Button icon={<UploadOutlined />} loading={percent !== null} data-testid="attachment-upload">
              {t('engagement.attachments.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('engagement.attachments.hint')}
          </Typography.Text>
        </Flex>
      ) : null}
    </Flex>
  );
}
