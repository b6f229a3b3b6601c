import { ArrowLeftOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api/client';
import { engagementKeys, type Visit, visitsApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult, NotFoundResult } from '../../../components/Results';
import { AttachmentsPanel } from '../AttachmentsPanel';
import { engagementErrorText } from '../form-errors';
import { engagementPermissions } from '../permissions';
import { ReasonModal } from '../ReasonModal';
import { useEngagementLabels, visitStatusColors } from '../use-labels';
import { CheckInCard } from './CheckInCard';
import { VisitPlanDrawer } from './VisitPlanDrawer';
import { VisitReportForm } from './VisitReportForm';
import { VisitReportView } from './VisitReportView';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function VisitPage() {
  const { visitId = '' } = useParams();
  if (!uuid.test(visitId)) return <NotFoundResult />;
  return <VisitView key={visitId} id={visitId} />;
}

function CancelVisit({ visit, open, onClose }: { visit: Visit; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: (reason: string) => visitsApi.cancel(visit.id, visit.version, reason),
    onSuccess: (v) => {
      queryClient.setQueryData(engagementKeys.visit(v.id), v);
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      message.success(t('engagement.visit.cancelled'));
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict')
        void queryClient.invalidateQueries({ queryKey: engagementKeys.visit(visit.id) });
      message.error(engagementErrorText(t, err));
    },
  });
  return (
    <ReasonModal
      open={open}
      title={t('engagement.visit.cancelTitle', { name: visit.customer.name })}
      body={t('engagement.visit.cancelBody')}
      okText={t('engagement.visit.cancelSubmit')}
      pending={cancel.isPending}
      onSubmit={(reason) => cancel.mutate(reason)}
      onClose={onClose}
      testId="visit-cancel"
    />
  );
}

/**
 * One visit: the plan, the check-in, the report (a form for the visitor until it is written) and
 * the photos and files. One column on a phone, where the visit is actually done.
 */
function VisitView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const labels = useEngagementLabels();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const visit = useQuery({ queryKey: engagementKeys.visit(id), queryFn: () => visitsApi.get(id) });

  if (visit.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (visit.isError) return <ErrorResult error={visit.error} onRetry={() => void visit.refetch()} />;
  const v = visit.data;
  const isVisitor = v.visitor.id === me.id;
  // The server decides exactly who manages whom; the buttons show for the visitor and managers.
  const mayChange = isVisitor || can.planForOthers;
  const open = v.status === 'planned' || v.status === 'checked_in';

  const materials = v.materials.length > 0 ? v.materials.map(labels.material) : [];

  return (
    <div data-testid="visit-page">
      <Link to="/engagement/visits" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('engagement.visit.back')}
      </Link>
      <PageHeader
        title={
          <span data-testid="page-title" style={{ wordBreak: 'break-word' }}>
            {v.customer.name}
          </span>
        }
        subtitle={
          <Flex gap={8} wrap align="center">
            <Tag color={visitStatusColors[v.status]} data-testid="visit-status">
              {labels.label('visitStatuses', v.status)}
            </Tag>
            <span>
              {dayjs(v.plannedOn).format(t('engagement.formats.longDate'))}
              {v.plannedTime ? ` ${v.plannedTime}` : ''}
              {v.stopOrder ? ` · ${t('engagement.visit.stop', { n: v.stopOrder })}` : ''}
              {` · ${v.visitor.name}`}
            </span>
          </Flex>
        }
        extra={
          <>
            <Link to={`/customers/${v.customer.id}`}>
              <Button>{t('engagement.visit.customerPage')}</Button>
            </Link>
            {mayChange && v.status === 'planned' ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="visit-edit">
                {t('common.edit')}
              </Button>
            ) : null}
            {mayChange && open ? (
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setCancelling(true)}
                data-testid="visit-cancel"
              >
                {t('engagement.visit.cancel')}
              </Button>
            ) : null}
          </>
        }
      />
      {v.status === 'cancelled' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('engagement.visit.cancelledNotice', { reason: v.cancelReason ?? '' })}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t('engagement.visit.planTitle')} data-testid="visit-plan">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'purpose', label: t('engagement.visits.fields.purpose'), children: v.purpose },
                  {
                    key: 'objectives',
                    label: t('engagement.visits.fields.objectives'),
                    children: v.objectives ? (
                      <span style={{ whiteSpace: 'pre-wrap' }}>{v.objectives}</span>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    key: 'materials',
                    label: t('engagement.visits.fields.materials'),
                    children:
                      materials.length > 0 ? (
                        <Flex gap={4} wrap>
                          {materials.map((m) => (
                            <Tag key={m}>{m}</Tag>
                          ))}
                        </Flex>
                      ) : (
                        '—'
                      ),
                  },
                  {
                    key: 'address',
                    label: t('engagement.visit.address'),
                    children: v.customer.address || t('engagement.visit.noAddress'),
                  },
                ]}
              />
            </Card>
            <CheckInCard visit={v} isVisitor={isVisitor} />
            {v.report ? (
              <VisitReportView report={v.report} />
            ) : open && isVisitor ? (
              <VisitReportForm visit={v} />
            ) : open ? (
              <Card size="small" title={t('engagement.report.title')}>
                <Typography.Text type="secondary">{t('engagement.report.onlyVisitor')}</Typography.Text>
              </Card>
            ) : null}
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('engagement.attachments.title')}>
            <AttachmentsPanel
              parent={{ kind: 'visits', id: v.id }}
              attachments={v.attachments}
              canUpload={mayChange && v.status !== 'cancelled'}
              onChanged={() => void queryClient.invalidateQueries({ queryKey: engagementKeys.visit(v.id) })}
            />
          </Card>
        </Col>
      </Row>
      <VisitPlanDrawer open={editing} visit={v} defaultDay={v.plannedOn} onClose={() => setEditing(false)} />
      <CancelVisit visit={v} open={cancelling} onClose={() => setCancelling(false)} />
    </div>
  );
}
