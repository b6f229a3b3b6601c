import type { MeResponse } from '@weixi/shared';
import { Card, Flex, Result, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ModuleKey, moduleIcons } from '../layout/nav';

/** Modules not built yet get a page that says what they will do, not a blank screen. */
export default function ComingSoonPage({ module, me }: { module: ModuleKey; me: MeResponse }) {
  const { t } = useTranslation();
  const features = t(`modules.${module}.features`).split(',');
  return (
    <Card variant="borderless" data-testid={`coming-soon-${module}`}>
      <Result
        icon={<span style={{ fontSize: 64, color: '#1668dc' }}>{moduleIcons[module]}</span>}
        title={
          <Flex vertical align="center" gap={4}>
            {module === 'workbench' ? (
              <Typography.Text type="secondary">
                {t('modules.workbench.greeting', { name: me.name })}
              </Typography.Text>
            ) : null}
            <span data-testid="page-title">{t(`nav.${module}`)}</span>
          </Flex>
        }
        subTitle={
          <Typography.Paragraph type="secondary" style={{ maxWidth: 640, margin: '8px auto 0' }}>
            {t(`modules.${module}.description`)}
          </Typography.Paragraph>
        }
        extra={
          <Flex vertical align="center" gap={12}>
            <Tag color="processing">{t('modules.comingSoon')}</Tag>
            <Typography.Text type="secondary">{t('modules.plannedFeatures')}</Typography.Text>
            <Flex wrap gap={8} justify="center" style={{ maxWidth: 640 }}>
              {features.map((f) => (
                <Tag key={f} variant="outlined">
                  {f}
                </Tag>
              ))}
            </Flex>
          </Flex>
        }
      />
    </Card>
  );
}
