import { CheckCircleOutlined, CopyOutlined, LinkOutlined, MailOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api/client';
import { type SurveyInvitation, ticketKeys, ticketsApi } from '../../../api/service-tickets';
import { errorText } from '../../../lib/errors';

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
export function SurveyBox({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
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
    <Card size="small" title={t('service.survey.title')} data-testid="ticket-surveys">
      {body}
    </Card>
  );
}
