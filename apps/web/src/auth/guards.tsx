import type { MeResponse, Role } from '@weixi/shared';
import { Flex, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorResult, ForbiddenResult } from '../components/Results';
import { CurrentUserContext } from './current-user';
import { sessionEndReason, useMe } from './session';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Everything but the sign-in page needs a user; send others to sign in and back here afterwards. */
export function RequireAuth({ children }: { children: (me: MeResponse) => ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <ErrorResult error={me.error} onRetry={() => void me.refetch()} fullPage />;
  if (!me.data) {
    const here = `${location.pathname}${location.search}`;
    // After an explicit sign-out the next person should start afresh, not on the last user's page.
    const to =
      here === '/' || sessionEndReason() === 'signed_out'
        ? '/login'
        : `/login?redirect=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace state={{ reason: sessionEndReason() }} />;
  }
  return <CurrentUserContext.Provider value={me.data}>{children(me.data)}</CurrentUserContext.Provider>;
}

/** The server refuses these calls anyway; the page says so plainly instead of failing piecemeal. */
export function RequireRole({
  me,
  roles,
  children,
}: {
  me: MeResponse;
  roles: readonly Role[];
  children: ReactNode;
}) {
  return roles.includes(me.role) ? children : <ForbiddenResult />;
}
