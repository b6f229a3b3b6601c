import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createVisitRequestSchema,
  engagementLimits,
  updateVisitRequestSchema,
  visitMaterials,
} from '@weixi/shared';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  InputNumber,
  Row,
  Select,
  TimePicker,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { engagementKeys, type Visit, visitsApi } from '../../../api/engagement';
import { useCurrentUser } from '../../../auth/current-user';
import { StaffSelect } from '../../customers/form/StaffSelect';
import { CustomerPicker } from '../../loyalty/pickers';
import { checkWithSchema, engagementErrorText, type FormName, placeServerErrors } from '../form-errors';
import { engagementPermissions } from '../permissions';

interface Values {
  customerId: string | null;
  visitorId: string | null;
  plannedOn: Dayjs | null;
  plannedTime: Dayjs | null;
  stopOrder: number | null;
  purpose: string;
  objectives: string;
  materialKeys: string[];
  otherMaterials: string[];
}

const known = new Set<string>(visitMaterials);
const fieldNames = new Set([
  'customerId',
  'visitorId',
  'plannedOn',
  'plannedTime',
  'stopOrder',
  'purpose',
  'objectives',
  'otherMaterials',
]);
const isField = (name: FormName) => name.length === 1 && fieldNames.has(String(name[0]));
const aliases = { materials: 'otherMaterials' };
const collapse = ['otherMaterials'];

/** The plan's materials split into the standard checklist and what was written by hand. */
export function splitMaterials(materials: readonly string[]): { keys: string[]; others: string[] } {
  return {
    keys: materials.filter((m) => known.has(m)),
    others: materials.filter((m) => !known.has(m)),
  };
}

/**
 * 拜访计划: plan a visit (customer, day, time, stop order, purpose, objectives, what to bring) or
 * change a planned one. The checklist follows the handbook's 拜访工具 list; anything else is typed.
 */
export function VisitPlanDrawer({
  open,
  visit,
  defaultDay,
  defaultCustomer,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: a new plan. */
  visit: Visit | null;
  defaultDay: string;
  defaultCustomer?: { id: string; name: string } | undefined;
  onClose: () => void;
  onSaved?: (v: Visit) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = engagementPermissions(me.role);
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!open) return;
    idempotencyKey.current = newIdempotencyKey();
    setProblem(null);
    form.resetFields();
    const split = splitMaterials(visit?.materials ?? []);
    form.setFieldsValue(
      visit
        ? {
            customerId: visit.customer.id,
            visitorId: visit.visitor.id,
            plannedOn: dayjs(visit.plannedOn),
            plannedTime: visit.plannedTime ? dayjs(`2000-01-01T${visit.plannedTime}`) : null,
            stopOrder: visit.stopOrder,
            purpose: visit.purpose,
            objectives: visit.objectives,
            materialKeys: split.keys,
            otherMaterials: split.others,
          }
        : {
            customerId: defaultCustomer?.id ?? null,
            visitorId: me.id,
            plannedOn: dayjs(defaultDay),
            plannedTime: null,
            stopOrder: null,
            purpose: '',
            objectives: '',
            materialKeys: ['brochure', 'business_card'],
            otherMaterials: [],
          },
    );
  }, [open, visit, defaultDay, defaultCustomer, me.id, form]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      visit
        ? visitsApi.update(visit.id, body as Record<string, unknown> & { version: number })
        : visitsApi.plan(body as Parameters<typeof visitsApi.plan>[0], idempotencyKey.current),
    onSuccess: (v) => {
      void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
      queryClient.setQueryData(engagementKeys.visit(v.id), v);
      message.success(
        visit
          ? t('engagement.visits.saved')
          : t('engagement.visits.planned', { name: v.customer.name, date: v.plannedOn }),
      );
      onSaved?.(v);
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'version_conflict') {
        setProblem(t('errors.versionConflict'));
        void queryClient.invalidateQueries({ queryKey: engagementKeys.all });
        return;
      }
      if (isApiError(err) && placeServerErrors(t, form, err, { isField, aliases, collapse })) return;
      setProblem(engagementErrorText(t, err));
    },
  });

  const submit = (v: Values) => {
    setProblem(null);
    const common = {
      plannedOn: v.plannedOn ? v.plannedOn.format('YYYY-MM-DD') : undefined,
      plannedTime: v.plannedTime ? v.plannedTime.format('HH:mm') : null,
      stopOrder: v.stopOrder ?? null,
      purpose: v.purpose,
      objectives: v.objectives,
      materials: [...v.materialKeys, ...v.otherMaterials.map((m) => m.trim()).filter(Boolean)],
    };
    if (visit) {
      const body = { ...common, version: visit.version };
      if (checkWithSchema(t, form, updateVisitRequestSchema, body, { aliases, collapse })) save.mutate(body);
      return;
    }
    const body = {
      ...common,
      customerId: v.customerId ?? undefined,
      ...(v.visitorId && v.visitorId !== me.id ? { visitorId: v.visitorId } : {}),
    };
    if (checkWithSchema(t, form, createVisitRequestSchema, body, { aliases, collapse })) save.mutate(body);
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={visit ? t('engagement.visits.editTitle') : t('engagement.visits.planTitle')}
      size={screens.md ? 560 : '100%'}
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="visit-plan-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="visit-plan-drawer"
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark>
        <Form.Item
          name="customerId"
          label={t('engagement.visits.fields.customer')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <CustomerPicker
            known={visit ? visit.customer : (defaultCustomer ?? null)}
            disabled={Boolean(visit) || Boolean(defaultCustomer)}
            placeholder={t('engagement.quickLog.customerPlaceholder')}
            testId="visit-plan-customer"
          />
        </Form.Item>
        {can.planForOthers && !visit ? (
          <Form.Item
            name="visitorId"
            label={t('engagement.visits.fields.visitor')}
            extra={t('engagement.visits.fields.visitorHint')}
          >
            <StaffSelect known={[{ id: me.id, name: me.name }]} testId="visit-plan-visitor" />
          </Form.Item>
        ) : null}
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="plannedOn"
              label={t('engagement.visits.fields.plannedOn')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                data-testid="visit-plan-date"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="plannedTime" label={t('engagement.visits.fields.plannedTime')}>
              <TimePicker
                format="HH:mm"
                minuteStep={5}
                style={{ width: '100%' }}
                data-testid="visit-plan-time"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="stopOrder" label={t('engagement.visits.fields.stopOrder')}>
              <InputNumber
                min={1}
                max={99}
                precision={0}
                style={{ width: '100%' }}
                data-testid="visit-plan-stop"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="purpose"
          label={t('engagement.visits.fields.purpose')}
          required
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input
            maxLength={engagementLimits.purposeMax}
            placeholder={t('engagement.visits.fields.purposePlaceholder')}
            data-testid="visit-plan-purpose"
          />
        </Form.Item>
        <Form.Item name="objectives" label={t('engagement.visits.fields.objectives')}>
          <Input.TextArea
            rows={3}
            maxLength={engagementLimits.objectivesMax}
            placeholder={t('engagement.visits.fields.objectivesPlaceholder')}
            data-testid="visit-plan-objectives"
          />
        </Form.Item>
        <Form.Item name="materialKeys" label={t('engagement.visits.fields.materials')}>
          <Checkbox.Group
            options={visitMaterials.map((m) => ({ value: m, label: t(`engagement.materials.${m}`) }))}
            data-testid="visit-plan-materials"
          />
        </Form.Item>
        <Form.Item name="otherMaterials" label={t('engagement.visits.fields.otherMaterials')}>
          <Select
            mode="tags"
            open={false}
            suffixIcon={null}
            placeholder={t('engagement.visits.fields.otherMaterialsPlaceholder')}
            data-testid="visit-plan-other-materials"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
