import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { orderLimits } from '@weixi/shared';
import type { FormInstance } from 'antd';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Switch,
  Table,
  Tag,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { catalogApi, orderKeys, type Product, type ProductCategory } from '../../api/orders';
import { useCurrentUser } from '../../auth/current-user';
import { KeysetPager, useKeyset } from '../../components/KeysetPager';
import { ErrorResult } from '../../components/Results';
import { errorText } from '../../lib/errors';
import { fenToYuanInput, formatFen, yuanInputToFen } from './money';
import { loyaltyPermissions } from './permissions';

function useCatalogWriteError() {
  const { t } = useTranslation();
  return (err: unknown, form: FormInstance, texts: Record<string, string>) => {
    if (isApiError(err) && err.fieldErrors.length) {
      const fields = err.fieldErrors.map((e) => ({
        name: e.path === 'listPriceFen' ? 'listPrice' : e.path,
        errors: [texts[`${e.path}_${e.code}`] ?? e.message],
      }));
      form.setFields(fields);
      return null;
    }
    return errorText(t, err);
  };
}

function CategoryModal({
  category,
  open,
  onClose,
}: {
  category: ProductCategory | null;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; position: number; active: boolean }>();
  const [problem, setProblem] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const writeError = useCatalogWriteError();
  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setProblem(null);
    form.setFieldsValue(
      category
        ? { name: category.name, position: category.position, active: category.active }
        : { name: '', position: 0, active: true },
    );
  }, [open, category, form]);
  const save = useMutation({
    mutationFn: (v: { name: string; position: number; active: boolean }) =>
      category
        ? catalogApi.updateCategory(category.id, category.version, v)
        : catalogApi.createCategory(v, key.current),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.categories });
      void queryClient.invalidateQueries({ queryKey: orderKeys.productsAll });
      message.success(t('loyalty.catalog.saved'));
      onClose();
    },
    onError: (err) =>
      setProblem(writeError(err, form, { name_already_exists: t('loyalty.catalog.categoryForm.nameTaken') })),
  });
  return (
    <Modal
      open={open}
      title={
        category ? t('loyalty.catalog.categoryForm.editTitle') : t('loyalty.catalog.categoryForm.createTitle')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'category-save' } }}
      forceRender
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ ...v, name: v.name.trim() })}>
        <Form.Item
          name="name"
          label={t('loyalty.catalog.categoryForm.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={orderLimits.categoryNameMax} data-testid="category-name" />
        </Form.Item>
        <Form.Item name="position" label={t('loyalty.catalog.categoryForm.position')}>
          <InputNumber min={0} max={10000} precision={0} />
        </Form.Item>
        <Form.Item name="active" label={t('loyalty.catalog.categoryForm.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ProductValues {
  code: string;
  name: string;
  categoryId: string | null;
  unit: string;
  listPrice: string;
  active: boolean;
}

function ProductModal({
  product,
  categories,
  open,
  onClose,
}: {
  product: Product | null;
  categories: ProductCategory[];
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ProductValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const writeError = useCatalogWriteError();
  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setProblem(null);
    form.setFieldsValue(
      product
        ? {
            code: product.code,
            name: product.name,
            categoryId: product.category.id,
            unit: product.unit,
            listPrice: product.listPriceFen === null ? '' : fenToYuanInput(product.listPriceFen),
            active: product.active,
          }
        : { code: '', name: '', categoryId: null, unit: '', listPrice: '', active: true },
    );
  }, [open, product, form]);
  const save = useMutation({
    mutationFn: (v: ProductValues) => {
      const body = {
        code: v.code.trim(),
        name: v.name.trim(),
        categoryId: v.categoryId!,
        unit: v.unit.trim(),
        listPriceFen: v.listPrice.trim() ? yuanInputToFen(v.listPrice) : null,
        active: v.active,
      };
      return product
        ? catalogApi.updateProduct(product.id, product.version, body)
        : catalogApi.createProduct(body, key.current);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: orderKeys.productsAll });
      void queryClient.invalidateQueries({ queryKey: orderKeys.categories });
      message.success(t('loyalty.catalog.saved'));
      onClose();
    },
    onError: (err) =>
      setProblem(
        writeError(err, form, {
          code_already_exists: t('loyalty.catalog.productForm.codeTaken'),
          categoryId_inactive: t('loyalty.catalog.productForm.categoryInactive'),
        }),
      ),
  });
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <Modal
      open={open}
      title={
        product ? t('loyalty.catalog.productForm.editTitle') : t('loyalty.catalog.productForm.createTitle')
      }
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'product-save' } }}
      forceRender
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label={t('loyalty.catalog.productForm.code')}
          extra={t('loyalty.catalog.productForm.codeHint')}
          rules={[required, { pattern: /^\S+$/, message: t('validation.invalid') }]}
        >
          <Input maxLength={orderLimits.codeMax} data-testid="product-code" />
        </Form.Item>
        <Form.Item name="name" label={t('loyalty.catalog.productForm.name')} rules={[required]}>
          <Input maxLength={orderLimits.nameMax} data-testid="product-name" />
        </Form.Item>
        <Form.Item
          name="categoryId"
          label={t('loyalty.catalog.productForm.category')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Select
            options={categories
              .filter((c) => c.active || c.id === product?.category.id)
              .map((c) => ({ value: c.id, label: c.name }))}
            data-testid="product-category"
          />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="unit" label={t('loyalty.catalog.productForm.unit')} style={{ flex: 1 }}>
            <Input
              maxLength={orderLimits.unitMax}
              placeholder={t('loyalty.catalog.productForm.unitPlaceholder')}
              data-testid="product-unit"
            />
          </Form.Item>
          <Form.Item
            name="listPrice"
            label={t('loyalty.catalog.productForm.listPrice')}
            style={{ flex: 1 }}
            rules={[
              {
                validator: async (_r, v: string) => {
                  if (v?.trim() && yuanInputToFen(v) === null)
                    throw new Error(t('loyalty.form.invalidAmount'));
                },
              },
            ]}
          >
            <Input prefix="¥" inputMode="decimal" data-testid="product-price" />
          </Form.Item>
        </Flex>
        <Form.Item name="active" label={t('loyalty.catalog.productForm.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The 产品目录 tab: categories and products; administrators and finance edit, everyone reads. */
export function CatalogTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canEdit = loyaltyPermissions(me.role).manageCatalog;
  const keyset = useKeyset(20);
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState<string | undefined>(undefined);
  const [activeOnly, setActiveOnly] = useState(false);
  const [category, setCategory] = useState<ProductCategory | null | undefined>(undefined);
  const [product, setProduct] = useState<Product | null | undefined>(undefined);

  const categories = useQuery({
    queryKey: orderKeys.categories,
    queryFn: ({ signal }) => catalogApi.categories(signal),
  });
  const products = useQuery({
    queryKey: orderKeys.products(
      q.trim(),
      categoryId,
      activeOnly ? true : undefined,
      keyset.limit,
      keyset.cursor,
    ),
    queryFn: ({ signal }) =>
      catalogApi.products(
        q.trim(),
        categoryId,
        activeOnly ? true : undefined,
        keyset.limit,
        keyset.cursor,
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const cats = categories.data?.items ?? [];
  const status = (active: boolean) =>
    active ? (
      <Tag color="success">{t('loyalty.catalog.active')}</Tag>
    ) : (
      <Tag>{t('loyalty.catalog.inactive')}</Tag>
    );

  return (
    <Flex vertical gap={16} data-testid="catalog-tab">
      {canEdit ? null : <Alert type="info" showIcon title={t('loyalty.catalog.readOnly')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Card
            size="small"
            title={t('loyalty.catalog.categories')}
            extra={
              canEdit ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setCategory(null)}
                  data-testid="category-new"
                >
                  {t('loyalty.catalog.newCategory')}
                </Button>
              ) : null
            }
          >
            {categories.isError ? (
              <ErrorResult error={categories.error} onRetry={() => void categories.refetch()} />
            ) : (
              <Table<ProductCategory>
                rowKey="id"
                size="small"
                loading={categories.isPending}
                pagination={false}
                dataSource={cats}
                locale={{ emptyText: <Empty description={t('loyalty.catalog.categoryEmpty')} /> }}
                columns={[
                  { title: t('loyalty.catalog.columns.name'), dataIndex: 'name' },
                  {
                    title: t('loyalty.catalog.columns.products'),
                    dataIndex: 'productCount',
                    width: 70,
                    align: 'right',
                  },
                  {
                    title: t('loyalty.catalog.columns.status'),
                    dataIndex: 'active',
                    width: 80,
                    render: status,
                  },
                  ...(canEdit
                    ? [
                        {
                          key: 'edit',
                          width: 40,
                          render: (_: unknown, c: ProductCategory) => (
                            <Button
                              size="small"
                              type="text"
                              icon={<EditOutlined />}
                              aria-label={t('common.edit')}
                              onClick={() => setCategory(c)}
                            />
                          ),
                        },
                      ]
                    : []),
                ]}
                data-testid="category-table"
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card
            size="small"
            title={t('loyalty.catalog.products')}
            extra={
              canEdit ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setProduct(null)}
                  disabled={cats.length === 0}
                  data-testid="product-new"
                >
                  {t('loyalty.catalog.newProduct')}
                </Button>
              ) : null
            }
          >
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              <Input.Search
                allowClear
                placeholder={t('loyalty.catalog.search')}
                onSearch={(v) => {
                  setQ(v);
                  keyset.reset();
                }}
                style={{ width: 220 }}
                data-testid="product-search"
              />
              <Select
                allowClear
                placeholder={t('loyalty.catalog.allCategories')}
                value={categoryId ?? null}
                onChange={(v: string | null | undefined) => {
                  setCategoryId(v ?? undefined);
                  keyset.reset();
                }}
                options={cats.map((c) => ({ value: c.id, label: c.name }))}
                style={{ width: 160 }}
              />
              <Checkbox
                checked={activeOnly}
                onChange={(e) => {
                  setActiveOnly(e.target.checked);
                  keyset.reset();
                }}
              >
                {t('loyalty.catalog.activeOnly')}
              </Checkbox>
            </Flex>
            {products.isError ? (
              <ErrorResult error={products.error} onRetry={() => void products.refetch()} />
            ) : (
              <>
                <Table<Product>
                  rowKey="id"
                  size="small"
                  loading={products.isFetching}
                  pagination={false}
                  dataSource={products.data?.items ?? []}
                  locale={{ emptyText: <Empty description={t('loyalty.catalog.productEmpty')} /> }}
                  scroll={{ x: 640 }}
                  columns={[
                    { title: t('loyalty.catalog.columns.code'), dataIndex: 'code', width: 120 },
                    { title: t('loyalty.catalog.columns.name'), dataIndex: 'name' },
                    {
                      title: t('loyalty.catalog.columns.category'),
                      key: 'category',
                      width: 120,
                      render: (_, p) => p.category.name,
                    },
                    { title: t('loyalty.catalog.columns.unit'), dataIndex: 'unit', width: 70 },
                    {
                      title: t('loyalty.catalog.columns.listPrice'),
                      dataIndex: 'listPriceFen',
                      width: 120,
                      align: 'right',
                      render: (v: number | null) => (v === null ? '—' : formatFen(v)),
                    },
                    {
                      title: t('loyalty.catalog.columns.status'),
                      dataIndex: 'active',
                      width: 80,
                      render: status,
                    },
                    ...(canEdit
                      ? [
                          {
                            key: 'edit',
                            width: 40,
                            render: (_: unknown, p: Product) => (
                              <Button
                                size="small"
                                type="text"
                                icon={<EditOutlined />}
                                aria-label={t('common.edit')}
                                onClick={() => setProduct(p)}
                              />
                            ),
                          },
                        ]
                      : []),
                  ]}
                  data-testid="product-table"
                />
                <KeysetPager
                  keyset={keyset}
                  total={products.data?.total}
                  nextCursor={products.data?.nextCursor}
                  loading={products.isFetching}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
      {canEdit ? (
        <>
          <CategoryModal
            open={category !== undefined}
            category={category ?? null}
            onClose={() => setCategory(undefined)}
          />
          <ProductModal
            open={product !== undefined}
            product={product ?? null}
            categories={cats}
            onClose={() => setProduct(undefined)}
          />
        </>
      ) : null}
    </Flex>
  );
}
