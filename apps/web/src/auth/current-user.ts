import type { MeResponse } from '@weixi/shared';
import { createContext, useContext } from 'react';

/**
 * The signed-in user for the guarded part of the app. Provided by RequireAuth rather than read from
 * the query cache, so pages never see the moment between "session lost" and the redirect.
 */
export const CurrentUserContext = createContext<MeResponse | null>(null);

export function useCurrentUser(): MeResponse {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside RequireAuth');
  return me;
}
