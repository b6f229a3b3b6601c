import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { customerKeys, customersApi, savedViewsApi } from '../../../api/customers';
import type { Keyset } from '../../../components/KeysetPager';
import { type ListState, parseListState, toSearchParams } from './list-state';

/**
 * The list's filters, sort and applied view, kept in the URL: bookmarks and shared links open the
 * same list, and Back undoes a filter change. `replace` is for changes that should not each become a
 * history entry (the keystrokes of a search).
 */
export function useCustomerListState() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseListState(params), [params]);
  const setState = useCallback(
    (next: ListState, opts: { replace?: boolean } = {}) => {
      const target = toSearchParams(next);
      // Re-choosing what is already chosen must not add a history entry that Back would stop at.
      if (target.toString() === params.toString()) return;
      setParams(target, { replace: opts.replace ?? false });
    },
    [params, setParams],
  );
  return { state, setState };
}

function readNumber(storageKey: string, allowed: readonly number[], fallback: number): number {
  try {
    const n = Number(localStorage.getItem(storageKey));
    return allowed.includes(n) ? n : fallback;
  } catch {
    return fallback;
  }
}

function write(storageKey: string, value: string): void {
  try {
    localStorage.setItem(storageKey, value);
  } catch {
    // Not remembered, still applied.
  }
}

const pageSizes = [10, 20, 50, 100] as const;

/**
 * Keyset paging whose cursors belong to one query. A cursor encodes the sort key of the last row,
 * so a cursor from another sort or filter would be refused (or skip rows): when `queryKey` changes
 * — by a filter, the search box, or Back — the list starts again at its first page, in the same
 * render, without a request carrying the stale cursor.
 */
export function useQueryKeyset(queryKey: string, storageKey: string): Keyset {
  const [limit, setLimitState] = useState(() => readNumber(storageKey, pageSizes, 20));
  const [paging, setPaging] = useState<{ key: string; stack: (string | undefined)[] }>({
    key: queryKey,
    stack: [undefined],
  });
  const stack = paging.key === queryKey ? paging.stack : [undefined];
  return {
    cursor: stack.at(-1),
    page: stack.length,
    limit,
    hasPrev: stack.length > 1,
    next: (nextCursor) => {
      if (nextCursor) setPaging({ key: queryKey, stack: [...stack, nextCursor] });
    },
    prev: () => setPaging({ key: queryKey, stack: stack.length > 1 ? stack.slice(0, -1) : stack }),
    setLimit: (l) => {
      setLimitState(l);
      write(storageKey, String(l));
      setPaging({ key: queryKey, stack: [undefined] });
    },
    reset: () => setPaging({ key: queryKey, stack: [undefined] }),
  };
}

function readColumns(storageKey: string): string[] | null {
  try {
    const raw = localStorage.getItem(storageKey);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed)) {
      const keys = parsed.filter((k): k is string => typeof k === 'string');
      if (keys.length > 0) return keys;
    }
  } catch {
    // A corrupt entry means the defaults.
  }
  return null;
}

/**
 * The chosen columns, remembered per browser. Unlike the shared useVisibleColumns, unknown keys are
 * kept: custom-field columns are known only once their definitions have loaded, and must not be
 * forgotten because the first render came before that.
 */
export function useColumnChoice(storageKey: string, defaults: readonly string[]) {
  const [columns, setColumnsState] = useState<string[]>(() => readColumns(storageKey) ?? [...defaults]);
  const setColumns = useCallback(
    (next: readonly string[]) => {
      setColumnsState([...next]);
      write(storageKey, JSON.stringify(next));
    },
    [storageKey],
  );
  return [columns, setColumns] as const;
}

// ---- reference data the list's filters and columns need; all small and slow to change ----

export function useCustomerSettings() {
  return useQuery({
    queryKey: customerKeys.settings,
    queryFn: ({ signal }) => customersApi.settings(signal),
    staleTime: 5 * 60_000,
  });
}

export function useCustomFieldDefinitions() {
  return useQuery({
    queryKey: customerKeys.customFields('customer'),
    queryFn: ({ signal }) => customersApi.customFields('customer', signal),
    staleTime: 5 * 60_000,
  });
}

export function useRegions(enabled = true) {
  return useQuery({
    queryKey: customerKeys.regions,
    enabled,
    queryFn: ({ signal }) => customersApi.regions(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSavedViews() {
  return useQuery({ queryKey: customerKeys.views, queryFn: ({ signal }) => savedViewsApi.list(signal) });
}
