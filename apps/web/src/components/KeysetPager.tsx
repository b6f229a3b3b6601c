import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface Keyset {
  cursor: string | undefined;
  page: number;
  limit: number;
  hasPrev: boolean;
  next(nextCursor: string | null): void;
  prev(): void;
  setLimit(limit: number): void;
  reset(): void;
}

/**
 * Keyset pages have no page numbers to jump to: going back means remembering the cursors that led
 * here, so this keeps them as a stack. Changing filters or page size starts again from the top.
 */
export function useKeyset(initialLimit = 20): Keyset {
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const [limit, setLimitState] = useState(initialLimit);
  const reset = useCallback(() => setStack([undefined]), []);
  return {
    cursor: stack.at(-1),
    page: stack.length,
    limit,
    hasPrev: stack.length > 1,
    next: (nextCursor) => {
      if (nextCursor) setStack((s) => [...s, nextCursor]);
    },
    prev: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    setLimit: (l) => {
      setLimitState(l);
      setStack([undefined]);
    },
    reset,
  };
}

export function KeysetPager({
  keyset,
  total,
  nextCursor,
  loading,
  testId,
}: {
  keyset: Keyset;
  total: number | undefined;
  nextCursor: string | null | undefined;
  loading?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 16 }} data-testid={testId}>
      <Typography.Text type="secondary" data-testid={testId ? `${testId}-total` : undefined}>
        {total === undefined ? '' : t('common.total', { count: total })}
      </Typography.Text>
      <Flex align="center" gap={8}>
        <Button icon={<LeftOutlined />} disabled={!keyset.hasPrev || loading} onClick={keyset.prev}>
          {t('common.prev')}
        </Button>
        <Typography.Text>{t('common.page', { page: keyset.page })}</Typography.Text>
        <Button disabled={!nextCursor || loading} onClick={() => keyset.next(nextCursor ?? null)}>
          {t('common.next')}
          <RightOutlined />
        </Button>
        <Select
          value={keyset.limit}
          onChange={keyset.setLimit}
          style={{ width: 110 }}
          options={[10, 20, 50, 100].map((size) => ({ value: size, label: t('common.pageSize', { size }) }))}
        />
      </Flex>
    </Flex>
  );
}
