import { customerGrades } from '@weixi/shared';
import { Alert, Flex, Table, Typography } from 'antd';
import type { GradingPreview } from '../../../api/grading';
import { useGradingLabels } from '../labels';

type From = (typeof customerGrades)[number] | null;
interface MatrixRow {
  from: From;
  cells: Record<string, number>;
  total: number;
}

/**
 * The from→to matrix of a preview: rows are the grades in force now (and "not graded"), columns
 * the grades under the draft; off-diagonal cells are the customers who would move.
 */
export function PreviewPanel({ preview }: { preview: GradingPreview }) {
  const labels = useGradingLabels();
  const { t } = labels;
  const froms: From[] = [...customerGrades, null].filter(
    (g) => g !== null || preview.gradeMatrix.some((c) => c.from === null),
  );
  const rows: MatrixRow[] = froms.map((from) => {
    const cells: Record<string, number> = {};
    for (const c of preview.gradeMatrix)
      if (c.from === from && c.to) cells[c.to] = (cells[c.to] ?? 0) + c.count;
    return { from, cells, total: Object.values(cells).reduce((a, b) => a + b, 0) };
  });
  const columns = [
    {
      key: 'from',
      title: t('grading.rules.previewFrom'),
      render: (_: unknown, r: MatrixRow) => <Typography.Text strong>{labels.grade(r.from)}</Typography.Text>,
    },
    ...customerGrades.map((to) => ({
      key: to,
      title: labels.grade(to),
      align: 'right' as const,
      render: (_: unknown, r: MatrixRow) => {
        const n = r.cells[to] ?? 0;
        const moved = r.from !== to && n > 0;
        return (
          <Typography.Text
            strong={moved}
            type={n === 0 ? 'secondary' : moved ? 'warning' : undefined}
            data-testid={`preview-cell-${r.from ?? 'none'}-${to}`}
          >
            {n.toLocaleString()}
          </Typography.Text>
        );
      },
    })),
  ];
  return (
    <Flex vertical gap={8} data-testid="preview-panel">
      <Typography.Text strong>{t('grading.rules.previewTitle')}</Typography.Text>
      <Typography.Text type="secondary">
        {t('grading.rules.previewTotal', { count: preview.total })} · {t('grading.rules.previewHint')}
      </Typography.Text>
      <Alert
        type={preview.changed.grade > 0 ? 'warning' : 'info'}
        showIcon
        data-testid="preview-summary"
        title={
          preview.changed.grade > 0 || preview.changed.category > 0 || preview.changed.valueTier > 0
            ? t('grading.rules.previewChanged', preview.changed)
            : t('grading.rules.previewNone')
        }
      />
      <Table<MatrixRow>
        size="small"
        rowKey={(r) => r.from ?? 'none'}
        columns={columns}
        dataSource={rows.filter((r) => r.total > 0 || r.from !== null)}
        pagination={false}
        data-testid="preview-matrix"
      />
    </Flex>
  );
}
