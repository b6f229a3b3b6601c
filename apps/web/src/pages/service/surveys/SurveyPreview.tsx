import { Button, Card, Checkbox, Flex, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestion } from '../../../api/surveys';

const scale = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * The survey as the customer's phone shows it (the public page is server-rendered; this mirrors
 * its order and wording). Interactive so the author can try it, but nothing is sent.
 */
export function SurveyPreview({
  title,
  intro,
  questions,
}: {
  title: string;
  intro: string;
  questions: readonly SurveyQuestion[];
}) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('serviceAdmin.surveys.builder.preview')}
      styles={{ body: { background: '#f5f5f5', padding: 12 } }}
      data-testid="survey-preview"
    >
      <div style={{ maxWidth: 420, margin: '0 auto', background: '#fff', borderRadius: 12, padding: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title.trim() || t('serviceAdmin.surveys.preview.untitled')}
        </Typography.Title>
        {intro.trim() ? (
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {intro}
          </Typography.Paragraph>
        ) : null}
        <Flex vertical gap={20}>
          {questions.map((q, i) => (
            <div key={q.id} data-testid={`preview-${q.id}`}>
              <Typography.Text strong>
                {i + 1}. {q.label.trim() || t('serviceAdmin.surveys.preview.unlabeled')}
                {q.required ? (
                  <Typography.Text type="danger" aria-label={t('serviceAdmin.surveys.preview.required')}>
                    {' '}
                    *
                  </Typography.Text>
                ) : null}
              </Typography.Text>
              <div style={{ marginTop: 8 }}>
                <QuestionInput q={q} />
              </div>
            </div>
          ))}
        </Flex>
        <Button type="primary" block style={{ marginTop: 24 }} disabled>
          {t('serviceAdmin.surveys.preview.submit')}
        </Button>
        <Typography.Paragraph
          type="secondary"
          style={{ fontSize: 12, textAlign: 'center', margin: '8px 0 0' }}
        >
          {t('serviceAdmin.surveys.builder.previewNote')}
        </Typography.Paragraph>
      </div>
    </Card>
  );
}

function QuestionInput({ q }: { q: SurveyQuestion }) {
  const { t } = useTranslation();
  switch (q.type) {
    case 'csat':
    case 'nps': {
      const values = q.type === 'csat' ? scale(1, 5) : scale(0, 10);
      return (
        <Flex vertical gap={4}>
          <Radio.Group
            optionType="button"
            size="small"
            options={values.map((v) => ({ value: v, label: String(v) }))}
          />
          <Flex justify="space-between">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {q.type === 'csat'
                ? t('serviceAdmin.surveys.preview.csatLow')
                : t('serviceAdmin.surveys.preview.npsLow')}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {q.type === 'csat'
                ? t('serviceAdmin.surveys.preview.csatHigh')
                : t('serviceAdmin.surveys.preview.npsHigh')}
            </Typography.Text>
          </Flex>
        </Flex>
      );
    }
    case 'single_choice':
      return (
        <Radio.Group>
          <Flex vertical gap={4}>
            {(q.options ?? []).map((o, j) => (
              <Radio key={j} value={o}>
                {o || '—'}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      );
    case 'multi_choice':
      return (
        <Checkbox.Group>
          <Flex vertical gap={4}>
            {(q.options ?? []).map((o, j) => (
              <Checkbox key={j} value={o}>
                {o || '—'}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      );
    case 'free_text':
      return <Input.TextArea rows={3} placeholder={t('serviceAdmin.surveys.preview.textPlaceholder')} />;
  }
}
