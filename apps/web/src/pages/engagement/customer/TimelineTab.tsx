import {
  CalendarOutlined,
  CheckSquareOutlined,
  CustomerServiceOutlined,
  EditOutlined,
  EnvironmentOutlined,
  MailOutlined,
  MessageOutlined,
  PhoneOutlined,
  ShoppingCartOutlined,
  StarOutlined,
  TeamOutlined,
  UserSwitchOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type CustomFieldDefinition, timelineKinds } from '@weixi/shared';
import { Button, Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type RegionNode, recordKeys, referenceApi } from '../../../api/customer-records';
import { engagementKeys, type TimelineItem, type TimelineKind, timelineApi } from '../../../api/engagement';
import { ErrorResult } from '../../../components/Results';
import type { Resources } from '../../../i18n/zh-CN';
import {
  actionKey,
  displayValue,
  type FieldChange,
  historyItem,
} from '../../customers/detail/history-changes';
import { useCustomerLabels } from '../../customers/detail/use-labels';
import { formatFen, formatQuantity } from '../../loyalty/money';
import { distanceParts } from '../geo';
import { type TimelineEntry, timelineEntry } from '../timeline-entry';
import { checkInFlagColors, taskStatusColors, useEngagementLabels, visitStatusColors } from '../use-labels';

type HistoryActionKey = keyof Resources['customerDetail']['history']['actions'];

const channelIcons: Record<string, ReactNode> = {
  phone: <PhoneOutlined />,
  email: <MailOutlined />,
  sms: <MessageOutlined />,
  wechat: <WechatOutlined />,
  face_to_face: <TeamOutlined />,
  visit: <EnvironmentOutlined />,
  event: <CalendarOutlined />,
};
const kindIcons: Record<TimelineKind, ReactNode> = {
  interaction: <MessageOutlined />,
  visit: <EnvironmentOutlined />,
  task: <CheckSquareOutlined />,
  order: <ShoppingCartOutlined />,
  ticket: <CustomerServiceOutlined />,
  grade: <StarOutlined />,
  owner: <UserSwitchOutlined />,
  edit: <EditOutlined />,
};
const kindColors: Record<TimelineKind, string> = {
  interaction: 'blue',
  visit: 'green',
  task: 'orange',
  order: 'purple',
  ticket: 'red',
  grade: 'gold',
  owner: 'cyan',
  edit: 'gray',
};

function regionNames(tree: RegionNode[] | undefined): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (nodes: RegionNode[]) => {
    for (const n of nodes) {
      names.set(n.code, n.name);
      if (n.children) walk(n.children);
    }
  };
  walk(tree ?? []);
  return names;
}

/**
 * 信息共享台账: everything that happened with a customer in one feed — interactions, visits, tasks,
 * orders, grade and owner changes and edits — newest first, filtered by kind, loaded a page at a
 * time. Edits read like the history tab.
 */
export function TimelineTab({
  customerId,
  definitions,
  contactDefinitions,
}: {
  customerId: string;
  definitions: CustomFieldDefinition[];
  contactDefinitions: CustomFieldDefinition[];
}) {
  const { t } = useTranslation();
  const labels = useEngagementLabels();
  const customerLabels = useCustomerLabels();
  const [kinds, setKinds] = useState<TimelineKind[]>([]);
  const feed = useInfiniteQuery({
    queryKey: engagementKeys.timeline(customerId, kinds),
    queryFn: ({ pageParam }) => timelineApi.page(customerId, kinds, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const regions = useQuery({
    queryKey: recordKeys.regions,
    queryFn: referenceApi.regions,
    staleTime: Infinity,
  });
  const regionByCode = useMemo(() => regionNames(regions.data), [regions.data]);
  const historyActions = t('customerDetail.history.actions', { returnObjects: true }) as Record<
    HistoryActionKey,
    string
  >;

  const toggle = (k: TimelineKind, on: boolean) =>
    setKinds((ks) => (on ? [...ks, k] : ks.filter((x) => x !== k)));

  const renderChange = (subject: 'customer' | 'contact', change: FieldChange) => {
    const defs = subject === 'contact' ? contactDefinitions : definitions;
    const valueLabels = {
      enumValue: customerLabels.enumValue,
      customValue: (key: string, value: unknown) =>
        customerLabels.customValue(
          defs.find((d) => d.key === key),
          value,
          t('customerDetail.yes'),
          t('customerDetail.no'),
        ),
      region: (code: string) => regionByCode.get(code) ?? code,
      dateTime: (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm'),
      yes: t('customerDetail.yes'),
      no: t('customerDetail.no'),
    };
    const field = change.field.startsWith('custom.')
      ? (() => {
          const def = defs.find((d) => d.key === change.field.slice(7));
          return def ? customerLabels.label(def) : change.field.slice(7);
        })()
      : subject === 'contact'
        ? customerLabels.contact(change.field)
        : customerLabels.customer(change.field);
    const before = displayValue(change.field, change.before, valueLabels);
    const after = displayValue(change.field, change.after, valueLabels);
    const empty = (
      <Typography.Text type="secondary">{t('customerDetail.history.empty_value')}</Typography.Text>
    );
    return (
      <div key={change.field} style={{ wordBreak: 'break-word' }}>
        <Typography.Text type="secondary">{field}：</Typography.Text>
        {'before' in change ? (
          <>
            {before ? <Typography.Text delete>{before}</Typography.Text> : empty}
            {'after' in change ? ' → ' : null}
          </>
        ) : null}
        {'after' in change ? after ? <Typography.Text>{after}</Typography.Text> : empty : null}
      </div>
    );
  };

  const line = (label: string, value: string) =>
    value ? (
      <div style={{ wordBreak: 'break-word' }}>
        <Typography.Text type="secondary">{label}：</Typography.Text>
        {value}
      </div>
    ) : null;

  const body = (e: TimelineEntry): { title: ReactNode; detail: ReactNode } => {
    switch (e.kind) {
      case 'interaction':
        return {
          title: (
            <Flex gap={6} wrap align="center">
              <Typography.Text strong>
                {labels.label('channels', e.channel)} · {labels.label('directions', e.direction)}
              </Typography.Text>
              {e.guide.map((g) => (
                <Tag key={g} color="purple" style={{ marginInlineEnd: 0, fontSize: 11 }}>
                  {t(`engagement.guide.${g}`)}
                </Tag>
              ))}
            </Flex>
          ),
          detail: (
            <>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {e.summary}
              </Typography.Paragraph>
              {line(t('engagement.quickLog.needsFound'), e.needsFound)}
              {line(t('engagement.quickLog.nextStep'), e.nextStep)}
              {line(t('engagement.timeline.participants'), [...e.contacts, ...e.staff].join('、'))}
            </>
          ),
        };
      case 'visit': {
        const d = e.distanceM !== null ? distanceParts(e.distanceM) : null;
        return {
          title: (
            <Flex gap={6} wrap align="center">
              {e.id ? (
                <Link to={`/engagement/visits/${e.id}`}>
                  <Typography.Text strong style={{ color: 'inherit' }}>
                    {e.purpose}
                  </Typography.Text>
                </Link>
              ) : (
                <Typography.Text strong>{e.purpose}</Typography.Text>
              )}
              <Tag color={visitStatusColors[e.status]} style={{ marginInlineEnd: 0 }}>
                {labels.label('visitStatuses', e.status)}
              </Tag>
              {e.checkInFlag ? (
                <Tag color={checkInFlagColors[e.checkInFlag]} style={{ marginInlineEnd: 0 }}>
                  {labels.label('checkInFlags', e.checkInFlag)}
                  {d ? ` · ${t(`engagement.visit.distance.${d.unit}`, { value: d.value })}` : ''}
                </Tag>
              ) : null}
            </Flex>
          ),
          detail: (
            <>
              {line(t('engagement.visits.fields.plannedOn'), e.plannedOn)}
              {e.reportSummary ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {e.reportSummary}
                </Typography.Paragraph>
              ) : null}
            </>
          ),
        };
      }
      case 'task':
        return {
          title: (
            <Flex gap={6} wrap align="center">
              {e.id ? (
                <Link to={`/engagement/tasks/${e.id}`}>
                  <Typography.Text strong style={{ color: 'inherit' }}>
                    {e.title}
                  </Typography.Text>
                </Link>
              ) : (
                <Typography.Text strong>{e.title}</Typography.Text>
              )}
              <Tag color={taskStatusColors[e.status]} style={{ marginInlineEnd: 0 }}>
                {labels.label('taskStatuses', e.status)}
              </Tag>
            </Flex>
          ),
          detail: (
            <Typography.Text type="secondary">
              {[
                e.dueOn ? t('engagement.tasks.dueLine', { date: e.dueOn }) : '',
                e.owner,
                labels.label('taskSources', e.source),
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          ),
        };
      case 'order':
        return {
          title: <Typography.Text strong>{e.product || '—'}</Typography.Text>,
          detail: (
            <Typography.Text type="secondary">
              {[
                e.orderedOn,
                e.quantity !== null ? formatQuantity(e.quantity) : '',
                e.amountFen !== null ? formatFen(e.amountFen) : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          ),
        };
      case 'ticket': {
        const events = t('service.history.kinds', { returnObjects: true }) as Record<string, string>;
        const name = `#${e.number} ${e.subject}`;
        return {
          title: (
            <Flex gap={6} wrap align="center">
              {e.id ? (
                <Link to={`/service/tickets/${e.id}`}>
                  <Typography.Text strong style={{ color: 'inherit' }}>
                    {name}
                  </Typography.Text>
                </Link>
              ) : (
                <Typography.Text strong>{name}</Typography.Text>
              )}
              <Tag style={{ marginInlineEnd: 0 }}>{events[e.event] ?? e.event}</Tag>
              {e.visibility === 'internal' && (e.event === 'note' || e.body) ? (
                <Tag style={{ marginInlineEnd: 0 }}>{t('service.history.internal')}</Tag>
              ) : null}
            </Flex>
          ),
          detail: e.body ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {e.body}
            </Typography.Paragraph>
          ) : null,
        };
      }
      case 'grade': {
        const causes = t('grading.score.causes', { returnObjects: true }) as Record<string, string>;
        return {
          title: (
            <Typography.Text strong>
              {t('engagement.timeline.grade', {
                from: e.from ?? t('engagement.timeline.ungraded'),
                to: e.to ?? t('engagement.timeline.ungraded'),
              })}
            </Typography.Text>
          ),
          detail: (
            <Typography.Text type="secondary">
              {[causes[e.cause] ?? e.cause, e.reason].filter(Boolean).join('：')}
            </Typography.Text>
          ),
        };
      }
      case 'owner': {
        const nobody = t('ownership.history.nobody');
        const lines = t('ownership.history.line', { returnObjects: true }) as Record<string, string>;
        const text = lines[e.change]
          ? t(`ownership.history.line.${e.change}` as 'ownership.history.line.create', {
              from: e.from ?? nobody,
              to: e.to ?? nobody,
            })
          : `${e.from ?? nobody} → ${e.to ?? nobody}`;
        return {
          title: <Typography.Text strong>{text}</Typography.Text>,
          detail: e.reason ? (
            <Typography.Text type="secondary">
              {t('ownership.history.reason', { reason: e.reason })}
            </Typography.Text>
          ) : null,
        };
      }
      case 'edit': {
        const item = historyItem({ action: e.action, before: e.before, after: e.after });
        const k = actionKey(e.action);
        return {
          title: (
            <Flex gap={6} wrap align="center">
              <Typography.Text strong>
                {k in historyActions ? historyActions[k as HistoryActionKey] : e.action}
              </Typography.Text>
              {item.about ? <Tag style={{ marginInlineEnd: 0 }}>{item.about}</Tag> : null}
            </Flex>
          ),
          detail:
            item.changes.length > 0 ? (
              <Flex vertical gap={2}>
                {item.changes.map((c) => renderChange(item.subject, c))}
              </Flex>
            ) : null,
        };
      }
    }
  };

  const renderItem = (item: TimelineItem) => {
    const e = timelineEntry(item);
    const { title, detail } = body(e);
    return (
      <Flex vertical gap={4} data-testid="timeline-item" data-kind={item.kind}>
        <Flex gap={8} wrap align="center">
          <Tag color={kindColors[item.kind]} style={{ marginInlineEnd: 0 }}>
            {labels.label('timelineKinds', item.kind)}
          </Tag>
          {title}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {/* Orders carry a date, not a time: midnight would read as a time someone chose. */}
          {dayjs(item.at).format(item.kind === 'order' ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm')}
          {item.actor ? ` · ${item.actor.name}` : ''}
        </Typography.Text>
        {detail}
      </Flex>
    );
  };

  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Flex vertical gap={12} data-testid="timeline">
      <Flex gap={6} wrap align="center">
        <Typography.Text type="secondary">{t('engagement.timeline.filter')}</Typography.Text>
        <Tag.CheckableTag
          checked={kinds.length === 0}
          onChange={() => setKinds([])}
          data-testid="timeline-kind-all"
        >
          {t('engagement.timeline.all')}
        </Tag.CheckableTag>
        {timelineKinds.map((k) => (
          <Tag.CheckableTag
            key={k}
            checked={kinds.includes(k)}
            onChange={(on) => toggle(k, on)}
            data-testid={`timeline-kind-${k}`}
          >
            {labels.label('timelineKinds', k)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {feed.isError && !feed.data ? (
        <ErrorResult error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.isPending ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={
            kinds.length === 0 ? t('engagement.timeline.empty') : t('engagement.timeline.emptyFiltered')
          }
        />
      ) : (
        <>
          <Timeline
            style={{ marginTop: 8 }}
            items={items.map((item) => ({
              key: item.id,
              color: kindColors[item.kind],
              icon:
                item.kind === 'interaction'
                  ? (channelIcons[String(item.data.channel)] ?? kindIcons.interaction)
                  : kindIcons[item.kind],
              content: renderItem(item),
            }))}
          />
          {feed.hasNextPage ? (
            <Button
              onClick={() => void feed.fetchNextPage()}
              loading={feed.isFetchingNextPage}
              style={{ alignSelf: 'center' }}
              data-testid="timeline-more"
            >
              {t('engagement.timeline.loadMore')}
            </Button>
          ) : (
            <Typography.Text type="secondary" style={{ alignSelf: 'center', fontSize: 12 }}>
              {t('engagement.timeline.end')}
            </Typography.Text>
          )}
        </>
      )}
    </Flex>
  );
}
