import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  InboxOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type SurveyQuestionType, surveyQuestionTypes } from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Dropdown,
  Empty,
  Flex,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useReducer, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { type Survey, surveyKeys, surveysApi } from '../../../api/surveys';
import { useCurrentUser } from '../../../auth/current-user';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorResult } from '../../../components/Results';
import { errorText } from '../../../lib/errors';
import { serviceAdminPermissions } from '../admin-permissions';
import { type Issue, issueText } from '../issues';
import { ServiceSubNav } from '../ServiceSubNav';
import { SurveyPreview } from './SurveyPreview';
import { statusColors } from './status';
import { builderIssues, builderReducer, builderRequest, emptyBuilder, isChoiceType } from './survey-builder';

const fromSurvey = (s: Survey) => ({
  title: s.title,
  intro: s.intro,
  questions: s.questions.map((q) => ({ ...q, ...(q.options ? { options: [...q.options] } : {}) })),
});

/** 问卷编辑: title, intro, questions (CSAT, NPS, choices, free text), order, required, live preview. */
export default function SurveyBuilderPage() {
  const { surveyId } = useParams();
  const isNew = !surveyId;
  const survey = useQuery({
    queryKey: surveyKeys.one(surveyId ?? 'new'),
    queryFn: () => surveysApi.get(surveyId ?? ''),
    enabled: !isNew,
  });
  if (!isNew && survey.isError)
    return <ErrorResult error={survey.error} onRetry={() => void survey.refetch()} />;
  if (!isNew && survey.isPending)
    return (
      <Card variant="borderless">
        <Skeleton active paragraph={{ rows: 10 }} />
      </Card>
    );
  // Keyed by version: a reload after a conflict starts the editor from the latest.
  return (
    <Builder
      key={survey.data ? `${survey.data.id}-${survey.data.version}` : 'new'}
      survey={survey.data ?? null}
    />
  );
}

function Builder({ survey }: { survey: Survey | null }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const canEdit = serviceAdminPermissions(me.role).manageSurveys && survey?.status !== 'archived';
  const questionsLocked = !canEdit || (survey !== null && survey.status !== 'draft');
  const [state, dispatch] = useReducer(builderReducer, survey ? fromSurvey(survey) : emptyBuilder);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [attempted, setAttempted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [dirty, setDirty] = useState(false);
  const change = (a: Parameters<typeof dispatch>[0]) => {
    dispatch(a);
    setDirty(true);
  };

  const local = useMemo(() => (attempted ? builderIssues(state) : []), [attempted, state]);
  const errorsAt = (path: string): string[] => {
    const texts = [
      ...local.filter((i) => i.path === path).map((i) => issueText(t, { ...i, message: i.code })),
      ...serverIssues.filter((i) => i.path === path).map((i) => issueText(t, i)),
    ];
    return [...new Set(texts)];
  };
  const known = (p: string) =>
    p === 'title' ||
    p === 'intro' ||
    p === 'questions' ||
    /^questions\.\d+\.(label|type|id|options)(\.\d+)?$/.test(p);
  const unplaced = serverIssues.filter((i) => !known(i.path));

  const onError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') {
      message.warning(t('serviceAdmin.errors.versionConflict'), 6);
      void queryClient.invalidateQueries({ queryKey: surveyKeys.all });
      return;
    }
    if (isApiError(err) && err.fieldErrors.length > 0) {
      setServerIssues(err.fieldErrors);
      return;
    }
    message.error(errorText(t, err));
  };

  const save = useMutation({
    mutationFn: () => {
      const body = builderRequest(state);
      if (!survey) return surveysApi.create(body, idempotencyKey);
      // An active survey keeps its questions: answers refer to them.
      const patch = questionsLocked
        ? { title: body.title, intro: body.intro, version: survey.version }
        : { ...body, version: survey.version };
      return surveysApi.update(survey.id, patch);
    },
    onSuccess: (saved) => {
      setServerIssues([]);
      setDirty(false);
      queryClient.setQueryData(surveyKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['surveys', 'list'] });
      message.success(
        survey ? t('serviceAdmin.surveys.builder.saved') : t('serviceAdmin.surveys.builder.created'),
      );
      if (!survey) navigate(`/service/surveys/${saved.id}/edit`, { replace: true });
    },
    onError,
  });

  const lifecycle = useMutation({
    mutationFn: (action: 'activate' | 'archive') =>
      survey
        ? action === 'activate'
          ? surveysApi.activate(survey.id, survey.version)
          : surveysApi.archive(survey.id, survey.version)
        : Promise.reject(new Error('not saved')),
    onSuccess: (saved, action) => {
      queryClient.setQueryData(surveyKeys.one(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['surveys', 'list'] });
      message.success(
        action === 'activate' ? t('serviceAdmin.surveys.activated') : t('serviceAdmin.surveys.archived'),
      );
    },
    onError,
  });

  const submit = () => {
    setAttempted(true);
    if (builderIssues(state).length > 0) {
      message.warning(t('serviceAdmin.errors.fixLocal'));
      return;
    }
    save.mutate();
  };

  const addQuestion = (type: SurveyQuestionType) =>
    change({
      type: 'add',
      questionType: type,
      label: t(`serviceAdmin.surveys.builder.defaultLabels.${type}`),
    });

  const fieldError = (path: string) => {
    const errs = errorsAt(path);
    return errs.length > 0 ? (
      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`error-${path}`}>
        {errs.join('；')}
      </Typography.Text>
    ) : null;
  };

  return (
    <div data-testid="survey-builder">
      <ServiceSubNav />
      <Link to="/service/surveys" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('serviceAdmin.surveys.builder.back')}
      </Link>
      <PageHeader
        title={
          <Space>
            <span data-testid="page-title">
              {survey
                ? t('serviceAdmin.surveys.builder.editTitle')
                : t('serviceAdmin.surveys.builder.newTitle')}
            </span>
            {survey ? (
              <Tag color={statusColors[survey.status]} data-testid="survey-status">
                {t(`serviceAdmin.enums.surveyStatuses.${survey.status}`)}
              </Tag>
            ) : null}
          </Space>
        }
        extra={
          canEdit ? (
            <>
              {survey?.status === 'draft' ? (
                <Button
                  icon={<CheckCircleOutlined />}
                  disabled={dirty}
                  loading={lifecycle.isPending && lifecycle.variables === 'activate'}
                  onClick={() =>
                    modal.confirm({
                      title: t('serviceAdmin.surveys.activate'),
                      content: t('serviceAdmin.surveys.activateConfirm'),
                      onOk: () => lifecycle.mutateAsync('activate'),
                    })
                  }
                  data-testid="survey-activate"
                >
                  {t('serviceAdmin.surveys.activate')}
                </Button>
              ) : null}
              {survey?.status === 'active' ? (
                <Button
                  icon={<InboxOutlined />}
                  danger
                  loading={lifecycle.isPending && lifecycle.variables === 'archive'}
                  onClick={() =>
                    modal.confirm({
                      title: t('serviceAdmin.surveys.archive'),
                      content: t('serviceAdmin.surveys.archiveConfirm'),
                      okButtonProps: { danger: true },
                      onOk: () => lifecycle.mutateAsync('archive'),
                    })
                  }
                  data-testid="survey-archive"
                >
                  {t('serviceAdmin.surveys.archive')}
                </Button>
              ) : null}
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={save.isPending}
                onClick={submit}
                data-testid="survey-save"
              >
                {t('serviceAdmin.surveys.builder.save')}
              </Button>
            </>
          ) : null
        }
      />
      {!serviceAdminPermissions(me.role).manageSurveys ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('serviceAdmin.surveys.builder.readOnly')}
        />
      ) : survey?.status === 'archived' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('serviceAdmin.surveys.builder.archivedReadOnly')}
        />
      ) : survey?.status === 'active' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('serviceAdmin.surveys.builder.lockedQuestions')}
        />
      ) : null}
      {unplaced.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={unplaced.map((i) => issueText(t, i)).join('；')}
          data-testid="survey-issues"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card variant="borderless">
              <Flex vertical gap={4} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{t('serviceAdmin.surveys.builder.title')}</Typography.Text>
                <Input
                  value={state.title}
                  maxLength={120}
                  disabled={!canEdit}
                  status={errorsAt('title').length ? 'error' : undefined}
                  placeholder={t('serviceAdmin.surveys.builder.titlePlaceholder')}
                  onChange={(e) => change({ type: 'setTitle', title: e.target.value })}
                  data-testid="survey-title"
                />
                {fieldError('title')}
              </Flex>
              <Flex vertical gap={4}>
                <Typography.Text strong>{t('serviceAdmin.surveys.builder.intro')}</Typography.Text>
                <Input.TextArea
                  value={state.intro}
                  rows={3}
                  maxLength={2000}
                  disabled={!canEdit}
                  placeholder={t('serviceAdmin.surveys.builder.introPlaceholder')}
                  onChange={(e) => change({ type: 'setIntro', intro: e.target.value })}
                  data-testid="survey-intro"
                />
                {fieldError('intro')}
              </Flex>
            </Card>
            <Card
              variant="borderless"
              title={t('serviceAdmin.surveys.builder.questions')}
              extra={
                questionsLocked ? null : (
                  <Dropdown
                    menu={{
                      items: surveyQuestionTypes.map((type) => ({
                        key: type,
                        label: (
                          <span data-testid={`add-${type}`}>
                            {t(`serviceAdmin.enums.questionTypes.${type}`)}
                          </span>
                        ),
                      })),
                      onClick: ({ key }) => addQuestion(key as SurveyQuestionType),
                    }}
                  >
                    <Button icon={<PlusOutlined />} data-testid="question-add">
                      {t('serviceAdmin.surveys.builder.addQuestion')}
                    </Button>
                  </Dropdown>
                )
              }
            >
              {fieldError('questions')}
              {state.questions.length === 0 ? (
                <Empty
                  description={t('serviceAdmin.surveys.builder.noQuestions')}
                  data-testid="questions-empty"
                />
              ) : (
                <Flex vertical gap={12}>
                  {state.questions.map((q, i) => (
                    <Card
                      key={q.id}
                      size="small"
                      type="inner"
                      title={t('serviceAdmin.surveys.builder.q', { n: i + 1 })}
                      data-testid={`question-${i}`}
                      extra={
                        questionsLocked ? null : (
                          <Space size={0}>
                            <Tooltip title={t('serviceAdmin.surveys.builder.moveUp')}>
                              <Button
                                type="text"
                                icon={<ArrowUpOutlined />}
                                disabled={i === 0}
                                onClick={() => change({ type: 'move', index: i, by: -1 })}
                                aria-label={t('serviceAdmin.surveys.builder.moveUp')}
                                data-testid={`question-${i}-up`}
                              />
                            </Tooltip>
                            <Tooltip title={t('serviceAdmin.surveys.builder.moveDown')}>
                              <Button
                                type="text"
                                icon={<ArrowDownOutlined />}
                                disabled={i === state.questions.length - 1}
                                onClick={() => change({ type: 'move', index: i, by: 1 })}
                                aria-label={t('serviceAdmin.surveys.builder.moveDown')}
                                data-testid={`question-${i}-down`}
                              />
                            </Tooltip>
                            <Tooltip title={t('serviceAdmin.surveys.builder.remove')}>
                              <Button
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                onClick={() => change({ type: 'remove', index: i })}
                                aria-label={t('serviceAdmin.surveys.builder.remove')}
                                data-testid={`question-${i}-remove`}
                              />
                            </Tooltip>
                          </Space>
                        )
                      }
                    >
                      <Flex vertical gap={8}>
                        <Flex gap={8} wrap align="center">
                          <Select<SurveyQuestionType>
                            value={q.type}
                            disabled={questionsLocked}
                            style={{ width: 200 }}
                            onChange={(v) => change({ type: 'setType', index: i, questionType: v })}
                            options={surveyQuestionTypes.map((type) => ({
                              value: type,
                              label: t(`serviceAdmin.enums.questionTypes.${type}`),
                            }))}
                            aria-label={t('serviceAdmin.surveys.builder.type')}
                            data-testid={`question-${i}-type`}
                          />
                          <Space>
                            <Switch
                              size="small"
                              checked={q.required}
                              disabled={questionsLocked}
                              onChange={(v) => change({ type: 'setRequired', index: i, required: v })}
                              data-testid={`question-${i}-required`}
                            />
                            <Typography.Text>{t('serviceAdmin.surveys.builder.required')}</Typography.Text>
                          </Space>
                        </Flex>
                        <Input
                          value={q.label}
                          maxLength={300}
                          disabled={questionsLocked}
                          status={errorsAt(`questions.${i}.label`).length ? 'error' : undefined}
                          placeholder={t('serviceAdmin.surveys.builder.labelPlaceholder')}
                          onChange={(e) => change({ type: 'setLabel', index: i, label: e.target.value })}
                          aria-label={t('serviceAdmin.surveys.builder.label')}
                          data-testid={`question-${i}-label`}
                        />
                        {fieldError(`questions.${i}.label`)}
                        {fieldError(`questions.${i}.type`)}
                        {fieldError(`questions.${i}.id`)}
                        {isChoiceType(q.type) ? (
                          <Flex vertical gap={6} style={{ paddingInlineStart: 12 }}>
                            <Typography.Text type="secondary">
                              {t('serviceAdmin.surveys.builder.options')}
                            </Typography.Text>
                            {(q.options ?? []).map((o, j) => (
                              <Flex key={j} vertical gap={2}>
                                <Space.Compact style={{ width: '100%' }}>
                                  <Input
                                    value={o}
                                    maxLength={120}
                                    disabled={questionsLocked}
                                    status={
                                      errorsAt(`questions.${i}.options.${j}`).length ? 'error' : undefined
                                    }
                                    placeholder={t('serviceAdmin.surveys.builder.optionPlaceholder', {
                                      n: j + 1,
                                    })}
                                    onChange={(e) =>
                                      change({ type: 'setOption', index: i, option: j, text: e.target.value })
                                    }
                                    data-testid={`question-${i}-option-${j}`}
                                  />
                                  {questionsLocked ? null : (
                                    <>
                                      <Button
                                        icon={<ArrowUpOutlined />}
                                        disabled={j === 0}
                                        onClick={() =>
                                          change({ type: 'moveOption', index: i, option: j, by: -1 })
                                        }
                                        aria-label={t('serviceAdmin.surveys.builder.moveUp')}
                                      />
                                      <Button
                                        icon={<ArrowDownOutlined />}
                                        disabled={j === (q.options?.length ?? 0) - 1}
                                        onClick={() =>
                                          change({ type: 'moveOption', index: i, option: j, by: 1 })
                                        }
                                        aria-label={t('serviceAdmin.surveys.builder.moveDown')}
                                      />
                                      <Button
                                        icon={<DeleteOutlined />}
                                        onClick={() => change({ type: 'removeOption', index: i, option: j })}
                                        aria-label={t('serviceAdmin.surveys.builder.remove')}
                                        data-testid={`question-${i}-option-${j}-remove`}
                                      />
                                    </>
                                  )}
                                </Space.Compact>
                                {fieldError(`questions.${i}.options.${j}`)}
                              </Flex>
                            ))}
                            {fieldError(`questions.${i}.options`)}
                            {questionsLocked ? null : (
                              <Button
                                type="dashed"
                                size="small"
                                icon={<PlusOutlined />}
                                style={{ alignSelf: 'flex-start' }}
                                onClick={() => change({ type: 'addOption', index: i })}
                                data-testid={`question-${i}-option-add`}
                              >
                                {t('serviceAdmin.surveys.builder.addOption')}
                              </Button>
                            )}
                          </Flex>
                        ) : null}
                      </Flex>
                    </Card>
                  ))}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <SurveyPreview title={state.title} intro={state.intro} questions={state.questions} />
          </div>
        </Col>
      </Row>
    </div>
  );
}
