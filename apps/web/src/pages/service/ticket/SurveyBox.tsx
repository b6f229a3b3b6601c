import {
  CheckCircleOutlined,
  CopyOutlined,
  LinkOutlined,
  MailOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Modal, Radio, Select, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { engagementKeys, preferencesApi } from '../../../api/engagement';
import { type SurveyInvitation, ticketKeys, ticketsApi } from '../../../api/service-tickets';
import { surveyKeys, surveysApi } from '../../../api/surveys';
import { errorText } from '../../../lib/errors';
import { serviceErrorText } from '../form-errors';

const fmt = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** Copies with the Clipboard API where the page may (https, localhost), else through a hidden field. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no focus, no permission): fall back below.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/**
 * 满意度调查 of this ticket: each invitation, whether it was answered, and for a link invitation
 * (the contact has no e-mail) the link to copy and send by hand.
 */
export function SurveyBox({
  ticketId,
  customerId,
  contactId,
}: {
  ticketId: string;
  customerId: string;
  contactId: string | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [sending, setSending] = useState(false);
  const invitations = useQuery({
    queryKey: ticketKeys.invitations(ticketId),
    queryFn: ({ signal }) => ticketsApi.surveyInvitations(ticketId, signal),
  });

  const copy = async (link: string) => {
    if (await copyText(link)) message.success(t('service.survey.copied'));
    else message.warning(t('service.survey.copyFailed'));
  };

  const row = (x: SurveyInvitation) => {
    const expired = x.expiresAt !== null && Date.parse(x.expiresAt) < Date.now() && !x.answeredAt;
    return (
      <Flex
        key={x.id}
        vertical
        gap={4}
        data-testid="survey-invitation"
        data-answered={x.answeredAt ? 'yes' : 'no'}
      >
        <Flex gap={6} wrap align="center">
          <Tag
            icon={x.channel === 'email' ? <MailOutlined /> : <LinkOutlined />}
            style={{ marginInlineEnd: 0 }}
          >
            {t(`service.survey.channels.${x.channel}`)}
          </Tag>
          {x.answeredAt ? (
            <Tag color="success" icon={<CheckCircleOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('service.survey.answered', { time: fmt(x.answeredAt) })}
            </Tag>
          ) : expired ? (
            <Tag style={{ marginInlineEnd: 0 }}>{t('service.survey.expired')}</Tag>
          ) : (
            <Tag color="processing" style={{ marginInlineEnd: 0 }}>
              {t('service.survey.waiting')}
            </Tag>
          )}
        </Flex>
        {x.survey?.title ? <Typography.Text>{x.survey.title}</Typography.Text> : null}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {[
            x.recipient,
            x.sentAt ? t('service.survey.sent', { time: fmt(x.sentAt) }) : '',
            x.expiresAt && !x.answeredAt ? t('service.survey.expires', { time: fmt(x.expiresAt) }) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        {x.channel === 'link' && x.link && !x.answeredAt && !expired ? (
          <Flex gap={6} align="center">
            <Typography.Text
              code
              ellipsis={{ tooltip: x.link }}
              style={{ flex: 1, minWidth: 0, fontSize: 12 }}
              data-testid="survey-link"
            >
              {x.link}
            </Typography.Text>
            <Button
              size="small"
              icon={<CopyOutlined />}
              onClick={() => void copy(x.link ?? '')}
              data-testid="survey-copy"
            >
              {t('service.survey.copy')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    );
  };

  let body: React.ReactNode;
  if (invitations.isPending) body = <Skeleton active paragraph={{ rows: 2 }} title={false} />;
  // A 404 here is a server without surveys (the ticket itself was just read): nothing was sent.
  else if (invitations.isError && isApiError(invitations.error) && invitations.error.status === 404)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.survey.empty')} />;
  else if (invitations.isError)
    body = (
      <Flex vertical gap={8} align="flex-start">
        <Typography.Text type="secondary">
          {t('service.survey.loadFailed')}：{errorText(t, invitations.error)}
        </Typography.Text>
        <Button size="small" onClick={() => void invitations.refetch()}>
          {t('common.retry')}
        </Button>
      </Flex>
    );
  else if (invitations.data.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.survey.empty')} />;
  else
    body = (
      <Flex vertical gap={12}>
        {invitations.data.map(row)}
      </Flex>
    );

  return (
    <Card
      size="small"
      title={t('service.survey.title')}
      data-testid="ticket-surveys"
      extra={
        <Button
          size="small"
          icon={<SendOutlined />}
          onClick={() => setSending(true)}
          data-testid="survey-send"
        >
          {t('service.survey.send')}
        </Button>
      }
    >
      {body}
      {sending ? (
        <SendSurveyModal
          ticketId={ticketId}
          customerId={customerId}
          contactId={contactId}
          onClose={(link) => {
            setSending(false);
            void invitations.refetch();
            if (link) void copy(link);
          }}
        />
      ) : null}
    </Card>
  );
}

/**
 * Sends a survey by hand (the automatic one goes out on resolving when an administrator chose
 * one): an active survey, as a link to copy or, where the server sends e-mail, as an e-mail.
 */
function SendSurveyModal({
  ticketId,
  customerId,
  contactId,
  onClose,
}: {
  ticketId: string;
  customerId: string;
  contactId: string | null;
  onClose: (link: string | null) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const surveys = useQuery({ queryKey: surveyKeys.list('active'), queryFn: () => surveysApi.list('active') });
  const prefs = useQuery({
    queryKey: engagementKeys.preferences,
    queryFn: preferencesApi.get,
    staleTime: 300_000,
  });
  const emailAvailable = prefs.data?.emailAvailable === true;
  const [surveyId, setSurveyId] = useState<string | null>(null);
  const [channel, setChannel] = useState<'link' | 'email'>('link');
  const [key] = useState(newIdempotencyKey);
  const active = surveys.data?.items ?? [];
  const chosen = surveyId ?? active[0]?.id ?? null;
  const send = useMutation({
    mutationFn: (id: string) =>
      surveysApi.invite(id, { customerId, ticketId, channel, ...(contactId ? { contactId } : {}) }, key),
    onSuccess: (r) => {
      message.success(
        t(r.invitation.channel === 'email' ? 'service.survey.sentEmail' : 'service.survey.sentLink'),
      );
      onClose(r.invitation.channel === 'link' ? r.link : null);
    },
    onError: (err) => message.error(serviceErrorText(t, err)),
  });
  return (
    <Modal
      open
      title={t('service.survey.sendTitle')}
      okText={t('service.survey.send')}
      okButtonProps={{ disabled: !chosen, loading: send.isPending }}
      onOk={() => chosen && send.mutate(chosen)}
      onCancel={() => onClose(null)}
    >
      {surveys.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : active.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('service.survey.noActive')} />
      ) : (
        <Flex vertical gap={12}>
          <Flex vertical gap={4}>
            <Typography.Text>{t('service.survey.pick')}</Typography.Text>
            <Select
              value={chosen}
              onChange={setSurveyId}
              options={active.map((s) => ({ value: s.id, label: s.title }))}
              data-testid="survey-send-pick"
            />
          </Flex>
          <Flex vertical gap={4}>
            <Typography.Text>{t('service.survey.channel')}</Typography.Text>
            <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value as 'link' | 'email')}>
              <Flex vertical gap={4}>
                <Radio value="link">{t('service.survey.sendLink')}</Radio>
                {emailAvailable ? <Radio value="email">{t('service.survey.sendEmail')}</Radio> : null}
              </Flex>
            </Radio.Group>
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
