import {
  type CreateOrderRequest,
  type CreateProductCategoryRequest,
  type CreateProductRequest,
  customerOrderPageSchema,
  customerPageSchema,
  type Order,
  type OrderChannel,
  type OrderImportJob,
  type OrderImportUploadResponse,
  type OrderSort,
  orderImportJobSchema,
  orderImportUploadResponseSchema,
  orderPageSchema,
  orderSchema,
  type Product,
  type ProductCategory,
  problemSchema,
  productCategoryListSchema,
  productCategorySchema,
  productPageSchema,
  productSchema,
  type StartOrderImportRequest,
  type UpdateOrderRequest,
  type UpdateProductCategoryRequest,
  type UpdateProductRequest,
} from '@weixi/shared';
import { ApiError, api, problemExtensions } from './client';

export type {
  Order,
  OrderChannel,
  OrderImportJob,
  OrderImportUploadResponse,
  OrderSort,
  Product,
  ProductCategory,
};
export type OrderPage = ReturnType<typeof orderPageSchema.parse>;
export type CustomerOrderPage = ReturnType<typeof customerOrderPageSchema.parse>;

/** The orders list's filters as GET /orders takes them. */
export interface OrderFilters {
  customerId?: string | undefined;
  productId?: string | undefined;
  categoryId?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  ownerId?: string | undefined;
}

/** Query keys; every key starts with its family so a write can invalidate all of it. */
export const orderKeys = {
  all: ['orders'] as const,
  list: (filters: OrderFilters, sort: OrderSort, limit: number, cursor: string | undefined) =>
    ['orders', 'list', filters, sort, limit, cursor ?? null] as const,
  customer: (id: string, limit: number, cursor: string | undefined) =>
    ['orders', 'customer', id, limit, cursor ?? null] as const,
  categories: ['product-categories'] as const,
  products: (
    q: string,
    categoryId: string | undefined,
    active: boolean | undefined,
    limit: number,
    cursor?: string,
  ) => ['products', q, categoryId ?? null, active ?? null, limit, cursor ?? null] as const,
  productsAll: ['products'] as const,
  customerSearch: (q: string) => ['customers', 'order-picker', q] as const,
  importJob: (id: string) => ['order-imports', id] as const,
};

const withSignal = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

export const ordersApi = {
  list: (
    filters: OrderFilters,
    sort: OrderSort,
    limit: number,
    cursor: string | undefined,
    signal?: AbortSignal,
  ) =>
    api.get('/orders', {
      // Totals cost a scan of every match: asked for on the first page only, then kept.
      query: { ...filters, sort, limit, cursor, totals: cursor ? undefined : 'true' },
      schema: orderPageSchema,
      ...withSignal(signal),
    }),
  ofCustomer: (id: string, limit: number, cursor: string | undefined, signal?: AbortSignal) =>
    api.get(`/customers/${id}/orders`, {
      query: { limit, cursor },
      schema: customerOrderPageSchema,
      ...withSignal(signal),
    }),
  create: (body: CreateOrderRequest, idempotencyKey: string) =>
    api.post('/orders', { body, idempotencyKey, schema: orderSchema }),
  update: (id: string, version: number, body: UpdateOrderRequest) =>
    api.patch(`/orders/${id}`, { body, version, schema: orderSchema }),
  remove: (id: string, version: number) => api.delete(`/orders/${id}`, { version }),
  /** Customers the user may read, for the order form's picker. */
  searchCustomers: (q: string, signal?: AbortSignal) =>
    api.get('/customers', {
      query: { q: q || undefined, limit: 20, status: 'all' },
      schema: customerPageSchema,
      ...withSignal(signal),
    }),
};

export const catalogApi = {
  categories: (signal?: AbortSignal) =>
    api.get('/product-categories', { schema: productCategoryListSchema, ...withSignal(signal) }),
  createCategory: (body: CreateProductCategoryRequest, idempotencyKey: string) =>
    api.post('/product-categories', { body, idempotencyKey, schema: productCategorySchema }),
  updateCategory: (id: string, version: number, body: UpdateProductCategoryRequest) =>
    api.patch(`/product-categories/${id}`, { body, version, schema: productCategorySchema }),
  products: (
    q: string,
    categoryId: string | undefined,
    active: boolean | undefined,
    limit: number,
    cursor?: string,
    signal?: AbortSignal,
  ) =>
    api.get('/products', {
      query: {
        q: q || undefined,
        categoryId,
        active: active === undefined ? undefined : String(active),
        limit,
        cursor,
      },
      schema: productPageSchema,
      ...withSignal(signal),
    }),
  createProduct: (body: CreateProductRequest, idempotencyKey: string) =>
    api.post('/products', { body, idempotencyKey, schema: productSchema }),
  updateProduct: (id: string, version: number, body: UpdateProductRequest) =>
    api.patch(`/products/${id}`, { body, version, schema: productSchema }),
};

function problemOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body: unknown = JSON.parse(xhr.responseText);
    const parsed = problemSchema.safeParse(body);
    if (parsed.success) return new ApiError(xhr.status, parsed.data, problemExtensions(body));
  } catch {
    // Not JSON (a proxy's error page, or the connection dropped): the status says what we know.
  }
  if (xhr.status === 0)
    return new ApiError(0, { code: 'network_error', detail: xhr.statusText || 'network error' });
  return new ApiError(xhr.status, {
    code: xhr.status === 413 ? 'payload_too_large' : xhr.status >= 500 ? 'internal' : 'bad_request',
    detail: `${xhr.status} ${xhr.statusText}`,
  });
}

/** Uploads with XMLHttpRequest for its upload progress, like the customer import. */
function uploadOrders(
  file: File,
  csrfToken: string | null,
  onProgress: (percent: number) => void,
): Promise<OrderImportUploadResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/order-imports');
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status !== 201) return reject(problemOf(xhr));
      try {
        resolve(orderImportUploadResponseSchema.parse(JSON.parse(xhr.responseText)));
      } catch (err) {
        reject(err);
      }
    };
    xhr.onerror = () => reject(problemOf(xhr));
    const body = new FormData();
    body.append('file', file, file.name);
    xhr.send(body);
  });
}

export const orderImportsApi = {
  upload: uploadOrders,
  get: (id: string) => api.get(`/order-imports/${id}`, { schema: orderImportJobSchema }),
  start: (id: string, body: StartOrderImportRequest) =>
    api.post(`/order-imports/${id}/start`, { body, schema: orderImportJobSchema }),
  rejectionsUrl: (id: string) => `/api/v1/order-imports/${id}/rejections.csv`,
};
