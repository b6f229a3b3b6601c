import { DatabaseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { keys, systemApi } from '../../api/endpoints';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';

export default function AboutPage() {
  const { t } = useTranslation();
  const about = useQuery({
    queryKey: keys.about,
    queryFn: systemApi.about,
    staleTime: Number.POSITIVE_INFINITY,
  });

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('about.title')}</span>}
        subtitle={t('about.description')}
      />
      <Card variant="borderless" style={{ maxWidth: 880 }}>
        {about.isPending ? (
          <Skeleton active />
        ) : about.isError ? (
          <ErrorResult error={about.error} onRetry={() => void about.refetch()} />
        ) : (
          <Flex vertical gap={24}>
            {about.data.embedded ? (
              <Alert
                type="info"
                showIcon
                icon={<DatabaseOutlined />}
                title={t('about.embeddedTitle')}
                description={t('about.embeddedBody')}
                data-testid="about-embedded"
              />
            ) : (
              <Alert type="success" showIcon icon={<DatabaseOutlined />} title={t('about.postgresTitle')} />
            )}
            <Descriptions
              bordered
              column={1}
              size="middle"
              data-testid="about-details"
              items={[
                {
                  key: 'product',
                  label: t('about.product'),
                  children: `${t('common.appName')} · ${about.data.name}`,
                },
                { key: 'version', label: t('about.version'), children: about.data.version },
                {
                  key: 'engine',
                  label: t('about.engine'),
                  children: (
                    <Tag color={about.data.embedded ? 'blue' : 'green'} data-testid="about-engine">
                      {t(about.data.engine === 'pglite' ? 'about.pglite' : 'about.postgres')}
                    </Tag>
                  ),
                },
                { key: 'engineVersion', label: t('about.engineVersion'), children: about.data.engineVersion },
                { key: 'node', label: t('about.node'), children: about.data.node },
                { key: 'tz', label: t('about.timeZone'), children: about.data.businessTimeZone },
                {
                  key: 'docs',
                  label: t('about.apiDocs'),
                  children: (
                    <Typography.Link href="/api/docs" target="_blank" rel="noreferrer">
                      /api/docs
                    </Typography.Link>
                  ),
                },
              ]}
            />
          </Flex>
        )}
      </Card>
    </>
  );
}
