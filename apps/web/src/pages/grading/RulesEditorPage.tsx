import {
  ArrowLeftOutlined,
  EyeOutlined,
  HistoryOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { validateGradingRules } from '@weixi/domain/grading';
import { customerCategories, type FieldIssue, type GradingIndicatorKey, valueTiers } from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Skeleton,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type GradingPreview,
  type GradingRuleSet,
  type GradingRules,
  gradingApi,
  gradingKeys,
} from '../../api/grading';
import { useCurrentUser } from '../../auth/current-user';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { useGradingLabels } from './labels';
import { gradingPermissions } from './permissions';
import { ClassRulesEditor } from './rules/ClassRulesEditor';
import { IndicatorCard } from './rules/IndicatorCard';
import { PreviewPanel } from './rules/PreviewPanel';
import { fromForm, type RulesForm, splitIssues, toForm, weightTotal } from './rules/rules-form';
import { VersionsDrawer } from './rules/VersionsDrawer';

type FieldData = Parameters<ReturnType<typeof Form.useForm<RulesForm>>[0]['setFields']>[0][number];

/** 分级规则: the weighted scoring model, cut-offs, category and value-tier rules, with a preview before saving. */
export default function RulesEditorPage() {
  const labels = useGradingLabels();
  const { t } = labels;
  const me = useCurrentUser();
  const can = gradingPermissions(me.role);
  const readOnly = !can.manageRules;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<RulesForm>();
  const current = useQuery({ queryKey: gradingKeys.rules, queryFn: gradingApi.rules });
  const [loaded, setLoaded] = useState<number | null>(null);
  const [general, setGeneral] = useState<FieldIssue[]>([]);
  const [preview, setPreview] = useState<GradingPreview | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [versionsOpen, setVersionsOpen] = useState(false);
  const indicators = Form.useWatch('indicators', form);
  const total = weightTotal(indicators);

  const load = (rules: GradingRules) => {
    form.resetFields();
    form.setFieldsValue(toForm(rules));
    setGeneral([]);
    setPreview(null);
  };
  // Loads the form when a new version arrives, only then: `load` is recreated on every render, and
  // depending on it would reload the form and discard the user's edits.
  useEffect(() => {
    if (current.data && loaded !== current.data.version) {
      load(current.data.rules);
      setLoaded(current.data.version);
    }
  }, [current.data, loaded]);

  const issueText = (issue: FieldIssue) => {
    const known = t(`grading.issues.${issue.code as 'overlap'}`, { defaultValue: '' });
    return known || issue.message;
  };
  const issueWhere = (issue: FieldIssue) => {
    const rule = /^(category|valueTier)\.rules\.(\d+)/.exec(issue.path);
    if (rule)
      return t('grading.issues.ruleAt', {
        section: t(`grading.rules.${rule[1] as 'category'}`),
        n: Number(rule[2]) + 1,
      });
    return '';
  };
  // Issue paths are computed at run time; antd types names only for paths it knows statically.
  const marked = useRef<(string | number)[][]>([]);
  const markFields = (items: { name: (string | number)[]; errors: string[] }[]) => {
    form.setFields(items as unknown as FieldData[]);
    marked.current.push(...items.filter((i) => i.errors.length > 0).map((i) => i.name));
  };
  const showIssues = (issues: readonly FieldIssue[]) => {
    const split = splitIssues(issues);
    markFields(split.fields.map((f) => ({ name: f.name, errors: f.issues.map(issueText) })));
    setGeneral(split.general);
    if (issues.length) message.error(t('grading.rules.invalid', { count: issues.length }));
  };
  /** The rules as the API takes them, or null after showing what is wrong (checked here first, like the server). */
  const collect = (): GradingRules | null => {
    const rules = fromForm(form.getFieldsValue(true) as RulesForm);
    const issues = validateGradingRules(rules).map((i) => ({ ...i, path: `rules.${i.path}` }));
    // Clear the previous round's marks before showing this round's.
    markFields(marked.current.map((name) => ({ name, errors: [] })));
    marked.current = [];
    setGeneral([]);
    if (issues.length) {
      showIssues(issues);
      return null;
    }
    return rules;
  };
  const onServerError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') {
      message.warning(t('grading.rules.versionConflict'), 6);
      setConfirming(false);
      setLoaded(null);
      void current.refetch();
      return;
    }
    if (isApiError(err) && err.fieldErrors.length) {
      setConfirming(false);
      showIssues(err.fieldErrors);
      return;
    }
    message.error(errorText(t, err));
  };

  const previewing = useMutation({
    mutationFn: gradingApi.preview,
    onSuccess: setPreview,
    onError: onServerError,
  });
  const saving = useMutation({
    mutationFn: ({ rules, version }: { rules: GradingRules; version: number }) =>
      gradingApi.saveRules(version, rules, note.trim()),
    onSuccess: (saved: GradingRuleSet) => {
      setConfirming(false);
      setNote('');
      queryClient.setQueryData(gradingKeys.rules, saved);
      void queryClient.invalidateQueries({ queryKey: ['grading', 'versions'] });
      setLoaded(null);
      message.success(
        <span data-testid="rules-saved">
          {t('grading.rules.saved', { version: saved.version })}{' '}
          {/* Messages render outside the router: a button with the page's navigate, not a Link. */}
          <Button type="link" size="small" onClick={() => navigate('/grading')} style={{ padding: 0 }}>
            {t('grading.rules.regradeNow')}
          </Button>
        </span>,
        8,
      );
    },
    onError: onServerError,
  });

  const runPreview = () => {
    const rules = collect();
    if (rules) previewing.mutate(rules);
  };
  const startSave = () => {
    const rules = collect();
    if (!rules) return;
    setConfirming(true);
    previewing.mutate(rules);
  };

  const header = (
    <>
      <Link to="/grading" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('grading.title')}
      </Link>
      <PageHeader
        title={<span data-testid="page-title">{t('grading.rules.title')}</span>}
        subtitle={
          current.data ? (
            <>
              {t('grading.rules.version', { version: current.data.version })} ·{' '}
              {current.data.createdBy
                ? t('grading.rules.savedBy', {
                    name: current.data.createdBy.name,
                    at: labels.dateTime(current.data.createdAt),
                  })
                : t('grading.rules.savedBySystem')}
            </>
          ) : null
        }
        extra={
          <>
            <Button
              icon={<HistoryOutlined />}
              onClick={() => setVersionsOpen(true)}
              data-testid="rules-versions"
            >
              {t('grading.rules.versions')}
            </Button>
            {!readOnly ? (
              <>
                <Button icon={<UndoOutlined />} onClick={() => current.data && load(current.data.rules)}>
                  {t('grading.rules.reset')}
                </Button>
                <Button
                  icon={<EyeOutlined />}
                  loading={previewing.isPending && !confirming}
                  onClick={runPreview}
                  data-testid="rules-preview"
                >
                  {t('grading.rules.preview')}
                </Button>
                <Button type="primary" icon={<SaveOutlined />} onClick={startSave} data-testid="rules-save">
                  {t('grading.rules.save')}
                </Button>
              </>
            ) : null}
          </>
        }
      />
    </>
  );

  if (current.isError)
    return (
      <>
        {header}
        <ErrorResult error={current.error} onRetry={() => void current.refetch()} />
      </>
    );
  if (current.isPending || loaded === null)
    return (
      <>
        {header}
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 12 }} />
        </Card>
      </>
    );

  const keys = (current.data.rules.indicators ?? []).map((i) => i.key as GradingIndicatorKey);
  return (
    <div data-testid="rules-editor">
      {header}
      <Typography.Paragraph type="secondary">{t('grading.rules.subtitle')}</Typography.Paragraph>
      {readOnly ? (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('grading.rules.readOnly')} />
      ) : null}
      {general.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('grading.rules.otherIssues')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="rules-issues">
              {general.map((g) => (
                <li key={`${g.path}:${g.code}`}>
                  {issueWhere(g) ? `${issueWhere(g)}：` : ''}
                  {issueText(g)}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {/* Right under the buttons that asked for it. */}
      {preview && !confirming ? (
        <Card style={{ marginBottom: 16 }}>
          <PreviewPanel preview={preview} />
        </Card>
      ) : null}
      <Form form={form} layout="vertical" disabled={readOnly} data-testid="rules-form">
        <Flex vertical gap={16}>
          <Card
            size="small"
            title={t('grading.rules.weight')}
            extra={
              <Typography.Text type={total === 100 ? 'success' : 'danger'} strong data-testid="weight-total">
                {total === 100
                  ? t('grading.rules.weightTotal', { total })
                  : t('grading.rules.weightTotalBad', { total })}
              </Typography.Text>
            }
          >
            <Row gutter={[16, 16]}>
              {keys.map((key, i) => (
                <Col key={key} xs={24} xl={12}>
                  <IndicatorCard index={i} indicatorKey={key} disabled={readOnly} />
                </Col>
              ))}
            </Row>
          </Card>
          <Card
            size="small"
            title={t('grading.rules.cutoffs')}
            extra={<Typography.Text type="secondary">{t('grading.rules.cutoffsHint')}</Typography.Text>}
          >
            <Flex gap={24} wrap>
              {(['A', 'B', 'C'] as const).map((g) => (
                <Form.Item
                  key={g}
                  name={['cutoffs', g]}
                  label={t('grading.rules.cutoff', { grade: g })}
                  style={{ marginBottom: 0 }}
                >
                  <InputNumber min={0} max={100} style={{ width: 120 }} data-testid={`cutoff-${g}`} />
                </Form.Item>
              ))}
            </Flex>
          </Card>
          <ClassRulesEditor section="category" values={customerCategories} disabled={readOnly} />
          <ClassRulesEditor section="valueTier" values={valueTiers} disabled={readOnly} />
        </Flex>
      </Form>

      <Modal
        open={confirming}
        title={t('grading.rules.saveConfirmTitle')}
        width={720}
        onCancel={() => setConfirming(false)}
        okText={t('grading.rules.saveConfirm')}
        okButtonProps={{
          disabled: !preview || previewing.isPending,
          ...{ 'data-testid': 'rules-save-confirm' },
        }}
        confirmLoading={saving.isPending}
        onOk={() => {
          const rules = collect();
          if (rules) saving.mutate({ rules, version: current.data.version });
        }}
        destroyOnHidden
      >
        <Flex vertical gap={16}>
          {previewing.isPending || !preview ? <Skeleton active /> : <PreviewPanel preview={preview} />}
          <Flex vertical gap={4}>
            <Typography.Text strong>{t('grading.rules.note')}</Typography.Text>
            <Input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={200}
              placeholder={t('grading.rules.notePlaceholder')}
              data-testid="rules-note"
            />
          </Flex>
        </Flex>
      </Modal>

      <VersionsDrawer
        open={versionsOpen}
        onClose={() => setVersionsOpen(false)}
        onLoad={
          readOnly
            ? undefined
            : (v) => {
                load(v.rules);
                setVersionsOpen(false);
                message.info(t('grading.rules.loadedVersion', { version: v.version }));
              }
        }
      />
      <Button
        type="link"
        onClick={() => navigate('/grading/standards')}
        style={{ paddingLeft: 0, marginTop: 16 }}
      >
        {t('grading.links.standards')}
      </Button>
    </div>
  );
}
