import { Button, Flex, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client';
import { describeError } from '../lib/errors';

function HomeButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function ForbiddenResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbiddenBody')}
      extra={<HomeButton />}
      data-testid="result-403"
    />
  );
}

export function NotFoundResult() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('errors.notFoundTitle')}
      subTitle={t('errors.notFoundBody')}
      extra={<HomeButton />}
      data-testid="result-404"
    />
  );
}

/** A failed load: 403 and 404 get their own pages, everything else a retry. */
export function ErrorResult({
  error,
  onRetry,
  fullPage,
}: {
  error: unknown;
  onRetry?: () => void;
  fullPage?: boolean;
}) {
  const { t } = useTranslation();
  if (isApiError(error) && error.status === 403) return <ForbiddenResult />;
  if (isApiError(error) && error.status === 404) return <NotFoundResult />;
  const { title, detail } = describeError(t, error);
  const result = (
    <Result
      status={isApiError(error) && error.status > 0 && error.status < 500 ? 'warning' : '500'}
      title={t('errors.loadFailed')}
      subTitle={detail ? `${title} ${detail}` : title}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      data-testid="result-error"
    />
  );
  return fullPage ? (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      {result}
    </Flex>
  ) : (
    result
  );
}

function CrashResult({ onReset }: { onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="500"
      title={t('errors.crashTitle')}
      subTitle={t('errors.crashBody')}
      extra={
        <Button type="primary" onClick={onReset}>
          {t('common.reload')}
        </Button>
      }
      data-testid="result-500"
    />
  );
}

/** A render error in one page shows the 500 page inside the layout instead of a blank screen. */
export class ErrorBoundary extends Component<
  { children: ReactNode; resetKey?: string },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }) {
    // Navigating elsewhere gives the next page a fresh start.
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) return <CrashResult onReset={() => window.location.reload()} />;
    return this.props.children;
  }
}
