import {
  CloudUploadOutlined,
  DownOutlined,
  FilterOutlined,
  MergeCellsOutlined,
  PlusOutlined,
  ReloadOutlined,
  UpOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Role } from '@weixi/shared';
import {
  App,
  Badge,
  Button,
  Card,
  Drawer,
  Empty,
  Flex,
  Grid,
  Select,
  Table,
  type TableProps,
  Tooltip,
  Typography,
} from 'antd';
import { type HTMLAttributes, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client';
import {
  type Customer,
  type CustomerListParams,
  type CustomerSort,
  customerKeys,
  customerListQuery,
  customersApi,
  type RegionNode,
  type SavedView,
  type StaffMember,
} from '../../api/customers';
import { useCurrentUser } from '../../auth/current-user';
import { ColumnChooser } from '../../components/ColumnChooser';
import { KeysetPager } from '../../components/KeysetPager';
import { PageHeader } from '../../components/PageHeader';
import { ErrorResult } from '../../components/Results';
import { useLocale } from '../../i18n/LocaleProvider';
import { buildDepartmentTree, toTreeSelect, useAllDepartments } from '../../lib/departments';
import { TransferButton, type TransferTarget } from '../ownership/TransferDialog';
import { buildColumns, columnOptions, defaultColumns } from './list/columns';
import { SearchBox } from './list/controls';
import { ExportMenu } from './list/ExportMenu';
import { FilterChips } from './list/FilterChips';
import { FilterPanel } from './list/FilterPanel';
import {
  useColumnChoice,
  useCustomerListState,
  useCustomerSettings,
  useCustomFieldDefinitions,
  useQueryKeyset,
  useRegions,
  useSavedViews,
} from './list/hooks';
import {
  activeFilterCount,
  effectiveSort,
  isSearchable,
  type ListState,
  type ViewQuery,
  withFilter,
  withoutFilters,
} from './list/list-state';
import { ViewsMenu } from './list/ViewsMenu';

// Mirrors customers.policy.ts on the server, which refuses these anyway; buttons a role cannot use
// are not offered.
const managers: readonly Role[] = ['admin', 'executive', 'department_manager'];
const writers: readonly Role[] = [...managers, 'account_manager', 'service_agent'];
const importers: readonly Role[] = [...managers, 'account_manager'];

const sortChoices: CustomerSort[] = ['name', '-name', '-createdAt', 'createdAt', '-updatedAt', 'updatedAt'];
const primaryFilterKeys = ['ownerId', 'grade', 'category', 'lifecycle'] as const;

function flattenRegions(nodes: readonly RegionNode[], into = new Map<string, string>()) {
  for (const n of nodes) {
    into.set(n.code, n.name);
    if (n.children) flattenRegions(n.children, into);
  }
  return into;
}

export default function CustomerListPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale } = useLocale();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isMobile = screens.md === false;

  const { state, setState } = useCustomerListState();
  const params: CustomerListParams = useMemo(
    () => ({ filters: state.filters, sort: state.sort }),
    [state.filters, state.sort],
  );
  const keyset = useQueryKeyset(JSON.stringify(customerListQuery(params)), 'weixi.customers.pageSize');
  const [columns, setColumns] = useColumnChoice('weixi.customers.columns', defaultColumns);
  const [expanded, setExpanded] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pickedOwners, setPickedOwners] = useState<ReadonlyMap<string, string>>(new Map());
  // Rows ticked for a transfer (managers; the ownership module's dialog).
  const [transferPicks, setTransferPicks] = useState<TransferTarget[]>([]);

  const settings = useCustomerSettings();
  const customFields = useCustomFieldDefinitions();
  const views = useSavedViews();
  const departments = useAllDepartments();
  // The division tree is large; it loads only once someone looks at or filters by region.
  const regionsWanted = expanded || drawerOpen || Boolean(state.filters.provinceCode);
  const regions = useRegions(regionsWanted);

  const searchable = isSearchable(state.filters.q);
  const list = useQuery({
    queryKey: customerKeys.list(params, keyset.limit, keyset.cursor),
    // The signal aborts the request when the query is superseded (the next keystroke), so a slow
    // answer to an old term can never overwrite the answer to the current one.
    queryFn: ({ signal }) => customersApi.list(params, keyset.limit, keyset.cursor, signal),
    placeholderData: keepPreviousData,
    enabled: searchable,
  });

  const verifyAfterDays = settings.data?.verifyAfterDays ?? 180;
  const fieldDefs = customFields.data?.items ?? [];
  const departmentTree = useMemo(
    () => toTreeSelect(buildDepartmentTree(departments.data?.items ?? [])),
    [departments.data],
  );
  const regionNames = useMemo(() => flattenRegions(regions.data ?? []), [regions.data]);
  const ownerNames = useMemo(() => {
    const names = new Map(pickedOwners);
    for (const c of list.data?.items ?? []) if (c.owner) names.set(c.owner.id, c.owner.name);
    return names;
  }, [pickedOwners, list.data]);

  const q = state.filters.q;
  const sort = effectiveSort(state);
  const filterCount = activeFilterCount(state.filters);
  const hiddenActive = filterCount - primaryFilterKeys.filter((k) => state.filters[k] !== undefined).length;

  const change = (next: ListState) => setState(next);
  const onSearch = (term: string | undefined) => {
    // Starting a search ranks by relevance; refining one rewrites the history entry instead of
    // adding one per keystroke, so Back leaves the search rather than undoing a letter.
    const starting = !q && term;
    const next = withFilter(starting ? { ...state, sort: undefined } : state, 'q', term);
    setState(next, { replace: Boolean(q) && Boolean(term) });
  };
  const setSort = (next: CustomerSort | undefined) => setState({ ...state, sort: next });

  const applyView = (view: SavedView, query: ViewQuery) => {
    setState({ filters: query.filters, sort: query.sort, viewId: view.id });
    if (query.columns.length > 0) setColumns(query.columns);
    message.success(t('customers.views.appliedMsg', { name: view.name }));
  };
  const resetList = () => {
    setState({ filters: {} });
    setColumns(defaultColumns);
  };

  const options = columnOptions(t, locale, fieldDefs);
  const known = new Set(options.map((o) => o.value));
  const tableColumns = buildColumns({
    t,
    locale,
    q,
    sort,
    verifyAfterDays,
    now: new Date(),
    customFields: fieldDefs,
    visible: columns,
    compact: isMobile,
    canUnmask: writers.includes(me.role),
  });

  const onTableChange: TableProps<Customer>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field =
      s?.columnKey === 'name' || s?.columnKey === 'createdAt' || s?.columnKey === 'updatedAt'
        ? s.columnKey
        : null;
    if (!field || !s?.order) return setSort(undefined);
    setSort(s.order === 'ascend' ? field : `-${field}`);
  };

  // The server refuses a term it cannot search for; such a term is not sent (see isSearchable), and
  // should the server's rule be stricter than ours, its 400 on `q` shows the same hint.
  const badSearch =
    !searchable ||
    (isApiError(list.error) && list.error.fieldErrors.some((e) => e.path === 'query.q' || e.path === 'q'));
  const total = list.data?.total;
  const capped = list.data?.totalCapped ?? false;
  const summary =
    total === undefined
      ? null
      : q
        ? t(capped ? 'customers.list.searchTotalCapped' : 'customers.list.searchTotal', { q, count: total })
        : t(capped ? 'customers.list.totalCapped' : 'customers.list.total', { count: total });

  const nothingYet = !q && filterCount === 0;
  const emptyState: ReactNode = list.isPending ? (
    <span />
  ) : nothingYet ? (
    <Empty
      image={Empty.PRESENTED_IMAGE_DEFAULT}
      description={
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('customers.list.empty.noneTitle')}</Typography.Text>
          <Typography.Text type="secondary">{t('customers.list.empty.noneBody')}</Typography.Text>
        </Flex>
      }
      data-testid="customer-empty-none"
    >
      <Flex gap={8} justify="center" wrap>
        {writers.includes(me.role) ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/customers/new')}>
            {t('customers.list.new')}
          </Button>
        ) : null}
        {importers.includes(me.role) ? (
          <Button icon={<CloudUploadOutlined />} onClick={() => navigate('/customers/import')}>
            {t('customers.list.import')}
          </Button>
        ) : null}
      </Flex>
    </Empty>
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('customers.list.empty.noMatchTitle')}</Typography.Text>
          <Typography.Text type="secondary">{t('customers.list.empty.noMatchBody')}</Typography.Text>
        </Flex>
      }
      data-testid="customer-empty-nomatch"
    >
      <Flex gap={8} justify="center" wrap>
        {filterCount > 0 ? (
          <Button onClick={() => change(withoutFilters(state))} data-testid="customer-empty-clear">
            {t('customers.list.empty.clearFilters')}
          </Button>
        ) : null}
        {q ? (
          <Button onClick={() => change(withFilter(state, 'q', undefined))}>
            {t('customers.list.empty.clearSearch')}
          </Button>
        ) : null}
      </Flex>
    </Empty>
  );

  const filterRefs = {
    departmentTree,
    regions: regions.data ?? [],
    customFields: fieldDefs,
    verifyAfterDays,
    ownerNames,
    onOwnerPicked: (m: StaffMember) => setPickedOwners((prev) => new Map(prev).set(m.id, m.name)),
  };

  return (
    <>
      <PageHeader
        title={<span data-testid="page-title">{t('customers.title')}</span>}
        subtitle={isMobile ? undefined : t('customers.list.subtitle')}
        extra={
          <>
            {writers.includes(me.role) ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => navigate('/customers/new')}
                data-testid="customer-new"
              >
                {t('customers.list.new')}
              </Button>
            ) : null}
            {importers.includes(me.role) ? (
              <Button
                icon={<CloudUploadOutlined />}
                onClick={() => navigate('/customers/import')}
                data-testid="customer-import"
              >
                {t('customers.list.import')}
              </Button>
            ) : null}
            {managers.includes(me.role) ? (
              <Button
                icon={<MergeCellsOutlined />}
                onClick={() => navigate('/customers/duplicates')}
                data-testid="customer-duplicates"
              >
                {t('customers.list.duplicates')}
              </Button>
            ) : null}
            {managers.includes(me.role) ? (
              <TransferButton
                customers={transferPicks}
                onDone={() => setTransferPicks([])}
                testId="customer-transfer"
              />
            ) : null}
          </>
        }
      />
      <Card variant="borderless">
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <SearchBox
            value={q}
            onChange={onSearch}
            loading={list.isFetching && Boolean(q)}
            style={{ flex: '1 1 260px', maxWidth: isMobile ? undefined : 460 }}
          />
          {isMobile ? (
            <Badge count={filterCount} size="small">
              <Button
                icon={<FilterOutlined />}
                onClick={() => setDrawerOpen(true)}
                data-testid="filters-open"
              >
                {t('customers.filters.open')}
              </Button>
            </Badge>
          ) : null}
          <ViewsMenu
            views={views.data?.items ?? []}
            state={state}
            columns={columns}
            onApply={applyView}
            onReset={resetList}
            onSaved={(view) => setState({ ...state, viewId: view.id }, { replace: true })}
            onDetach={() => setState({ ...state, viewId: undefined }, { replace: true })}
          />
          <Flex gap={8} wrap style={{ marginLeft: 'auto' }}>
            <Select<CustomerSort>
              value={sort}
              onChange={setSort}
              aria-label={t('customers.list.sort')}
              prefix={isMobile ? undefined : t('customers.list.sortPrefix')}
              options={[...(q ? (['relevance'] as const) : []), ...sortChoices].map((s) => ({
                value: s,
                label: t(`customers.list.sorts.${s}`),
              }))}
              popupMatchSelectWidth={false}
              style={{ minWidth: isMobile ? 120 : 150 }}
              data-testid="customer-sort"
            />
            <Tooltip title={t('customers.list.refresh')}>
              <Button
                icon={<ReloadOutlined />}
                aria-label={t('customers.list.refresh')}
                onClick={() => void list.refetch()}
                loading={list.isFetching && !list.isPending && !q}
              />
            </Tooltip>
            <ColumnChooser<string>
              options={options}
              value={columns.filter((k) => known.has(k))}
              onChange={setColumns}
            />
            {importers.includes(me.role) ? (
              <ExportMenu params={params} total={total} totalCapped={capped} compact={isMobile} />
            ) : null}
          </Flex>
        </Flex>

        {isMobile ? null : (
          <div style={{ marginBottom: 4 }}>
            <FilterPanel
              state={state}
              onChange={change}
              refs={filterRefs}
              expanded={expanded}
              vertical={false}
            />
            <Flex justify="flex-end" style={{ marginTop: -8, marginBottom: 8 }}>
              <Button
                type="link"
                size="small"
                onClick={() => setExpanded((e) => !e)}
                icon={expanded ? <UpOutlined /> : <DownOutlined />}
                iconPlacement="end"
                data-testid="filters-expand"
              >
                {expanded ? t('customers.filters.collapse') : t('customers.filters.expand')}
                {!expanded && hiddenActive > 0 ? (
                  <Badge count={hiddenActive} size="small" style={{ marginInlineStart: 4 }} />
                ) : null}
              </Button>
            </Flex>
          </div>
        )}

        <FilterChips
          state={state}
          onChange={change}
          labels={{
            ownerName: (id) => ownerNames.get(id) ?? t('customers.list.someColleague'),
            departmentName: (id) => departments.data?.items.find((d) => d.id === id)?.name ?? '…',
            regionName: (code) => regionNames.get(code) ?? code,
            customFields: fieldDefs,
          }}
        />

        {summary && !list.isError && !badSearch ? (
          <Flex gap={8} wrap align="baseline" style={{ marginBottom: 8 }}>
            <Typography.Text strong data-testid="customer-total">
              {summary}
            </Typography.Text>
            {q && sort === 'relevance' ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('customers.list.rankedHint')}
              </Typography.Text>
            ) : null}
            {q && !state.filters.status ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('customers.list.includesInvalid')}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : null}

        {badSearch ? (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={t('customers.list.empty.badSearch')}
            data-testid="customer-bad-search"
          />
        ) : list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<Customer>
              rowKey="id"
              size="middle"
              columns={tableColumns}
              dataSource={list.data?.items ?? []}
              loading={list.isPending || (list.isFetching && !q && list.isPlaceholderData)}
              pagination={false}
              onChange={onTableChange}
              onRow={(c) => ({ 'data-testid': `customer-row-${c.id}` }) as HTMLAttributes<HTMLElement>}
              rowSelection={
                managers.includes(me.role)
                  ? {
                      selectedRowKeys: transferPicks.map((c) => c.id),
                      preserveSelectedRowKeys: true,
                      onChange: (_keys, rows) =>
                        setTransferPicks(rows.filter(Boolean).map(({ id, name }) => ({ id, name }))),
                    }
                  : undefined
              }
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: emptyState }}
              style={{ opacity: list.isPlaceholderData ? 0.65 : 1, transition: 'opacity 0.2s' }}
              data-testid="customer-table"
            />
            <KeysetPager
              keyset={keyset}
              total={undefined}
              nextCursor={list.data?.nextCursor}
              loading={list.isFetching}
              testId="customer-pager"
            />
          </>
        )}
      </Card>

      <Drawer
        open={drawerOpen && isMobile}
        onClose={() => setDrawerOpen(false)}
        title={t('customers.filters.drawerTitle')}
        placement="right"
        size="88%"
        footer={
          <Flex justify="space-between" gap={8}>
            <Button onClick={() => change(withoutFilters(state))} disabled={filterCount === 0}>
              {t('customers.filters.clear')}
            </Button>
            <Button type="primary" onClick={() => setDrawerOpen(false)} data-testid="filters-done">
              {t('customers.filters.done')}
              {total !== undefined ? ` (${capped ? `${total}+` : total})` : ''}
            </Button>
          </Flex>
        }
      >
        <FilterPanel state={state} onChange={change} refs={filterRefs} expanded vertical />
      </Drawer>
    </>
  );
}
