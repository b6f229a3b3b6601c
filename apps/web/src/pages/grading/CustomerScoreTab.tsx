import { EditOutlined, ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OverridableField } from '@weixi/shared';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Progress,
  Row,
  Skeleton,
  Statistic,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { type ApiError, isApiError } from '../../api/client';
import { type CustomerScore, gradingApi, gradingKeys } from '../../api/grading';
import { useCurrentUser } from '../../auth/current-user';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { gradeColors, useGradingLabels } from './labels';
import { OverrideModal, type OverrideValues } from './OverrideModal';
import { gradingPermissions } from './permissions';

const fields: readonly OverridableField[] = ['grade', 'category', 'valueTier'];

/**
 * The 评分 tab of a customer's page: the score and its breakdown per indicator, RFM, the rule's
 * proposal beside what is in force (overrides with their reasons), and the grade history.
 */
export function CustomerScoreTab({ customerId, active }: { customerId: string; active: boolean }) {
  const labels = useGradingLabels();
  const { t } = labels;
  const me = useCurrentUser();
  const can = gradingPermissions(me.role);
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [editing, setEditing] = useState<{ field: OverridableField; value: string | null } | null>(null);
  const [overrideError, setOverrideError] = useState<ApiError | null>(null);
  const score = useQuery({
    queryKey: gradingKeys.score(customerId),
    queryFn: () => gradingApi.score(customerId),
  });

  const applied = (s: CustomerScore) => {
    queryClient.setQueryData(gradingKeys.score(customerId), s);
    // The customer's own tags and the lists show grade, category and value tier too.
    void queryClient.invalidateQueries({ queryKey: ['customers'] });
    void queryClient.invalidateQueries({ queryKey: gradingKeys.distribution });
  };
  const regrade = useMutation({
    mutationFn: () => gradingApi.regradeOne(customerId),
    onSuccess: (s) => {
      applied(s);
      message.success(t('grading.score.recomputed', { score: s.score?.total ?? 0 }));
    },
    onError: (err) => message.error(errorText(t, err)),
  });
  const override = useMutation({
    mutationFn: (v: OverrideValues) => gradingApi.override(customerId, v),
    onSuccess: (s) => {
      setEditing(null);
      setOverrideError(null);
      applied(s);
      message.success(t('grading.overrideDialog.saved'));
    },
    onError: (err) => {
      if (isApiError(err)) setOverrideError(err);
      message.error(errorText(t, err));
    },
  });
  const remove = useMutation({
    mutationFn: (field: OverridableField) => gradingApi.removeOverride(customerId, field),
    onSuccess: (s) => {
      applied(s);
      message.success(t('grading.score.removed'));
    },
    onError: (err) => message.error(errorText(t, err)),
  });

  if (score.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (score.isError) return <ErrorResult error={score.error} onRetry={() => void score.refetch()} />;
  const data = score.data;
  const s = data.score;

  const recompute =
    can.regradeOne && active ? (
      <Button
        icon={<ReloadOutlined />}
        loading={regrade.isPending}
        onClick={() => regrade.mutate()}
        data-testid="score-recompute"
      >
        {s ? t('grading.score.recompute') : t('grading.score.regradeNow')}
      </Button>
    ) : null;

  const overrideOf = (f: OverridableField) => data.overrides.find((o) => o.field === f);
  const confirmRemove = (f: OverridableField) =>
    modal.confirm({
      title: t('grading.score.removeOverride'),
      content: t('grading.score.removeConfirm', { field: t(`grading.score.fields.${f}`) }),
      okButtonProps: { ...{ 'data-testid': 'override-remove-confirm' } },
      onOk: () => remove.mutateAsync(f),
    });

  return (
    <Flex vertical gap={16} data-testid="customer-score">
      {!s ? (
        <Card size="small">
          <Empty
            description={
              <Flex vertical gap={4}>
                <Typography.Text strong>{t('grading.score.notGraded')}</Typography.Text>
                <Typography.Text type="secondary">
                  {active ? t('grading.score.notGradedBody') : t('grading.score.inactive')}
                </Typography.Text>
              </Flex>
            }
            data-testid="score-empty"
          >
            {recompute}
          </Empty>
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={t('grading.score.total')}
                  value={s.total}
                  precision={2}
                  suffix={
                    data.current.grade ? (
                      <Tag color={gradeColors[data.current.grade]} style={{ marginInlineStart: 8 }}>
                        {labels.grade(data.current.grade)}
                      </Tag>
                    ) : null
                  }
                  data-testid="score-total"
                />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('grading.score.computedAt', {
                    version: s.ruleVersion,
                    at: labels.dateTime(s.computedAt),
                    asOf: s.asOf,
                  })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card
                size="small"
                title={t('grading.score.rfm')}
                extra={<Typography.Text type="secondary">{t('grading.score.rfmHint')}</Typography.Text>}
                data-testid="score-rfm"
              >
                {s.rfm ? (
                  <Row gutter={16}>
                    {(['r', 'f', 'm'] as const).map((k) => (
                      <Col key={k} span={8}>
                        <Typography.Text type="secondary">{t(`grading.score.${k}`)}</Typography.Text>
                        <Progress
                          percent={s.rfm![k] * 20}
                          steps={5}
                          format={() => `${s.rfm![k]}/5`}
                          data-testid={`rfm-${k}`}
                        />
                      </Col>
                    ))}
                  </Row>
                ) : (
                  <Typography.Text type="secondary">
                    {s.breakdown.find((b) => b.key === 'recencyDays')?.raw === null
                      ? t('grading.score.rfmNone')
                      : t('grading.score.rfmPending')}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('grading.score.breakdown')}
            extra={recompute}
            data-testid="score-breakdown"
          >
            <Flex vertical gap={12}>
              {s.breakdown.map((b) => (
                <div key={b.key} data-testid={`breakdown-${b.key}`}>
                  <Flex justify="space-between" wrap gap={8}>
                    <Typography.Text strong>
                      {t(`grading.indicators.${b.key}`)}
                      <Typography.Text type="secondary"> · {labels.raw(b.key, b.raw)}</Typography.Text>
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {b.weight > 0 && b.appliedWeight === 0
                        ? t('grading.score.weightRedistributed', { weight: b.weight })
                        : t('grading.score.weightApplied', { weight: b.appliedWeight })}
                      {' · '}
                      {t('grading.score.contribution', { value: b.contribution })}
                    </Typography.Text>
                  </Flex>
                  <Tooltip title={t('grading.score.points', { points: b.points })}>
                    <Progress
                      percent={b.points}
                      format={() => t('grading.score.points', { points: b.points })}
                    />
                  </Tooltip>
                </div>
              ))}
            </Flex>
          </Card>
        </>
      )}

      <Card size="small" title={t('grading.score.proposalTitle')} data-testid="score-proposal">
        <Table
          size="small"
          pagination={false}
          rowKey={(f) => f}
          dataSource={[...fields]}
          columns={[
            {
              key: 'field',
              title: t('grading.score.field'),
              render: (_, f) => t(`grading.score.fields.${f}`),
            },
            {
              key: 'proposed',
              title: t('grading.score.proposed'),
              render: (_, f) => (s ? labels.field(f, s.proposal[f]) : '—'),
            },
            {
              key: 'current',
              title: t('grading.score.current'),
              render: (_, f) => (
                <Typography.Text strong data-testid={`score-current-${f}`}>
                  {labels.field(f, data.current[f])}
                </Typography.Text>
              ),
            },
            {
              key: 'override',
              title: t('grading.score.adjustment'),
              render: (_, f) => {
                const o = overrideOf(f);
                return o ? (
                  <Typography.Text data-testid={`score-override-${f}`}>
                    <Tag color="gold">{labels.field(f, o.value)}</Tag>
                    {t('grading.score.overrideBy', {
                      name: o.by?.name ?? t('grading.score.system'),
                      at: labels.dateTime(o.at),
                      reason: o.reason,
                    })}
                  </Typography.Text>
                ) : (
                  t('grading.score.noOverride')
                );
              },
            },
            ...(can.override && active
              ? [
                  {
                    key: 'actions',
                    title: '',
                    render: (_: unknown, f: OverridableField) => (
                      <Flex gap={4} justify="flex-end">
                        <Button
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => {
                            setOverrideError(null);
                            setEditing({ field: f, value: data.current[f] });
                          }}
                          data-testid={`override-open-${f}`}
                        >
                          {t('grading.score.override')}
                        </Button>
                        {overrideOf(f) ? (
                          <Button
                            size="small"
                            icon={<UndoOutlined />}
                            onClick={() => confirmRemove(f)}
                            data-testid={`override-remove-${f}`}
                          >
                            {t('grading.score.removeOverride')}
                          </Button>
                        ) : null}
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card size="small" title={t('grading.score.history')} data-testid="grade-history">
        {data.history.length === 0 ? (
          <Typography.Text type="secondary">{t('grading.score.historyEmpty')}</Typography.Text>
        ) : (
          <Timeline
            items={data.history.map((h) => ({
              key: h.id,
              color: h.cause === 'override' ? 'gold' : 'blue',
              content: (
                <Flex vertical>
                  <Typography.Text strong>
                    {t('grading.score.historyLine', { from: labels.grade(h.from), to: labels.grade(h.to) })}{' '}
                    <Tag>{t(`grading.score.causes.${h.cause}`)}</Tag>
                  </Typography.Text>
                  <Typography.Text type="secondary">
                    {labels.dateTime(h.at)} · {h.by?.name ?? t('grading.score.system')}
                    {h.cause === 'rule' && h.ruleVersion
                      ? ` · ${t('grading.score.historyRuleVersion', { version: h.ruleVersion })}`
                      : ''}
                  </Typography.Text>
                  {h.cause === 'override' ? (
                    <Typography.Text>{h.reason ?? t('grading.score.historyRemoved')}</Typography.Text>
                  ) : null}
                </Flex>
              ),
            }))}
          />
        )}
      </Card>

      {editing ? (
        <OverrideModal
          open
          initial={editing}
          pending={override.isPending}
          error={overrideError}
          onCancel={() => setEditing(null)}
          onSubmit={(v) => override.mutate(v)}
        />
      ) : null}
    </Flex>
  );
}
