import { useQuery } from '@tanstack/react-query';
import { Tag, Tooltip } from 'antd';
import { gradingApi, gradingKeys } from '../../api/grading';
import { gradeColors, useGradingLabels } from './labels';

/**
 * The customer's grade with its score, for the customer page header. Shares the 评分 tab's query,
 * so an override made there updates the badge too. Nothing until the customer has been graded.
 */
export function GradeBadge({ customerId, onClick }: { customerId: string; onClick?: () => void }) {
  const labels = useGradingLabels();
  const { t } = labels;
  const score = useQuery({
    queryKey: gradingKeys.score(customerId),
    queryFn: () => gradingApi.score(customerId),
  });
  const s = score.data?.score;
  const grade = score.data?.current.grade;
  if (!s || !grade) return null;
  return (
    <Tooltip
      title={t('grading.score.badgeTitle', {
        score: s.total,
        version: s.ruleVersion,
        asOf: s.asOf,
      })}
    >
      <Tag
        color={gradeColors[grade]}
        onClick={onClick}
        style={onClick ? { cursor: 'pointer' } : undefined}
        data-testid="grade-badge"
      >
        {/* The grade itself is the tag beside it; this adds the score behind it. */}
        {t('grading.score.badge', { score: s.total })}
      </Tag>
    </Tooltip>
  );
}
