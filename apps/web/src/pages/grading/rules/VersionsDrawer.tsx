import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Drawer, Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type GradingRuleSet, gradingApi, gradingKeys } from '../../../api/grading';
import { KeysetPager, useKeyset } from '../../../components/KeysetPager';
import { ErrorResult } from '../../../components/Results';
import { useGradingLabels } from '../labels';

/** Every saved version, newest first; an administrator may load one into the editor as a draft. */
export function VersionsDrawer({
  open,
  onClose,
  onLoad,
}: {
  open: boolean;
  onClose: () => void;
  /** Absent for readers: they only look. */
  onLoad?: (ruleSet: GradingRuleSet) => void;
}) {
  const { t } = useTranslation();
  const labels = useGradingLabels();
  const keyset = useKeyset(10);
  const versions = useQuery({
    queryKey: gradingKeys.versions(keyset.limit, keyset.cursor),
    queryFn: () => gradingApi.versions(keyset.limit, keyset.cursor),
    placeholderData: keepPreviousData,
    enabled: open,
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('grading.rules.versions')}
      size={480}
      data-testid="rule-versions"
    >
      {versions.isError ? (
        <ErrorResult error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <>
          <List<GradingRuleSet>
            loading={versions.isPending}
            dataSource={versions.data?.items ?? []}
            locale={{ emptyText: <Empty description={t('grading.rules.versionsEmpty')} /> }}
            renderItem={(v) => (
              <List.Item
                data-testid={`rule-version-${v.version}`}
                actions={
                  onLoad && !v.current
                    ? [
                        <Button key="load" size="small" onClick={() => onLoad(v)}>
                          {t('grading.rules.loadVersion')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <>
                      {t('grading.rules.version', { version: v.version })}{' '}
                      {v.current ? <Tag color="green">{t('grading.rules.current')}</Tag> : null}
                    </>
                  }
                  description={
                    <>
                      <Typography.Text type="secondary">
                        {v.createdBy
                          ? t('grading.rules.savedBy', {
                              name: v.createdBy.name,
                              at: labels.dateTime(v.createdAt),
                            })
                          : t('grading.rules.savedBySystem')}
                      </Typography.Text>
                      {v.note && v.note !== 'default' ? <div>{v.note}</div> : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
          <KeysetPager
            keyset={keyset}
            total={versions.data?.total}
            nextCursor={versions.data?.nextCursor}
            loading={versions.isFetching}
          />
        </>
      )}
    </Drawer>
  );
}
