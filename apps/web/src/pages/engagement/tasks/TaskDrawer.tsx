import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createTaskRequestSchema, engagementLimits, updateTaskRequestSchema } from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Descriptions,
  Divider,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { engagementKeys, type Task, tasksApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { StaffSelect } from '../../customers/form/StaffSelect';
import { CustomerPicker } from '../../loyalty/pickers';
import { checkWithSchema, engagementErrorText, type FormName, placeServerErrors } from '../form-errors';
import { engagementPermissions } from '../permissions';
import { ReasonModal } from '../ReasonModal';
import { taskStatusColors, useEngagementLabels } from '../use-labels';

interface Values {
  title: string;
  description: string;
  customerId: string | null;
  ownerId: string | null;
  dueOn: Dayjs | null;
}

const fieldNames = new Set(['title', 'description', 'customerId', 'ownerId', 'dueOn']);
const isField = (name: FormName) => name.length === 1 && fieldNames.has(String(name[0]));

/** The link to where a task came from: the visit its commitment was made on. */
export function TaskSource({ task }: { task: Task }) {
  const labels = useEngagementLabels();
  const text = labels.label('taskSources', task.source);
  if (task.source === 'visit' && task.sourceId)
    return <Link to={`/engagement/visits/${task.sourceId}`}>{text}</Link>;
  return <span>{text}</span>;
}

/**
 * A task: create one, or read, change, complete, reopen or cancel it. Only open tasks are edited;
 * a done one is reopened first, so "what was promised" and "what was done" stay apart.
 */
export function TaskDrawer({
  open,
  task,
  defaultCustomer,
  onClose,
}: {
  open: boolean;
  /** null: a new task. */
  task: Task | null;
  defaultCustomer?: { id: string; name: string } | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const labels = useEngagementLabels();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const editable = task === null || task.status === 'open';

  useEffect(() => {
    if (!open) return;
    idempotencyKey.current = newIdempotencyKey();
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      task
        ? {
            title: task.title,
            description: task.description,
            customerId: task.customer?.id ?? null,
            ownerId: task.owner.id,
            dueOn: dayjs(task.dueOn),
          }
        : {
            title: '',
            description: '',
            customerId: defaultCustomer?.id ?? null,
            ownerId: me.id,
            dueOn: dayjs().add(3, 'day'),
          },
    );
  }, [open, task, defaultCustomer, me.id, form]);

  const done = (saved: Task, text: string) => {
    queryClient.setQueryData(engagementKeys.task(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
    message.success(text);
  };
  const onWriteError = (err: unknown) => {
    if (isApiError(err) && err.code === 'version_conflict') {
      setProblem(t('errors.versionConflict'));
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      return;
    }
    if (isApiError(err) && placeServerErrors(t, form, err, { isField })) return;
    setProblem(engagementErrorText(t, err));
  };

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      task
        ? tasksApi.update(task.id, body as Parameters<typeof tasksApi.update>[1])
        : tasksApi.create(body as Parameters<typeof tasksApi.create>[0], idempotencyKey.current),
    onSuccess: (saved) => {
      done(saved, task ? t('engagement.tasks.saved') : t('engagement.tasks.created', { title: saved.title }));
      onClose();
    },
    onError: onWriteError,
  });
  const complete = useMutation({
    mutationFn: (x: Task) => tasksApi.complete(x),
    onSuccess: (saved) => {
      done(saved, t('engagement.tasks.completed', { title: saved.title }));
      onClose();
    },
    onError: onWriteError,
  });
  const reopen = useMutation({
    mutationFn: (x: Task) => tasksApi.reopen(x),
    onSuccess: (saved) => done(saved, t('engagement.tasks.reopened', { title: saved.title })),
    onError: onWriteError,
  });
  const cancel = useMutation({
    mutationFn: ({ x, reason }: { x: Task; reason: string }) => tasksApi.cancel(x, reason),
    onSuccess: (saved) => {
      setCancelling(false);
      done(saved, t('engagement.tasks.cancelled', { title: saved.title }));
      onClose();
    },
    onError: (err) => {
      setCancelling(false);
      onWriteError(err);
    },
  });

  const submit = (v: Values) => {
    setProblem(null);
    const dueOn = v.dueOn ? v.dueOn.format('YYYY-MM-DD') : undefined;
    if (task) {
      const body: Record<string, unknown> = { version: task.version };
      if (v.title !== task.title) body.title = v.title;
      if (v.description !== task.description) body.description = v.description;
      if (dueOn !== task.dueOn) body.dueOn = dueOn;
      if (v.ownerId && v.ownerId !== task.owner.id) body.ownerId = v.ownerId;
      if (checkWithSchema(t, form, updateTaskRequestSchema, body)) save.mutate(body);
      return;
    }
    const body = {
      title: v.title,
      description: v.description,
      customerId: v.customerId ?? null,
      dueOn,
      ...(v.ownerId && v.ownerId !== me.id ? { ownerId: v.ownerId } : {}),
    };
    if (checkWithSchema(t, form, createTaskRequestSchema, body)) save.mutate(body);
  };

  const busy = save.isPending || complete.isPending || reopen.isPending || cancel.isPending;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={task ? task.title : t('engagement.tasks.createTitle')}
      size={screens.md ? 520 : '100%'}
      forceRender
      extra={
        editable ? (
          <Flex gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => form.submit()}
              data-testid="task-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        ) : null
      }
      data-testid="task-drawer"
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      {task ? (
        <>
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Tag color={taskStatusColors[task.status]} data-testid="task-status">
              {labels.label('taskStatuses', task.status)}
            </Tag>
            {task.overdue ? <Tag color="red">{t('engagement.tasks.overdue')}</Tag> : null}
          </Flex>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'source',
                label: t('engagement.tasks.columns.source'),
                children: <TaskSource task={task} />,
              },
              {
                key: 'created',
                label: t('engagement.tasks.createdLine'),
                children: `${dayjs(task.createdAt).format('YYYY-MM-DD HH:mm')}${
                  task.createdBy ? ` · ${task.createdBy.name}` : ''
                }`,
              },
              ...(task.completedAt
                ? [
                    {
                      key: 'completed',
                      label: t('engagement.tasks.completedLine'),
                      children: `${dayjs(task.completedAt).format('YYYY-MM-DD HH:mm')}${
                        task.completedBy ? ` · ${task.completedBy.name}` : ''
                      }${task.completionNote ? ` · ${task.completionNote}` : ''}`,
                    },
                  ]
                : []),
              ...(task.customer
                ? [
                    {
                      key: 'customer',
                      label: t('engagement.tasks.columns.customer'),
                      children: <Link to={`/customers/${task.customer.id}`}>{task.customer.name}</Link>,
                    },
                  ]
                : []),
            ]}
          />
          <Flex gap={8} wrap style={{ margin: '12px 0' }}>
            {task.status === 'open' ? (
              <>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={complete.isPending}
                  disabled={busy}
                  onClick={() => complete.mutate(task)}
                  data-testid="task-complete"
                >
                  {t('engagement.tasks.complete')}
                </Button>
                <Button
                  danger
                  icon={<StopOutlined />}
                  disabled={busy}
                  onClick={() => setCancelling(true)}
                  data-testid="task-cancel"
                >
                  {t('engagement.tasks.cancel')}
                </Button>
              </>
            ) : (
              <Button
                icon={<RollbackOutlined />}
                loading={reopen.isPending}
                disabled={busy}
                onClick={() => reopen.mutate(task)}
                data-testid="task-reopen"
              >
                {t('engagement.tasks.reopen')}
              </Button>
            )}
          </Flex>
          <Divider style={{ margin: '8px 0 16px' }} />
        </>
      ) : null}
      <div style={editable ? undefined : { display: 'none' }}>
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
          <Form.Item
            name="title"
            label={t('engagement.tasks.fields.title')}
            required
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={engagementLimits.taskTitleMax} data-testid="task-title" />
          </Form.Item>
          <Form.Item name="description" label={t('engagement.tasks.fields.description')}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={engagementLimits.taskDescriptionMax}
              data-testid="task-description"
            />
          </Form.Item>
          {task ? null : (
            <Form.Item name="customerId" label={t('engagement.tasks.fields.customer')}>
              <CustomerPicker
                known={defaultCustomer ?? null}
                disabled={Boolean(defaultCustomer)}
                allowClear
                placeholder={t('engagement.tasks.fields.customerPlaceholder')}
                testId="task-customer"
              />
            </Form.Item>
          )}
          {can.assignTasks ? (
            <Form.Item
              name="ownerId"
              label={t('engagement.tasks.fields.owner')}
              extra={t('engagement.tasks.fields.ownerHint')}
            >
              <StaffSelect
                known={[{ id: me.id, name: me.name }, ...(task ? [task.owner] : [])]}
                testId="task-owner"
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="dueOn"
            label={t('engagement.tasks.fields.dueOn')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day')}
              data-testid="task-due"
            />
          </Form.Item>
        </Form>
      </div>
      {!editable && task?.description ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{task.description}</Typography.Paragraph>
      ) : null}
      {task ? (
        <ReasonModal
          open={cancelling}
          title={t('engagement.tasks.cancelTitle', { title: task.title })}
          body={t('engagement.tasks.cancelBody')}
          okText={t('engagement.tasks.cancel')}
          pending={cancel.isPending}
          onSubmit={(reason) => cancel.mutate({ x: task, reason })}
          onClose={() => setCancelling(false)}
          testId="task-cancel"
        />
      ) : null}
    </Drawer>
  );
}
