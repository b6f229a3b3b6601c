import { BarChartOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SurveyStatus, surveyStatuses } from '@weixi/shared';
import { App, Button, Card, Empty, Flex, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../../api/client';
import { type Survey, surveyKeys, surveysApi } from '../../../api/surveys';
import { useCurrentUser } from '../../../auth/current-user';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { serviceAdminPermissions } from '../admin-permissions';
import { ServiceSubNav } from '../ServiceSubNav';
import { SchedulesSection } from './SchedulesSection';
import { statusColors } from './status';

/** 满意度调查: the surveys (draft → active → archived), their results, and scheduled sending. */
export default function SurveysPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const canEdit = serviceAdminPermissions(me.role).manageSurveys;
  const [status, setStatus] = useState<SurveyStatus | undefined>(undefined);
  const surveys = useQuery({ queryKey: surveyKeys.list(status), queryFn: () => surveysApi.list(status) });

  const lifecycle = useMutation({
    mutationFn: ({ s, action }: { s: Survey; action: 'activate' | 'archive' }) =>
      action === 'activate' ? surveysApi.activate(s.id, s.version) : surveysApi.archive(s.id, s.version),
    onSuccess: (_, { action }) => {
      message.success(
        action === 'activate' ? t('serviceAdmin.surveys.activated') : t('serviceAdmin.surveys.archived'),
      );
      void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('serviceAdmin.errors.versionConflict'), 6);
        void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
        return;
      }
      // An invalid draft cannot be activated: the first issue says why.
      const first = isApiError(err) ? err.fieldErrors[0] : undefined;
      message.error(first ? `${errorText(t, err)}：${first.path} ${first.message}` : errorText(t, err));
    },
  });

  const confirm = (s: Survey, action: 'activate' | 'archive') =>
    modal.confirm({
      title: t(`serviceAdmin.surveys.${action}`),
      content: t(
        action === 'activate'
          ? 'serviceAdmin.surveys.activateConfirm'
          : 'serviceAdmin.surveys.archiveConfirm',
      ),
      okButtonProps: action === 'archive' ? { danger: true } : {},
      onOk: () => lifecycle.mutateAsync({ s, action }),
    });

  return (
    <div data-testid="surveys-page">
      <ServiceSubNav />
      <PageHeader
        title={<span data-testid="page-title">{t('serviceAdmin.surveys.title')}</span>}
        subtitle={t('serviceAdmin.surveys.subtitle')}
        extra={
          canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/service/surveys/new')}
              data-testid="survey-new"
            >
              {t('serviceAdmin.surveys.new')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card
          variant="borderless"
          title={
            <Select
              value={status ?? null}
              onChange={(v) => setStatus(v ?? undefined)}
              style={{ width: 160 }}
              options={[
                { value: null, label: t('serviceAdmin.surveys.allStatuses') },
                ...surveyStatuses.map((s) => ({
                  value: s,
                  label: t(`serviceAdmin.enums.surveyStatuses.${s}`),
                })),
              ]}
              aria-label={t('serviceAdmin.surveys.statusFilter')}
              data-testid="survey-status-filter"
            />
          }
        >
          {surveys.isError ? (
            <ErrorResult error={surveys.error} onRetry={() => void surveys.refetch()} />
          ) : (
            <Table<Survey>
              rowKey="id"
              loading={surveys.isPending}
              dataSource={surveys.data?.items ?? []}
              pagination={false}
              scroll={{ x: 800 }}
              locale={{
                emptyText: (
                  <Empty description={t('serviceAdmin.surveys.empty')} data-testid="surveys-empty">
                    {canEdit ? (
                      <Button type="primary" onClick={() => navigate('/service/surveys/new')}>
                        {t('serviceAdmin.surveys.new')}
                      </Button>
                    ) : null}
                  </Empty>
                ),
              }}
              columns={[
                {
                  key: 'title',
                  title: t('serviceAdmin.surveys.columns.title'),
                  render: (_, s) => (
                    <Flex vertical>
                      <Link to={`/service/surveys/${s.id}`} data-testid={`survey-${s.id}`}>
                        {s.title}
                      </Link>
                      {s.intro ? (
                        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 420 }}>
                          {s.intro}
                        </Typography.Text>
                      ) : null}
                    </Flex>
                  ),
                },
                {
                  key: 'status',
                  title: t('serviceAdmin.surveys.columns.status'),
                  render: (_, s) => (
                    <Tag color={statusColors[s.status]}>
                      {t(`serviceAdmin.enums.surveyStatuses.${s.status}`)}
                    </Tag>
                  ),
                },
                {
                  key: 'questions',
                  title: t('serviceAdmin.surveys.columns.questions'),
                  render: (_, s) => t('serviceAdmin.surveys.questionCount', { count: s.questions.length }),
                },
                {
                  key: 'responses',
                  title: t('serviceAdmin.surveys.columns.responses'),
                  dataIndex: 'responses',
                },
                {
                  key: 'updatedAt',
                  title: t('serviceAdmin.surveys.columns.updatedAt'),
                  render: (_, s) => dayjs(s.updatedAt).format('YYYY-MM-DD HH:mm'),
                },
                {
                  key: 'actions',
                  title: t('common.actions'),
                  render: (_, s) => (
                    <Space wrap>
                      <Button
                        size="small"
                        icon={<BarChartOutlined />}
                        onClick={() => navigate(`/service/surveys/${s.id}`)}
                      >
                        {t('serviceAdmin.surveys.results')}
                      </Button>
                      {canEdit && s.status !== 'archived' ? (
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => navigate(`/service/surveys/${s.id}/edit`)}
                          data-testid={`survey-${s.id}-edit`}
                        >
                          {t('serviceAdmin.surveys.edit')}
                        </Button>
                      ) : null}
                      {canEdit && s.status === 'draft' ? (
                        <Button
                          size="small"
                          onClick={() => confirm(s, 'activate')}
                          data-testid={`survey-${s.id}-activate`}
                        >
                          {t('serviceAdmin.surveys.activate')}
                        </Button>
                      ) : null}
                      {canEdit && s.status === 'active' ? (
                        <Button
                          size="small"
                          danger
                          onClick={() => confirm(s, 'archive')}
                          data-testid={`survey-${s.id}-archive`}
                        >
                          {t('serviceAdmin.surveys.archive')}
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <SchedulesSection canEdit={canEdit} />
      </Flex>
    </div>
  );
}
