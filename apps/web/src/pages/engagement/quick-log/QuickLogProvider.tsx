import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';
import type { Interaction } from '../../../api/engagement';
import type { QuickLogTarget } from './QuickLogModal';

// Loaded on first use: the header's button is on every page, the form's pickers are not needed there.
const QuickLogModal = lazy(() => import('./QuickLogModal').then((m) => ({ default: m.QuickLogModal })));

type OpenTarget = QuickLogTarget & { onLogged?: (i: Interaction) => void };

interface QuickLogContextValue {
  open(target?: OpenTarget): void;
}

const QuickLogContext = createContext<QuickLogContextValue | null>(null);

/**
 * One quick-log dialog for the whole signed-in app: the header's 记一笔, the customer page and the
 * follow-up rows all open the same one, so it behaves the same everywhere.
 */
export function QuickLogProvider({ children }: { children: ReactNode }) {
  const [target, setTarget] = useState<OpenTarget | null>(null);
  const [used, setUsed] = useState(false);
  const open = useCallback<QuickLogContextValue['open']>((t) => {
    setUsed(true);
    setTarget(t ?? {});
  }, []);
  const value = useMemo(() => ({ open }), [open]);
  return (
    <QuickLogContext.Provider value={value}>
      {children}
      {used ? (
        <Suspense fallback={null}>
          <QuickLogModal target={target} onClose={() => setTarget(null)} onLogged={target?.onLogged} />
        </Suspense>
      ) : null}
    </QuickLogContext.Provider>
  );
}

export function useQuickLog(): QuickLogContextValue {
  const ctx = useContext(QuickLogContext);
  if (!ctx) throw new Error('useQuickLog outside QuickLogProvider');
  return ctx;
}
