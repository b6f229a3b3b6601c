import {
  ArrowLeftOutlined,
  EditOutlined,
  EyeOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  RollbackOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerDetail } from '@weixi/shared';
import { Alert, App, Button, Card, Col, Flex, Row, Skeleton, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import {
  customerRecordsApi,
  customerSettingsApi,
  customFieldsApi,
  recordKeys,
  type Unmasked,
} from '../../api/customer-records';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, NotFoundResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { TimelineTab } from '../engagement/customer/TimelineTab';
import { engagementPermissions } from '../engagement/permissions';
import { useQuickLog } from '../engagement/quick-log/QuickLogProvider';
import { CustomerScoreTab } from '../grading/CustomerScoreTab';
import { GradeBadge } from '../grading/GradeBadge';
import { CustomerOrdersTab } from '../loyalty/CustomerOrdersTab';
import { loyaltyPermissions } from '../loyalty/permissions';
import { OwnershipActions, OwnershipCard, OwnershipHistoryTab } from '../ownership/CustomerOwnership';
import { CustomerTicketsTab } from '../service/CustomerTicketsTab';
import { servicePermissions } from '../service/permissions';
import { CardButtons } from './detail/CardButtons';
import { ContactsTab } from './detail/ContactsTab';
import { CustomerOverview } from './detail/CustomerOverview';
import { HistoryTab } from './detail/HistoryTab';
import { InvalidateModal } from './detail/InvalidateModal';
import { customerPermissions } from './detail/permissions';
import { useCustomerLabels } from './detail/use-labels';
import { VerificationCard } from './detail/VerificationCard';
import { MergeModal } from './merge/MergeModal';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const gradeColors: Record<string, string> = { A: 'red', B: 'orange', C: 'blue', D: 'default' };

export default function CustomerDetailPage() {
  const { id = '' } = useParams();
  // A malformed id can name no customer: the same page as an unknown or out-of-scope one.
  if (!uuid.test(id)) return <NotFoundResult />;
  return <CustomerDetailView key={id} id={id} />;
}

function CustomerDetailView({ id }: { id: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = customerPermissions(me.role);
  const canLog = engagementPermissions(me.role).logInteraction;
  const quickLog = useQuickLog();
  const labels = useCustomerLabels();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [tab, setTab] = useState('overview');
  const [revealed, setRevealed] = useState<Unmasked | null>(null);
  const [invalidating, setInvalidating] = useState(false);
  const [merging, setMerging] = useState(false);

  const customer = useQuery({ queryKey: recordKeys.detail(id), queryFn: () => customerRecordsApi.get(id) });
  const settings = useQuery({ queryKey: recordKeys.settings, queryFn: customerSettingsApi.get });
  const defs = useQuery({
    queryKey: recordKeys.customFields('customer'),
    queryFn: () => customFieldsApi.list('customer'),
  });
  const contactDefs = useQuery({
    queryKey: recordKeys.customFields('contact'),
    queryFn: () => customFieldsApi.list('contact'),
  });

  const revealedContacts = useMemo(
    () => new Map((revealed?.contacts ?? []).map((c) => [c.id, c])),
    [revealed],
  );

  const onWriteError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') {
      message.warning(t('errors.versionConflict'), 6);
      void customer.refetch();
      return;
    }
    message.error(errorText(t, err));
  };
  const applied = (c: CustomerDetail, text: string) => {
    queryClient.setQueryData(recordKeys.detail(id), c);
    void queryClient.invalidateQueries({ queryKey: recordKeys.all });
    message.success(text);
  };

  const verify = useMutation({
    mutationFn: (c: CustomerDetail) => customerRecordsApi.verify(c.id, c.version),
    onSuccess: (c) => applied(c, t('customerDetail.messages.verified')),
    onError: onWriteError,
  });
  const invalidate = useMutation({
    mutationFn: ({ c, reason }: { c: CustomerDetail; reason: string }) =>
      customerRecordsApi.invalidate(c.id, c.version, reason),
    onSuccess: (c) => {
      setInvalidating(false);
      applied(c, t('customerDetail.messages.invalidated', { name: c.name }));
    },
    onError: onWriteError,
  });
  const restore = useMutation({
    mutationFn: (c: CustomerDetail) => customerRecordsApi.restore(c.id, c.version),
    onSuccess: (c) => applied(c, t('customerDetail.messages.restored', { name: c.name })),
    onError: onWriteError,
  });
  const unmask = useMutation({
    mutationFn: () => customerRecordsApi.unmask(id),
    onSuccess: (plain) => {
      setRevealed(plain);
      message.info(t('customerDetail.messages.unmasked'));
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  if (customer.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (customer.isError) return <ErrorResult error={customer.error} onRetry={() => void customer.refetch()} />;

  const c = customer.data;
  const definitions = defs.data?.items ?? [];
  const active = c.status === 'active';
  const merged = c.status === 'merged';
  const anyMasked = c.masked || c.contacts.some((k) => k.masked);

  const confirmRestore = () =>
    modal.confirm({
      title: t('customerDetail.restore.title'),
      content: t('customerDetail.restore.body', { name: c.name }),
      okText: t('customerDetail.actions.restore'),
      okButtonProps: { ...{ 'data-testid': 'restore-confirm' } },
      onOk: () => restore.mutateAsync(c),
    });

  const tags = (
    <Flex gap={4} wrap data-testid="customer-tags">
      <Tag>{labels.enumValue('kind', c.kind)}</Tag>
      {c.status !== 'active' ? (
        <Tag color={merged ? 'default' : 'error'} data-testid="customer-status">
          {labels.enumValue('status', c.status)}
        </Tag>
      ) : null}
      <Tag color={c.category === 'key' ? 'magenta' : 'default'}>
        {labels.enumValue('category', c.category)}
      </Tag>
      {c.grade ? <Tag color={gradeColors[c.grade]}>{labels.enumValue('grade', c.grade)}</Tag> : null}
      {!merged ? <GradeBadge customerId={c.id} onClick={() => setTab('score')} /> : null}
      {c.valueTier ? <Tag color="purple">{labels.enumValue('valueTier', c.valueTier)}</Tag> : null}
      <Tag color="cyan">{labels.enumValue('lifecycle', c.lifecycle)}</Tag>
    </Flex>
  );

  const actions = (
    <>
      {canLog && active ? (
        <Button
          icon={<MessageOutlined />}
          onClick={() => quickLog.open({ customer: { id: c.id, name: c.name } })}
          data-testid="customer-log-interaction"
        >
          {t('engagement.quickLog.buttonCustomer')}
        </Button>
      ) : null}
      {can.write && !merged ? (
        <Button
          type="primary"
          icon={<EditOutlined />}
          onClick={() => navigate(`/customers/${c.id}/edit`)}
          data-testid="customer-edit"
        >
          {t('common.edit')}
        </Button>
      ) : null}
      {anyMasked && !revealed && can.unmask ? (
        <Button
          icon={<EyeOutlined />}
          loading={unmask.isPending}
          onClick={() => unmask.mutate()}
          data-testid="customer-unmask"
        >
          {t('customerDetail.actions.unmask')}
        </Button>
      ) : null}
      {can.merge && !merged ? (
        <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="merge-open">
          {t('customerDetail.actions.merge')}
        </Button>
      ) : null}
      {can.invalidate && active ? (
        <Button
          danger
          icon={<StopOutlined />}
          onClick={() => setInvalidating(true)}
          data-testid="customer-invalidate"
        >
          {t('customerDetail.actions.invalidate')}
        </Button>
      ) : null}
      {can.invalidate && c.status === 'invalid' ? (
        <Button
          icon={<RollbackOutlined />}
          loading={restore.isPending}
          onClick={confirmRestore}
          data-testid="customer-restore"
        >
          {t('customerDetail.actions.restore')}
        </Button>
      ) : null}
      {!merged ? <OwnershipActions customerId={c.id} customerName={c.name} /> : null}
      {!merged ? <CardButtons customerId={c.id} /> : null}
    </>
  );

  return (
    <div data-testid="customer-detail">
      <Link to="/customers" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('customerDetail.back')}
      </Link>
      <PageHeader
        title={
          <span data-testid="page-title" style={{ wordBreak: 'break-word' }}>
            {c.name}
          </span>
        }
        subtitle={
          <Flex vertical gap={6}>
            {tags}
            <span>
              {t('customerDetail.ownerLine', {
                owner: c.owner?.name ?? t('customerDetail.noOwner'),
              })}
              {c.collaborators.length > 0
                ? ` · ${t('customerDetail.collaboratorsLine', {
                    names: c.collaborators.map((u) => u.name).join('、'),
                  })}`
                : ''}
            </span>
          </Flex>
        }
        extra={actions}
      />

      {merged ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customerDetail.mergedNotice.title')}
          description={
            c.mergedIntoId ? (
              <Link to={`/customers/${c.mergedIntoId}`} data-testid="merged-survivor-link">
                {t('customerDetail.mergedNotice.link')}
              </Link>
            ) : null
          }
          data-testid="merged-notice"
        />
      ) : null}
      {c.status === 'invalid' ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('customerDetail.invalidNotice', { reason: c.invalidReason ?? '' })}
          data-testid="invalid-notice"
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card variant="borderless">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'overview',
                  label: <span data-testid="overview-tab">{t('customerDetail.tabs.overview')}</span>,
                  children: <CustomerOverview customer={c} definitions={definitions} revealed={revealed} />,
                },
                {
                  key: 'timeline',
                  label: <span data-testid="timeline-tab">{t('engagement.timeline.tab')}</span>,
                  children: (
                    <TimelineTab
                      customerId={c.id}
                      definitions={definitions}
                      contactDefinitions={contactDefs.data?.items ?? []}
                    />
                  ),
                },
                ...(servicePermissions(me.role).handleTickets
                  ? [
                      {
                        key: 'tickets',
                        label: <span data-testid="tickets-tab">{t('service.customerTab.tab')}</span>,
                        children: (
                          <CustomerTicketsTab customerId={c.id} customerName={c.name} canCreate={active} />
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'contacts',
                  label: (
                    <span data-testid="contacts-tab">
                      {t('customerDetail.tabs.contacts', { count: c.contacts.length })}
                    </span>
                  ),
                  children: (
                    <ContactsTab
                      customerId={c.id}
                      customerName={c.name}
                      contacts={c.contacts}
                      revealed={revealedContacts}
                      canWrite={can.write && !merged}
                      onRevealedStale={(contactId) =>
                        setRevealed((r) =>
                          r ? { ...r, contacts: r.contacts.filter((k) => k.id !== contactId) } : r,
                        )
                      }
                    />
                  ),
                },
                ...(loyaltyPermissions(me.role).readOrders
                  ? [
                      {
                        key: 'orders',
                        label: <span data-testid="orders-tab">{t('loyalty.customerTab.title')}</span>,
                        children: (
                          <CustomerOrdersTab customerId={c.id} customerName={c.name} canWrite={!merged} />
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'score',
                  label: <span data-testid="score-tab">{t('grading.score.tab')}</span>,
                  children: <CustomerScoreTab customerId={c.id} active={active} />,
                },
                {
                  key: 'history',
                  label: <span data-testid="history-tab">{t('customerDetail.tabs.history')}</span>,
                  children: (
                    <HistoryTab
                      customerId={c.id}
                      definitions={definitions}
                      contactDefinitions={contactDefs.data?.items ?? []}
                    />
                  ),
                },
                {
                  key: 'ownership',
                  label: <span data-testid="ownership-tab">{t('ownership.history.tab')}</span>,
                  children: <OwnershipHistoryTab customerId={c.id} />,
                },
              ]}
              destroyOnHidden
            />
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Flex vertical gap={16}>
            <VerificationCard
              customer={c}
              verifyAfterDays={settings.data?.verifyAfterDays}
              canVerify={can.write}
              verifying={verify.isPending}
              onVerify={() => verify.mutate(c)}
            />
            <OwnershipCard customerId={c.id} />
            <Card size="small" title={t('customerDetail.keyContacts')} data-testid="key-contacts">
              {c.contacts.filter((k) => k.isKey).length === 0 ? (
                <Typography.Text type="secondary">{t('customerDetail.noKeyContacts')}</Typography.Text>
              ) : (
                <Flex vertical gap={8}>
                  {c.contacts
                    .filter((k) => k.isKey)
                    .map((k) => (
                      <Flex key={k.id} vertical>
                        <Typography.Text strong>
                          {k.name}
                          {k.position ? (
                            <Typography.Text type="secondary"> · {k.position}</Typography.Text>
                          ) : null}
                        </Typography.Text>
                        <Typography.Text type="secondary">
                          {revealedContacts.get(k.id)?.phone ?? k.phone}
                        </Typography.Text>
                      </Flex>
                    ))}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>

      <InvalidateModal
        open={invalidating}
        name={c.name}
        pending={invalidate.isPending}
        onCancel={() => setInvalidating(false)}
        onSubmit={(reason) => invalidate.mutate({ c, reason })}
      />
      {can.merge ? <MergeModal open={merging} mergedId={c.id} onClose={() => setMerging(false)} /> : null}
    </div>
  );
}
