import { useMutation, useQueryClient } from '@tanstack/react-query';
import { orderChannels, orderLimits } from '@weixi/shared';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { type Order, type OrderChannel, orderKeys, ordersApi } from '../../api/orders';
import { errorText } from '../../lib/errors';
import { fenToYuanInput, yuanInputToFen } from './money';
import { CustomerPicker, ProductPicker } from './pickers';

interface FormValues {
  customerId: string | null;
  productId: string | null;
  orderedOn: Dayjs | null;
  quantity: number | null;
  amount: string;
  channel: OrderChannel;
  externalRef: string;
  notes: string;
}

/** Server field paths → form field names (the form takes yuan as `amount`, the API fen as `amountFen`). */
const fieldOf: Record<string, keyof FormValues> = {
  customerId: 'customerId',
  productId: 'productId',
  orderedOn: 'orderedOn',
  quantity: 'quantity',
  amountFen: 'amount',
  channel: 'channel',
  externalRef: 'externalRef',
  notes: 'notes',
};

/**
 * Record (order = null) or correct an order. From a customer's page the customer is fixed. Dates
 * after today cannot be picked: an order records a purchase that happened.
 */
export function OrderDrawer({
  open,
  order,
  customer,
  onClose,
}: {
  open: boolean;
  order: Order | null;
  customer?: { id: string; name: string } | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  // One key per opened form: a double click or a retry after a timeout records one order.
  const idempotencyKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!open) return;
    idempotencyKey.current = newIdempotencyKey();
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(
      order
        ? {
            customerId: order.customer.id,
            productId: order.product.id,
            orderedOn: dayjs(order.orderedOn),
            quantity: order.quantity,
            amount: fenToYuanInput(order.amountFen),
            channel: order.channel,
            externalRef: order.externalRef ?? '',
            notes: order.notes,
          }
        : {
            customerId: customer?.id ?? null,
            productId: null,
            orderedOn: dayjs(),
            quantity: 1,
            amount: '',
            channel: 'direct',
            externalRef: '',
            notes: '',
          },
    );
  }, [open, order, customer, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        customerId: v.customerId!,
        productId: v.productId!,
        orderedOn: v.orderedOn!.format('YYYY-MM-DD'),
        quantity: v.quantity!,
        amountFen: yuanInputToFen(v.amount)!,
        channel: v.channel,
        externalRef: v.externalRef.trim() || null,
        notes: v.notes.trim(),
      };
      return order
        ? ordersApi.update(order.id, order.version, body)
        : ordersApi.create(body, idempotencyKey.current);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.all });
      message.success(order ? t('loyalty.orders.saved') : t('loyalty.orders.created'));
      onClose();
    },
    onError: (err) => {
      if (isApiError(err) && err.fieldErrors.length) {
        const placed = err.fieldErrors.filter((e) => fieldOf[e.path]);
        form.setFields(
          placed.map((e) => {
            const key = `loyalty.form.errors.${e.path}_${e.code}`;
            const text = t(key as 'loyalty.form.errors.customerId_not_found');
            return { name: fieldOf[e.path]!, errors: [text === key ? e.message : text] };
          }),
        );
        if (placed.length === err.fieldErrors.length) return;
      }
      setProblem(errorText(t, err));
    },
  });

  const required = { required: true, message: t('validation.required') };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={order ? t('loyalty.form.editTitle') : t('loyalty.form.createTitle')}
      size={520}
      // Rendered while closed, so the form instance exists when the effect above fills it.
      forceRender
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="order-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
      data-testid="order-drawer"
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark>
        <Form.Item name="customerId" label={t('loyalty.form.customer')} rules={[required]}>
          <CustomerPicker
            known={order ? order.customer : (customer ?? null)}
            disabled={Boolean(customer)}
            placeholder={t('loyalty.form.customerPlaceholder')}
            testId="order-customer"
          />
        </Form.Item>
        <Form.Item name="productId" label={t('loyalty.form.product')} rules={[required]}>
          <ProductPicker
            known={order ? order.product : null}
            activeOnly
            placeholder={t('loyalty.form.productPlaceholder')}
            testId="order-product"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item
            name="orderedOn"
            label={t('loyalty.form.orderedOn')}
            rules={[required]}
            style={{ flex: 1 }}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs('1990-01-01'))}
              data-testid="order-date"
            />
          </Form.Item>
          <Form.Item
            name="quantity"
            label={t('loyalty.form.quantity')}
            rules={[required]}
            style={{ flex: 1 }}
          >
            <InputNumber
              min={0.001}
              max={orderLimits.quantityMax}
              precision={3}
              style={{ width: '100%' }}
              data-testid="order-quantity"
            />
          </Form.Item>
        </Flex>
        <Flex gap={16}>
          <Form.Item
            name="amount"
            label={t('loyalty.form.amount')}
            extra={t('loyalty.form.amountHint')}
            style={{ flex: 1 }}
            rules={[
              required,
              {
                validator: async (_r, v: string) => {
                  if (v && yuanInputToFen(v) === null) throw new Error(t('loyalty.form.invalidAmount'));
                },
              },
            ]}
          >
            <Input
              prefix="¥"
              placeholder={t('loyalty.form.amountPlaceholder')}
              inputMode="decimal"
              data-testid="order-amount"
            />
          </Form.Item>
          <Form.Item name="channel" label={t('loyalty.form.channel')} style={{ flex: 1 }}>
            <Select
              options={orderChannels.map((c) => ({ value: c, label: t(`loyalty.channels.${c}`) }))}
              data-testid="order-channel"
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="externalRef"
          label={t('loyalty.form.externalRef')}
          extra={t('loyalty.form.externalRefHint')}
        >
          <Input maxLength={orderLimits.externalRefMax} data-testid="order-external-ref" />
        </Form.Item>
        <Form.Item name="notes" label={t('loyalty.form.notes')}>
          <Input.TextArea rows={3} maxLength={orderLimits.notesMax} data-testid="order-notes" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
