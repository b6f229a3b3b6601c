import { ArrowLeftOutlined, PauseCircleOutlined, ReloadOutlined, StarFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Divider,
  Flex,
  Row,
  Skeleton,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ticketKeys, ticketsApi } from '../../api/service-tickets';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult, NotFoundResult } from '../../components/Results';
import { SlaTimerCard } from './ticket/SlaTimerCard';
import { SurveyBox } from './ticket/SurveyBox';
import { StageSteps, TicketActions } from './ticket/TicketActions';
import { TicketComposer } from './ticket/TicketComposer';
import { TicketEditCard } from './ticket/TicketEditCard';
import { TicketHistory } from './ticket/TicketHistory';
import { kindColors, PriorityTag, StatusTag, useServiceLabels } from './ticket-ui';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fmt = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

export default function TicketPage() {
  const { ticketId = '' } = useParams();
  if (!uuid.test(ticketId)) return <NotFoundResult />;
  return <TicketView key={ticketId} id={ticketId} />;
}

/**
 * One ticket: its SLA timers counting down live, the service process, the actions its state
 * allows, the editable fields, the history with notes and replies, the composer and the surveys.
 */
function TicketView({ id }: { id: string }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const ticket = useQuery({
    queryKey: ticketKeys.ticket(id),
    queryFn: ({ signal }) => ticketsApi.get(id, signal),
    // Timer states (warning, breached) are the server's; a minute keeps them close to the clock.
    refetchInterval: 60_000,
  });

  if (ticket.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  if (ticket.isError) return <ErrorResult error={ticket.error} onRetry={() => void ticket.refetch()} />;

  const x = ticket.data;
  const openPause = x.waiting ? [...x.pauses].reverse().find((p) => p.to === null) : undefined;

  return (
    <div data-testid="ticket-page" data-ticket-id={x.id}>
      <Link to="/service" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('service.detail.back')}
      </Link>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <Typography.Text
              type="secondary"
              style={{ fontSize: 'inherit' }}
              data-testid="ticket-page-number"
            >
              #{x.number}
            </Typography.Text>
            <span data-testid="page-title" style={{ wordBreak: 'break-word' }}>
              {x.subject}
            </span>
          </Flex>
        }
        subtitle={
          <Flex vertical gap={6}>
            <Flex gap={4} wrap align="center">
              <StatusTag status={x.status} />
              <Tag color={kindColors[x.kind]} style={{ marginInlineEnd: 0 }}>
                {labels.label('kinds', x.kind)}
              </Tag>
              <PriorityTag priority={x.priority} />
              {x.important ? (
                <Tag color="red" icon={<StarFilled />} style={{ marginInlineEnd: 0 }}>
                  {t('service.important')}
                </Tag>
              ) : null}
              {x.category ? <Tag style={{ marginInlineEnd: 0 }}>{x.category.name}</Tag> : null}
              {x.reopenCount > 0 ? (
                <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                  {t('service.detail.reopenCount', { count: x.reopenCount })}
                </Tag>
              ) : null}
            </Flex>
            <span>
              <Link to={`/customers/${x.customer.id}`} data-testid="ticket-customer-link">
                {x.customer.name}
              </Link>
              {x.contact ? ` · ${x.contact.name}` : ''}
              {` · ${labels.label('channels', x.channel)} · ${fmt(x.receivedAt)}`}
              {x.owner ? ` · ${t('service.detail.ownerLine', { name: x.owner.name })}` : ''}
            </span>
          </Flex>
        }
        extra={
          <Flex gap={8} wrap align="flex-start">
            <TicketActions ticket={x} />
            <Tooltip title={t('service.detail.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                loading={ticket.isFetching}
                onClick={() => void ticket.refetch()}
              />
            </Tooltip>
          </Flex>
        }
      />
      {x.waiting ? (
        <Alert
          type="info"
          showIcon
          icon={<PauseCircleOutlined />}
          style={{ marginBottom: 16 }}
          title={t('service.detail.waitingNotice', { reason: openPause?.reason ?? '' })}
          description={
            openPause ? t('service.detail.waitingSince', { time: fmt(openPause.from) }) : undefined
          }
          data-testid="ticket-waiting"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Flex vertical gap={16}>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <SlaTimerCard
                  title={t('service.sla.firstResponse')}
                  timer={x.sla.firstResponse}
                  testId="sla-first-response"
                />
              </Col>
              <Col xs={24} md={12}>
                <SlaTimerCard
                  title={t('service.sla.resolution')}
                  timer={x.sla.resolution}
                  testId="sla-resolution"
                />
              </Col>
            </Row>
            <StageSteps ticket={x} />
            <Card size="small" title={t('service.detail.description')}>
              {x.description ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {x.description}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('service.detail.noDescription')}</Typography.Text>
              )}
              {x.resolution || x.rootCause ? (
                <>
                  <Divider style={{ margin: '12px 0' }} />
                  <Descriptions
                    size="small"
                    column={1}
                    items={[
                      ...(x.resolution
                        ? [
                            {
                              key: 'resolution',
                              label: t('service.detail.resolution'),
                              children: (
                                <span style={{ whiteSpace: 'pre-wrap' }} data-testid="ticket-resolution-text">
                                  {x.resolution}
                                </span>
                              ),
                            },
                          ]
                        : []),
                      ...(x.rootCause
                        ? [
                            {
                              key: 'rootCause',
                              label: t('service.detail.rootCause'),
                              children: <span data-testid="ticket-root-cause-text">{x.rootCause.name}</span>,
                            },
                          ]
                        : []),
                    ]}
                  />
                </>
              ) : null}
            </Card>
            <Card size="small" title={t('service.history.title')}>
              <TicketHistory ticketId={x.id} />
              <Divider style={{ margin: '8px 0 12px' }} />
              <TicketComposer ticket={x} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <TicketEditCard ticket={x} />
            <SurveyBox ticketId={x.id} customerId={x.customer.id} contactId={x.contact?.id ?? null} />
            <Card size="small">
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'received', label: t('service.detail.receivedAt'), children: fmt(x.receivedAt) },
                  {
                    key: 'first',
                    label: t('service.detail.firstResponseAt'),
                    children: fmt(x.firstResponseAt),
                  },
                  { key: 'resolved', label: t('service.detail.resolvedAt'), children: fmt(x.resolvedAt) },
                  { key: 'closed', label: t('service.detail.closedAt'), children: fmt(x.closedAt) },
                ]}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
    </div>
  );
}
