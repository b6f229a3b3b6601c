import {
  CheckCircleOutlined,
  CheckOutlined,
  LockOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  RightOutlined,
  RollbackOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type TicketAction, ticketStages } from '@weixi/shared';
import { Alert, Button, Card, Flex, Form, Input, Modal, Select, Steps, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import {
  serviceListsApi,
  type Ticket,
  type TransitionBody,
  ticketKeys,
  ticketsApi,
} from '../../../api/service-tickets';
import { placeServerErrors, serviceErrorText } from '../form-errors';
import { useServiceLabels } from '../ticket-ui';
import { useTicketWrite } from './use-ticket-write';

const actionIcons: Record<TicketAction, React.ReactNode> = {
  acknowledge: <CheckOutlined />,
  start: <ThunderboltOutlined />,
  resolve: <CheckCircleOutlined />,
  close: <LockOutlined />,
  reopen: <RollbackOutlined />,
};

const stageIndex = (stage: string) => (ticketStages as readonly string[]).indexOf(stage);
const deliverIndex = stageIndex('deliver');

/** Actions that ask for something first; acknowledge and start happen on the click. */
type Asking = 'resolve' | 'close' | 'reopen' | 'wait';

/**
 * The ticket's action bar: the transitions the server allows now (受理, 开始处理, 解决, 关闭,
 * 重新打开), waiting on the customer and resuming. Resolving asks for the resolution, closing a
 * complaint for its root cause, reopening and waiting for a reason.
 */
export function TicketActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const write = useTicketWrite(ticket.id);
  const [asking, setAsking] = useState<Asking | null>(null);

  const direct = useMutation({
    mutationFn: (action: 'acknowledge' | 'start') => ticketsApi.transition(ticket, { action }),
    onSuccess: (saved, action) =>
      write.applied(saved, t(`service.actionDone.${action}`, { number: saved.number })),
    onError: (err) => write.failed(err),
  });
  const resume = useMutation({
    mutationFn: () => ticketsApi.resume(ticket),
    onSuccess: (saved) => write.applied(saved, t('service.wait.resumed')),
    onError: (err) => write.failed(err),
  });

  const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
  const allowed = new Set(ticket.allowedActions);
  const busy = direct.isPending || resume.isPending;
  const tooEarly = stageIndex(ticket.stage) < deliverIndex;
  const showResolve = allowed.has('resolve') || (ticket.status === 'in_progress' && tooEarly);

  return (
    <Flex gap={8} wrap data-testid="ticket-actions">
      {(['acknowledge', 'start'] as const)
        .filter((a) => allowed.has(a))
        .map((a) => (
          <Button
            key={a}
            type="primary"
            icon={actionIcons[a]}
            loading={direct.isPending && direct.variables === a}
            disabled={busy}
            onClick={() => direct.mutate(a)}
            data-testid={`ticket-action-${a}`}
          >
            {labels.label('actions', a)}
          </Button>
        ))}
      {showResolve ? (
        <Tooltip title={tooEarly ? t('service.resolve.needsDeliver') : undefined}>
          <Button
            type="primary"
            icon={actionIcons.resolve}
            disabled={busy || tooEarly}
            onClick={() => setAsking('resolve')}
            data-testid="ticket-action-resolve"
          >
            {labels.label('actions', 'resolve')}
          </Button>
        </Tooltip>
      ) : null}
      {allowed.has('close') ? (
        <Button
          icon={actionIcons.close}
          disabled={busy}
          onClick={() => setAsking('close')}
          data-testid="ticket-action-close"
        >
          {labels.label('actions', 'close')}
        </Button>
      ) : null}
      {allowed.has('reopen') ? (
        <Button
          icon={actionIcons.reopen}
          disabled={busy}
          onClick={() => setAsking('reopen')}
          data-testid="ticket-action-reopen"
        >
          {labels.label('actions', 'reopen')}
        </Button>
      ) : null}
      {open && !ticket.waiting ? (
        <Button
          icon={<PauseCircleOutlined />}
          disabled={busy}
          onClick={() => setAsking('wait')}
          data-testid="ticket-wait"
        >
          {t('service.wait.button')}
        </Button>
      ) : null}
      {open && ticket.waiting ? (
        <Button
          type="primary"
          ghost
          icon={<PlayCircleOutlined />}
          loading={resume.isPending}
          disabled={busy}
          onClick={() => resume.mutate()}
          data-testid="ticket-resume"
        >
          {t('service.wait.resume')}
        </Button>
      ) : null}
      <AskModal ticket={ticket} asking={asking} onClose={() => setAsking(null)} />
    </Flex>
  );
}

interface AskValues {
  resolution?: string;
  rootCauseId?: string;
  reason?: string;
}

function AskModal({
  ticket,
  asking,
  onClose,
}: {
  ticket: Ticket;
  asking: Asking | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const write = useTicketWrite(ticket.id);
  const [form] = Form.useForm<AskValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const complaint = ticket.kind === 'complaint';
  const needsCause = asking === 'close' && complaint;
  const rootCauses = useQuery({
    queryKey: ticketKeys.rootCauses,
    queryFn: serviceListsApi.rootCauses,
    enabled: needsCause,
    staleTime: 60_000,
  });

  useEffect(() => {
    if (!asking) return;
    form.resetFields();
    setProblem(null);
  }, [asking, form]);

  const run = useMutation({
    mutationFn: (v: AskValues) => {
      if (asking === 'wait') return ticketsApi.wait(ticket, (v.reason ?? '').trim());
      const body: TransitionBody = { action: asking ?? 'close' };
      if (asking === 'resolve') body.resolution = (v.resolution ?? '').trim();
      if (asking === 'close' && v.rootCauseId) body.rootCauseId = v.rootCauseId;
      if (asking === 'reopen') body.reason = (v.reason ?? '').trim();
      return ticketsApi.transition(ticket, body);
    },
    onSuccess: (saved) => {
      write.applied(
        saved,
        asking === 'wait'
          ? t('service.wait.done')
          : t(`service.actionDone.${asking ?? 'close'}`, { number: saved.number }),
      );
      onClose();
    },
    onError: (err) => {
      if (write.failed(err, { quiet: true })) {
        onClose();
        return;
      }
      if (isApiError(err) && placeServerErrors(t, form, err, ['resolution', 'rootCauseId', 'reason'])) return;
      setProblem(serviceErrorText(t, err));
    },
  });

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const titles: Record<Asking, string> = {
    resolve: t('service.resolve.title', { number: ticket.number }),
    close: t('service.close.title', { number: ticket.number }),
    reopen: t('service.reopen.title', { number: ticket.number }),
    wait: t('service.wait.title'),
  };
  const okTexts: Record<Asking, string> = {
    resolve: t('service.actions.resolve'),
    close: t('service.actions.close'),
    reopen: t('service.actions.reopen'),
    wait: t('service.wait.ok'),
  };
  const causes = (rootCauses.data ?? []).filter((c) => c.active);

  return (
    <Modal
      open={asking !== null}
      title={asking ? titles[asking] : ''}
      okText={asking ? okTexts[asking] : ''}
      cancelText={t('common.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={run.isPending}
      okButtonProps={{ ...{ 'data-testid': 'ticket-ask-ok' } }}
      destroyOnHidden
      forceRender
      data-testid="ticket-ask"
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      <Form<AskValues> form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        {asking === 'resolve' ? (
          <Form.Item
            name="resolution"
            label={t('service.resolve.resolution')}
            extra={t('service.resolve.resolutionHint')}
            rules={[required]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={4000}
              data-testid="ticket-resolution"
            />
          </Form.Item>
        ) : null}
        {asking === 'close' ? (
          <>
            <Typography.Paragraph type="secondary">{t('service.close.body')}</Typography.Paragraph>
            {needsCause ? (
              <>
                {!rootCauses.isFetching && causes.length === 0 ? (
                  <Alert
                    type="warning"
                    showIcon
                    title={
                      rootCauses.isError
                        ? serviceErrorText(t, rootCauses.error)
                        : t('service.close.noRootCauses')
                    }
                    style={{ marginBottom: 12 }}
                  />
                ) : null}
                <Form.Item
                  name="rootCauseId"
                  label={t('service.close.rootCause')}
                  extra={t('service.close.rootCauseHint')}
                  rules={[{ required: true, message: t('service.errors.root_cause_required') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={rootCauses.isFetching}
                    placeholder={t('service.close.rootCausePlaceholder')}
                    options={causes.map((c) => ({ value: c.id, label: c.name, title: c.description }))}
                    data-testid="ticket-root-cause"
                  />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : null}
        {asking === 'reopen' || asking === 'wait' ? (
          <>
            <Typography.Paragraph type="secondary">
              {asking === 'reopen' ? t('service.reopen.body') : t('service.wait.body')}
            </Typography.Paragraph>
            <Form.Item
              name="reason"
              label={asking === 'reopen' ? t('service.reopen.reason') : t('service.wait.reason')}
              rules={[required]}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={1000}
                data-testid="ticket-reason"
              />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

/**
 * The service process as steps (确认需求 → 商定方案 → 实施服务 → 收集反馈) with the hint the
 * customer-service code gives for each, and the button that moves to the next one.
 */
export function StageSteps({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const labels = useServiceLabels();
  const write = useTicketWrite(ticket.id);
  const current = Math.max(0, stageIndex(ticket.stage));
  const next = ticketStages[current + 1];
  const move = useMutation({
    mutationFn: () => ticketsApi.stage(ticket, next ?? ticket.stage),
    onSuccess: (saved) =>
      write.applied(saved, t('service.stagesCard.moved', { stage: labels.label('stages', saved.stage) })),
    onError: (err) => write.failed(err),
  });
  const canMove = ticket.status !== 'closed' && next !== undefined;
  return (
    <Card
      size="small"
      title={t('service.stagesCard.title')}
      extra={
        canMove ? (
          <Button
            size="small"
            type="primary"
            ghost
            loading={move.isPending}
            onClick={() => move.mutate()}
            data-testid="ticket-next-stage"
          >
            {t('service.stagesCard.next', { stage: labels.label('stages', next) })} <RightOutlined />
          </Button>
        ) : next === undefined ? (
          <Typography.Text type="secondary">{t('service.stagesCard.done')}</Typography.Text>
        ) : null
      }
      data-testid="ticket-stages"
      data-stage={ticket.stage}
    >
      <Steps
        size="small"
        current={current}
        status={ticket.status === 'closed' && next === undefined ? 'finish' : 'process'}
        responsive
        items={ticketStages.map((s) => ({
          title: labels.label('stages', s),
          description: t(`service.stageHints.${s}`),
        }))}
      />
    </Card>
  );
}
