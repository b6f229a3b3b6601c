import { type QueryClient, useQuery } from '@tanstack/react-query';
import type { MeResponse } from '@weixi/shared';
import { ApiError, isApiError, setCsrfRefresher, setCsrfToken } from '../api/client';
import { authApi, keys } from '../api/endpoints';

/** Why the user last lost their session, so the sign-in page can say so once. */
let endReason: 'expired' | 'signed_out' | null = null;

export function sessionEndReason() {
  return endReason;
}

export function setSessionEndReason(reason: 'expired' | 'signed_out' | null) {
  endReason = reason;
}

/** The signed-in user, or null when nobody is. A 401 is an answer here, not an error. */
async function fetchMe(signal?: AbortSignal): Promise<MeResponse | null> {
  try {
    const me = await authApi.me(signal);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      // The server tells a cookie that outlived its session apart from no cookie at all.
      if (err.code === 'session_expired') setSessionEndReason('expired');
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
    retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
  });
}

export function installSessionHandling(queryClient: QueryClient) {
  setCsrfRefresher(async () => {
    const me = await fetchMe();
    queryClient.setQueryData(keys.me, me);
    return me?.csrfToken ?? null;
  });
}

const notMe = (q: { queryKey: readonly unknown[] }) => !(q.queryKey.length === 1 && q.queryKey[0] === 'me');

/** Any request answering 401 means the session is gone: forget the user and every cached answer. */
export function onSessionLost(queryClient: QueryClient, err: unknown) {
  if (!isApiError(err) || !err.isUnauthenticated) return;
  if (queryClient.getQueryData(keys.me) === null) return;
  setSessionEndReason('expired');
  setCsrfToken(null);
  queryClient.setQueryData(keys.me, null);
  queryClient.removeQueries({ predicate: notMe });
}

export function signedIn(queryClient: QueryClient, me: MeResponse) {
  setSessionEndReason(null);
  setCsrfToken(me.csrfToken);
  queryClient.setQueryData(keys.me, me);
}

export function signedOut(queryClient: QueryClient) {
  setSessionEndReason('signed_out');
  setCsrfToken(null);
  queryClient.setQueryData(keys.me, null);
  queryClient.removeQueries({ predicate: notMe });
}
