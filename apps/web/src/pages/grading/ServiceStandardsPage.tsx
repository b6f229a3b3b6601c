import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { hospitalityTiers, serviceModels } from '@weixi/shared';
import { Alert, App, Button, Card, InputNumber, Select, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { gradingApi, gradingKeys, type ServiceStandard } from '../../api/grading';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { gradeColors, useGradingLabels } from './labels';
import { gradingPermissions } from './permissions';

type Editable = Pick<
  ServiceStandard,
  'grade' | 'followUpDays' | 'serviceModel' | 'hospitalityTier' | 'queuePriority' | 'version'
>;

/** 服务标准: follow-up cadence, service model, hospitality standard and queue priority per grade. */
export default function ServiceStandardsPage() {
  const labels = useGradingLabels();
  const { t } = labels;
  const me = useCurrentUser();
  const readOnly = !gradingPermissions(me.role).manageStandards;
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const standards = useQuery({ queryKey: gradingKeys.standards, queryFn: gradingApi.standards });
  const [draft, setDraft] = useState<Editable[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (standards.data) setDraft(standards.data.items.map((s) => ({ ...s })));
  }, [standards.data]);

  const save = useMutation({
    mutationFn: (items: Editable[]) => gradingApi.saveStandards(items),
    onSuccess: (saved) => {
      setErrors({});
      queryClient.setQueryData(gradingKeys.standards, saved);
      message.success(t('grading.standards.saved'));
    },
    onError: (err, sent) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        message.warning(t('grading.standards.versionConflict'), 6);
        void standards.refetch();
        return;
      }
      if (isApiError(err) && err.fieldErrors.length) {
        // The request held only the changed grades: `items.1.followUpDays` is the second one sent.
        const byGrade = err.fieldErrors.map((e) => {
          const m = /^items\.(\d+)\.(\w+)$/.exec(e.path);
          const grade = m ? sent[Number(m[1])]?.grade : undefined;
          return [grade && m ? `${grade}.${m[2]}` : e.path, e.message] as const;
        });
        setErrors(Object.fromEntries(byGrade));
      }
      message.error(errorText(t, err));
    },
  });

  const update = (grade: string, patch: Partial<Editable>) =>
    setDraft((d) => (d ? d.map((s) => (s.grade === grade ? { ...s, ...patch } : s)) : d));
  const changed = (draft ?? []).filter((d) => {
    const s = standards.data?.items.find((x) => x.grade === d.grade);
    return (
      s &&
      (s.followUpDays !== d.followUpDays ||
        s.serviceModel !== d.serviceModel ||
        s.hospitalityTier !== d.hospitalityTier ||
        s.queuePriority !== d.queuePriority)
    );
  });
  const err = (grade: string, field: string) => errors[`${grade}.${field}`];

  return (
    <div data-testid="service-standards">
      <Link to="/grading" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('grading.title')}
      </Link>
      <PageHeader
        title={<span data-testid="page-title">{t('grading.standards.title')}</span>}
        subtitle={t('grading.standards.subtitle')}
        extra={
          readOnly ? null : (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={changed.length === 0}
              loading={save.isPending}
              onClick={() => save.mutate(changed)}
              data-testid="standards-save"
            >
              {t('common.save')}
            </Button>
          )
        }
      />
      {readOnly ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('grading.standards.readOnly')} />
      ) : null}
      {standards.isError ? (
        <ErrorResult error={standards.error} onRetry={() => void standards.refetch()} />
      ) : (
        <Card variant="borderless">
          <Table<Editable>
            rowKey="grade"
            loading={standards.isPending || !draft}
            dataSource={draft ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            columns={[
              {
                key: 'grade',
                title: t('grading.standards.grade'),
                render: (_, s) => <Tag color={gradeColors[s.grade]}>{labels.grade(s.grade)}</Tag>,
              },
              {
                key: 'followUpDays',
                title: t('grading.standards.followUpDays'),
                render: (_, s) => (
                  <>
                    <InputNumber
                      min={1}
                      max={366}
                      precision={0}
                      value={s.followUpDays}
                      disabled={readOnly}
                      status={err(s.grade, 'followUpDays') ? 'error' : undefined}
                      onChange={(v) => update(s.grade, { followUpDays: v ?? 1 })}
                      data-testid={`standard-${s.grade}-followUpDays`}
                    />
                    {err(s.grade, 'followUpDays') ? (
                      <Typography.Text type="danger"> {err(s.grade, 'followUpDays')}</Typography.Text>
                    ) : null}
                  </>
                ),
              },
              {
                key: 'serviceModel',
                title: t('grading.standards.serviceModel'),
                render: (_, s) => (
                  <Select
                    value={s.serviceModel}
                    disabled={readOnly}
                    style={{ width: 180 }}
                    onChange={(v) => update(s.grade, { serviceModel: v })}
                    options={serviceModels.map((m) => ({
                      value: m,
                      label: t(`grading.standards.serviceModels.${m}`),
                    }))}
                    data-testid={`standard-${s.grade}-serviceModel`}
                  />
                ),
              },
              {
                key: 'hospitalityTier',
                title: t('grading.standards.hospitalityTier'),
                render: (_, s) => (
                  <Select
                    value={s.hospitalityTier}
                    disabled={readOnly}
                    style={{ width: 180 }}
                    onChange={(v) => update(s.grade, { hospitalityTier: v })}
                    options={hospitalityTiers.map((h) => ({
                      value: h,
                      label: t(`grading.standards.hospitalityTiers.${h}`),
                    }))}
                    data-testid={`standard-${s.grade}-hospitalityTier`}
                  />
                ),
              },
              {
                key: 'queuePriority',
                title: (
                  <span>
                    {t('grading.standards.queuePriority')}{' '}
                    <Typography.Text type="secondary">
                      （{t('grading.standards.queuePriorityHint')}）
                    </Typography.Text>
                  </span>
                ),
                render: (_, s) => (
                  <InputNumber
                    min={1}
                    max={9}
                    precision={0}
                    value={s.queuePriority}
                    disabled={readOnly}
                    status={err(s.grade, 'queuePriority') ? 'error' : undefined}
                    onChange={(v) => update(s.grade, { queuePriority: v ?? 1 })}
                    data-testid={`standard-${s.grade}-queuePriority`}
                  />
                ),
              },
              {
                key: 'updated',
                title: t('grading.standards.updated'),
                render: (_, s) => {
                  const stored = standards.data?.items.find((x) => x.grade === s.grade);
                  return stored ? (
                    <Typography.Text type="secondary">
                      {labels.dateTime(stored.updatedAt)}
                      {stored.updatedBy ? ` · ${stored.updatedBy.name}` : ''}
                    </Typography.Text>
                  ) : null;
                },
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}
